// The contract routes over HTTP: the assessment and its printable report for the owner only
// (another organisation gets 404), and the ISV follow-up recorded, checked and kept across a
// replacement. The assessment itself is tested on the memory store in
// tests/contracts/assessment_test.cc.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"
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
    ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
    for (const char* org : {"rws", "utrecht"}) {
      ASSERT_TRUE(service_->JoinAuditGroup(org, "ict-buyers").ok());
    }
  }
};

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
       {"<!DOCTYPE html>", "ISV clause required", "Smelter or refiner", "assumed",
        "isvgraph-risk-v2", "US DOL List of Goods", "Shenzhen Assembly Works",
        "data:image/png;base64,iVBORw0KGgo"}) {  // the chain map, embedded
    EXPECT_NE(page.body.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(page.body.find("http://"), std::string::npos);  // nothing fetched from elsewhere
  // Each theme reads first as its plain sentence, the calculation below it.
  int plain = 0;
  for (const json& theme : body["themes"]) {
    const std::string summary = theme.value("summary", "");
    if (summary.empty() || summary.find_first_of("&<>\"'") != std::string::npos) continue;
    const size_t at = page.body.find(summary);
    ASSERT_NE(at, std::string::npos) << summary;
    const std::string calculation_below = "<br><span class=\"muted\">";
    EXPECT_EQ(page.body.compare(at + summary.size(), calculation_below.size(), calculation_below),
              0)
        << summary;
    ++plain;
  }
  EXPECT_GT(plain, 0);
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
  auto stored = service_->GetContract({.organisation = "rws"}, "ICT-1");
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
