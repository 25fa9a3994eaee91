// Audit plans: trips by country and distance, a lead and co-financing shares by value.

#include "isvgraph/audits/plan.h"

#include <cmath>

#include "isvgraph/audits/records.h"
#include "nordic_world.h"

namespace isvgraph::audits {
namespace {

using PlanTest = NordicWorld;

TEST_F(PlanTest, TripsGroupByCountryAndDistanceWithLeadAndShares) {
  auto plan = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup,
                         {.today = kToday, .radius_km = 300, .max_sites = 4});
  ASSERT_TRUE(plan) << plan.error().ToString();
  // Klang first; Sabah is 1,600 km away and gets its own trip; the Sialkot workshops, 3 km
  // apart, share one.
  ASSERT_EQ(plan->trips.size(), 3u);
  const AuditTrip& klang = plan->trips[0];
  EXPECT_EQ(klang.country, "MY");
  ASSERT_EQ(klang.sites.size(), 1u);
  EXPECT_EQ(klang.lead, "stockholm");
  double total = 0;
  for (const TripShare& share : klang.shares) total += share.share;
  EXPECT_NEAR(total, 1.0, 1e-9);  // tens of percent that add up to 100 %
  EXPECT_EQ(klang.shares[0].organisation, "skane");
  EXPECT_DOUBLE_EQ(klang.shares[0].share, 0.3);  // 1 of 3.5 M, in tens of percent
  for (const TripShare& share : klang.shares) {
    EXPECT_NEAR(share.share * 10, std::round(share.share * 10), 1e-9) << share.organisation;
  }
  bool sialkot = false;
  for (const AuditTrip& trip : plan->trips) {
    if (trip.country != "PK") continue;
    sialkot = true;
    EXPECT_EQ(trip.sites.size(), 2u);
  }
  EXPECT_TRUE(sialkot);
  EXPECT_TRUE(plan->notes.empty());
}

TEST(TripShares, TensOfPercentAddUpToAHundredWithTenForEveryMember) {
  auto sum = [](const std::vector<int>& tenths) {
    int s = 0;
    for (int t : tenths) s += t;
    return s;
  };
  // 55.1 / 42.9 / 2.0 %: rounding each would give 60 + 40 + 10 (the minimum) = 110 %.
  EXPECT_EQ(TensOfPercent({0.551, 0.429, 0.02}), (std::vector<int>{5, 4, 1}));
  // Thirds: 30 + 30 + 30, and the ten left goes to one of them.
  EXPECT_EQ(sum(TensOfPercent({1 / 3.0, 1 / 3.0, 1 / 3.0})), 10);
  EXPECT_EQ(TensOfPercent({1.0}), (std::vector<int>{10}));
  EXPECT_EQ(TensOfPercent({0.571, 0.286, 0.143}), (std::vector<int>{6, 3, 1}));
  for (const std::vector<double>& exact :
       {std::vector<double>{0.97, 0.01, 0.01, 0.01}, std::vector<double>{0.25, 0.25, 0.25, 0.25},
        std::vector<double>{0.05, 0.95}}) {
    const std::vector<int> tenths = TensOfPercent(exact);
    EXPECT_EQ(sum(tenths), 10);
    for (int t : tenths) EXPECT_GE(t, 1);
  }
}

TEST_F(PlanTest, OneSiteATripAndBadOptions) {
  auto plan = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup,
                         {.today = kToday, .max_sites = 1});
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->trips.size(), 4u);
  for (PlanOptions bad : {PlanOptions{.today = kToday, .max_sites = 0},
                          PlanOptions{.today = kToday, .radius_km = 0}}) {
    auto refused = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup, bad);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), StatusCode::kInvalidArgument);
  }
}

TEST_F(PlanTest, OverdueCorrectiveActionsGetAFollowUpVisitOnATripNearby) {
  ASSERT_TRUE(RecordAudit(*world_.chains, "skane", KlangAudit()));
  // The Klang audit counts for Stockholm, so Klang is no candidate; its priority action was due
  // on 25 November (the minor one on 20 December is not yet due).
  auto plan = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup,
                         {.today = kToday, .radius_km = 300, .max_sites = 4});
  ASSERT_TRUE(plan) << plan.error().ToString();
  ASSERT_EQ(plan->follow_ups.size(), 1u);
  const FollowUpVisit& visit = plan->follow_ups[0];
  EXPECT_EQ(visit.site_id, "G");
  EXPECT_EQ(visit.country, "MY");
  EXPECT_EQ(visit.overdue_since, "2026-11-25");
  EXPECT_EQ(visit.actions, 1);
  EXPECT_EQ(visit.trip, 0);  // Sabah, the only trip in Malaysia, is 1,600 km away
  EXPECT_NE(visit.reason.en.find("plan a visit of its own"), std::string::npos) << visit.reason.en;
  EXPECT_NE(visit.reason.nl.find("25 november 2026"), std::string::npos) << visit.reason.nl;
  // With a radius that reaches Sabah the visit joins that trip.
  plan = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup,
                    {.today = kToday, .radius_km = 2000, .max_sites = 4});
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->follow_ups.size(), 1u);
  int sabah = 0;
  for (const AuditTrip& trip : plan->trips) {
    if (trip.country == "MY") sabah = trip.number;
  }
  EXPECT_NE(sabah, 0);
  EXPECT_EQ(plan->follow_ups[0].trip, sabah);
  EXPECT_NE(plan->follow_ups[0].reason.en.find("combine the visit with trip"), std::string::npos);
  // Before the deadline there is nothing to follow up.
  auto before = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup,
                           {.today = "2026-11-24", .radius_km = 300});
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->follow_ups.empty());  // not overdue yet
}

TEST_F(PlanTest, LeverageIsSaidInWords) {
  auto plan = PlanAudits(*world_.chains, *world_.kb, "stockholm", kGroup, {.today = kToday});
  ASSERT_TRUE(plan);
  std::vector<const AuditCandidate*> all;
  for (const AuditTrip& trip : plan->trips) {
    for (const AuditCandidate& c : trip.sites) all.push_back(&c);
  }
  ASSERT_GE(all.size(), 2u);
  for (const AuditCandidate* c : all) {
    EXPECT_NE(c->explanation.en.find(c->leverage_words.en), std::string::npos);
    EXPECT_EQ(c->explanation.en.find("which is not shown"), std::string::npos);
    if (c->rank == 1) {
      EXPECT_NE(c->leverage_words.en.find("the most leverage"), std::string::npos);
    } else if (c->leverage < 0.95) {
      const std::string percent =
          std::to_string(static_cast<int>(std::round(c->leverage * 10)) * 10);
      EXPECT_NE(c->leverage_words.en.find("about " + percent + " %"), std::string::npos)
          << c->leverage_words.en;
    }
  }
}

}  // namespace
}  // namespace isvgraph::audits
