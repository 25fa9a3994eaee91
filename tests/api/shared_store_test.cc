// Two real `isvgraph serve` processes on one PostgreSQL database (docs/scaling.md): each follows
// the other's writes within a second, a killed server loses nothing it acknowledged, and a
// database restart is ridden out: what needs no record answers meanwhile, the rest (writes too)
// gets 503 with the reason, and the server reconnects and catches up by itself.

#include <chrono>
#include <signal.h>
#include <sys/wait.h>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/demo.h"
#include "isvgraph/api/service.h"
#include "support/http_client.h"
#include "support/postgres_cluster.h"
#include "support/serve_process.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;
using isvgraph::testing::PostgresCluster;
using Clock = std::chrono::steady_clock;

class SharedStore : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = PostgresCluster::Shared();
    if (!cluster_) GTEST_SKIP() << PostgresCluster::SkipReason();
    url_ = cluster_->NewDatabase();
    auto service = Service::Open({.db_path = url_});
    ASSERT_TRUE(service) << service.error().ToString();
    ASSERT_TRUE(LoadDemo(**service, DefaultDemoDir(), {}));
    token_ = (*service)->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
  }
  void TearDown() override {
    for (pid_t pid : {a_, b_}) {
      if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
  }
  pid_t Start(uint16_t* port) {
    return isvgraph::testing::StartServeProcess(ISVGRAPH_BINARY, {"--db", url_, "--quiet"}, port,
                                                dir_.Sub("servers.log"));
  }
  HttpResult Call(uint16_t port, const std::string& method, const std::string& target,
                  const std::string& body = "") {
    return HttpRequest(
        port, method, target, body,
        "Authorization: Bearer " + token_ + "\r\nContent-Type: application/json\r\n");
  }
  // A new contract of rws on the demo's kerbstone chain, written through the server at `port`;
  // the HTTP status of the answer.
  int CreateContract(uint16_t port, const std::string& id) {
    const nlohmann::json body = {{"id", id}, {"tier1_site_id", tier1_}, {"value_eur", 912500}};
    return Call(port, "POST", "/v1/contracts", body.dump()).status;
  }
  // Seconds until the server at `port` assesses contract `id` (its index has it), or -1 after 10 s.
  double SecondsUntilAssessed(uint16_t port, const std::string& id) {
    const Clock::time_point start = Clock::now();
    while (Clock::now() - start < std::chrono::seconds(10)) {
      if (Call(port, "GET", "/v1/contracts/" + id + "/assessment").status == 200) {
        return std::chrono::duration<double>(Clock::now() - start).count();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
  nlohmann::json Following(uint16_t port) {
    return nlohmann::json::parse(HttpRequest(port, "GET", "/v1/health").body, nullptr, false)
        .value("following", nlohmann::json());
  }

  PostgresCluster* cluster_ = nullptr;
  isvgraph::testing::TempDir dir_;
  std::string url_, token_, tier1_;
  pid_t a_ = -1, b_ = -1;
};

TEST_F(SharedStore, TwoServersFollowEachOtherThroughAKillAndADatabaseRestart) {
  uint16_t port_a = 0, port_b = 0;
  a_ = Start(&port_a);
  b_ = Start(&port_b);
  ASSERT_GT(a_, 0);
  ASSERT_GT(b_, 0);
  const HttpResult kerb = Call(port_a, "GET", "/v1/contracts/RWS-2026-014");
  ASSERT_EQ(kerb.status, 200) << kerb.body;
  tier1_ = nlohmann::json::parse(kerb.body)["tier1_site_id"];

  // Writes on each server, read on the other within a second.
  ASSERT_EQ(CreateContract(port_a, "SHARED-A1"), 201);
  const double a_to_b = SecondsUntilAssessed(port_b, "SHARED-A1");
  ASSERT_EQ(CreateContract(port_b, "SHARED-B1"), 201);
  const double b_to_a = SecondsUntilAssessed(port_a, "SHARED-B1");
  std::printf("write on A read on B after %.3f s; write on B read on A after %.3f s\n", a_to_b,
              b_to_a);
  EXPECT_GE(a_to_b, 0);
  EXPECT_LT(a_to_b, 1.0);
  EXPECT_GE(b_to_a, 0);
  EXPECT_LT(b_to_a, 1.0);
  const nlohmann::json following = Following(port_b);
  ASSERT_TRUE(following.is_object()) << following;
  EXPECT_EQ(following["behind"], 0) << following;
  EXPECT_EQ(following["store_reachable"], true) << following;
  // A's small writes were patched into B's index, not rebuilt from the database.
  EXPECT_GE(following["catch_ups"], 1) << following;
  EXPECT_EQ(following["patched_catch_ups"], following["catch_ups"]) << following;

  // A killed: what it acknowledged is in the database, and B has it.
  ASSERT_EQ(CreateContract(port_a, "SHARED-A2"), 201);
  kill(a_, SIGKILL);
  waitpid(a_, nullptr, 0);
  a_ = -1;
  std::printf("server A killed (SIGKILL) after acknowledging SHARED-A2\n");
  EXPECT_GE(SecondsUntilAssessed(port_b, "SHARED-A2"), 0);

  // The database restarted under B. Meanwhile what needs no database answers (the tender check,
  // the index's joint-audit candidates); what needs a record answers 503 with the reason, and
  // so does a write.
  ASSERT_TRUE(cluster_->Stop());
  std::printf("database stopped\n");
  const HttpResult tender =
      Call(port_b, "GET", "/v1/tender-check?cpv=44912400-0&countries=IN&value=912500");
  EXPECT_EQ(tender.status, 200) << tender.body;
  const HttpResult candidates = Call(port_b, "GET", "/v1/joint-audit/candidates");
  std::printf("while away: tender check HTTP %d, joint-audit candidates HTTP %d\n", tender.status,
              candidates.status);
  const HttpResult record = Call(port_b, "GET", "/v1/contracts/SHARED-A1/assessment");
  EXPECT_EQ(record.status, 503) << record.body;
  EXPECT_NE(record.body.find("cannot connect to PostgreSQL"), std::string::npos) << record.body;
  const int refused = CreateContract(port_b, "SHARED-LOST");
  std::printf("write on B while the database is away: HTTP %d\n", refused);
  EXPECT_EQ(refused, 503);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const nlohmann::json away = Following(port_b);
  EXPECT_EQ(away["store_reachable"], false) << away;
  ASSERT_TRUE(cluster_->Start());
  std::printf("database started again\n");
  int written = 0;
  for (int attempt = 0; attempt < 50 && written != 201; ++attempt) {
    written = CreateContract(port_b, "SHARED-B2");
    if (written != 201) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(written, 201);

  // A new server on the database has every acknowledged write, and nothing that was refused.
  a_ = Start(&port_a);
  ASSERT_GT(a_, 0);
  for (const char* id : {"SHARED-A1", "SHARED-B1", "SHARED-A2", "SHARED-B2"}) {
    EXPECT_EQ(Call(port_a, "GET", std::string("/v1/contracts/") + id + "/assessment").status, 200)
        << id;
  }
  EXPECT_EQ(Call(port_a, "GET", "/v1/contracts/SHARED-LOST/assessment").status, 404);
  const nlohmann::json after = Following(port_b);
  EXPECT_EQ(after["store_reachable"], true) << after;
  std::printf("B after the restart: %s\n", after.dump().c_str());
}

}  // namespace
}  // namespace isvgraph::api
