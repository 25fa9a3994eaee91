// The smaller findings of the outside test, each closed: duplicate JSON keys, map sizes that
// cost seconds or overflow, tokens revocable while the server runs, audit ids that said whether
// another organisation used them, and group members a member could not see.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"
#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;
using nlohmann::json;

class HardeningTest : public LiveServerTest {
 protected:
  HardeningTest() { max_body_bytes_ = 1 << 20; }
  HttpResult Call(const std::string& method, const std::string& target, const std::string& token,
                  const std::string& body = "") {
    return HttpRequest(port_, method, target, body,
                       "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n");
  }
};

TEST_F(HardeningTest, AKeyTwiceInOneObjectIsRefused) {
  HttpResult r = Post("/v1/risk/sites", R"({"sites":[{"country":"NL","country":"CD"}]})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("appears twice"), std::string::npos) << r.body;
  EXPECT_EQ(Post("/v1/risk/sites", R"({"sites":[{"country":"NL"},{"country":"CD"}]})").status, 200);
}

TEST_F(HardeningTest, MapSizesAreBoundedAndARenderedMapIsKept) {
  for (const char* size : {"width=1e30", "width=4000&height=3000", "height=-5", "width=300.5"}) {
    HttpResult r = Get(std::string("/v1/maps/risk/child_labour.png?") + size);
    EXPECT_EQ(r.status, 400) << size << ": " << r.body;
  }
  HttpResult first = Get("/v1/maps/risk/child_labour.svg?width=400&height=300");
  ASSERT_EQ(first.status, 200);
  HttpResult again = Get("/v1/maps/risk/child_labour.svg?width=400&height=300");
  EXPECT_EQ(again.body, first.body);
}

TEST_F(HardeningTest, AnAdminListsAndRevokesTheOrganisationsTokens) {
  const std::string admin =
      service_->CreateToken({.organisation = "rws", .role = Role::kAdmin}).value();
  const std::string viewer =
      service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  const std::string other =
      service_->CreateToken({.organisation = "bzk", .role = Role::kViewer}).value();
  EXPECT_EQ(Call("GET", "/v1/tokens", viewer).status, 403);
  HttpResult listed = Call("GET", "/v1/tokens", admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json tokens = json::parse(listed.body)["tokens"];
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(listed.body.find(viewer), std::string::npos);  // ids, never tokens
  std::string viewer_id;
  for (const json& token : tokens) {
    if (token["role"] == "viewer") viewer_id = token["id"];
  }
  ASSERT_EQ(viewer_id.size(), 12u) << listed.body;
  ASSERT_EQ(Call("GET", "/v1/contracts", viewer).status, 200);
  EXPECT_EQ(Call("DELETE", "/v1/tokens/" + viewer_id, admin).status, 204);
  EXPECT_EQ(Call("GET", "/v1/contracts", viewer).status, 401);
  // Another organisation's token is not this admin's to revoke.
  auto bzk = service_->ListTokens("bzk");
  ASSERT_TRUE(bzk);
  EXPECT_EQ(Call("DELETE", "/v1/tokens/" + bzk->front().hash.substr(0, 12), admin).status, 404);
  EXPECT_EQ(Call("GET", "/v1/contracts", other).status, 200);
}

TEST_F(HardeningTest, AuditIdsAndGroupMembersTellNoMoreThanTheyShould) {
  graph::WriteBatch batch;
  for (const char* org : {"rws", "bzk"}) batch.PutOrganisation({.id = org, .name = org});
  batch.PutSite({.id = "G", .name = "Glove factory", .country = "MY"});
  ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
  ASSERT_TRUE(service_->FoundAuditGroup("rws", "gloves").ok());
  ASSERT_TRUE(service_->JoinAuditGroup("bzk", "gloves").ok());
  const std::string rws =
      service_->CreateToken({.organisation = "rws", .role = Role::kAuditor}).value();
  const std::string bzk =
      service_->CreateToken({.organisation = "bzk", .role = Role::kAuditor}).value();
  const std::string audit = R"({"id":"SECRET-1","site_id":"G","type":"desk","date":"2026-10-01"})";
  HttpResult mine = Call("POST", "/v1/audits", rws, audit);
  ASSERT_EQ(mine.status, 201) << mine.body;
  const std::string id = json::parse(mine.body)["id"];
  // bzk asks for the same id and for a free one: both answers are alike, a new id each.
  HttpResult taken =
      Call("POST", "/v1/audits", bzk,
           R"({"id":")" + id + R"(","site_id":"G","type":"desk","date":"2026-10-02"})");
  HttpResult free = Call("POST", "/v1/audits", bzk,
                         R"({"id":"FREE-9","site_id":"G","type":"desk","date":"2026-10-03"})");
  ASSERT_EQ(taken.status, 201) << taken.body;
  ASSERT_EQ(free.status, 201) << free.body;
  EXPECT_NE(json::parse(taken.body)["id"], id);
  EXPECT_NE(json::parse(free.body)["id"], "FREE-9");
  EXPECT_EQ(taken.body.find("taken"), std::string::npos);
  // Each member sees who else is in its groups.
  json groups = json::parse(Call("GET", "/v1/audit-groups", bzk).body)["audit_groups"];
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["member_organisations"], json({"bzk", "rws"}));
}

}  // namespace
}  // namespace isvgraph::api
