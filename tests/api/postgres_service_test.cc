// The service on a PostgreSQL store answers as it does on RocksDB: the demo loaded into both,
// every contract's assessment the same, the index rebuilt from the database on reopening, and
// the connection string's password in no message.

#include <gtest/gtest.h>

#include "isvgraph/api/demo.h"
#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/api/service.h"
#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::PostgresCluster;

// Every contract of every organisation, assessed, as JSON (contract id → assessment).
std::map<std::string, nlohmann::json> Assessments(const Service& service) {
  std::map<std::string, nlohmann::json> out;
  const std::vector<std::string> organisations = service.OrganisationIds().value();
  for (const std::string& org : organisations) {
    const graph::Viewer viewer{.organisation = org};
    const auto contracts = service.ListContracts(viewer, "", 100);
    for (const graph::Contract& contract : contracts->items) {
      auto assessment = service.AssessContract(viewer, contract.id);
      EXPECT_TRUE(assessment) << contract.id;
      if (assessment) {
        out[org + "/" + contract.id] =
            ContractAssessmentJson(*assessment->risk_data, *assessment, i18n::Language::kEnglish);
      }
    }
  }
  return out;
}

// The differences between two sets of assessments, as JSON patches per contract ("" when none).
std::string Differences(const std::map<std::string, nlohmann::json>& a,
                        const std::map<std::string, nlohmann::json>& b) {
  std::string out;
  for (const auto& [id, json] : a) {
    if (!b.count(id)) {
      out += id + ": missing\n";
    } else if (b.at(id) != json) {
      out += id + ": " + nlohmann::json::diff(json, b.at(id)).dump().substr(0, 2000) + "\n";
    }
  }
  if (a.size() != b.size()) out += "sizes differ\n";
  return out;
}

TEST(PostgresService, TheDemoAnswersAsOnRocksDb) {
  PostgresCluster* cluster = PostgresCluster::Shared();
  if (!cluster) GTEST_SKIP() << PostgresCluster::SkipReason();
  const std::string url = cluster->WithPassword(cluster->NewDatabase(), "s3cret");
  isvgraph::testing::TempDir dir;

  std::map<std::string, nlohmann::json> on_rocks;
  {
    auto rocks = Service::Open({.db_path = dir.Sub("db")});
    ASSERT_TRUE(rocks) << rocks.error().ToString();
    ASSERT_TRUE(LoadDemo(**rocks, DefaultDemoDir(), {}));
    on_rocks = Assessments(**rocks);
  }
  {
    auto postgres = Service::Open({.db_path = url});
    ASSERT_TRUE(postgres) << postgres.error().ToString();
    EXPECT_EQ((*postgres)->Health().store_path.find("s3cret"), std::string::npos);
    ASSERT_TRUE(LoadDemo(**postgres, DefaultDemoDir(), {}));
    EXPECT_EQ(Differences(on_rocks, Assessments(**postgres)), "");
  }
  // Reopened: the index is built from the database alone.
  auto reopened = Service::Open({.db_path = url, .create_if_missing = false});
  ASSERT_TRUE(reopened) << reopened.error().ToString();
  EXPECT_EQ(Differences(on_rocks, Assessments(**reopened)), "");
  EXPECT_EQ(on_rocks.size(), 8u);
}

TEST(PostgresService, AnUnreachableDatabaseIsACleanErrorWithoutThePassword) {
  auto service = Service::Open({.db_path = "postgresql://isv:s3cret@127.0.0.1:1/isvgraph"});
  ASSERT_FALSE(service);
  EXPECT_EQ(service.error().code(), StatusCode::kIoError);
  EXPECT_NE(service.error().message().find("postgresql://isv:***@127.0.0.1:1/isvgraph"),
            std::string::npos)
      << service.error().message();
  EXPECT_EQ(service.error().ToString().find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace isvgraph::api
