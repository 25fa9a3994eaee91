// Small writes patch the index's overlay instead of rebuilding it. This test holds the patched
// index to the one a rebuild from the store gives: a random sequence of small writes (sites
// added and re-scored, links put and deleted — also one product of a repeated pair — contracts
// put, moved and deleted, organisations joining audit groups), then every answer is compared
// with a graph freshly opened on the same store.

#include <random>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "isvgraph/graph/chain_graph.h"
#include "support/temp_dir.h"

namespace isvgraph::graph {
namespace {

std::shared_ptr<const SiteRiskModel> Model() {
  std::vector<RiskTable::Row> rows;
  for (const char* country : {"IN", "CN"}) {
    rows.push_back({country, "risky", "child_labour", 900});
    rows.push_back({country, "medium", "forced_labour", 650});
  }
  return RiskTable::FromRows(rows, "test-table").value();
}

// Every answer the graph gives, as text: exposures of every contract for every viewer (with
// tiers, worst paths and the links followed, in order), candidates, and the index's counts.
std::string Answers(const ChainGraph& graph) {
  std::ostringstream out;
  const IndexStats stats = graph.stats();
  out << "sites " << stats.sites << " links " << stats.links << " edges " << stats.edges
      << " contracts " << stats.contracts << "\n";
  std::vector<Viewer> viewers = {{.all = true}};
  for (const char* org : {"o1", "o2", "o3"}) viewers.push_back({.organisation = org});
  for (const Viewer& viewer : viewers) {
    out << "viewer " << (viewer.all ? "all" : viewer.organisation) << "\n";
    std::vector<std::string> ids;
    graph.ForEachExposure(viewer, [&](const ChainExposure& e) {
      ids.push_back(e.contract_id);
      out << e.contract_id << " reach " << e.reachable << " flagged " << e.flagged << ":";
      for (const ExposedSite& s : e.sites) out << " " << s.site_id << "@" << s.tier;
      out << "\n";
    });
    for (const std::string& id : ids) {
      auto e = graph.Exposure(viewer, id, {.all_sites = true, .explain = true, .links = true});
      EXPECT_TRUE(e) << e.error().ToString();
      if (!e) continue;
      for (const ExposedSite& s : e->sites) {
        out << " " << s.site_id << "@" << s.tier << "/" << s.score_milli << "[";
        for (std::string_view p : s.worst_path) out << p << ">";
        out << "]";
      }
      for (const auto& [supplier, customer] : e->links) out << " " << customer << "<" << supplier;
      out << "\n";
    }
    for (const JointAuditCandidate& c : graph.JointAuditCandidates(viewer)) {
      out << "candidate " << c.rank << " " << c.site_id << " orgs " << c.organisations << " value "
          << c.value_eur << " contracts " << c.contracts << "\n";
    }
  }
  return out.str();
}

TEST(IncrementalIndex, PatchedIndexAnswersLikeARebuild) {
  isvgraph::testing::TempDir dir;
  std::mt19937 random(20261128);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const std::vector<std::string> orgs = {"public", "o1", "o2", "o3"};
  const std::vector<std::string> sectors = {"risky", "medium", "plain"};
  std::vector<std::string> sites;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> links;
  std::set<std::pair<std::string, std::string>> contracts;

  auto open = [&]() {
    auto store = OpenRocksStore({.path = dir.Sub("db")});
    EXPECT_TRUE(store);
    auto graph = ChainGraph::Open(std::move(store).value(), Model(), {.max_tier = 5});
    EXPECT_TRUE(graph) << graph.error().ToString();
    return std::move(graph).value();
  };
  std::unique_ptr<ChainGraph> graph = open();
  {
    WriteBatch seed;
    for (int i = 1; i <= 3; ++i) {
      seed.PutOrganisation({.id = "o" + std::to_string(i), .name = "Org " + std::to_string(i)});
    }
    for (int i = 0; i < 20; ++i) {
      sites.push_back("S" + std::to_string(100 + i));
      seed.PutSite({.id = sites.back(), .country = "IN", .sector = sectors[pick(3)]});
    }
    ASSERT_TRUE(graph->Apply(std::move(seed)).ok());
  }

  int patched_writes = 0;
  for (int round = 0; round < 4; ++round) {
    for (int step = 0; step < 40; ++step) {
      WriteBatch batch;
      const int what = pick(8);
      if (what == 0) {  // a new site, or an existing one re-scored
        const bool fresh = pick(2) == 0;
        if (fresh) sites.push_back("S" + std::to_string(100 + sites.size()));
        const std::string& id = fresh ? sites.back() : sites[pick(sites.size())];
        batch.PutSite({.id = id, .country = pick(2) ? "IN" : "CN", .sector = sectors[pick(3)]});
      } else if (what <= 3) {  // a link, sometimes a second product of an existing pair
        auto link = std::make_tuple(orgs[pick(4)], sites[pick(sites.size())],
                                    sites[pick(sites.size())], std::string(pick(3) ? "a" : "b"));
        links.insert(link);
        batch.PutLink({.organisation = std::get<0>(link),
                       .supplier_id = std::get<1>(link),
                       .customer_id = std::get<2>(link),
                       .product = std::get<3>(link)});
      } else if (what == 4 && !links.empty()) {
        auto it = std::next(links.begin(), pick(links.size()));
        batch.DeleteLink({.organisation = std::get<0>(*it),
                          .supplier_id = std::get<1>(*it),
                          .customer_id = std::get<2>(*it),
                          .product = std::get<3>(*it)});
        links.erase(it);
      } else if (what == 5) {  // a contract put or moved to another tier-1 site
        const std::string org = orgs[1 + pick(3)];
        const std::string id = "K" + std::to_string(pick(8));
        contracts.insert({org, id});
        batch.PutContract({.id = id,
                           .organisation = org,
                           .tier1_site_id = sites[pick(sites.size())],
                           .value_eur = pick(1000)});
      } else if (what == 6 && !contracts.empty()) {
        auto it = std::next(contracts.begin(), pick(contracts.size()));
        batch.DeleteContract(it->first, it->second);
        contracts.erase(it);
      } else {  // audit groups change
        const std::string org = orgs[1 + pick(3)];
        std::vector<std::string> groups;
        if (pick(2)) groups.push_back("g");
        batch.PutOrganisation({.id = org, .name = org, .audit_groups = groups});
      }
      if (batch.size() == 0) continue;
      Status s = graph->Apply(std::move(batch));
      ASSERT_TRUE(s.ok()) << s.ToString();
      ++patched_writes;
    }
    const std::string patched = Answers(*graph);
    graph.reset();
    graph = open();  // a rebuild from the store
    const std::string rebuilt = Answers(*graph);
    ASSERT_EQ(patched, rebuilt) << "round " << round;
  }
  EXPECT_GT(patched_writes, 100);
}

}  // namespace
}  // namespace isvgraph::graph
