#pragma once

// The in-memory index behind ChainGraph: dense site numbers, per-site scores, and the upstream
// adjacency (customer → suppliers) in compressed sparse rows. Immutable once built; ChainGraph
// swaps whole snapshots.
//
// A snapshot is a base (the CSR built from the store: sites numbered in id order) plus a small
// overlay that small writes add to without touching the base (shared between snapshots):
// sites added after the base get the next numbers, and customers whose suppliers changed get
// their whole new supplier list in `patched`. When the overlay grows past a fraction of the base,
// ChainGraph rebuilds from the store instead (BuildIndex).

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::graph {

inline constexpr uint32_t kNoSite = std::numeric_limits<uint32_t>::max();

// An edge packed as supplier << 16 | organisation number: sorting packs sorts by supplier.
using PackedEdge = uint64_t;
inline uint32_t EdgeSupplier(PackedEdge e) { return static_cast<uint32_t>(e >> 16); }
inline uint16_t EdgeOrganisation(PackedEdge e) { return static_cast<uint16_t>(e & 0xffff); }
inline PackedEdge PackEdge(uint32_t supplier, uint16_t org) {
  return (static_cast<uint64_t>(supplier) << 16) | org;
}

// The part rebuilt from the store only.
struct CsrBase {
  std::vector<std::string> site_ids;  // sorted byte-wise; the site number is the position
  std::vector<uint32_t> offsets;      // size sites + 1
  std::vector<uint32_t> suppliers;    // upstream neighbours, by customer
  std::vector<uint16_t> edge_org;     // organisation number of each edge; 0 = public
};

struct ChainIndex {
  static constexpr uint16_t kNoOrganisation = std::numeric_limits<uint16_t>::max();

  std::shared_ptr<const CsrBase> base;
  std::vector<SiteScore> scores;       // by site number, base sites then added ones
  std::vector<std::string> added_ids;  // site number base size + i
  std::vector<uint32_t> added_by_id;   // added site numbers, sorted by id
  // Customers whose supplier list differs from the base: their whole list, sorted.
  std::unordered_map<uint32_t, std::vector<PackedEdge>> patched;
  std::vector<uint64_t> patched_bits;  // bit per site number: has an entry in `patched`

  // Organisation numbers are stable for the life of a base: [0] = kPublicOrganisation, new ones
  // are appended. `org_by_id` is sorted by id for lookups.
  std::vector<std::string> organisations;
  std::vector<std::pair<std::string, uint16_t>> org_by_id;
  std::vector<std::vector<std::string>> org_groups;  // audit groups by organisation number

  struct ContractEntry {
    std::string id;
    uint16_t organisation = 0;
    uint32_t tier1 = kNoSite;
    int64_t value_eur = 0;
  };
  std::vector<ContractEntry> contracts;  // sorted by (id, organisation number)
  IndexStats stats;

  size_t site_count() const { return scores.size(); }
  size_t base_count() const { return base->site_ids.size(); }
  const std::string& site_id(uint32_t number) const {
    return number < base_count() ? base->site_ids[number] : added_ids[number - base_count()];
  }
  // True when site numbers are in id order (no sites added since the base).
  bool numbers_in_id_order() const { return added_ids.empty(); }
  bool is_patched(uint32_t site) const {
    return !patched.empty() && (patched_bits[site >> 6] >> (site & 63) & 1) != 0;
  }

  // Calls visit(supplier, organisation number) for each edge of a customer, from its patch or
  // from the base. (Traversals inline their own loop; this is for everything else.)
  template <typename Visit>
  void ForEachEdge(uint32_t customer, const Visit& visit) const {
    if (is_patched(customer)) {
      for (PackedEdge e : patched.at(customer)) visit(EdgeSupplier(e), EdgeOrganisation(e));
    } else if (customer < base_count()) {
      for (uint32_t e = base->offsets[customer]; e < base->offsets[customer + 1]; ++e) {
        visit(base->suppliers[e], base->edge_org[e]);
      }
    }
  }
  size_t EdgeCount(uint32_t customer) const {
    if (is_patched(customer)) return patched.at(customer).size();
    return customer < base_count() ? base->offsets[customer + 1] - base->offsets[customer] : 0;
  }

  uint32_t FindSite(std::string_view id) const;
  // 0 for public, kNoOrganisation when unknown.
  uint16_t FindOrganisation(std::string_view id) const;
  // The contract `id` of organisation `org`; with `org` = kNoOrganisation, the first of any
  // organisation (benchmark ids are unique).
  const ContractEntry* FindContract(std::string_view id, uint16_t org) const;
};

// Builds an index from the store, scoring every site with the model.
Result<std::shared_ptr<const ChainIndex>> BuildIndex(const ChainStore& store,
                                                     const SiteRiskModel& model);

// What a small write changes in the index, collected from its batch before the batch is written.
struct IndexDelta {
  std::vector<Site> sites;  // put
  struct LinkEnds {
    std::string organisation, customer, supplier;
  };
  std::vector<LinkEnds> links_put;
  std::vector<LinkEnds> links_deleted;
  int64_t link_records_added = 0;  // puts of new keys minus deletes of existing ones
  std::vector<Contract> contracts_put;
  std::vector<std::pair<std::string, std::string>> contracts_deleted;  // (organisation, id)
  std::vector<Organisation> organisations;
};

// Collects the delta of `batch` (reading the store for whether link keys exist).
Result<IndexDelta> CollectDelta(const WriteBatch& batch, const ChainStore& store);

// A new snapshot: `old` with the delta applied, after the batch has been written to `store` (a
// deleted link's edge stays when another product of the same pair remains there). Requires: the
// batch deleted no sites.
Result<std::shared_ptr<const ChainIndex>> PatchIndex(const ChainIndex& old, const IndexDelta& delta,
                                                     const ChainStore& store,
                                                     const SiteRiskModel& model);

// True when the overlay is large enough that a rebuild from the store is due.
bool OverlayTooLarge(const ChainIndex& index);

}  // namespace isvgraph::graph
