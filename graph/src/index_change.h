#pragma once

// What one write changed in the index, as kept in a shared store beside the write's journal
// entry (WriteBatch::SetIndexChange): the keys of the records to read again, not the records.
// A server that follows the store gathers the changes of the entries it has not applied, reads
// those records as the store holds them now, and patches its index like its own small writes do
// (ChainGraph::CatchUp). Writes too large to list (imports) or that delete sites say so, and the
// follower rebuilds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chain_index.h"
#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::graph {

struct IndexChange {
  enum class Kind : uint8_t {
    kNone = 0,     // nothing the index holds (tokens, audits, proposals only)
    kPatch = 1,    // the keys below
    kRebuild = 2,  // too large to list, or sites deleted: read everything again
  };
  Kind kind = Kind::kNone;
  bool tokens = false;             // access tokens written: caches of them are stale
  std::vector<std::string> sites;  // ids put
  std::vector<SupplyLink> links;   // key fields of links put or deleted
  int64_t link_records_added = 0;  // puts of new link keys minus deletes of existing ones
  std::vector<std::pair<std::string, std::string>> contracts;  // (organisation, id) put/deleted
  std::vector<std::string> organisations;                      // ids put

  bool operator==(const IndexChange&) const = default;
};

// The change of a batch about to be written. `delta` is its collected delta when the writer
// patches its own index (CollectDelta), nullptr when it rebuilds.
IndexChange DescribeIndexChange(const WriteBatch& batch, const IndexDelta* delta);

// The encoding kept in the store: codec::EncodeIndexChange, codec::DecodeIndexChange.

// The changes of consecutive journal entries, resolved against the store as it is now into
// one delta: records that exist are put, records that are gone are deleted. Answers nullopt
// when the changes cannot be patched (a kRebuild among them, more than `limit` keys, a record
// that should exist is gone); the store's error when reading fails.
Result<std::optional<IndexDelta>> ResolveIndexChanges(const std::vector<IndexChange>& changes,
                                                      const ChainStore& store, size_t limit);

}  // namespace isvgraph::graph
