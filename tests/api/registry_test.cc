// The shared registry cannot be turned against another organisation's chains: a change to a site
// others use waits for them as a proposal, every write names who made it, and an import row
// that says something else about a registry site is listed, never dropped. The scenario is the
// outside test's, on the demo store.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/demo.h"
#include "isvgraph/api/service.h"
#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;
using nlohmann::json;

constexpr int64_t kNow = 1796331600;  // 2026-12-03T21:00:00Z

class RegistryTest : public LiveServerTest {
 protected:
  RegistryTest() {
    service_options_.now_unix = [] { return kNow; };
  }
  void SetUp() override {
    LiveServerTest::SetUp();
    ASSERT_TRUE(LoadDemo(*service_, DefaultDemoDir()));
    for (const char* org : {"rws", "umc-north", "umc-south", "utrecht"}) {
      tokens_[org] = service_->CreateToken({.organisation = org, .role = Role::kBuyer}).value();
    }
    operator_ = service_->CreateToken({.organisation = "ops", .role = Role::kOperator}).value();
  }
  HttpResult As(const std::string& org, const std::string& method, const std::string& target,
                const std::string& body = "", const std::string& type = "application/json") {
    const std::string& token = org == "operator" ? operator_ : tokens_.at(org);
    return HttpRequest(port_, method, target, body,
                       "Authorization: Bearer " + token + "\r\nContent-Type: " + type + "\r\n");
  }
  json Site(const std::string& id) {
    HttpResult r = As("rws", "GET", "/v1/sites/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  std::map<std::string, std::string> tokens_;
  std::string operator_;
};

const char kMoveGlove[] =
    R"j({"name":"Example Nitrile Gloves Sdn Bhd (fictional)","country":"NL",)j"
    R"("sector":"public_administration","role":"manufacturer"})";

TEST_F(RegistryTest, ChangeToASiteOthersUseWaitsForThem) {
  const std::string flags_before = As("umc-north", "GET", "/v1/chains/flags").body;
  HttpResult put = As("rws", "PUT", "/v1/sites/MY-GLOVE", kMoveGlove);
  ASSERT_EQ(put.status, 202) << put.body;
  const json proposal = json::parse(put.body)["proposal"];
  EXPECT_EQ(proposal["state"], "pending");
  EXPECT_EQ(proposal["proposed_by"], "rws");
  EXPECT_EQ(proposal["waits_for"], json({"umc-north", "umc-south", "utrecht"}));
  EXPECT_EQ(proposal["changes"][0]["field"], "country");
  EXPECT_EQ(proposal["changes"][0]["before"], "MY");
  // What umc-north's chains say has not moved.
  EXPECT_EQ(Site("MY-GLOVE")["country"], "MY");
  EXPECT_EQ(As("umc-north", "GET", "/v1/chains/flags").body, flags_before);

  // umc-north sees the proposal, and who asked for it; bzk (not a user of the site) does not.
  HttpResult listed = As("umc-north", "GET", "/v1/proposals?state=pending");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(json::parse(listed.body)["proposals"].size(), 1u);
  const std::string bzk =
      service_->CreateToken({.organisation = "bzk", .role = Role::kBuyer}).value();
  HttpResult hidden =
      HttpRequest(port_, "GET", "/v1/proposals", "", "Authorization: Bearer " + bzk + "\r\n");
  EXPECT_EQ(json::parse(hidden.body)["proposals"].size(), 0u) << hidden.body;
  const std::string id = std::to_string(proposal["id"].get<uint64_t>());
  EXPECT_EQ(HttpRequest(port_, "POST", "/v1/proposals/" + id + "/accept", "",
                        "Authorization: Bearer " + bzk + "\r\n")
                .status,
            404);
  // The proposer cannot accept its own change.
  EXPECT_EQ(As("rws", "POST", "/v1/proposals/" + id + "/accept").status, 403);

  // One rejection ends it; the site stays as it was.
  HttpResult rejected = As("umc-north", "POST", "/v1/proposals/" + id + "/reject");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(json::parse(rejected.body)["state"], "rejected");
  EXPECT_EQ(json::parse(rejected.body)["decided_by"], "umc-north");
  EXPECT_EQ(As("umc-south", "POST", "/v1/proposals/" + id + "/accept").status, 409);
  EXPECT_EQ(Site("MY-GLOVE")["sector"], "rubber_gloves");
  EXPECT_EQ(As("umc-north", "GET", "/v1/chains/flags").body, flags_before);
}

TEST_F(RegistryTest, AcceptedByEveryUserOrTheOperatorTheChangeIsWritten) {
  const std::string change =
      R"j({"name":"Example Nitrile Gloves Bhd (fictional)","country":"MY","region":"MY-10",)j"
      R"("sector":"rubber_gloves","role":"manufacturer","lat":3.0449,"lon":101.4455})";
  HttpResult put = As("rws", "PUT", "/v1/sites/MY-GLOVE", change);
  ASSERT_EQ(put.status, 202) << put.body;
  const std::string id = std::to_string(json::parse(put.body)["proposal"]["id"].get<uint64_t>());
  for (const char* org : {"umc-north", "umc-south"}) {
    HttpResult accepted = As(org, "POST", "/v1/proposals/" + id + "/accept");
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(json::parse(accepted.body)["state"], "pending");  // utrecht has not spoken
  }
  EXPECT_EQ(Site("MY-GLOVE")["name"], "Example Nitrile Gloves Sdn Bhd (fictional)");
  HttpResult last = As("utrecht", "POST", "/v1/proposals/" + id + "/accept");
  ASSERT_EQ(last.status, 200) << last.body;
  EXPECT_EQ(json::parse(last.body)["state"], "accepted");
  EXPECT_EQ(Site("MY-GLOVE")["name"], "Example Nitrile Gloves Bhd (fictional)");

  // The operator decides alone (and for sites on public links).
  HttpResult again = As("rws", "PUT", "/v1/sites/MY-GLOVE", kMoveGlove);
  ASSERT_EQ(again.status, 202) << again.body;
  const std::string second =
      std::to_string(json::parse(again.body)["proposal"]["id"].get<uint64_t>());
  EXPECT_NE(second, id);
  HttpResult by_operator = As("operator", "POST", "/v1/proposals/" + second + "/accept");
  ASSERT_EQ(by_operator.status, 200) << by_operator.body;
  EXPECT_EQ(json::parse(by_operator.body)["decided_by"], "operator");
  EXPECT_EQ(Site("MY-GLOVE")["country"], "NL");
}

TEST_F(RegistryTest, HistoryNamesOrganisationTokenAndTime) {
  // A site only rws uses is rws's to change at once; no change writes nothing.
  ASSERT_EQ(As("rws", "POST", "/v1/sites",
               R"({"id":"RWS-Q","name":"Quarry","country":"PT","sector":"quarrying_stone"})")
                .status,
            201);
  HttpResult changed = As("rws", "PUT", "/v1/sites/RWS-Q",
                          R"({"name":"Quarry","country":"PT","sector":"wholesale_trading"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  ASSERT_EQ(As("rws", "PUT", "/v1/sites/RWS-Q",
               R"({"name":"Quarry","country":"PT","sector":"wholesale_trading"})")
                .status,
            200);
  HttpResult history = As("umc-north", "GET", "/v1/sites/RWS-Q/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const json entries = json::parse(history.body)["entries"];
  ASSERT_EQ(entries.size(), 2u) << history.body;
  EXPECT_EQ(entries[0]["organisation"], "rws");
  EXPECT_EQ(entries[0]["what"], "POST /v1/sites");
  EXPECT_EQ(entries[0]["sites"][0]["change"], "created");
  EXPECT_EQ(entries[1]["what"], "PUT /v1/sites/RWS-Q");
  EXPECT_EQ(entries[1]["time"], "2026-12-03T21:00:00Z");
  EXPECT_EQ(entries[1]["token_id"].get<std::string>().size(), 12u);
  EXPECT_EQ(entries[1]["sites"][0]["fields"],
            json::parse(R"([{"field":"sector","before":"quarrying_stone",)"
                        R"("after":"wholesale_trading"}])"));
  // The demo's own sites were written by the operator (an import) and say so.
  const json demo = json::parse(As("rws", "GET", "/v1/sites/MY-GLOVE/history").body)["entries"];
  ASSERT_FALSE(demo.empty());
  EXPECT_EQ(demo[0]["organisation"], "operator");
  EXPECT_EQ(demo[0]["what"], "import of sites.csv");  // no server paths
  EXPECT_EQ(demo[0]["sites"][0]["change"], "created");
  EXPECT_EQ(As("rws", "GET", "/v1/sites/NOPE/history").status, 404);
}

TEST_F(RegistryTest, ImportRowsNeverOverwriteOrDropSilently) {
  const std::string flags_before = As("umc-north", "GET", "/v1/chains/flags").body;
  // The id column names umc-north's glove factory: the import lists the difference and makes
  // it a proposal, not a write.
  HttpResult attack = As("rws", "POST", "/v1/imports?kind=sites&format=csv",
                         "id,name,country,sector\nMY-GLOVE,Example Nitrile Gloves Sdn Bhd "
                         "(fictional),NL,public_administration\n",
                         "text/csv");
  ASSERT_EQ(attack.status, 200) << attack.body;
  const json differences = json::parse(attack.body)["differences"];
  ASSERT_EQ(differences.size(), 1u) << attack.body;
  EXPECT_EQ(differences[0]["site_id"], "MY-GLOVE");
  EXPECT_NE(differences[0]["outcome"].get<std::string>().find("proposal"), std::string::npos);
  EXPECT_EQ(Site("MY-GLOVE")["country"], "MY");
  EXPECT_EQ(As("umc-north", "GET", "/v1/chains/flags").body, flags_before);

  // Pre-seeding: rws registers a cobalt mine as public administration; umc-south's row for it
  // (matched by name and country) says cobalt_mining, and that is not dropped.
  ASSERT_EQ(As("rws", "POST", "/v1/sites",
               R"({"id":"ACME","name":"Acme Cobalt Mining SARL","country":"CD",)"
               R"("sector":"public_administration"})")
                .status,
            201);
  HttpResult row =
      As("umc-south", "POST", "/v1/imports?kind=sites&format=csv",
         "name,country,sector\nAcme Cobalt Mining SARL,CD,cobalt_mining\n", "text/csv");
  ASSERT_EQ(row.status, 200) << row.body;
  const json listed = json::parse(row.body)["differences"];
  ASSERT_EQ(listed.size(), 1u) << row.body;
  EXPECT_EQ(listed[0]["fields"], json::parse(R"([{"field":"sector",)"
                                             R"("registry":"public_administration",)"
                                             R"("row":"cobalt_mining"}])"));
  EXPECT_EQ(listed[0]["outcome"], "written");  // no other organisation's chain uses it
  EXPECT_NE(json::parse(row.body)["outcome"].get<std::string>().find("1 changed, 0 proposed"),
            std::string::npos)
      << row.body;
  EXPECT_EQ(Site("ACME")["sector"], "cobalt_mining");
  const json history = json::parse(As("rws", "GET", "/v1/sites/ACME/history").body)["entries"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["organisation"], "umc-south");
  // A dry run lists the same and writes nothing.
  HttpResult dry = As("rws", "POST", "/v1/imports?kind=sites&format=csv&dry_run=true",
                      "name,country,sector\nAcme Cobalt Mining SARL,CD,gold_mining\n", "text/csv");
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(json::parse(dry.body)["differences"].size(), 1u);
  EXPECT_EQ(Site("ACME")["sector"], "cobalt_mining");
}

}  // namespace
}  // namespace isvgraph::api
