// Isolation, route by route: organisation A, with an admin token (the strongest role), calls
// every route of the table with organisation B's ids in the path. No answer may carry B's data,
// and B's records must be unchanged afterwards. Routes over shared or public data (the site
// registry, the knowledge base, templates, the UI's files, A's own collections) are called too:
// they must not leak B's private records either.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/audits.h"
#include "live_server.h"
#include "record_json.h"
#include "rest/routes.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

class IsolationTest : public LiveServerTest {
 protected:
  void SetUp() override {
    LiveServerTest::SetUp();
    graph::WriteBatch batch;
    batch.PutOrganisation({.id = "org-a", .name = "A"});
    batch.PutOrganisation({.id = "org-b", .name = "B"});
    batch.PutSite(
        {.id = "S-A", .name = "Alpha Works", .country = "NL", .sector = "wholesale_trading"});
    batch.PutSite(
        {.id = "S-B", .name = "Bravo Works", .country = "NL", .sector = "wholesale_trading"});
    batch.PutSite({.id = "S-X",
                   .name = "Secret Quarry",
                   .country = "IN",
                   .sector = "quarrying_stone",
                   .lat = 12.52,
                   .lon = 78.21});
    batch.PutLink({.organisation = "org-b",
                   .supplier_id = "S-X",
                   .customer_id = "S-B",
                   .product = "secret-product-b",
                   .source = "secret-source-b"});
    batch.PutContract({.id = "K-B",
                       .organisation = "org-b",
                       .tier1_site_id = "S-B",
                       .title = "Secret title of B",
                       .cpv = "44912400-6",
                       .value_eur = 7777777});
    batch.PutContract(
        {.id = "K-A", .organisation = "org-a", .tier1_site_id = "S-A", .title = "A's own"});
    ASSERT_TRUE(service_->chains().Apply(std::move(batch)).ok());
    ASSERT_TRUE(service_->JoinAuditGroup("org-b", "group-b").ok());
    auto audit = RecordAudit(
        *service_, "org-b",
        {.site_id = "S-X",
         .audit_group = "group-b",
         .type = "site",
         .date = "2026-11-01",
         .summary = "secret-audit-summary-b",
         .findings = {{.theme = "child_labour", .grade = "priority", .text = "secret-finding-b"}}});
    ASSERT_TRUE(audit) << audit.error().ToString();
    audit_b_ = audit->id;
    admin_a_ = service_->CreateToken({.organisation = "org-a", .role = Role::kAdmin}).value();
  }

  // The path of a route with B's ids put in.
  std::string PathWithForeignIds(const std::string& path_template) const {
    std::string path = path_template;
    auto put = [&](const std::string& param, const std::string& value) {
      for (size_t at = path.find(param); at != std::string::npos; at = path.find(param)) {
        path.replace(at, param.size(), value);
      }
    };
    const bool audits = path.find("/v1/audits") == 0;
    const bool chains = path.find("/v1/maps/chains") == 0;
    const bool templates = path.find("/v1/imports/templates") == 0;
    const std::string link_b = LinkId({.organisation = "org-b",
                                       .supplier_id = "S-X",
                                       .customer_id = "S-B",
                                       .product = "secret-product-b"});
    put("{id}", audits                        ? audit_b_
                : path.find("/v1/links") == 0 ? link_b
                : path.find("/v1/sites") == 0 ? "S-X"
                                              : "K-B");
    put("{file}", chains                  ? "K-B.geojson"
                  : templates             ? "sites.csv"
                  : path.find("/ui") == 0 ? "index.html"
                                          : "child_labour.svg");
    put("{group}", "group-b");
    put("{code}", "IN");
    return path;
  }

  std::string admin_a_, audit_b_;
};

TEST_F(IsolationTest, NoRouteGivesOneOrganisationAnotherOrganisationsRecords) {
  const rest::RouteTable table = rest::BuildRouteTable(*service_);
  // What only B knows. (Ids, products and group names are in the paths A itself sends.)
  const std::vector<std::string> secrets = {"Secret title of B", "7777777", "secret-source-b",
                                            "secret-audit-summary-b", "secret-finding-b"};
  int calls = 0;
  for (const rest::Route& route : table.routes()) {
    const std::string path = PathWithForeignIds(route.path_template);
    const std::string body = route.takes_json ? "{}" : "";
    auto r = isvgraph::testing::HttpRequest(
        port_, route.method, path + (path == "/v1/cpv" ? "?q=stone" : ""), body,
        "Authorization: Bearer " + admin_a_ + "\r\nContent-Type: application/json\r\n");
    ++calls;
    EXPECT_NE(r.status, 0) << route.method << " " << path << ": " << r.error;
    EXPECT_NE(r.status, 500) << route.method << " " << path << ": " << r.body;
    for (const std::string& secret : secrets) {
      EXPECT_EQ(r.body.find(secret), std::string::npos)
          << route.method << " " << path << " (" << r.status << ") shows '" << secret
          << "': " << r.body.substr(0, 400);
    }
  }
  EXPECT_GT(calls, 50);
  // B's records are as they were.
  auto contract = service_->chains().store().GetContract("org-b", "K-B");
  ASSERT_TRUE(contract);
  EXPECT_EQ(contract->title, "Secret title of B");
  EXPECT_EQ(contract->value_eur, 7777777);
  EXPECT_TRUE(service_->chains().store().GetLink({.organisation = "org-b",
                                                  .supplier_id = "S-X",
                                                  .customer_id = "S-B",
                                                  .product = "secret-product-b"}));
  auto audit = service_->chains().store().GetAudit(audit_b_);
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->summary, "secret-audit-summary-b");
  EXPECT_EQ(audit->organisation, "org-b");
}

}  // namespace
}  // namespace isvgraph::api
