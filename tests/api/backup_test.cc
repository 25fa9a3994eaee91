// Backup while serving and restore: checkpoints taken over HTTP while a large import lands are
// each a whole store (the import in it entirely or not at all); a backup taken at rest restores
// to a store with exactly the same records. Backups are the operator's: no organisation role
// may take them, they are taken one at a time, no answer names a server path, and a server
// without a backup directory refuses with 409.

#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/service_internals.h"
#include "isvgraph/api/service.h"
#include "live_server.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

class BackupTest : public LiveServerTest {
 protected:
  BackupTest() { backup_dir_ = dir_.Sub("backups"); }
  isvgraph::testing::HttpResult PostBackup(const std::string& token) {
    return isvgraph::testing::HttpRequest(port_, "POST", "/v1/backups", "",
                                          "Authorization: Bearer " + token + "\r\n");
  }
};

template <typename Record, typename Scan>
std::vector<Record> All(const Scan& scan) {
  std::vector<Record> out;
  EXPECT_TRUE(scan([&](Record&& r) { out.push_back(std::move(r)); }).ok());
  return out;
}

TEST_F(BackupTest, CheckpointsWhileWritingAreWholeAndARestoreIsIdentical) {
  const std::string admin =
      service_->CreateToken({.organisation = "operator", .role = Role::kOperator}).value();
  const std::string viewer =
      service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  EXPECT_EQ(PostBackup(viewer).status, 403);

  // A large write lands while backups are taken.
  constexpr int kSites = 20000;
  std::thread writer([&] {
    graph::WriteBatch batch;
    for (int i = 0; i < kSites; ++i) {
      batch.PutSite(
          {.id = "B" + std::to_string(i), .name = "Works " + std::to_string(i), .country = "IN"});
    }
    batch.PutLink(
        {.organisation = "rws", .supplier_id = "B1", .customer_id = "B0", .product = "stone"});
    batch.PutContract({.id = "K", .organisation = "rws", .tier1_site_id = "B0", .value_eur = 10});
    EXPECT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
  });
  std::vector<std::string> taken;
  for (int i = 0; i < 3; ++i) {
    auto r = PostBackup(admin);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.body.find(backup_dir_), std::string::npos) << r.body;
    taken.push_back(backup_dir_ + "/" + json::parse(r.body)["name"].get<std::string>());
  }
  writer.join();
  for (size_t i = 0; i < taken.size(); ++i) {
    auto restored = RestoreBackup(taken[i], dir_.Sub("restored" + std::to_string(i)));
    ASSERT_TRUE(restored) << restored.error().ToString();
    const size_t landed = restored->sites;
    EXPECT_TRUE(landed == 0 || landed == static_cast<size_t>(kSites))
        << landed << " sites in " << taken[i];
    EXPECT_EQ(restored->contracts, landed ? 1u : 0u);
  }

  // At rest: the restore holds exactly the live store's records.
  auto r = PostBackup(admin);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string at_rest = backup_dir_ + "/" + json::parse(r.body)["name"].get<std::string>();
  EXPECT_EQ(json::parse(r.body)["sites"], kSites);
  auto restored = RestoreBackup(at_rest, dir_.Sub("at-rest"));
  ASSERT_TRUE(restored) << restored.error().ToString();
  auto copy = graph::OpenRocksStore({.path = dir_.Sub("at-rest"), .create_if_missing = false});
  ASSERT_TRUE(copy) << copy.error().ToString();
  const graph::ChainStore& live = ServiceInternals::Store(*service_);
  auto scan_sites = [](const graph::ChainStore& s) {
    return All<graph::Site>([&](auto visit) { return s.ScanSites(visit); });
  };
  auto scan_links = [](const graph::ChainStore& s) {
    return All<graph::SupplyLink>([&](auto visit) { return s.ScanLinks(visit); });
  };
  auto scan_orgs = [](const graph::ChainStore& s) {
    return All<graph::Organisation>([&](auto visit) { return s.ScanOrganisations(visit); });
  };
  EXPECT_EQ(scan_sites(**copy), scan_sites(live));
  EXPECT_EQ(scan_links(**copy), scan_links(live));
  EXPECT_EQ(scan_orgs(**copy), scan_orgs(live));
  EXPECT_EQ((*copy)->GetContract("rws", "K")->value_eur, 10);

  // A restore never overwrites, and a missing backup is NotFound.
  EXPECT_EQ(RestoreBackup(at_rest, dir_.Sub("at-rest")).error().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(RestoreBackup(dir_.Sub("nothing"), dir_.Sub("x")).error().code(),
            StatusCode::kNotFound);
}

TEST_F(BackupTest, OnlyTheOperatorOneAtATimeAndNobodyElseCanRead) {
  const std::string organisation_admin =
      service_->CreateToken({.organisation = "rws", .role = Role::kAdmin}).value();
  EXPECT_EQ(PostBackup(organisation_admin).status, 403);
  const std::string operator_token =
      service_->CreateToken({.organisation = "operator", .role = Role::kOperator}).value();
  // The operator's token reaches no organisation's data.
  EXPECT_EQ(isvgraph::testing::HttpRequest(port_, "GET", "/v1/contracts", "",
                                           "Authorization: Bearer " + operator_token + "\r\n")
                .status,
            403);
  std::vector<std::thread> callers;
  std::vector<isvgraph::testing::HttpResult> answers(3);
  for (int i = 0; i < 3; ++i) {
    callers.emplace_back([&, i] { answers[i] = PostBackup(operator_token); });
  }
  for (std::thread& caller : callers) caller.join();
  int taken = 0;
  for (const auto& answer : answers) {
    EXPECT_TRUE(answer.status == 201 || answer.status == 409) << answer.status << answer.body;
    EXPECT_NE(answer.status, 500);
    EXPECT_EQ(answer.body.find(dir_.Sub("")), std::string::npos) << answer.body;
    taken += answer.status == 201;
  }
  EXPECT_GE(taken, 1);
  // The store and the backups are the service user's alone.
  namespace fs = std::filesystem;
  for (const std::string& path : {dir_.Sub("db"), backup_dir_}) {
    const fs::perms mode = fs::status(path).permissions();
    EXPECT_EQ(mode & (fs::perms::group_all | fs::perms::others_all), fs::perms::none) << path;
  }
  // The public health answer names no server path.
  EXPECT_EQ(Get("/v1/health").body.find(dir_.Sub("")), std::string::npos);
}

class NoBackupDirTest : public LiveServerTest {};

TEST_F(NoBackupDirTest, BackupsOverHttpAreOffWithoutADirectory) {
  const std::string admin =
      service_->CreateToken({.organisation = "operator", .role = Role::kOperator}).value();
  auto r = isvgraph::testing::HttpRequest(port_, "POST", "/v1/backups", "",
                                          "Authorization: Bearer " + admin + "\r\n");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("--backup-dir"), std::string::npos);
}

}  // namespace
}  // namespace isvgraph::api
