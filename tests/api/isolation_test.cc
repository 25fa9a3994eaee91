// Isolation, route by route: organisation A, with an admin token (the strongest role), calls
// every route of the table with organisation B's ids in the path, and again with B's ids in the
// query parameters and the JSON body. No answer may carry B's data, and B's records must be
// unchanged afterwards. Routes over shared or public data (the site
// registry, the knowledge base, templates, the UI's files, A's own collections) are called too:
// they must not leak B's private records either. The sweep runs on each store kind: RocksDB and,
// where the test's own PostgreSQL cluster starts, a PostgreSQL database shared as `serve` opens it.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/service_internals.h"
#include "isvgraph/api/encode/record_json.h"
#include "isvgraph/api/service.h"
#include "isvgraph/base/base64url.h"
#include "live_server.h"
#include "rest/paging.h"
#include "rest/routes.h"
#include "support/postgres_cluster.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

class IsolationTest : public LiveServerTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      isvgraph::testing::PostgresCluster* cluster = isvgraph::testing::PostgresCluster::Shared();
      if (!cluster) GTEST_SKIP() << isvgraph::testing::PostgresCluster::SkipReason();
      store_ = cluster->NewDatabase();
      service_options_.follow_store = true;
    }
    LiveServerTest::SetUp();
    if (HasFatalFailure()) return;
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
    ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
    ASSERT_TRUE(service_->JoinAuditGroup("org-b", "group-b").ok());
    auto audit = service_->RecordAudit(
        "org-b",
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

  // Calls every route as A with `query` appended and `json_body` for routes that take JSON, and
  // checks that no answer shows what only B knows.
  int Sweep(const std::string& query, const std::string& json_body) {
    const rest::RouteTable table = rest::BuildRouteTable(*service_);
    // What only B knows. (Ids, products and group names are in the requests A itself sends.)
    const std::vector<std::string> secrets = {"Secret title of B", "7777777", "secret-source-b",
                                              "secret-audit-summary-b", "secret-finding-b"};
    int calls = 0;
    for (const rest::Route& route : table.routes()) {
      const std::string path = PathWithForeignIds(route.path_template);
      std::string target = path + (path == "/v1/cpv" ? "?q=stone" : "");
      if (!query.empty()) target += (target.find('?') == std::string::npos ? "?" : "&") + query;
      const std::string body = route.takes_json ? json_body : "";
      auto r = isvgraph::testing::HttpRequest(
          port_, route.method, target, body,
          "Authorization: Bearer " + admin_a_ + "\r\nContent-Type: application/json\r\n");
      ++calls;
      EXPECT_NE(r.status, 0) << route.method << " " << target << ": " << r.error;
      EXPECT_NE(r.status, 500) << route.method << " " << target << ": " << r.body;
      for (const std::string& secret : secrets) {
        EXPECT_EQ(r.body.find(secret), std::string::npos)
            << route.method << " " << target << " (" << r.status << ") shows '" << secret
            << "': " << r.body.substr(0, 400);
      }
    }
    return calls;
  }

  // B's records are as they were.
  void ExpectBUnchanged() {
    auto contract = service_->GetContract({.organisation = "org-b"}, "K-B");
    ASSERT_TRUE(contract);
    EXPECT_EQ(contract->title, "Secret title of B");
    EXPECT_EQ(contract->value_eur, 7777777);
    auto link = ServiceInternals::Store(*service_).GetLink({.organisation = "org-b",
                                                            .supplier_id = "S-X",
                                                            .customer_id = "S-B",
                                                            .product = "secret-product-b"});
    ASSERT_TRUE(link);
    EXPECT_EQ(link->source, "secret-source-b");
    auto audit = ServiceInternals::Store(*service_).GetAudit(audit_b_);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->summary, "secret-audit-summary-b");
    EXPECT_EQ(audit->organisation, "org-b");
    // Nothing A sent was shared with B's group.
    size_t group_b = 0;
    ASSERT_TRUE(ServiceInternals::Store(*service_)
                    .ScanAudits([&](graph::Audit&& a) { group_b += a.audit_group == "group-b"; })
                    .ok());
    EXPECT_EQ(group_b, 1u);
  }

  std::string admin_a_, audit_b_;
};

TEST_P(IsolationTest, NoRouteGivesOneOrganisationAnotherOrganisationsRecords) {
  EXPECT_GT(Sweep("", "{}"), 50);
  ExpectBUnchanged();
}

TEST_P(IsolationTest, ForeignIdsInQueriesAndBodiesReachNothingOfTheOther) {
  // Every query parameter a route reads that could name another organisation's record, and a
  // cursor that points into B's links (the base64url of B's link key).
  const std::string b_link_key = graph::LinkPageKey({.organisation = "org-b",
                                                     .supplier_id = "S-X",
                                                     .customer_id = "S-B",
                                                     .product = "secret-product-b"});
  const std::string query =
      "organisation=org-b&org=org-b&site=S-X&contract=K-B&group=group-b"
      "&audit_group=group-b&theme=child_labour&all_sites=true&cursor=" +
      Base64UrlEncode(b_link_key) + "&limit=1000";
  // A body naming B's contract, link, group and sites: creating or replacing A's own records is
  // fine, touching B's is not; an audit shared with B's group must be refused (A is no member).
  const json body = {
      {"id", "K-B"},
      {"organisation", "org-b"},
      {"tier1_site_id", "S-B"},
      {"title", "Overwritten by A"},
      {"value_eur", 1},
      {"supplier_id", "S-X"},
      {"customer_id", "S-B"},
      {"product", "secret-product-b"},
      {"source", "A's source"},
      {"site_id", "S-X"},
      {"audit_group", "group-b"},
      {"type", "site"},
      {"date", "2026-11-20"},
      {"summary", "A's summary"},
      {"name", "Bravo Works"},
      {"country", "NL"},
      {"sector", "wholesale_trading"},
      {"sites", json::array({{{"id", "S-X"}}, {{"name", "Bravo Works"}, {"country", "NL"}}})}};
  EXPECT_GT(Sweep(query, body.dump()), 50);
  ExpectBUnchanged();
}

INSTANTIATE_TEST_SUITE_P(Stores, IsolationTest, ::testing::Values("rocksdb", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace isvgraph::api
