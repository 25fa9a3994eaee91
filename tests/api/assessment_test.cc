// Contract assessment: an ICT contract whose disclosed chain stops at tier 2 gets the ICT
// template's smelter, trader and mine tiers as assumed priors, and the conflict and child-labour
// risks they carry are flagged as "assumed"; the ISV clause follows the CPV code and value; a
// flagged site another member of the audit group reaches is a joint-audit candidate. Over HTTP,
// another organisation gets 404.

#include "isvgraph/api/assessment.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;
using riskdata::Theme;

class AssessmentTest : public LiveServerTest {
 protected:
  void SetUp() override {
    LiveServerTest::SetUp();
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
    ASSERT_TRUE(service_->chains().Apply(std::move(batch)).ok());
    for (const char* org : {"rws", "utrecht"}) {
      ASSERT_TRUE(service_->JoinAuditGroup(org, "ict-buyers").ok());
    }
  }
};

TEST_F(AssessmentTest, UndisclosedTiersAreAssumedFromTheTemplateAndFlagged) {
  auto assessment = AssessContract(*service_, {.organisation = "rws"}, "ICT-1");
  ASSERT_TRUE(assessment) << assessment.error().ToString();
  ASSERT_NE(assessment->product_group, nullptr);
  EXPECT_EQ(assessment->product_group->id, "ict_hardware");
  EXPECT_EQ(assessment->disclosed_depth, 2);
  EXPECT_EQ(assessment->reachable, 2);
  // The template's tiers below the disclosed chain: components, smelter, trader, mines.
  std::vector<std::string> roles;
  for (const AssumedTier& tier : assessment->assumed_tiers) {
    EXPECT_GT(tier.tier, 2);
    roles.push_back(tier.prior.role);
    for (const riskdata::TierPlace& place : tier.prior.places) EXPECT_TRUE(place.assumed);
  }
  EXPECT_NE(std::find(roles.begin(), roles.end(), "Smelter or refiner"), roles.end());
  EXPECT_NE(std::find(roles.begin(), roles.end(), "Mine (cobalt)"), roles.end());

  const ChainTheme& conflict = assessment->themes[static_cast<size_t>(Theme::kConflict)];
  EXPECT_TRUE(conflict.flagged) << conflict.reason;
  EXPECT_TRUE(conflict.assumed);
  EXPECT_GE(conflict.tier, 5);
  EXPECT_NE(conflict.reason.find("assumed from the product-group template"), std::string::npos);
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
    clause = clause || flag.kind == "isv_clause_required";
    if (flag.kind == "plan_theme" && flag.theme == Theme::kConflict) {
      conflict_plan =
          flag.assumed &&
          flag.text.find("assumed: the supplier has not disclosed this tier") != std::string::npos;
    }
    if (flag.kind == "joint_audit") joint = flag.site_id == "A";
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
  auto assessment = AssessContract(*service_, {.organisation = "rws"}, "ICT-1");
  ASSERT_TRUE(assessment);
  const riskdata::KnowledgeBase& kb = service_->risk();
  int checked = 0;
  for (const ChainTheme& theme : assessment->themes) {
    if (!theme.flagged) continue;
    riskdata::SiteQuery query;
    if (!theme.assumed) {
      auto site = service_->chains().store().GetSite(theme.site_id);
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
    auto alone = kb.AssessSite(query);
    ASSERT_TRUE(alone) << alone.error().ToString();
    EXPECT_DOUBLE_EQ(*alone->themes[static_cast<size_t>(theme.theme)].score, *theme.score)
        << theme.reason;
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST_F(AssessmentTest, OverHttpOnlyTheOwnerSeesIt) {
  const std::string rws =
      service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  const std::string zwolle =
      service_->CreateToken({.organisation = "zwolle", .role = Role::kViewer}).value();
  auto get = [&](const std::string& token) {
    return isvgraph::testing::HttpRequest(port_, "GET", "/v1/contracts/ICT-1/assessment", "",
                                          "Authorization: Bearer " + token + "\r\n");
  };
  auto mine = get(rws);
  ASSERT_EQ(mine.status, 200) << mine.body;
  json body = json::parse(mine.body);
  EXPECT_EQ(body["product_group"], "ict_hardware");
  EXPECT_EQ(body["disclosed_depth"], 2);
  EXPECT_TRUE(body["isv"]["mandatory"]);
  EXPECT_FALSE(body["assumed_tiers"].empty());
  EXPECT_EQ(get(zwolle).status, 404);

  // The printable report: self-contained, with the flags, the assumed tiers and the editions.
  auto page = isvgraph::testing::HttpRequest(port_, "GET", "/v1/contracts/ICT-1/report.html", "",
                                             "Authorization: Bearer " + rws + "\r\n");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers.at("content-type").rfind("text/html", 0), 0u);
  for (const char* part :
       {"<!DOCTYPE html>", "isv_clause_required", "Smelter or refiner", "assumed",
        "isvgraph-risk-v1", "US DOL List of Goods", "Shenzhen Assembly Works",
        "data:image/png;base64,iVBORw0KGgo"}) {  // the chain map, embedded
    EXPECT_NE(page.body.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(page.body.find("http://"), std::string::npos);  // nothing fetched from elsewhere
}

TEST_F(AssessmentTest, FollowUpStepsAreRecordedCheckedAndKeptAcrossReplacement) {
  const std::string buyer =
      service_->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
  const std::string other =
      service_->CreateToken({.organisation = "utrecht", .role = Role::kBuyer}).value();
  auto call = [&](const std::string& method, const std::string& token, const std::string& body,
                  const std::string& target = "/v1/contracts/ICT-1/followup") {
    return isvgraph::testing::HttpRequest(
        port_, method, target, body,
        "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n");
  };
  auto first = call("POST", buyer,
                    R"({"step":"risk_analysis_received","date":"2026-02-01","note":"CMRT too"})");
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(call("POST", buyer,
                 R"({"step":"talks","date":"2026-05-03","note":"no smelter list","tier":2})")
                .status,
            201);
  // Bad steps are refused and change nothing.
  for (const char* bad :
       {R"({"step":"lawsuit","date":"2026-05-04"})", R"({"step":"talks","date":"3 May"})",
        R"({"step":"talks","date":"2026-05-04","tier":7})",
        R"({"step":"talks","date":"2026-05-04","colour":"red"})"}) {
    auto r = call("POST", buyer, bad);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
  }
  EXPECT_EQ(call("POST", other, R"({"step":"talks","date":"2026-05-04"})").status, 404);
  auto stored = service_->chains().store().GetContract("rws", "ICT-1");
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->followup.size(), 2u);
  EXPECT_EQ(stored->followup[1].tier, 2);
  EXPECT_EQ(stored->followup[1].note, "no smelter list");

  // Replacing the contract keeps its follow-up; the stage is the highest ladder step.
  auto put = call("PUT", buyer,
                  R"({"tier1_site_id":"R","title":"Laptops, amended","cpv":"30213100-6",)"
                  R"("value_eur":950000})",
                  "/v1/contracts/ICT-1");
  ASSERT_EQ(put.status, 200) << put.body;
  auto list = call("GET", buyer, "");
  ASSERT_EQ(list.status, 200);
  json followup = json::parse(list.body);
  EXPECT_EQ(followup["steps"].size(), 2u);
  EXPECT_EQ(followup["escalation_stage"], "talks");

  // After termination nothing follows.
  ASSERT_EQ(call("POST", buyer, R"({"step":"termination","date":"2026-09-01"})").status, 201);
  EXPECT_EQ(call("POST", buyer, R"({"step":"annual_report","date":"2026-12-01"})").status, 409);
}

}  // namespace
}  // namespace isvgraph::api
