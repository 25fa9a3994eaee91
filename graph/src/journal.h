#pragma once

// The journal entry of a write (ChainGraph::Apply): who, when, and what it did to each site.

#include "isvgraph/graph/chain_store.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::graph {

// The entry for `batch` by its author, without seq and time. With `itemise`, each site put is
// compared with the store (created, or changed with its fields; unchanged sites are left out)
// and deleted sites are listed; without, `sites` stays empty and the store records every site
// of the batch as written or deleted (ForEachBulkSiteChange): bulk loads read nothing back.
Result<JournalEntry> DescribeWrite(const WriteBatch& batch, const ChainStore& store, bool itemise);

}  // namespace isvgraph::graph
