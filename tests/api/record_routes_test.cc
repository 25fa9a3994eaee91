// CRUD of sites, links and contracts over real HTTP: cursor paging, field-level validation that
// leaves the store untouched, roles, organisation isolation (another organisation's records are
// 404 and never listed, the same contract id in two organisations does not collide), chains that
// follow API writes at once, and joint-audit candidates within audit groups.

#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpResult;
using nlohmann::json;

class RecordRoutesTest : public LiveServerTest {
 protected:
  RecordRoutesTest() { max_body_bytes_ = 64 * 1024; }

  void SetUp() override {
    LiveServerTest::SetUp();
    for (auto [org, role, out] :
         {std::tuple{"rws", Role::kBuyer, &rws_}, std::tuple{"utrecht", Role::kBuyer, &utrecht_},
          std::tuple{"zwolle", Role::kBuyer, &zwolle_},
          std::tuple{"rws", Role::kViewer, &rws_viewer_},
          std::tuple{"rws", Role::kAdmin, &rws_admin_}}) {
      auto token = service_->CreateToken({.organisation = org, .role = role});
      ASSERT_TRUE(token) << token.error().ToString();
      *out = *token;
    }
  }

  HttpResult Call(const std::string& method, const std::string& target, const std::string& token,
                  const std::string& body = "") {
    std::string headers = "Authorization: Bearer " + token + "\r\n";
    if (!body.empty()) headers += "Content-Type: application/json\r\n";
    return isvgraph::testing::HttpRequest(port_, method, target, body, headers);
  }
  json MustCall(const std::string& method, const std::string& target, const std::string& token,
                const json& body, int expected) {
    HttpResult r = Call(method, target, token, body.is_null() ? "" : body.dump());
    EXPECT_EQ(r.status, expected) << method << " " << target << ": " << r.body;
    return r.body.empty() ? json() : json::parse(r.body, nullptr, false);
  }
  // A chain of sites T (NL trader) <- Q (IN quarry, flagged).
  void PutSites() {
    MustCall("POST", "/v1/sites", rws_,
             {{"id", "T"}, {"name", "Trader"}, {"country", "NL"}, {"sector", "wholesale_trading"}},
             201);
    MustCall("POST", "/v1/sites", rws_,
             {{"id", "Q"}, {"name", "Quarry"}, {"country", "IN"}, {"sector", "quarrying_stone"}},
             201);
  }

  std::string rws_, utrecht_, zwolle_, rws_viewer_, rws_admin_;
};

TEST_F(RecordRoutesTest, SitesRoundTripAndPage) {
  HttpResult created = Call("POST", "/v1/sites", rws_,
                            R"({"id":"S1","name":"Kerb works","country":"NL","lat":52.1,)"
                            R"("lon":5.1,"external_ids":{"os_id":"NL2024X"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers.at("location"), "/v1/sites/S1");
  json site = MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200);
  EXPECT_EQ(site["external_ids"]["os_id"], "NL2024X");
  EXPECT_EQ(site["lat"], 52.1);
  // Creating it again is a conflict; PUT replaces it.
  EXPECT_EQ(ErrorOf(Call("POST", "/v1/sites", rws_, R"({"id":"S1","country":"NL"})"))["code"],
            "already_exists");
  json replaced =
      MustCall("PUT", "/v1/sites/S1", rws_, {{"name", "Kerb works BV"}, {"country", "BE"}}, 200);
  EXPECT_EQ(replaced["country"], "BE");
  EXPECT_EQ(MustCall("GET", "/v1/sites/S1", rws_, nullptr, 200)["lat"], nullptr);

  for (int i = 2; i <= 5; ++i) {
    MustCall("POST", "/v1/sites", utrecht_, {{"id", "S" + std::to_string(i)}, {"country", "IN"}},
             201);
  }
  std::vector<std::string> ids;
  std::string target = "/v1/sites?limit=2";
  for (int page = 0; page < 5; ++page) {
    json body = MustCall("GET", target, rws_viewer_, nullptr, 200);
    for (const json& item : body["items"]) ids.push_back(item["id"]);
    if (body["next_cursor"].is_null()) break;
    EXPECT_EQ(body["items"].size(), 2u);
    target = "/v1/sites?limit=2&cursor=" + body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"S1", "S2", "S3", "S4", "S5"}));
  json indian = MustCall("GET", "/v1/sites?country=IN&limit=3", rws_, nullptr, 200);
  EXPECT_EQ(indian["items"].size(), 3u);
  EXPECT_EQ(indian["items"][0]["id"], "S2");

  EXPECT_EQ(ErrorOf(Call("GET", "/v1/sites?limit=0", rws_))["details"]["field"], "limit");
  EXPECT_EQ(ErrorOf(Call("GET", "/v1/sites?limit=5000", rws_))["details"]["field"], "limit");
  EXPECT_EQ(ErrorOf(Call("GET", "/v1/sites?cursor=!!", rws_))["details"]["field"], "cursor");
}

// GET /v1/sites/{id} reads through the store's cache of sites: every write that returned shows
// in the next answer, whoever made it — the API, or the service directly as an import or the
// CLI does, in a small batch or in one large enough to go into the store as files.
TEST_F(RecordRoutesTest, ALookedUpSiteShowsEveryLaterWrite) {
  MustCall("POST", "/v1/sites", rws_, {{"id", "S1"}, {"name", "Kerb works"}, {"country", "NL"}},
           201);
  EXPECT_EQ(MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200)["name"], "Kerb works");
  EXPECT_EQ(MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200)["name"], "Kerb works");

  MustCall("PUT", "/v1/sites/S1", rws_, {{"name", "Kerb works BV"}, {"country", "BE"}}, 200);
  json replaced = MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200);
  EXPECT_EQ(replaced["name"], "Kerb works BV");
  EXPECT_EQ(replaced["country"], "BE");

  graph::WriteBatch direct;  // a write that does not come through HTTP
  direct.PutSite({.id = "S1", .name = "Kerb works (renamed)", .country = "BE"});
  ASSERT_TRUE(service_->WriteAsOperator(std::move(direct)).ok());
  EXPECT_EQ(MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200)["name"],
            "Kerb works (renamed)");

  graph::WriteBatch import;  // as large as an import
  for (size_t i = 0; i <= graph::ChainGraph::kPatchLimit; ++i) {
    import.PutSite({.id = "I" + std::to_string(i), .country = "IN"});
  }
  import.PutSite({.id = "S1", .name = "Kerb works (imported)", .country = "NL"});
  ASSERT_TRUE(service_->WriteAsOperator(std::move(import)).ok());
  EXPECT_EQ(MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200)["name"],
            "Kerb works (imported)");

  MustCall("DELETE", "/v1/sites/S1", rws_admin_, nullptr, 204);
  EXPECT_EQ(ErrorOf(Call("GET", "/v1/sites/S1", rws_viewer_))["code"], "not_found");
  EXPECT_EQ(ErrorOf(Call("GET", "/v1/sites/S1", rws_viewer_))["code"], "not_found");
  MustCall("POST", "/v1/sites", rws_,
           {{"id", "S1"}, {"name", "Kerb works again"}, {"country", "NL"}}, 201);
  EXPECT_EQ(MustCall("GET", "/v1/sites/S1", rws_viewer_, nullptr, 200)["name"], "Kerb works again");
}

TEST_F(RecordRoutesTest, EveryBadFieldIsNamedAndNothingIsWritten) {
  HttpResult bad = Call("POST", "/v1/sites", rws_,
                        R"({"id":"S9","country":"Netherlands","lat":200,"name":5,"colour":"red"})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  json error = ErrorOf(bad);
  std::set<std::string> fields;
  for (const json& f : error["details"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "colour"}));  // decoding problems first
  // Types right, values wrong: the graph's validation names the fields.
  bad = Call("POST", "/v1/sites", rws_, R"({"id":"S9","country":"Netherlands","lat":200})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  fields.clear();
  error = ErrorOf(bad);
  for (const json& f : error["details"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"country", "lat"}));
  EXPECT_EQ(Call("GET", "/v1/sites/S9", rws_).status, 404);

  PutSites();
  HttpResult link = Call("POST", "/v1/links", rws_,
                         R"({"supplier_id":"Ghost","customer_id":"T","share":1.5,)"
                         R"("organisation":"utrecht"})");
  ASSERT_EQ(link.status, 400) << link.body;
  fields.clear();
  error = ErrorOf(link);
  for (const json& f : error["details"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"organisation"}));
  link =
      Call("POST", "/v1/links", rws_, R"({"supplier_id":"Ghost","customer_id":"T","share":1.5})");
  fields.clear();
  error = ErrorOf(link);
  for (const json& f : error["details"]["fields"]) fields.insert(f["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"supplier_id", "share"}));
  EXPECT_TRUE(MustCall("GET", "/v1/links", rws_, nullptr, 200)["items"].empty());
  EXPECT_EQ(Call("POST", "/v1/contracts", rws_, "[1,2]").status, 400);
  EXPECT_EQ(Call("POST", "/v1/contracts", rws_, "{\"id\":").status, 400);
  EXPECT_TRUE(MustCall("GET", "/v1/contracts", rws_, nullptr, 200)["items"].empty());
  EXPECT_EQ(service_->Stats().sites, 2u);
}

TEST_F(RecordRoutesTest, RolesDecideWhoWrites) {
  EXPECT_EQ(Call("POST", "/v1/sites", rws_viewer_, R"({"id":"S1","country":"NL"})").status, 403);
  PutSites();
  EXPECT_EQ(Call("DELETE", "/v1/sites/Q", rws_).status, 403);  // buyers do not delete sites
  EXPECT_EQ(Call("DELETE", "/v1/sites/Q", rws_admin_).status, 204);
  EXPECT_EQ(Call("GET", "/v1/sites/Q", rws_).status, 404);
  EXPECT_EQ(Call("DELETE", "/v1/sites/Q", rws_admin_).status, 404);
}

TEST_F(RecordRoutesTest, LinksAndContractsAreTheOrganisationsOwn) {
  PutSites();
  json link =
      MustCall("POST", "/v1/links", rws_,
               {{"supplier_id", "Q"}, {"customer_id", "T"}, {"product", "granite kerbs"}}, 201);
  const std::string link_id = link["id"];
  EXPECT_EQ(link["organisation"], "rws");
  json contract =
      MustCall("POST", "/v1/contracts", rws_,
               {{"id", "2026-001"}, {"tier1_site_id", "T"}, {"value_eur", 900000}}, 201);
  EXPECT_EQ(contract["organisation"], "rws");

  // Utrecht uses the same contract id: no conflict, and no hint that rws has one.
  MustCall("POST", "/v1/contracts", utrecht_, {{"id", "2026-001"}, {"tier1_site_id", "Q"}}, 201);
  EXPECT_EQ(MustCall("GET", "/v1/contracts/2026-001", utrecht_, nullptr, 200)["tier1_site_id"],
            "Q");
  EXPECT_EQ(MustCall("GET", "/v1/contracts/2026-001", rws_, nullptr, 200)["tier1_site_id"], "T");
  // Zwolle sees neither, and its answers for existing and invented ids are the same.
  HttpResult theirs = Call("GET", "/v1/contracts/2026-001", zwolle_);
  HttpResult invented = Call("GET", "/v1/contracts/2099-999", zwolle_);
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(ErrorOf(theirs)["code"], ErrorOf(invented)["code"]);
  EXPECT_EQ(Call("GET", "/v1/links/" + link_id, zwolle_).status, 404);
  EXPECT_EQ(Call("DELETE", "/v1/links/" + link_id, zwolle_).status, 404);
  EXPECT_EQ(Call("DELETE", "/v1/contracts/2026-001", zwolle_).status, 404);
  EXPECT_TRUE(MustCall("GET", "/v1/links", zwolle_, nullptr, 200)["items"].empty());
  EXPECT_TRUE(MustCall("GET", "/v1/contracts", zwolle_, nullptr, 200)["items"].empty());
  EXPECT_EQ(MustCall("GET", "/v1/links/" + link_id, rws_viewer_, nullptr, 200)["product"],
            "granite kerbs");

  // The chain follows the API write at once: T and the flagged quarry Q.
  json chain = MustCall("GET", "/v1/contracts/2026-001/chain", rws_, nullptr, 200);
  EXPECT_EQ(chain["reachable"], 2);
  EXPECT_GE(chain["flagged"].get<int>(), 1);
  // PUT changes the share only; the key fields must match the URL.
  json replaced = MustCall("PUT", "/v1/links/" + link_id, rws_,
                           {{"share", 0.25}, {"confidence", "verified"}}, 200);
  EXPECT_EQ(replaced["share"], 0.25);
  EXPECT_EQ(replaced["supplier_id"], "Q");
  EXPECT_EQ(Call("PUT", "/v1/links/" + link_id, rws_, R"({"supplier_id":"T"})").status, 400);
  // A referenced site cannot go; once its link is gone, it can.
  EXPECT_EQ(ErrorOf(Call("DELETE", "/v1/sites/Q", rws_admin_))["code"], "failed_precondition");
  EXPECT_EQ(Call("DELETE", "/v1/links/" + link_id, rws_).status, 204);
  EXPECT_EQ(MustCall("GET", "/v1/contracts/2026-001/chain", rws_, nullptr, 200)["reachable"], 1);
  EXPECT_EQ(Call("DELETE", "/v1/contracts/2026-001", utrecht_).status, 204);
  EXPECT_EQ(Call("DELETE", "/v1/sites/Q", rws_admin_).status, 204);
  EXPECT_EQ(Call("GET", "/v1/links/not-an-id", rws_).status, 404);
}

TEST_F(RecordRoutesTest, JointAuditCandidatesStayWithinAuditGroups) {
  PutSites();
  for (const std::string* token : {&rws_, &utrecht_, &zwolle_}) {
    MustCall("POST", "/v1/links", *token, {{"supplier_id", "Q"}, {"customer_id", "T"}}, 201);
    MustCall("POST", "/v1/contracts", *token,
             {{"id", "K"}, {"tier1_site_id", "T"}, {"value_eur", token == &rws_ ? 500 : 7777}},
             201);
  }
  ASSERT_TRUE(service_->JoinAuditGroup("rws", "stone-buyers").ok());
  ASSERT_TRUE(service_->JoinAuditGroup("utrecht", "stone-buyers").ok());
  json for_rws = MustCall("GET", "/v1/joint-audit/candidates", rws_viewer_, nullptr, 200);
  ASSERT_EQ(for_rws["candidates"].size(), 1u) << for_rws.dump();
  const json& candidate = for_rws["candidates"][0];
  EXPECT_EQ(candidate["site_id"], "Q");
  EXPECT_EQ(candidate["organisations"], 2);  // rws and utrecht; zwolle is in no group
  EXPECT_EQ(candidate["own_value_eur"], 500);
  EXPECT_NE(candidate["explanation"].get<std::string>().find("2 organisations"), std::string::npos);
  // Zwolle, outside the group, learns nothing; nothing of utrecht's value reaches rws.
  EXPECT_TRUE(
      MustCall("GET", "/v1/joint-audit/candidates", zwolle_, nullptr, 200)["candidates"].empty());
  EXPECT_EQ(for_rws.dump().find("7777"), std::string::npos);
  EXPECT_EQ(Get("/v1/joint-audit/candidates").status, 401);
}

}  // namespace
}  // namespace isvgraph::api
