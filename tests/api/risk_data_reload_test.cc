// A running server switches to a new edition of its risk data: the operator asks what the
// directory on disk would change, then reloads it by the route (SIGHUP does the same through
// the CLI, tests/cli); a directory that does not load leaves the edition in use untouched.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "isvgraph/api/demo.h"
#include "live_server.h"
#include "support/serve_process.h"

namespace isvgraph::api {
namespace {

namespace fs = std::filesystem;

// Rewrites one file of the data directory line by line.
void Rewrite(const std::string& path, const std::function<std::string(const std::string&)>& edit) {
  std::ifstream in(path);
  std::ostringstream out;
  for (std::string line; std::getline(in, line);) {
    const std::string edited = edit(line);
    if (!edited.empty()) out << edited << "\n";
  }
  in.close();
  std::ofstream(path) << out.str();
}

// A risk level the knowledge base does not know, in line 2 of a curated table: the directory no
// longer loads.
void BreakOnDisk(const std::string& data_dir) {
  Rewrite(data_dir + "/curated/sector_theme_risk.csv", [](const std::string& line) {
    const std::string row = "cotton_farming,child_labour,high,";
    if (line.rfind(row, 0) != 0) return line;
    return "cotton_farming,child_labour,sky-high," + line.substr(row.size());
  });
}

class RiskDataReloadTest : public LiveServerTest {
 protected:
  RiskDataReloadTest() {
    data_dir_ = dir_.Sub("riskdata");
    fs::copy(DefaultRiskDataDir(), data_dir_, fs::copy_options::recursive);
    service_options_.risk_data_dir = data_dir_;
  }
  void SetUp() override {
    LiveServerTest::SetUp();
    ASSERT_TRUE(LoadDemo(*service_, DefaultDemoDir(), {}));
    operator_ = service_->CreateToken({.organisation = "ops", .role = Role::kOperator}).value();
    viewer_ = service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  }
  // A new edition of the DOL list on disk: Stones from India gone, the edition renamed.
  void PutNewEditionOnDisk() {
    Rewrite(data_dir_ + "/layers/dol_ilab_tvpra_goods_2022.csv", [](const std::string& line) {
      return line.rfind("Stones,Mining,India,", 0) == 0 ? std::string() : line;
    });
    Rewrite(data_dir_ + "/curated/layers.csv", [](const std::string& line) {
      if (line.rfind("dol_goods,", 0) != 0) return line;
      std::string edited = line;
      edited.replace(edited.find(",2022,"), 6, ",2024 (test edition),");
      return edited;
    });
  }
  isvgraph::testing::HttpResult PostAs(const std::string& target, const std::string& token) {
    return isvgraph::testing::HttpRequest(port_, "POST", target, "",
                                          "Authorization: Bearer " + token + "\r\n");
  }
  std::string DolEdition() { return JsonOf(Get("/v1/version"))["data_editions"]["dol_goods"]; }
  std::string KerbstoneAssessment() {
    return GetWithToken("/v1/contracts/RWS-2026-014/assessment", viewer_).body;
  }

  std::string data_dir_, operator_, viewer_;
};

TEST_F(RiskDataReloadTest, OnlyTheOperatorMayAskOrSwitch) {
  const std::string admin =
      service_->CreateToken({.organisation = "rws", .role = Role::kAdmin}).value();
  for (const std::string& token : {viewer_, admin}) {
    EXPECT_EQ(GetWithToken("/v1/risk-data/changes", token).status, 403);
    EXPECT_EQ(PostAs("/v1/risk-data/reload", token).status, 403);
  }
  EXPECT_EQ(Get("/v1/risk-data/changes").status, 401);
}

TEST_F(RiskDataReloadTest, ChangesNameTheContractsThenAReloadSwitchesEditions) {
  // Nothing on disk differs yet.
  auto unchanged = GetWithToken("/v1/risk-data/changes", operator_);
  ASSERT_EQ(unchanged.status, 200) << unchanged.body;
  EXPECT_EQ(JsonOf(unchanged)["layers"], nlohmann::json::array());
  EXPECT_EQ(JsonOf(unchanged)["contracts"], nlohmann::json::array());
  EXPECT_EQ(JsonOf(unchanged)["contracts_checked"], 8);
  EXPECT_EQ(DolEdition(), "2022");
  EXPECT_NE(KerbstoneAssessment().find("Stones from India"), std::string::npos);
  const uint64_t rebuilds = service_->Stats().rebuilds;

  PutNewEditionOnDisk();
  // Asking changes nothing in use; the answer names exactly the kerbstone contract.
  auto changes = GetWithToken("/v1/risk-data/changes", operator_);
  ASSERT_EQ(changes.status, 200) << changes.body;
  const nlohmann::json diff = JsonOf(changes);
  ASSERT_EQ(diff["layers"].size(), 1u) << diff.dump(1);
  EXPECT_EQ(diff["layers"][0]["layer"], "dol_goods");
  EXPECT_NE(diff["layers"][0]["after"].get<std::string>().find("2024 (test edition)"),
            std::string::npos);
  ASSERT_EQ(diff["contracts"].size(), 1u) << diff.dump(1);
  EXPECT_EQ(diff["contracts"][0]["organisation"], "rws");
  EXPECT_EQ(diff["contracts"][0]["contract_id"], "RWS-2026-014");
  EXPECT_NE(diff["contracts"][0]["changes"][0]["causes"][0].get<std::string>().find(
                "listing gone — dol_goods: US DOL List of Goods 2022 lists Stones from India"),
            std::string::npos)
      << diff.dump(1);
  auto one = GetWithToken("/v1/risk-data/changes?organisation=utrecht", operator_);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(JsonOf(one)["contracts"], nlohmann::json::array());
  EXPECT_EQ(JsonOf(one)["contracts_checked"], 2);
  EXPECT_EQ(GetWithToken("/v1/risk-data/changes?organisation=nobody", operator_).status, 404);
  EXPECT_EQ(DolEdition(), "2022");

  // The switch: the new edition answers, the index was rescored, nothing is left to change.
  auto reload = PostAs("/v1/risk-data/reload", operator_);
  ASSERT_EQ(reload.status, 200) << reload.body;
  EXPECT_EQ(JsonOf(reload)["data_editions"]["dol_goods"], "2024 (test edition)");
  EXPECT_EQ(JsonOf(reload)["layers"][0]["layer"], "dol_goods");
  EXPECT_EQ(DolEdition(), "2024 (test edition)");
  EXPECT_EQ(KerbstoneAssessment().find("Stones from India"), std::string::npos);
  EXPECT_EQ(service_->Stats().rebuilds, rebuilds + 1);
  auto after = GetWithToken("/v1/risk-data/changes", operator_);
  EXPECT_EQ(JsonOf(after)["contracts"], nlohmann::json::array());
  EXPECT_EQ(JsonOf(after)["layers"], nlohmann::json::array());
}

TEST_F(RiskDataReloadTest, ADirectoryThatDoesNotLoadKeepsTheEditionInUse) {
  const std::string before = KerbstoneAssessment();
  const uint64_t rebuilds = service_->Stats().rebuilds;
  BreakOnDisk(data_dir_);
  auto reload = PostAs("/v1/risk-data/reload", operator_);
  EXPECT_EQ(reload.status, 409) << reload.body;
  EXPECT_EQ(ErrorOf(reload)["code"], "failed_precondition");
  EXPECT_NE(
      ErrorOf(reload)["message"].get<std::string>().find("sector_theme_risk.csv:2: column 'level'"),
      std::string::npos)
      << reload.body;
  EXPECT_EQ(GetWithToken("/v1/risk-data/changes", operator_).status, 409);
  EXPECT_EQ(DolEdition(), "2022");
  EXPECT_EQ(KerbstoneAssessment(), before);
  EXPECT_EQ(service_->Stats().rebuilds, rebuilds);
}

// The same switch by SIGHUP, on the real binary: the log says what changed, a directory that does
// not load is named there and changes nothing, and SIGTERM still stops the server.
TEST(RiskDataSighup, TheServerSwitchesEditionsOnSighupAndLogsWhy) {
  isvgraph::testing::TempDir dir;
  const std::string data = dir.Sub("riskdata"), log = dir.Sub("serve.log");
  fs::copy(DefaultRiskDataDir(), data, fs::copy_options::recursive);
  uint16_t port = 0;
  const pid_t server = isvgraph::testing::StartServeProcess(
      ISVGRAPH_BINARY, {"--db", dir.Sub("db"), "--data", data, "--quiet"}, &port, log);
  ASSERT_GT(server, 0) << "the server did not start";
  auto edition = [&] {
    auto r = isvgraph::testing::HttpRequest(port, "GET", "/v1/version");
    return r.status == 200
               ? nlohmann::json::parse(r.body)["data_editions"]["dol_goods"].get<std::string>()
               : "status " + std::to_string(r.status);
  };
  // Whether the log says `text` at least `times` times, within a minute.
  auto log_has = [&](const std::string& text, int times = 1) {
    for (int i = 0; i < 600; ++i) {  // a reload under ASan takes a few seconds
      std::ifstream in(log);
      const std::string written((std::istreambuf_iterator<char>(in)), {});
      int seen = 0;
      for (size_t at = written.find(text); at != std::string::npos; at = written.find(text, at + 1))
        ++seen;
      if (seen >= times) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  };
  EXPECT_EQ(edition(), "2022");
  // Every signal reaches the waiting thread, none a thread of the store that would take
  // SIGHUP's default action (ending the process): a few in a row, the same data each time.
  for (int i = 1; i <= 5; ++i) {
    kill(server, SIGHUP);
    ASSERT_TRUE(log_has("no layer's edition or rows changed", i)) << "SIGHUP " << i;
  }

  Rewrite(data + "/curated/layers.csv", [](const std::string& line) {
    if (line.rfind("dol_goods,", 0) != 0) return line;
    std::string edited = line;
    edited.replace(edited.find(",2022,"), 6, ",2024 (test edition),");
    return edited;
  });
  kill(server, SIGHUP);
  EXPECT_TRUE(log_has("dol_goods: 2022 ("));
  EXPECT_TRUE(log_has("-> 2024 (test edition) ("));
  EXPECT_EQ(edition(), "2024 (test edition)");

  BreakOnDisk(data);
  kill(server, SIGHUP);
  EXPECT_TRUE(log_has("does not load, so the edition in use stays"));
  EXPECT_EQ(edition(), "2024 (test edition)");

  kill(server, SIGTERM);
  int status = 0;
  waitpid(server, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_TRUE(log_has("SIGTERM received"));
}

}  // namespace
}  // namespace isvgraph::api
