// Audit plans: trips by country and distance, a lead and co-financing shares by value.

#include "isvgraph/audits/plan.h"

#include <cmath>

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
  EXPECT_NEAR(total, 1.0, 0.11);  // tens of percent: the sum may be off by rounding
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

}  // namespace
}  // namespace isvgraph::audits
