// Contract assessment on the memory store: an ICT contract whose disclosed chain stops at tier 2
// gets the ICT template's smelter, trader and mine tiers as assumed priors, and the conflict and
// child-labour risks they carry are flagged as "assumed"; the ISV clause follows the CPV code and
// value; a flagged site another member of the audit group reaches is a joint-audit candidate.

#include "isvgraph/contracts/assessment.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "isvgraph/audits/groups.h"
#include "support/domain_world.h"
#include "support/text_print.h"

namespace isvgraph::contracts {
namespace {

using riskdata::Theme;

class AssessmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = isvgraph::testing::DomainWorld::Make();
    graph::WriteBatch batch;
    for (const char* org : {"rws", "utrecht"}) batch.PutOrganisation({.id = org, .name = org});
    batch.PutSite(
        {.id = "R", .name = "Dutch ICT Reseller", .country = "NL", .sector = "wholesale_trading"});
    batch.PutSite({.id = "A",
                   .name = "Shenzhen Assembly Works",
                   .country = "CN",
                   .sector = "electronics_assembly"});
    batch.PutSite(
        {.id = "R2", .name = "Utrecht Reseller", .country = "NL", .sector = "wholesale_trading"});
    for (auto [org, customer] : {std::pair{"rws", "R"}, std::pair{"utrecht", "R2"}}) {
      batch.PutLink(
          {.organisation = org, .supplier_id = "A", .customer_id = customer, .product = "laptops"});
    }
    batch.PutContract({.id = "ICT-1",
                       .organisation = "rws",
                       .tier1_site_id = "R",
                       .title = "Laptops for the ministries",
                       .cpv = "30213100-6",
                       .value_eur = 900000});
    batch.PutContract({.id = "U-9",
                       .organisation = "utrecht",
                       .tier1_site_id = "R2",
                       .title = "Laptops",
                       .cpv = "30213100-6",
                       .value_eur = 50000});
    ASSERT_TRUE(world_.chains->Apply(std::move(batch)).ok());
    for (const char* org : {"rws", "utrecht"}) {
      ASSERT_TRUE(audits::JoinAuditGroup(*world_.chains, org, "ict-buyers").ok());
    }
  }

  Result<ContractAssessment> Assess(const std::string& organisation, const std::string& id) {
    return AssessContract(*world_.chains, *world_.kb, {.organisation = organisation}, id);
  }

  isvgraph::testing::DomainWorld world_;
};

TEST_F(AssessmentTest, UndisclosedTiersAreAssumedFromTheTemplateAndFlagged) {
  auto assessment = Assess("rws", "ICT-1");
  ASSERT_TRUE(assessment) << assessment.error().ToString();
  ASSERT_NE(assessment->product_group, nullptr);
  EXPECT_EQ(assessment->product_group->id, "ict_hardware");
  EXPECT_EQ(assessment->disclosed_depth, 2);
  EXPECT_EQ(assessment->reachable, 2);
  // The template's tiers below the disclosed chain: components, smelter, trader, mines.
  std::vector<std::string> roles;
  for (const AssumedTier& tier : assessment->assumed_tiers) {
    EXPECT_GT(tier.tier, 2);
    roles.push_back(tier.prior.role.en);
    for (const riskdata::TierPlace& place : tier.prior.places) EXPECT_TRUE(place.assumed);
  }
  EXPECT_NE(std::find(roles.begin(), roles.end(), "Smelter or refiner"), roles.end());
  EXPECT_NE(std::find(roles.begin(), roles.end(), "Mine (cobalt)"), roles.end());

  const ChainTheme& conflict = assessment->themes[static_cast<size_t>(Theme::kConflict)];
  EXPECT_TRUE(conflict.flagged) << conflict.reason;
  EXPECT_TRUE(conflict.assumed);
  EXPECT_GE(conflict.tier, 5);
  EXPECT_NE(conflict.reason.en.find("assumed from the product-group template"), std::string::npos);
  // Child labour is flagged in the chain; the assumed cobalt mines in Congo carry it too (at
  // equal scores the disclosed site is named, evidence before priors).
  const ChainTheme& child = assessment->themes[static_cast<size_t>(Theme::kChildLabour)];
  EXPECT_TRUE(child.flagged) << child.reason;
  bool congo = false;
  for (const AssumedTier& tier : assessment->assumed_tiers) {
    for (const riskdata::TierPlace& place : tier.prior.places) {
      const auto& score = place.risk.themes[static_cast<size_t>(Theme::kChildLabour)].score;
      congo = congo || (place.country == "CD" && score && *score >= 0.7);
    }
  }
  EXPECT_TRUE(congo);

  // The ISV flags: the clause (ICT werkomgeving Rijk, 900,000 euro), plan themes per tier with
  // the assumed ones said so, and the assembly site Utrecht's contract also reaches.
  bool clause = false, conflict_plan = false, joint = false;
  for (const IsvFlag& flag : assessment->flags) {
    clause = clause || flag.kind == FlagKind::kIsvClauseRequired;
    if (flag.kind == FlagKind::kPlanTheme && flag.theme == Theme::kConflict) {
      conflict_plan =
          flag.assumed && flag.text.en.find("assumed: the supplier has not disclosed this tier") !=
                              std::string::npos;
    }
    if (flag.kind == FlagKind::kJointAudit) joint = flag.site_id == "A";
  }
  EXPECT_TRUE(clause);
  EXPECT_TRUE(conflict_plan);
  ASSERT_FALSE(assessment->flagged_sites.empty());
  EXPECT_EQ(assessment->flagged_sites.front().site_id, "A");
  EXPECT_EQ(assessment->flagged_sites.front().worst_path, (std::vector<std::string>{"R", "A"}));
  EXPECT_TRUE(joint);
}

// What a trainee does with docs/methodology.md §7: take each flagged theme's worst place and
// score it alone with the site rule (§4); the number must be the chain's.
TEST_F(AssessmentTest, EveryFlaggedThemeReproducesFromItsWorstPlaceAlone) {
  auto assessment = Assess("rws", "ICT-1");
  ASSERT_TRUE(assessment);
  int checked = 0;
  for (const ChainTheme& theme : assessment->themes) {
    if (!theme.flagged) continue;
    riskdata::SiteQuery query;
    if (!theme.assumed) {
      auto site = world_.chains->store().GetSite(theme.site_id);
      ASSERT_TRUE(site);
      query = {.country = site->country, .sector = site->sector, .name = site->name};
    } else {
      // An assumed place: the template tier at that chain tier whose place it is.
      for (const AssumedTier& tier : assessment->assumed_tiers) {
        for (const riskdata::TierPlace& place : tier.prior.places) {
          const std::string where = place.region.empty() ? place.country : place.region;
          if (tier.tier == theme.tier && where == theme.place && query.country.empty()) {
            query = {.country = place.country, .region = place.region, .sector = tier.prior.sector};
            const auto& score = place.risk.themes[static_cast<size_t>(theme.theme)].score;
            if (!score || *score != *theme.score) query = {};  // another sector at this tier
          }
        }
      }
      ASSERT_FALSE(query.country.empty()) << theme.reason;
    }
    auto alone = world_.kb->AssessSite(query);
    ASSERT_TRUE(alone) << alone.error().ToString();
    EXPECT_DOUBLE_EQ(*alone->themes[static_cast<size_t>(theme.theme)].score, *theme.score)
        << theme.reason;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST_F(AssessmentTest, AnotherOrganisationsContractIsNotFound) {
  auto assessment = Assess("utrecht", "ICT-1");
  ASSERT_FALSE(assessment);
  EXPECT_EQ(assessment.error().code(), StatusCode::kNotFound);
}

// A disclosed site whose country nobody knows is a gap of the assessment: scored on its sector
// as missing data, never as low risk, and listed with what to ask for.
TEST_F(AssessmentTest, UnknownCountryIsAGapScoredOnTheSector) {
  graph::WriteBatch batch;
  batch.PutSite({.id = "M", .name = "Unnamed tin mine", .sector = "mining_3tg"});
  batch.PutLink({.organisation = "rws", .supplier_id = "M", .customer_id = "A"});
  ASSERT_TRUE(world_.chains->Apply(std::move(batch)).ok());
  auto assessment = Assess("rws", "ICT-1");
  ASSERT_TRUE(assessment) << assessment.error().ToString();
  ASSERT_EQ(assessment->gaps.size(), 1u);
  EXPECT_EQ(assessment->gaps[0].site_id, "M");
  EXPECT_EQ(assessment->gaps[0].field, "country");
  EXPECT_EQ(assessment->gaps[0].tier, 3);
  auto mine = std::find_if(assessment->sites.begin(), assessment->sites.end(),
                           [](const ChainSite& s) { return s.site.id == "M"; });
  ASSERT_NE(mine, assessment->sites.end());
  EXPECT_GE(mine->score, 0.7) << mine->reason;  // the sector's level in full, not lowered
  EXPECT_NE(mine->reason.en.find("country unknown"), std::string::npos) << mine->reason.en;
}

}  // namespace
}  // namespace isvgraph::contracts
