// Candidates: ranked by leverage (members × their combined value), then risk; each member sees
// only the sites its own contracts reach, its own value and nobody else's; an audit that counts
// for the member takes the site off its list.

#include "isvgraph/audits/candidates.h"

#include "isvgraph/audits/records.h"
#include "nordic_world.h"

namespace isvgraph::audits {
namespace {

using CandidatesTest = NordicWorld;

TEST_F(CandidatesTest, RankedByLeverageThenRiskAsEachMemberSeesThem) {
  auto ranked = RankCandidates(*world_.chains, *world_.kb, "stockholm", kGroup, {.today = kToday});
  ASSERT_TRUE(ranked) << ranked.error().ToString();
  ASSERT_EQ(ranked->size(), 4u);
  // G: 3 members (Oslo is no member) × 3.5 M; G2 and W: 2 × 3 M; W2: 2 × 2.5 M.
  EXPECT_EQ((*ranked)[0].site.id, "G");
  EXPECT_EQ((*ranked)[0].members, 3);
  EXPECT_DOUBLE_EQ((*ranked)[0].leverage, 1.0);
  EXPECT_NEAR((*ranked)[1].leverage, 6.0 / 10.5, 0.01);
  EXPECT_EQ((*ranked)[3].site.id, "W2");
  EXPECT_EQ((*ranked)[0].own_value_eur, 2000000);
  EXPECT_EQ((*ranked)[0].worst_theme, "forced_labour");
  EXPECT_NE((*ranked)[0].explanation.en.find("3 of the group's 3 members"), std::string::npos);
  EXPECT_NE((*ranked)[0].explanation.en.find("never audited"), std::string::npos);
  EXPECT_NE((*ranked)[0].explanation.en.find("(worst theme Forced labour)"), std::string::npos);

  auto theirs = RankCandidates(*world_.chains, *world_.kb, "vgregion", kGroup, {.today = kToday});
  ASSERT_EQ(theirs->size(), 2u);
  EXPECT_EQ((*theirs)[0].site.id, "G");
  auto outsider = RankCandidates(*world_.chains, *world_.kb, "oslo", kGroup, {.today = kToday});
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code(), StatusCode::kNotFound);
}

TEST_F(CandidatesTest, AnAuditThatCountsTakesTheSiteOffTheListAndOneThatDoesNotIsExplained) {
  ASSERT_TRUE(RecordAudit(*world_.chains, "skane", KlangAudit()));
  auto stockholm =
      RankCandidates(*world_.chains, *world_.kb, "stockholm", kGroup, {.today = kToday});
  for (const AuditCandidate& c : *stockholm) EXPECT_NE(c.site.id, "G");

  graph::WriteBatch advanced;
  auto org = world_.chains->store().GetOrganisation("vgregion");
  org->clause_level = "advanced";
  advanced.PutOrganisation(*org);
  ASSERT_TRUE(world_.chains->Apply(std::move(advanced)).ok());
  auto vg = RankCandidates(*world_.chains, *world_.kb, "vgregion", kGroup, {.today = kToday});
  ASSERT_FALSE(vg->empty());
  EXPECT_EQ((*vg)[0].site.id, "G");
  EXPECT_EQ((*vg)[0].last_audit_id, "G-2026-11-20-1");
  EXPECT_NE((*vg)[0].explanation.en.find("below your advanced one"), std::string::npos);
}

TEST_F(CandidatesTest, AStandingPerGroupSaysTheRankOrWhyTheSiteIsNotListed) {
  // Stockholm is also in a Nordic group with Oslo: both reach Klang (G), only Stockholm Sabah (G2).
  ASSERT_TRUE(JoinAuditGroup(*world_.chains, "stockholm", "nordic").ok());
  ASSERT_TRUE(JoinAuditGroup(*world_.chains, "oslo", "nordic").ok());
  auto all = StandingInGroups(*world_.chains, *world_.kb, "stockholm", {"G", "G2"}, kToday);
  ASSERT_TRUE(all) << all.error().ToString();
  ASSERT_EQ(all->size(), 2u);
  auto* g = &all->at("G");
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ((*g)[0].group, "nordic");
  EXPECT_EQ((*g)[0].rank, 1);
  EXPECT_EQ((*g)[1].group, kGroup);
  EXPECT_EQ((*g)[1].rank, 1);
  EXPECT_TRUE((*g)[1].in_plan);
  EXPECT_NE((*g)[1].text.en.find("candidate 1, so the group's plan includes it"),
            std::string::npos);

  auto* g2 = &all->at("G2");
  EXPECT_EQ((*g2)[0].rank, 0);
  EXPECT_NE((*g2)[0].text.en.find("fewer than two of its members"), std::string::npos);
  EXPECT_NE((*g2)[0].text.nl.find("minder dan twee"), std::string::npos);

  auto w2s = StandingInGroups(*world_.chains, *world_.kb, "stockholm", {"W2"}, kToday, 2);
  ASSERT_TRUE(w2s);
  auto* w2 = &w2s->at("W2");
  EXPECT_EQ((*w2)[1].rank, 4);
  EXPECT_FALSE((*w2)[1].in_plan);
  EXPECT_NE((*w2)[1].text.en.find("raise the number of candidates"), std::string::npos);

  ASSERT_TRUE(RecordAudit(*world_.chains, "skane", KlangAudit()));
  all = StandingInGroups(*world_.chains, *world_.kb, "stockholm", {"G"}, kToday);
  ASSERT_TRUE(all);
  g = &all->at("G");
  EXPECT_EQ((*g)[1].rank, 0);
  EXPECT_NE((*g)[1].text.en.find("audit G-2026-11-20-1 of 20 November 2026 counts for you"),
            std::string::npos)
      << (*g)[1].text.en;
  EXPECT_EQ(StandingInGroups(*world_.chains, *world_.kb, "nobody", {"G"}, kToday).error().code(),
            StatusCode::kNotFound);
}

TEST_F(CandidatesTest, SharedSitesCountOrganisationsOfTheCircleAndExplainTheScore) {
  std::vector<SharedSite> shared = SharedSites(*world_.chains, {.organisation = "skane"}, 100);
  ASSERT_FALSE(shared.empty());
  EXPECT_EQ(shared[0].candidate.site_id, "G");
  EXPECT_EQ(shared[0].candidate.organisations, 3);
  ASSERT_TRUE(shared[0].site);
  EXPECT_NE(shared[0].explanation.en.find("reached by the contracts of 3 organisations"),
            std::string::npos);
}

}  // namespace
}  // namespace isvgraph::audits
