// What an IT department watches: GET /metrics in the Prometheus text format (checked by
// promtool where it is installed), request ids honoured or made and echoed, and request log
// lines as JSON with the route template, the caller and the request id.

#include <fstream>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"
#include "support/shell.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;

class MetricsTest : public LiveServerTest {
 protected:
  MetricsTest() {
    max_body_bytes_ = 1 << 20;
    log_requests_ = true;
    log_format_ = LogFormat::kJson;
  }
  void SetUp() override {
    ::testing::internal::CaptureStderr();
    LiveServerTest::SetUp();
    buyer_ = service_->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
  }
  // The log lines written so far; the server is stopped first, so that every answer is logged.
  std::vector<nlohmann::json> StopAndReadLog() {
    EXPECT_TRUE(server_->Stop().ok());
    server_.reset();
    std::istringstream lines(::testing::internal::GetCapturedStderr());
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] != '{') continue;  // spdlog's own lines (start-up)
      out.push_back(nlohmann::json::parse(line, nullptr, false));
      EXPECT_FALSE(out.back().is_discarded()) << line;
    }
    return out;
  }
  void TearDown() override {
    if (server_) StopAndReadLog();
  }
  std::string buyer_;
};

// `promtool check metrics` on the exposition; nullopt when promtool is not installed.
std::optional<isvgraph::testing::ShellRun> PromtoolCheck(const std::string& exposition) {
  if (isvgraph::testing::RunShell("command -v promtool").exit_code != 0) return std::nullopt;
  isvgraph::testing::TempDir dir;
  const std::string file = dir.Sub("metrics.txt");
  std::ofstream(file) << exposition;
  return isvgraph::testing::RunShell("promtool check metrics < " + file + " 2>&1");
}

TEST_F(MetricsTest, MetricsCountRequestsByRouteTemplateAndPassPromtool) {
  ASSERT_EQ(Get("/v1/tender-check?cpv=18100000-0&countries=BD").status, 200);
  ASSERT_EQ(Get("/v1/tender-check?cpv=1810000").status, 400);
  ASSERT_EQ(GetWithToken("/v1/contracts/NONE/assessment", buyer_).status, 404);
  ASSERT_EQ(Get("/v1/contracts/NONE/assessment").status, 401);
  ASSERT_EQ(Get("/no/such/path").status, 404);
  HttpResult imported =
      HttpRequest(port_, "POST", "/v1/imports?kind=sites", "id,name,country\nA,Good,NL\n",
                  "Authorization: Bearer " + buyer_ + "\r\nContent-Type: text/csv\r\n");
  ASSERT_EQ(imported.status, 200) << imported.body;

  HttpResult metrics = Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = metrics.body;
  for (const char* line :
       {"isvgraph_http_requests_total{route=\"/v1/tender-check\",method=\"GET\",status=\"200\"} 1",
        "isvgraph_http_requests_total{route=\"/v1/tender-check\",method=\"GET\",status=\"400\"} 1",
        // Ids never become label values: the template is counted.
        "isvgraph_http_requests_total{route=\"/v1/contracts/{id}/assessment\",method=\"GET\","
        "status=\"404\"} 1",
        "isvgraph_http_requests_total{route=\"/v1/contracts/{id}/assessment\",method=\"GET\","
        "status=\"401\"} 1",
        "isvgraph_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1",
        "isvgraph_http_request_duration_seconds_count{route=\"/v1/tender-check\"} 2",
        "isvgraph_imports_total{outcome=\"written\"} 1",
        "isvgraph_import_rows_total{result=\"accepted\"} 1",
        "isvgraph_index_records{kind=\"sites\"} 1", "isvgraph_up 1"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  EXPECT_EQ(text.find("NONE"), std::string::npos);
  EXPECT_NE(text.find("# TYPE isvgraph_http_request_duration_seconds histogram"),
            std::string::npos);
  const auto check = PromtoolCheck(text);
  if (!check) GTEST_SKIP() << "promtool is not installed (Debian package prometheus)";
  EXPECT_EQ(check->exit_code, 0) << check->output;
}

TEST_F(MetricsTest, RequestIdsAreHonouredOrMadeAndLoggedAsJson) {
  HttpResult given = HttpRequest(port_, "GET", "/v1/health", "", "X-Request-Id: lb-42.a_b:c\r\n");
  EXPECT_EQ(given.headers.at("x-request-id"), "lb-42.a_b:c");
  // Anything else is replaced, never echoed: 16 hex digits of our own.
  HttpResult odd = HttpRequest(port_, "GET", "/v1/health", "", "X-Request-Id: a\"b{c}\r\n");
  const std::string made = odd.headers.at("x-request-id");
  EXPECT_EQ(made.size(), 16u);
  EXPECT_EQ(made.find_first_not_of("0123456789abcdef"), std::string::npos) << made;
  HttpResult none = Get("/v1/health");
  EXPECT_NE(none.headers.at("x-request-id"), made);
  ASSERT_EQ(GetWithToken("/v1/contracts/NONE", buyer_).status, 404);

  const std::vector<nlohmann::json> log = StopAndReadLog();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0]["request_id"], "lb-42.a_b:c");
  EXPECT_EQ(log[0]["route"], "/v1/health");
  EXPECT_EQ(log[0]["method"], "GET");
  EXPECT_EQ(log[0]["status"], 200);
  EXPECT_TRUE(log[0]["duration_ms"].is_number());
  EXPECT_TRUE(log[0]["time"].is_string());
  EXPECT_FALSE(log[0].contains("organisation"));
  EXPECT_EQ(log[1]["request_id"], made);
  EXPECT_EQ(log[3]["route"], "/v1/contracts/{id}");
  EXPECT_EQ(log[3]["target"], "/v1/contracts/NONE");
  EXPECT_EQ(log[3]["status"], 404);
  EXPECT_EQ(log[3]["organisation"], "rws");
  EXPECT_EQ(log[3]["token_id"].get<std::string>().size(), 12u);
}

}  // namespace
}  // namespace isvgraph::api
