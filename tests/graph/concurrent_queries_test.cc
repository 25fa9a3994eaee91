// Queries on many threads while writes patch and rebuild the index: every answer is one the
// graph gave before or after a write, never half of one (the snapshot swap of ChainGraph).
// Run under ThreadSanitizer by `make tsan`.

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::graph {
namespace {

std::shared_ptr<const SiteRiskModel> Model() {
  return RiskTable::FromRows({{"IN", "quarry", "child_labour", 900}}, "test-table").value();
}

TEST(ConcurrentQueries, ReadersSeeWholeWritesWhileTheIndexIsPatchedAndRebuilt) {
  auto graph = ChainGraph::Open(NewMemoryStore(), Model(), {.flag_milli = 600}).value();
  WriteBatch seed;
  seed.PutOrganisation({.id = "o1"});
  seed.PutSite({.id = "T1", .name = "Contractor", .country = "NL"});
  seed.PutContract({.id = "K", .organisation = "o1", .tier1_site_id = "T1"});
  ASSERT_TRUE(graph->Apply(std::move(seed)).ok());

  std::atomic<bool> done{false};
  std::atomic<int> torn{0}, answers{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto e = graph->Exposure({.organisation = "o1"}, "K", {.all_sites = true});
        if (!e) continue;
        // Each write adds one quarry and its link together: the reach is the contractor plus
        // quarries, and every quarry in it is flagged.
        if (e->flagged != e->reachable - 1) ++torn;
        for (const JointAuditCandidate& c : graph->JointAuditCandidates({.all = true})) {
          if (c.organisations < 1) ++torn;
        }
        ++answers;
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    WriteBatch batch;
    const std::string id = "Q" + std::to_string(i);
    batch.PutSite(
        {.id = id, .name = "Quarry " + std::to_string(i), .country = "IN", .sector = "quarry"});
    batch.PutLink({.organisation = "o1", .supplier_id = id, .customer_id = "T1", .product = "x"});
    ASSERT_TRUE(graph->Apply(std::move(batch)).ok());
    if (i % 50 == 49) {  // a large write: the index is rebuilt and swapped whole
      WriteBatch large;
      for (int j = 0; j < static_cast<int>(ChainGraph::kPatchLimit) + 1; ++j) {
        large.PutSite({.id = "X" + std::to_string(i) + "-" + std::to_string(j), .country = "NL"});
      }
      ASSERT_TRUE(graph->Apply(std::move(large)).ok());
    }
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(torn, 0);
  EXPECT_GT(answers, 0);
  auto last = graph->Exposure({.organisation = "o1"}, "K");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->reachable, 201);
}

}  // namespace
}  // namespace isvgraph::graph
