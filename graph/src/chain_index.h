#pragma once

// The in-memory index behind ChainGraph: dense site numbers in id order, per-site scores, and
// the upstream adjacency (customer → suppliers) in compressed sparse rows. Immutable once
// built; ChainGraph swaps whole snapshots.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::graph {

inline constexpr uint32_t kNoSite = std::numeric_limits<uint32_t>::max();

struct ChainIndex {
  std::vector<std::string> site_ids;       // sorted byte-wise; the site number is the position
  std::vector<SiteScore> scores;           // by site number
  std::vector<uint32_t> offsets;           // size sites + 1
  std::vector<uint32_t> suppliers;         // upstream neighbours, by customer
  std::vector<uint16_t> edge_org;          // organisation number of each edge; 0 = public
  std::vector<std::string> organisations;  // number → id; [0] = kPublicOrganisation; sorted after
  struct ContractEntry {
    std::string id;
    uint16_t organisation = 0;
    uint32_t tier1 = kNoSite;
    int64_t value_eur = 0;
  };
  std::vector<ContractEntry> contracts;  // sorted by id
  IndexStats stats;

  uint32_t FindSite(std::string_view id) const;
  // 0 for public, kNoOrganisation when unknown.
  static constexpr uint16_t kNoOrganisation = std::numeric_limits<uint16_t>::max();
  uint16_t FindOrganisation(std::string_view id) const;
  const ContractEntry* FindContract(std::string_view id) const;
};

// Builds an index from the store, scoring every site with the model.
Result<std::shared_ptr<const ChainIndex>> BuildIndex(const ChainStore& store,
                                                     const SiteRiskModel& model);

}  // namespace isvgraph::graph
