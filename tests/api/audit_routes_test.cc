// Joint audits over HTTP (Swedish model): three regions share a glove factory in Malaysia and
// Sialkot surgical-instrument workshops; a fourth buyer, not in their group, reaches the glove
// factory too. Ranking by leverage, a plan of trips with lead and shares, an audit with
// findings and a CAP shared with the group, the reuse rule, alerts, and a non-member who
// learns nothing.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"
#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpResult;
using nlohmann::json;

class AuditRoutesTest : public LiveServerTest {
 protected:
  AuditRoutesTest() {
    service_options_.now_unix = [] { return int64_t{1795824000}; };  // 2026-11-28
  }

  void SetUp() override {
    LiveServerTest::SetUp();
    graph::WriteBatch batch;
    for (const char* org : {"stockholm", "skane", "vgregion", "oslo"}) {
      batch.PutOrganisation({.id = org, .name = org});
    }
    auto site = [&](const char* id, const char* name, const char* country, const char* sector,
                    double lat, double lon) {
      batch.PutSite(
          {.id = id, .name = name, .country = country, .sector = sector, .lat = lat, .lon = lon});
    };
    site("D1", "Nordic Medical AB", "SE", "wholesale_trading", 59.33, 18.06);
    site("D2", "Skane Vard AB", "SE", "wholesale_trading", 55.60, 13.00);
    site("D3", "Vastra Supply AB", "SE", "wholesale_trading", 57.70, 11.97);
    site("D4", "Oslo Helse AS", "NO", "wholesale_trading", 59.91, 10.75);
    site("G", "Klang Nitrile Gloves Sdn Bhd", "MY", "rubber_gloves", 3.04, 101.45);
    site("G2", "Sabah Latex Gloves", "MY", "rubber_gloves", 5.98, 116.07);
    site("W", "Sialkot Surgical Works", "PK", "surgical_instruments", 32.49, 74.52);
    site("W2", "Sialkot Forging", "PK", "surgical_instruments", 32.50, 74.55);
    auto link = [&](const char* org, const char* supplier, const char* customer) {
      batch.PutLink(
          {.organisation = org, .supplier_id = supplier, .customer_id = customer, .product = "x"});
    };
    link("stockholm", "G", "D1");
    link("stockholm", "G2", "D1");
    link("stockholm", "W", "D1");
    link("stockholm", "W2", "D1");
    link("skane", "G", "D2");
    link("skane", "G2", "D2");
    link("skane", "W", "D2");
    link("vgregion", "G", "D3");
    link("vgregion", "W2", "D3");
    link("oslo", "G", "D4");
    auto contract = [&](const char* id, const char* org, const char* tier1, int64_t value) {
      batch.PutContract(
          {.id = id, .organisation = org, .tier1_site_id = tier1, .value_eur = value});
    };
    contract("K-S", "stockholm", "D1", 2000000);
    contract("K-K", "skane", "D2", 1000000);
    contract("K-V", "vgregion", "D3", 500000);
    contract("K-O", "oslo", "D4", 9000000);
    ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
    for (const char* org : {"stockholm", "skane", "vgregion"}) {
      admin_[org] = service_->CreateToken({.organisation = org, .role = Role::kAdmin}).value();
      viewer_[org] = service_->CreateToken({.organisation = org, .role = Role::kViewer}).value();
      // The first founds the group over HTTP; the others are added by the operator.
      if (std::string(org) == "stockholm") {
        ASSERT_EQ(Call("POST", "/v1/audit-groups/se-healthcare/members", "", admin_[org]).status,
                  201);
      } else {
        EXPECT_EQ(Call("POST", "/v1/audit-groups/se-healthcare/members", "", admin_[org]).status,
                  403);
        ASSERT_TRUE(service_->JoinAuditGroup(org, "se-healthcare").ok());
      }
    }
    viewer_["oslo"] = service_->CreateToken({.organisation = "oslo", .role = Role::kAdmin}).value();
  }

  HttpResult Call(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& token) {
    return isvgraph::testing::HttpRequest(
        port_, method, target, body,
        "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n");
  }
  json GetJson(const std::string& target, const std::string& org) {
    HttpResult r = Call("GET", target, "", viewer_[org]);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  std::string AuditBody() const {
    return R"({"site_id":"G","type":"site","date":"2026-11-20","audit_group":"se-healthcare",
               "auditor":"Independent Audit Sdn Bhd","summary":"Migrant workers paid recruitment fees",
               "findings":[{"theme":"forced_labour","grade":"priority","text":"recruitment fees of 4 months' wages"},
                           {"theme":"health_safety","grade":"minor","text":"blocked fire exit"}],
               "actions":[{"finding":0,"action":"repay fees; zero-cost recruitment policy","owner":"supplier: HR",
                           "deadline":"2026-11-25","status":"open"},
                          {"finding":1,"action":"clear the exit","owner":"supplier","deadline":"2026-12-20",
                           "status":"in_progress"}]})";
  }

  std::map<std::string, std::string> admin_, viewer_;
};

TEST_F(AuditRoutesTest, CandidatesRankByLeverageThenRiskAndShowNoOtherMembersValues) {
  HttpResult r = Call("GET", "/v1/audit-groups/se-healthcare/candidates", "", viewer_["stockholm"]);
  ASSERT_EQ(r.status, 200) << r.body;
  json candidates = json::parse(r.body)["candidates"];
  ASSERT_EQ(candidates.size(), 4u);
  // G: 3 members (oslo is no member) × EUR 3.5 M; G2 and W: 2 × 3 M; W2: 2 × 2.5 M.
  EXPECT_EQ(candidates[0]["site"]["id"], "G");
  EXPECT_EQ(candidates[0]["members"], 3);
  EXPECT_EQ(candidates[0]["relative_leverage"], 1.0);
  EXPECT_EQ(candidates[0]["worst_theme"], "forced_labour");
  EXPECT_EQ(candidates[1]["members"], 2);
  EXPECT_NEAR(candidates[1]["relative_leverage"].get<double>(), 6.0 / 10.5, 0.01);
  EXPECT_EQ(candidates[3]["site"]["id"], "W2");
  EXPECT_EQ(candidates[0]["own_value_eur"], 2000000);
  EXPECT_NE(candidates[0]["explanation"].get<std::string>().find("3 of the group's 3 members"),
            std::string::npos);
  // Skane's and vgregion's values appear nowhere in Stockholm's answer.
  EXPECT_EQ(r.body.find("1000000"), std::string::npos);
  EXPECT_EQ(r.body.find("500000"), std::string::npos);

  // Västra Götaland reaches G and W2 only, and sees only those.
  json theirs = GetJson("/v1/audit-groups/se-healthcare/candidates", "vgregion")["candidates"];
  ASSERT_EQ(theirs.size(), 2u);
  EXPECT_EQ(theirs[0]["site"]["id"], "G");
}

TEST_F(AuditRoutesTest, PlanGroupsTripsByCountryAndDistanceWithLeadAndShares) {
  json plan = GetJson("/v1/audit-groups/se-healthcare/plan?radius_km=300&max_sites=4", "stockholm");
  ASSERT_EQ(plan["trips"].size(), 3u) << plan.dump(2);
  // Trip 1: the glove factory at Klang; Sabah is 1,600 km away and gets its own trip; the two
  // Sialkot workshops, 3 km apart, share one.
  EXPECT_EQ(plan["trips"][0]["country"], "MY");
  EXPECT_EQ(plan["trips"][0]["sites"].size(), 1u);
  EXPECT_EQ(plan["trips"][0]["lead"], "stockholm");
  double total = 0;
  for (const json& share : plan["trips"][0]["shares"]) total += share["share"].get<double>();
  EXPECT_NEAR(total, 1.0, 0.11);
  EXPECT_DOUBLE_EQ(plan["trips"][0]["shares"][0]["share"].get<double>(), 0.3);  // skane, in tens
  bool sialkot = false;
  for (const json& trip : plan["trips"]) {
    if (trip["country"] == "PK") {
      sialkot = true;
      EXPECT_EQ(trip["sites"].size(), 2u);
    }
  }
  EXPECT_TRUE(sialkot);
  HttpResult csv =
      Call("GET", "/v1/audit-groups/se-healthcare/plan?format=csv", "", viewer_["stockholm"]);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("trip,country,lead,shares,rank,site_id", 0), 0u);
  HttpResult html =
      Call("GET", "/v1/audit-groups/se-healthcare/plan?format=html", "", viewer_["stockholm"]);
  EXPECT_NE(html.body.find("Klang Nitrile Gloves"), std::string::npos);
  // The printable plan in Dutch: <html lang>, Dutch headings, the trip's reason and the ranks'
  // explanations in Dutch, the same sites.
  HttpResult dutch = Call("GET", "/v1/audit-groups/se-healthcare/plan?format=html&lang=nl", "",
                          viewer_["stockholm"]);
  ASSERT_EQ(dutch.status, 200);
  for (const char* part : {"<html lang=\"nl\">", "Plan voor gezamenlijke audits", "Reis 1: MY",
                           "Penvoerder: stockholm", "penvoerder stockholm", "rang 1: bereikt door",
                           "Klang Nitrile Gloves"}) {
    EXPECT_NE(dutch.body.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(dutch.body.find("Joint audit plan"), std::string::npos);
  HttpResult xlsx =
      Call("GET", "/v1/audit-groups/se-healthcare/plan?format=xlsx", "", viewer_["stockholm"]);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip
  EXPECT_EQ(Call("GET", "/v1/audit-groups/se-healthcare/plan?max_sites=0", "", viewer_["stockholm"])
                .status,
            400);
}

TEST_F(AuditRoutesTest, AuditWithFindingsAndCapIsSharedReusedAndAlerted) {
  const std::string auditor =
      service_->CreateToken({.organisation = "skane", .role = Role::kAuditor}).value();
  // A viewer may not record audits; a bad audit is refused whole, naming every problem.
  EXPECT_EQ(Call("POST", "/v1/audits", AuditBody(), viewer_["skane"]).status, 403);
  HttpResult bad = Call(
      "POST", "/v1/audits",
      R"({"site_id":"G","type":"visit","date":"2026-02-30","findings":[{"theme":"x","grade":"huge"}],
                            "actions":[{"finding":3,"action":"","deadline":"soon","status":"maybe"}]})",
      auditor);
  ASSERT_EQ(bad.status, 400) << bad.body;
  const std::string message = ErrorOf(bad)["message"];
  for (const char* part : {"type", "date", "findings[0].theme", "findings[0].grade",
                           "actions[0].finding", "actions[0].deadline", "actions[0].status"}) {
    EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;
  }
  EXPECT_TRUE(GetJson("/v1/audits", "skane")["audits"].empty());  // nothing was written

  HttpResult recorded = Call("POST", "/v1/audits", AuditBody(), auditor);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  json audit = json::parse(recorded.body);
  EXPECT_EQ(audit["valid_until"], "2028-11-20");  // two years by default
  EXPECT_EQ(audit["clause_level"], "basic");
  EXPECT_TRUE(audit["findings"][0]["severe"]);
  const std::string id = audit["id"];

  // Shared with the group; a non-member cannot see it, list it or learn it exists.
  EXPECT_EQ(GetJson("/v1/audits/" + id, "stockholm")["summary"],
            "Migrant workers paid recruitment fees");
  EXPECT_EQ(GetJson("/v1/audits?site=G", "vgregion")["audits"].size(), 1u);
  HttpResult foreign = Call("GET", "/v1/audits/" + id, "", viewer_["oslo"]);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.body.find("recruitment"), std::string::npos);
  EXPECT_TRUE(GetJson("/v1/audits", "oslo")["audits"].empty());
  EXPECT_EQ(Call("GET", "/v1/audit-groups/se-healthcare/candidates", "", viewer_["oslo"]).status,
            404);
  EXPECT_EQ(Call("GET", "/v1/audit-groups/se-healthcare/plan", "", viewer_["oslo"]).status, 404);
  EXPECT_TRUE(GetJson("/v1/alerts", "oslo")["alerts"].empty());

  // The reuse rule: the basic-clause audit counts for Stockholm (G leaves its candidates) but
  // not for Västra Götaland once its clause is advanced.
  json stockholm = GetJson("/v1/audit-groups/se-healthcare/candidates", "stockholm")["candidates"];
  for (const json& c : stockholm) EXPECT_NE(c["site"]["id"], "G");
  ASSERT_EQ(
      Call("PUT", "/v1/organisation", R"({"clause_level":"advanced"})", admin_["vgregion"]).status,
      200);
  json vg = GetJson("/v1/audit-groups/se-healthcare/candidates", "vgregion")["candidates"];
  ASSERT_FALSE(vg.empty());
  EXPECT_EQ(vg[0]["site"]["id"], "G");
  EXPECT_EQ(vg[0]["last_audit"], id);
  EXPECT_EQ(
      Call("PUT", "/v1/organisation", R"({"clause_level":"extreme"})", admin_["vgregion"]).status,
      400);

  // Alerts: the forced-labour finding is severe (notify by 2026-12-04); the fee repayment due on
  // 2026-11-25 is overdue; the fire exit, due 2026-12-20, is not.
  json alerts = GetJson("/v1/alerts", "stockholm")["alerts"];
  ASSERT_EQ(alerts.size(), 2u) << alerts.dump(2);
  EXPECT_EQ(alerts[0]["kind"], "severe_finding");
  EXPECT_EQ(alerts[0]["notify_by"], "2026-12-04");
  EXPECT_EQ(alerts[1]["kind"], "overdue_action");
  EXPECT_NE(alerts[1]["text"].get<std::string>().find("repay fees"), std::string::npos);
  EXPECT_EQ(GetJson("/v1/alerts?days=5", "stockholm")["alerts"].size(), 1u);  // 8 days ago
}

}  // namespace
}  // namespace isvgraph::api
