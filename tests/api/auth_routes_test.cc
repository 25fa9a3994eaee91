// Organisation-scoped chain routes over real HTTP: tokens, roles, expiry, and isolation — one
// organisation can neither read, list nor infer the existence of another's contracts and links.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

class AuthRoutesTest : public LiveServerTest {
 protected:
  AuthRoutesTest() {
    service_options_.now_unix = [this]() { return now_; };
  }

  void SetUp() override {
    LiveServerTest::SetUp();
    // Two organisations share a tier-1 supplier T (NL) and a quarry Q (IN, stones: flagged).
    // Each disclosed one more private supplier: A's P (IN quarry), B's X (CN cotton farm).
    auto a = service_->CreateToken({.organisation = "rws", .role = Role::kBuyer});
    auto b = service_->CreateToken({.organisation = "utrecht", .role = Role::kViewer});
    ASSERT_TRUE(a && b);
    token_a_ = *a;
    token_b_ = *b;
    graph::WriteBatch batch;
    batch.PutSite({.id = "T", .name = "Trader", .country = "NL", .sector = "wholesale_trading"});
    batch.PutSite({.id = "Q", .name = "Quarry", .country = "IN", .sector = "quarrying_stone"});
    batch.PutSite(
        {.id = "P", .name = "Private quarry", .country = "IN", .sector = "quarrying_stone"});
    batch.PutSite({.id = "X",
                   .name = "Cotton farm",
                   .country = "CN",
                   .region = "CN-XJ",
                   .sector = "cotton_farming"});
    batch.PutLink({.organisation = graph::kPublicOrganisation,
                   .supplier_id = "Q",
                   .customer_id = "T",
                   .product = "granite"});
    batch.PutLink(
        {.organisation = "rws", .supplier_id = "P", .customer_id = "T", .product = "sandstone"});
    batch.PutLink(
        {.organisation = "utrecht", .supplier_id = "X", .customer_id = "T", .product = "cotton"});
    batch.PutContract(
        {.id = "RWS-1", .organisation = "rws", .tier1_site_id = "T", .value_eur = 900000});
    batch.PutContract(
        {.id = "UTR-7", .organisation = "utrecht", .tier1_site_id = "T", .value_eur = 120000});
    ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
  }

  int64_t now_ = 1'800'000'000;
  std::string token_a_, token_b_;
};

TEST_F(AuthRoutesTest, NoOrBadTokenIs401) {
  auto none = Get("/v1/contracts/RWS-1/chain");
  ASSERT_EQ(none.status, 401);
  EXPECT_EQ(ErrorOf(none)["code"], "unauthenticated");
  EXPECT_EQ(none.headers.at("www-authenticate"), "Bearer");
  auto bad = GetWithToken("/v1/contracts/RWS-1/chain", "isv_" + std::string(64, '0'));
  ASSERT_EQ(bad.status, 401);
  auto garbage = GetWithToken("/v1/chains/flags", "letmein");
  EXPECT_EQ(garbage.status, 401);
}

TEST_F(AuthRoutesTest, ChainSitesComeInPagesWithWholeCounts) {
  auto first = GetWithToken("/v1/contracts/RWS-1/chain?all_sites=true&limit=2", token_a_);
  ASSERT_EQ(first.status, 200) << first.body;
  json page = JsonOf(first);
  EXPECT_EQ(page["reachable"], 3);
  ASSERT_EQ(page["sites"].size(), 2u);
  ASSERT_TRUE(page["next_cursor"].is_string());
  auto second = GetWithToken("/v1/contracts/RWS-1/chain?all_sites=true&limit=2&cursor=" +
                                 page["next_cursor"].get<std::string>(),
                             token_a_);
  ASSERT_EQ(second.status, 200) << second.body;
  json rest = JsonOf(second);
  EXPECT_EQ(rest["reachable"], 3);
  ASSERT_EQ(rest["sites"].size(), 1u);
  EXPECT_TRUE(rest["next_cursor"].is_null());
  EXPECT_LT(page["sites"][1]["site_id"].get<std::string>(),
            rest["sites"][0]["site_id"].get<std::string>());
  EXPECT_EQ(GetWithToken("/v1/contracts/RWS-1/chain?limit=0", token_a_).status, 400);
  EXPECT_EQ(GetWithToken("/v1/contracts/RWS-1/chain?cursor=@@@@", token_a_).status, 400);
}

TEST_F(AuthRoutesTest, OwnChainFollowsOwnAndPublicLinksOnly) {
  auto r = GetWithToken("/v1/contracts/RWS-1/chain?all_sites=true", token_a_);
  ASSERT_EQ(r.status, 200) << r.body;
  json chain = JsonOf(r);
  EXPECT_EQ(chain["reachable"], 3);  // T, Q, P — not utrecht's X
  std::string body = r.body;
  EXPECT_EQ(body.find("\"X\""), std::string::npos);
  EXPECT_EQ(chain["methodology"], "isvgraph-risk-v2");
  bool quarry_flagged = false;
  for (const json& site : chain["sites"]) {
    if (site["site_id"] == "Q") {
      quarry_flagged = site["flagged"].get<bool>();
      EXPECT_EQ(site["worst_path"], json::array({"T", "Q"}));
      EXPECT_NE(site["explanation"].get<std::string>().find("Stones"), std::string::npos);
    }
  }
  EXPECT_TRUE(quarry_flagged);
}

TEST_F(AuthRoutesTest, AnotherOrganisationsContractIsIndistinguishableFromNone) {
  auto foreign = GetWithToken("/v1/contracts/UTR-7/chain", token_a_);
  auto missing = GetWithToken("/v1/contracts/NOPE-1/chain", token_a_);
  ASSERT_EQ(foreign.status, 404);
  ASSERT_EQ(missing.status, 404);
  // Same envelope but for the id the caller typed: nothing to tell them apart.
  json f = ErrorOf(foreign), m = ErrorOf(missing);
  EXPECT_EQ(f["code"], m["code"]);
  EXPECT_EQ(f["message"], "no contract 'UTR-7'");
  EXPECT_EQ(m["message"], "no contract 'NOPE-1'");
}

TEST_F(AuthRoutesTest, FlagsListOnlyOwnContracts) {
  json a = JsonOf(GetWithToken("/v1/chains/flags", token_a_));
  ASSERT_EQ(a["chains"].size(), 1u);
  EXPECT_EQ(a["chains"][0]["contract_id"], "RWS-1");
  EXPECT_EQ(a["organisation"], "rws");
  json b = JsonOf(GetWithToken("/v1/chains/flags", token_b_));
  ASSERT_EQ(b["chains"].size(), 1u);
  EXPECT_EQ(b["chains"][0]["contract_id"], "UTR-7");
  EXPECT_EQ(b["chains"][0]["reachable"], 3);  // T, Q and its own X
  EXPECT_EQ(GetWithToken("/v1/chains/flags", token_b_).body.find("RWS-1"), std::string::npos);
}

TEST_F(AuthRoutesTest, ExpiredTokensStopWorking) {
  auto shortlived =
      service_->CreateToken({.organisation = "rws", .role = Role::kViewer, .valid_seconds = 60});
  ASSERT_TRUE(shortlived);
  EXPECT_EQ(GetWithToken("/v1/chains/flags", *shortlived).status, 200);
  now_ += 61;
  EXPECT_EQ(GetWithToken("/v1/chains/flags", *shortlived).status, 401);
  EXPECT_EQ(GetWithToken("/v1/chains/flags", token_a_).status, 200);  // a year-long token
}

TEST_F(AuthRoutesTest, RevokedTokensStopWorking) {
  auto tokens = service_->ListTokens("utrecht");
  ASSERT_TRUE(tokens);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].role, "viewer");
  EXPECT_EQ((*tokens)[0].hash.size(), 64u);  // the token itself is nowhere in the store
  EXPECT_EQ((*tokens)[0].hash.find(token_b_), std::string::npos);
  EXPECT_EQ(service_->RevokeToken("utrecht", "abc").code(), StatusCode::kInvalidArgument);
  // Another organisation cannot revoke it.
  EXPECT_EQ(service_->RevokeToken("rws", (*tokens)[0].hash.substr(0, 12)).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(GetWithToken("/v1/chains/flags", token_b_).status, 200);
  ASSERT_TRUE(service_->RevokeToken("utrecht", (*tokens)[0].hash.substr(0, 12)).ok());
  EXPECT_EQ(GetWithToken("/v1/chains/flags", token_b_).status, 401);
  EXPECT_EQ(GetWithToken("/v1/chains/flags", token_a_).status, 200);
}

// The same, without HTTP: one thread asks for the same token again and again, which is what
// the per-thread last-token entry answers; revocation and expiry still count at once.
TEST_F(AuthRoutesTest, ATokenAskedForAgainStillFollowsRevocationAndExpiry) {
  auto shortlived =
      service_->CreateToken({.organisation = "rws", .role = Role::kBuyer, .valid_seconds = 60});
  ASSERT_TRUE(shortlived);
  for (int i = 0; i < 3; ++i) {
    auto who = service_->Authenticate(*shortlived);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->organisation, "rws");
    EXPECT_EQ(who->role, Role::kBuyer);
  }
  now_ += 61;
  EXPECT_FALSE(service_->Authenticate(*shortlived));
  ASSERT_TRUE(service_->Authenticate(token_b_));
  ASSERT_TRUE(service_->Authenticate(token_b_));
  auto tokens = service_->ListTokens("utrecht");
  ASSERT_TRUE(tokens && tokens->size() == 1);
  ASSERT_TRUE(service_->RevokeToken("utrecht", (*tokens)[0].hash.substr(0, 12)).ok());
  EXPECT_FALSE(service_->Authenticate(token_b_));
  // A token that differs in its last character is another token.
  std::string other = token_a_;
  other.back() = other.back() == '0' ? '1' : '0';
  ASSERT_TRUE(service_->Authenticate(token_a_));
  EXPECT_FALSE(service_->Authenticate(other));
  EXPECT_TRUE(service_->Authenticate(token_a_));
}

TEST_F(AuthRoutesTest, RolesAreNotALadder) {
  // An auditor records audits but changes no chain data; a buyer changes chain data but records
  // no audits; a viewer only reads. Each refusal is a 403 and writes nothing.
  auto token = [&](Role role) {
    return service_->CreateToken({.organisation = "rws", .role = role}).value();
  };
  const std::string viewer = token(Role::kViewer), buyer = token(Role::kBuyer),
                    auditor = token(Role::kAuditor), admin = token(Role::kAdmin);
  auto call = [&](const std::string& method, const std::string& target, const std::string& body,
                  const std::string& who) {
    return isvgraph::testing::HttpRequest(
               port_, method, target, body,
               "Authorization: Bearer " + who + "\r\nContent-Type: application/json\r\n")
        .status;
  };
  const std::string contract = R"({"tier1_site_id":"T","title":"Changed","value_eur":1})";
  const std::string link = R"({"supplier_id":"Q","customer_id":"T","product":"setts"})";
  const std::string audit = R"({"site_id":"Q","type":"desk","date":"2026-11-20"})";
  for (const std::string& who : {viewer, auditor}) {
    EXPECT_EQ(call("PUT", "/v1/contracts/RWS-1", contract, who), 403);
    EXPECT_EQ(call("POST", "/v1/links", link, who), 403);
    EXPECT_EQ(call("DELETE", "/v1/contracts/RWS-1", "", who), 403);
  }
  EXPECT_EQ(call("POST", "/v1/audits", audit, viewer), 403);
  EXPECT_EQ(call("POST", "/v1/audits", audit, buyer), 403);
  EXPECT_EQ(service_->GetContract({.organisation = "rws"}, "RWS-1")->value_eur, 900000);
  EXPECT_EQ(service_->Stats().links, 3u);

  EXPECT_EQ(call("POST", "/v1/audits", audit, auditor), 201);
  EXPECT_EQ(call("PUT", "/v1/contracts/RWS-1", contract, buyer), 200);
  EXPECT_EQ(call("POST", "/v1/links", link, admin), 201);
  EXPECT_EQ(call("POST", "/v1/audits", audit, admin), 201);
}

TEST_F(AuthRoutesTest, BadChainParameterIs400) {
  auto r = GetWithToken("/v1/contracts/RWS-1/chain?all_sites=maybe", token_a_);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(ErrorOf(r)["details"]["field"], "all_sites");
}

TEST_F(AuthRoutesTest, TokensNeedAValidOrganisation) {
  EXPECT_EQ(service_->CreateToken({.organisation = "public"}).error().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->CreateToken({.organisation = "a b"}).error().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->CreateToken({.organisation = "x", .valid_seconds = -1}).error().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace isvgraph::api
