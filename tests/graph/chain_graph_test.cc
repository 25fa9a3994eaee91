// Chain analytics on hand-built chains: docs/benchmark.md semantics (minimum tiers, depth limit,
// cycles, self-loops, repeated pairs, dangling links), worst paths, organisation scoping,
// validation, and joint-audit ranking.

#include "isvgraph/graph/chain_graph.h"

#include <set>

#include <gtest/gtest.h>

namespace isvgraph::graph {
namespace {

// Scores by sector: "risky" 0.9, "medium" 0.65, anything else 0.1.
std::shared_ptr<const SiteRiskModel> Model() {
  std::vector<RiskTable::Row> rows;
  for (const char* country : {"NL", "IN", "CN"}) {
    rows.push_back({country, "risky", "child_labour", 900});
    rows.push_back({country, "medium", "forced_labour", 650});
    rows.push_back({country, "plain", "corruption", 100});
  }
  return RiskTable::FromRows(rows, "test-table").value();
}

Site MakeSite(const std::string& id, const std::string& sector, const std::string& country = "IN") {
  return Site{.id = id, .name = id, .country = country, .sector = sector};
}

SupplyLink Link(const std::string& supplier, const std::string& customer,
                const std::string& org = kPublicOrganisation, const std::string& product = "x") {
  return SupplyLink{.organisation = org,
                    .supplier_id = supplier,
                    .customer_id = customer,
                    .product = product,
                    .share = 0.5};
}

class ChainGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto graph = ChainGraph::Open(NewMemoryStore(), Model(), {.max_tier = 8, .flag_milli = 600});
    ASSERT_TRUE(graph) << graph.error().ToString();
    graph_ = std::move(graph).value();
  }

  // A chain T1 <- A <- B <- C (risky) plus a cycle C -> A? No: suppliers upstream:
  //   T1 buys from A; A buys from B and from A (self-loop); B buys from C; C buys from B (cycle);
  //   A also buys from B twice with other products (repeated pair); B buys from R (risky).
  void BuildChain() {
    WriteBatch batch;
    batch.PutOrganisation({.id = "org_a", .name = "A"});
    batch.PutOrganisation({.id = "org_b", .name = "B"});
    for (auto [id, sector] :
         {std::pair{"T1", "plain"}, std::pair{"A", "plain"}, std::pair{"B", "medium"},
          std::pair{"C", "plain"}, std::pair{"R", "risky"}}) {
      batch.PutSite(MakeSite(id, sector));
    }
    batch.PutLink(Link("A", "T1"));
    batch.PutLink(Link("A", "A"));
    batch.PutLink(Link("B", "A", kPublicOrganisation, "bolts"));
    batch.PutLink(Link("B", "A", kPublicOrganisation, "nuts"));
    batch.PutLink(Link("C", "B"));
    batch.PutLink(Link("B", "C"));
    batch.PutLink(Link("R", "B"));
    batch.PutContract(
        {.id = "K1", .organisation = "org_a", .tier1_site_id = "T1", .value_eur = 100});
    ASSERT_TRUE(graph_->Apply(batch).ok());
  }

  std::unique_ptr<ChainGraph> graph_;
};

TEST_F(ChainGraphTest, MinimumTiersThroughCyclesSelfLoopsAndRepeatedPairs) {
  BuildChain();
  auto exposure = graph_->Exposure({.organisation = "org_a"}, "K1", {.all_sites = true});
  ASSERT_TRUE(exposure) << exposure.error().ToString();
  EXPECT_EQ(exposure->reachable, 5);
  EXPECT_EQ(exposure->flagged, 2);  // B (0.65) and R (0.9)
  EXPECT_EQ(exposure->max_score_milli, 900);
  std::map<std::string, int> tiers;
  for (const ExposedSite& site : exposure->sites) tiers[std::string(site.site_id)] = site.tier;
  EXPECT_EQ(tiers, (std::map<std::string, int>{{"A", 2}, {"B", 3}, {"C", 4}, {"R", 4}, {"T1", 1}}));
  EXPECT_EQ(graph_->stats().edges, 6u);  // the repeated pair B->A is one edge
}

TEST_F(ChainGraphTest, LinksFollowedAreListedOncePerPairAndOnlyTheContractOrganisations) {
  BuildChain();
  WriteBatch batch;
  batch.PutSite(MakeSite("X", "risky"));
  batch.PutLink(Link("X", "T1", "org_b"));  // not org_a's
  ASSERT_TRUE(graph_->Apply(batch).ok());
  auto exposure = graph_->Exposure({.organisation = "org_a"}, "K1", {.links = true});
  ASSERT_TRUE(exposure) << exposure.error().ToString();
  std::set<std::pair<std::string, std::string>> links;
  for (const auto& [supplier, customer] : exposure->links) {
    EXPECT_TRUE(links.emplace(supplier, customer).second) << supplier << " -> " << customer;
  }
  EXPECT_EQ(links, (std::set<std::pair<std::string, std::string>>{
                       {"A", "T1"}, {"A", "A"}, {"B", "A"}, {"C", "B"}, {"B", "C"}, {"R", "B"}}));
  EXPECT_TRUE(graph_->Exposure({.organisation = "org_a"}, "K1")->links.empty());  // not asked
}

TEST_F(ChainGraphTest, DepthLimitBoundsTheReach) {
  auto graph = ChainGraph::Open(NewMemoryStore(), Model(), {.max_tier = 3}).value();
  WriteBatch batch;
  batch.PutOrganisation({.id = "o", .name = "O"});
  for (int i = 0; i < 50; ++i) {  // a 50-deep chain
    batch.PutSite(MakeSite("S" + std::to_string(100 + i), i == 49 ? "risky" : "plain"));
    if (i > 0) batch.PutLink(Link("S" + std::to_string(100 + i), "S" + std::to_string(99 + i)));
  }
  batch.PutContract({.id = "K", .organisation = "o", .tier1_site_id = "S100"});
  ASSERT_TRUE(graph->Apply(batch).ok());
  auto exposure = graph->Exposure({.organisation = "o"}, "K");
  ASSERT_TRUE(exposure);
  EXPECT_EQ(exposure->reachable, 3);
  EXPECT_EQ(exposure->flagged, 0);
}

TEST_F(ChainGraphTest, FlaggedSitesInIdOrderWithWorstPathAndExplanation) {
  BuildChain();
  auto exposure = graph_->Exposure({.organisation = "org_a"}, "K1", {.explain = true});
  ASSERT_TRUE(exposure);
  ASSERT_EQ(exposure->sites.size(), 2u);
  EXPECT_EQ(exposure->sites[0].site_id, "B");
  EXPECT_EQ(exposure->sites[1].site_id, "R");
  EXPECT_EQ(exposure->sites[1].worst_path, (std::vector<std::string_view>{"T1", "A", "B", "R"}));
  EXPECT_NE(exposure->sites[1].explanation.en.find("child_labour = 0.900"), std::string::npos)
      << exposure->sites[1].explanation.en;
}

TEST_F(ChainGraphTest, SitesComeInPagesWhileTheCountsStayWhole) {
  BuildChain();
  std::vector<std::string> seen;
  std::string after;
  int pages = 0;
  do {
    auto page = graph_->Exposure({.organisation = "org_a"}, "K1",
                                 {.all_sites = true, .explain = true, .after = after, .limit = 2});
    ASSERT_TRUE(page) << page.error().ToString();
    EXPECT_EQ(page->reachable, 5);
    EXPECT_EQ(page->flagged, 2);
    EXPECT_LE(page->sites.size(), 2u);
    for (const ExposedSite& site : page->sites) seen.emplace_back(site.site_id);
    after = page->next_after;
    ASSERT_LT(++pages, 10) << "the pages do not end";
  } while (!after.empty());
  EXPECT_EQ(pages, 3);  // 2 + 2 + 1
  EXPECT_EQ(seen, (std::vector<std::string>{"A", "B", "C", "R", "T1"}));
  // A page that ends exactly at the last site says so: no empty page after it.
  auto flagged = graph_->Exposure({.organisation = "org_a"}, "K1", {.limit = 2});
  ASSERT_TRUE(flagged);
  EXPECT_EQ(flagged->sites.size(), 2u);
  EXPECT_EQ(flagged->next_after, "");
}

TEST_F(ChainGraphTest, WorstPathPrefersTheRiskierRouteAtTheSameTier) {
  WriteBatch batch;
  batch.PutOrganisation({.id = "o", .name = "O"});
  for (auto [id, sector] : {std::pair{"T", "plain"}, std::pair{"P", "plain"},
                            std::pair{"Q", "medium"}, std::pair{"Z", "risky"}}) {
    batch.PutSite(MakeSite(id, sector));
  }
  batch.PutLink(Link("P", "T"));
  batch.PutLink(Link("Q", "T"));
  batch.PutLink(Link("Z", "P"));
  batch.PutLink(Link("Z", "Q"));
  batch.PutContract({.id = "K", .organisation = "o", .tier1_site_id = "T"});
  ASSERT_TRUE(graph_->Apply(batch).ok());
  auto exposure = graph_->Exposure({.organisation = "o"}, "K", {.explain = true});
  ASSERT_TRUE(exposure);
  const ExposedSite& z = exposure->sites.back();
  ASSERT_EQ(z.site_id, "Z");
  EXPECT_EQ(z.worst_path, (std::vector<std::string_view>{"T", "Q", "Z"}));
}

TEST_F(ChainGraphTest, PrivateLinksAndContractsStayWithTheirOrganisation) {
  BuildChain();
  WriteBatch batch;
  batch.PutSite(MakeSite("X", "risky"));
  batch.PutLink(Link("X", "T1", "org_b"));  // org_b's own disclosure
  batch.PutContract({.id = "K2", .organisation = "org_b", .tier1_site_id = "T1"});
  ASSERT_TRUE(graph_->Apply(batch).ok());

  auto a = graph_->Exposure({.organisation = "org_a"}, "K1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->reachable, 5);  // X is not in org_a's view
  auto b = graph_->Exposure({.organisation = "org_b"}, "K2");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->reachable, 6);
  // org_a cannot see org_b's contract, and cannot tell it exists.
  auto hidden = graph_->Exposure({.organisation = "org_a"}, "K2");
  auto absent = graph_->Exposure({.organisation = "org_a"}, "K404");
  EXPECT_EQ(hidden.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.error().message(), "no contract 'K2'");
  EXPECT_EQ(absent.error().message(), "no contract 'K404'");
  // An unknown viewer sees nothing.
  EXPECT_FALSE(graph_->Exposure({.organisation = "nobody"}, "K1"));
  int seen = 0;
  graph_->ForEachExposure({.organisation = "org_a"}, [&](const ChainExposure& e) {
    EXPECT_EQ(e.contract_id, "K1");
    ++seen;
  });
  EXPECT_EQ(seen, 1);
}

TEST_F(ChainGraphTest, BadBatchIsRejectedWholeAndWritesNothing) {
  BuildChain();
  WriteBatch batch;
  batch.PutSite(MakeSite("N", "plain"));
  batch.PutSite(Site{.id = "Bad", .country = "Netherlands"});
  batch.PutLink(Link("Ghost", "N"));
  batch.PutLink(Link("N", "T1", "org_zz"));
  batch.PutContract({.id = "K9", .organisation = "org_a", .tier1_site_id = "Nowhere"});
  std::vector<WriteProblem> problems;
  Status s = graph_->Apply(batch, &problems);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("site Bad: country 'Netherlands' is not an ISO 3166-1 alpha-2 code"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("link 1 (Ghost -> N): supplier_id 'Ghost' is not a site"),
            std::string::npos);
  EXPECT_NE(s.message().find("organisation 'org_zz' is not a known organisation"),
            std::string::npos);
  EXPECT_NE(s.message().find("contract K9: tier1_site_id 'Nowhere' is not a site"),
            std::string::npos);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].record, "site Bad");
  EXPECT_EQ(problems[0].field, "country");
  EXPECT_EQ(problems[3].field, "tier1_site_id");
  EXPECT_EQ(graph_->store().GetSite("N").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(graph_->stats().sites, 5u);
}

TEST_F(ChainGraphTest, DanglingLinksAreCountedNotFollowed) {
  // Written behind the graph's back (as an old or foreign store might hold them).
  auto store = NewMemoryStore();
  WriteBatch batch;
  batch.PutSite(MakeSite("T", "plain"));
  batch.PutLink(Link("Gone", "T"));
  batch.PutContract({.id = "K", .organisation = kPublicOrganisation, .tier1_site_id = "T"});
  ASSERT_TRUE(store->Write(batch).ok());
  auto graph = ChainGraph::Open(std::move(store), Model(), {}).value();
  EXPECT_EQ(graph->stats().dangling_links, 1u);
  auto exposure = graph->Exposure({.all = true}, "K");
  ASSERT_TRUE(exposure);
  EXPECT_EQ(exposure->reachable, 1);
}

TEST_F(ChainGraphTest, JointAuditCandidatesRankByOrganisationsThenScore) {
  BuildChain();
  WriteBatch batch;
  batch.PutSite(MakeSite("T2", "plain"));
  batch.PutLink(Link("B", "T2"));  // org_b reaches B and R through T2
  batch.PutContract({.id = "K2", .organisation = "org_b", .tier1_site_id = "T2", .value_eur = 50});
  batch.PutContract({.id = "K3", .organisation = "org_b", .tier1_site_id = "T2", .value_eur = 7});
  ASSERT_TRUE(graph_->Apply(batch).ok());
  auto candidates = graph_->JointAuditCandidates({.all = true});
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].site_id, "R");  // same two organisations; higher score first
  EXPECT_EQ(candidates[0].organisations, 2);
  EXPECT_EQ(candidates[0].value_eur, 157);
  EXPECT_EQ(candidates[0].contracts, 3);
  EXPECT_EQ(candidates[0].rank, 1);
  EXPECT_EQ(candidates[1].site_id, "B");
  // One organisation's view cannot produce a multi-organisation candidate.
  EXPECT_TRUE(graph_->JointAuditCandidates({.organisation = "org_a"}).empty());
}

TEST_F(ChainGraphTest, AuditGroupsDecideWhoCountsAndNoValuesCross) {
  BuildChain();
  WriteBatch batch;
  batch.PutOrganisation({.id = "org_a", .name = "A", .audit_groups = {"g"}});
  batch.PutOrganisation({.id = "org_b", .name = "B", .audit_groups = {"g"}});
  batch.PutOrganisation({.id = "org_c", .name = "C"});
  batch.PutSite(MakeSite("T2", "plain"));
  batch.PutSite(MakeSite("T3", "plain"));
  batch.PutLink(Link("B", "T2"));
  batch.PutLink(Link("R", "T3"));
  batch.PutContract({.id = "K2", .organisation = "org_b", .tier1_site_id = "T2", .value_eur = 50});
  batch.PutContract({.id = "K3", .organisation = "org_c", .tier1_site_id = "T3", .value_eur = 9});
  ASSERT_TRUE(graph_->Apply(batch).ok());

  auto for_a = graph_->JointAuditCandidates({.organisation = "org_a"});
  ASSERT_EQ(for_a.size(), 2u);  // org_b shares the group; org_c does not count
  EXPECT_EQ(for_a[0].site_id, "R");
  EXPECT_EQ(for_a[0].organisations, 2);
  EXPECT_EQ(for_a[0].value_eur, 100);  // org_a's own value only
  EXPECT_EQ(for_a[0].contracts, 1);
  // org_c is in no group: it learns nothing about the others.
  EXPECT_TRUE(graph_->JointAuditCandidates({.organisation = "org_c"}).empty());
  // The administrator's view counts all three at R.
  auto all = graph_->JointAuditCandidates({.all = true});
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0].site_id, "R");
  EXPECT_EQ(all[0].organisations, 3);
  EXPECT_EQ(all[0].value_eur, 159);
}

TEST_F(ChainGraphTest, SameContractIdInTwoOrganisationsStaysApart) {
  BuildChain();
  WriteBatch batch;
  batch.PutSite(MakeSite("T9", "risky"));
  batch.PutContract({.id = "K1", .organisation = "org_b", .tier1_site_id = "T9"});
  ASSERT_TRUE(graph_->Apply(batch).ok());
  EXPECT_EQ(graph_->Exposure({.organisation = "org_a"}, "K1")->tier1_site_id, "T1");
  EXPECT_EQ(graph_->Exposure({.organisation = "org_b"}, "K1")->tier1_site_id, "T9");
  EXPECT_EQ(graph_->Exposure({.organisation = "org_c"}, "K1").error().code(),
            StatusCode::kNotFound);
}

TEST_F(ChainGraphTest, ReferencedSitesCannotBeDeleted) {
  BuildChain();
  WriteBatch refused;
  refused.DeleteSite("R");   // a supplier of B
  refused.DeleteSite("T1");  // held by contract K1
  Status s = graph_->Apply(refused);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("R, T1 are still used by links or contracts"), std::string::npos)
      << s.message();
  EXPECT_TRUE(graph_->store().GetSite("R").has_value());

  WriteBatch unlink;  // first the link, then the site that no longer has one
  unlink.DeleteLink(Link("R", "B"));
  ASSERT_TRUE(graph_->Apply(unlink).ok());
  WriteBatch removal;
  removal.DeleteSite("R");
  ASSERT_TRUE(graph_->Apply(removal).ok());
  EXPECT_EQ(graph_->store().GetSite("R").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(graph_->stats().sites, 4u);
  EXPECT_EQ(graph_->Exposure({.organisation = "org_a"}, "K1")->flagged, 1);  // B only
}

TEST_F(ChainGraphTest, OptionsAreValidated) {
  EXPECT_EQ(ChainGraph::Open(NewMemoryStore(), Model(), {.max_tier = 0}).error().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ChainGraph::Open(NewMemoryStore(), Model(), {.flag_milli = 1001}).error().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace isvgraph::graph

namespace isvgraph::graph {
namespace {

// Apply journals every batch under its author with the graph's clock; small writes say field
// by field what changed and leave unchanged sites out; SiteUsers names who relies on a site.
TEST_F(ChainGraphTest, EveryWriteIsJournalledUnderItsAuthor) {
  BuildChain();
  WriteBatch change;
  change.PutSite(MakeSite("A", "plain"));  // unchanged
  change.PutSite(MakeSite("B", "risky"));
  change.set_author({.organisation = "org_b", .token_id = "0123456789ab", .what = "PUT B"});
  ASSERT_TRUE(graph_->Apply(std::move(change)).ok());
  std::vector<JournalEntry> history;
  ASSERT_TRUE(
      graph_->store().ScanSiteHistory("B", [&](JournalEntry&& e) { history.push_back(e); }).ok());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].organisation, "");  // the operator's BuildChain
  EXPECT_EQ(history[0].sites[0].kind, "created");
  EXPECT_EQ(history[1].seq, 2u);
  EXPECT_EQ(history[1].organisation, "org_b");
  EXPECT_GT(history[1].time_unix, 1700000000);
  EXPECT_EQ(history[1].sites[0].fields, (std::vector<FieldChange>{{"sector", "medium", "risky"}}));
  std::vector<JournalEntry> a;
  ASSERT_TRUE(graph_->store().ScanSiteHistory("A", [&](JournalEntry&& e) { a.push_back(e); }).ok());
  EXPECT_EQ(a.size(), 1u);  // the unchanged put is not a change of A

  // A refused batch journals nothing.
  WriteBatch bad;
  bad.PutLink(Link("nowhere", "T1"));  // a link to a site that does not exist
  EXPECT_FALSE(graph_->Apply(std::move(bad)).ok());
  EXPECT_EQ(graph_->store().LastJournalSeq(), 2u);

  auto users = graph_->SiteUsers({"T1", "B", "R", "nope"});
  EXPECT_EQ(users["T1"], (std::vector<std::string>{"org_a", kPublicOrganisation}));
  EXPECT_EQ(users["R"], (std::vector<std::string>{kPublicOrganisation}));
  EXPECT_TRUE(users["nope"].empty());
}

}  // namespace
}  // namespace isvgraph::graph
