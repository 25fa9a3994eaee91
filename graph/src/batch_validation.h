#pragma once

// Validation of a write batch (ChainGraph::Apply's first half): ids, countries, coordinates,
// shares, link confidences and token roles; that link ends, contract sites and organisations
// exist in the index or the batch; that deleted sites are no longer referenced.

#include <cstddef>
#include <vector>

#include "chain_index.h"
#include "isvgraph/base/status.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::graph {

// Ok when the batch may be written. InvalidArgument listing the problems (the first
// `max_problems`, also in *problems_out when given); FailedPrecondition, naming them, when the
// only problem is deleted sites still used by links or contracts.
Status ValidateBatch(const WriteBatch& batch, const ChainIndex& index, size_t max_problems,
                     std::vector<WriteProblem>* problems_out);

}  // namespace isvgraph::graph
