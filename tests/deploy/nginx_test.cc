// The reverse-proxy configuration operators put in front (deploy/nginx/isvgraph-proxy.conf),
// tested as shipped: nginx is started in a temporary directory in front of a real server on
// loopback, and what the proxy must refuse never reaches the server.

#include <chrono>
#include <fstream>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "api/live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::Flood;
using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;

constexpr char kNginx[] = "/usr/sbin/nginx";

class NginxTest : public LiveServerTest {
 protected:
  // The server's default limit, which the shipped proxy configuration's 32m for imports matches.
  NginxTest() { max_body_bytes_ = 32 << 20; }
  void SetUp() override {
    if (access(kNginx, X_OK) != 0) GTEST_SKIP() << "nginx is not installed (scripts/bootstrap.sh)";
    LiveServerTest::SetUp();
    proxy_port_ = isvgraph::testing::FreeLoopbackPort();
    const std::string prefix = dir_.Sub("nginx");
    ASSERT_EQ(system(("mkdir -p " + prefix + "/logs").c_str()), 0);
    std::ofstream conf(prefix + "/nginx.conf");
    // Only the frame is the test's own; the server block's content is the shipped file.
    conf << (geteuid() == 0 ? "user root;\n" : "") << "daemon off;\nworker_processes 1;\n"
         << "pid " << prefix << "/nginx.pid;\nerror_log " << prefix << "/logs/error.log;\n"
         << "events { worker_connections 64; }\nhttp {\n"
         << "  log_format upstream '$request_method $status $upstream_addr';\n"
         << "  access_log " << prefix << "/logs/access.log upstream;\n"
         << "  client_body_temp_path " << prefix << "/body;\n"
         << "  proxy_temp_path " << prefix << "/proxy;\n"
         << "  upstream isvgraph_backend { server 127.0.0.1:" << port_ << "; keepalive 4; }\n"
         << "  server {\n    listen 127.0.0.1:" << proxy_port_ << ";\n"
         << "    include " << ISVGRAPH_SOURCE_DIR << "/deploy/nginx/isvgraph-proxy.conf;\n  }\n}\n";
    conf.close();
    nginx_ = fork();
    if (nginx_ == 0) {
      execl(kNginx, kNginx, "-p", prefix.c_str(), "-c", (prefix + "/nginx.conf").c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100; ++i) {
      if (HttpRequest(proxy_port_, "GET", "/v1/health").status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "nginx did not come up; see " << prefix << "/logs/error.log";
  }
  void TearDown() override {
    if (nginx_ > 0) {
      kill(nginx_, SIGQUIT);
      waitpid(nginx_, nullptr, 0);
    }
    LiveServerTest::TearDown();
  }
  // The access log's lines: "status upstream" per request, the upstream "-" for those nginx
  // answered itself without passing them on.
  std::vector<std::string> AccessLog() {
    std::ifstream in(dir_.Sub("nginx") + "/logs/access.log");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  // nginx's error log, for failure messages.
  std::string ErrorLog() {
    std::ifstream in(dir_.Sub("nginx") + "/logs/error.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  uint16_t proxy_port_ = 0;
  pid_t nginx_ = -1;
};

TEST_F(NginxTest, ThePublicApiPassesThrough) {
  HttpResult health = HttpRequest(proxy_port_, "GET", "/v1/health");
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_NE(health.body.find("\"status\":\"ok\""), std::string::npos);
  EXPECT_EQ(health.headers["x-content-type-options"], "nosniff");  // the server's own header
  HttpResult risk = HttpRequest(proxy_port_, "POST", "/v1/risk/sites",
                                R"({"sites":[{"country":"IN","sector":"quarrying_stone"}]})",
                                "Content-Type: application/json\r\n");
  EXPECT_EQ(risk.status, 200) << risk.body;
  // A request id passes through the proxy and comes back; without one nginx makes one (32 hex
  // digits), which the server echoes. The metrics stay on the server's own side.
  EXPECT_EQ(HttpRequest(proxy_port_, "GET", "/v1/health", "", "X-Request-Id: trace-7\r\n")
                .headers["x-request-id"],
            "trace-7");
  const std::string made = HttpRequest(proxy_port_, "GET", "/v1/health").headers["x-request-id"];
  EXPECT_EQ(made.size(), 32u) << made;
  EXPECT_EQ(HttpRequest(proxy_port_, "GET", "/metrics").status, 404);
  EXPECT_EQ(HttpRequest(port_, "GET", "/metrics").status, 200);
}

TEST_F(NginxTest, OversizeBodiesAndHeadersStopAtTheProxy) {
  // An announced 256 MiB body: 413 from nginx. nginx drains what the client still sends and
  // throws it away (it neither buffers nor forwards it); the access log shows that nothing
  // reached the server.
  isvgraph::testing::FloodResult announced =
      Flood(proxy_port_,
            "POST /v1/risk/sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: 268435456\r\n\r\n",
            std::string(65536, 'x'), uint64_t{256} << 20);
  EXPECT_EQ(announced.status, 413);
  // A chunked one is cut at the JSON limit (1 MiB).
  std::string chunk(65536, 'x');
  char size[16];
  snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  isvgraph::testing::FloodResult chunked =
      Flood(proxy_port_,
            "POST /v1/risk/sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n",
            std::string(size) + chunk + "\r\n", uint64_t{256} << 20);
  EXPECT_EQ(chunked.status, 413);
  // A 64 KiB header: refused by nginx (400 "Request Header Or Cookie Too Large").
  HttpResult header = HttpRequest(proxy_port_, "GET", "/v1/health", "",
                                  "X-Big: " + std::string(65536, 'a') + "\r\n");
  EXPECT_EQ(header.status, 400);
  // Uploads get the server's file limit, not the JSON one.
  HttpResult upload = HttpRequest(proxy_port_, "POST", "/v1/imports?kind=sites&format=csv",
                                  std::string(2 << 20, 'x'), "Content-Type: text/csv\r\n");
  // Passed on; the server wants a token.
  EXPECT_EQ(upload.status, 401) << upload.body << "\nnginx error log:\n" << ErrorLog();
  // Methods the API does not serve never reach it: nginx refuses TRACE itself, limit_except
  // the rest.
  EXPECT_EQ(HttpRequest(proxy_port_, "TRACE", "/v1/health").status, 405);
  EXPECT_EQ(HttpRequest(proxy_port_, "PROPFIND", "/v1/health").status, 403);
  // Of all these, only the upload reached the server (and the health checks of SetUp).
  std::vector<std::string> passed;
  for (const std::string& line : AccessLog()) {
    if (line.size() < 2 || line.substr(line.size() - 2) != " -") passed.push_back(line);
  }
  ASSERT_FALSE(passed.empty());
  for (const std::string& line : passed) {
    EXPECT_TRUE(line.rfind("GET 200", 0) == 0 || line.rfind("POST 401", 0) == 0) << line;
  }
}

}  // namespace
}  // namespace isvgraph::api
