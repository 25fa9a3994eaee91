// The real server on 127.0.0.1, an ephemeral port, spoken to over HTTP.

#include "isvgraph/api/server.h"

#include <chrono>
#include <future>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"
#include "live_server.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::FreeLoopbackPort;
using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;
using isvgraph::testing::TempDir;
using nlohmann::json;

using ServerTest = LiveServerTest;

TEST_F(ServerTest, HealthIsOk) {
  HttpResult r = HttpRequest(port_, "GET", "/v1/health");
  ASSERT_EQ(r.status, 200) << r.error << r.body;
  EXPECT_EQ(r.headers.at("content-type"), "application/json");
  json body = json::parse(r.body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["store"]["format"], graph::ChainStore::kFormatVersion);
  // The store's caches and write buffers, for telling their growth from a leak.
  const json& memory = body["store"]["memory"];
  for (const char* key :
       {"block_cache_bytes", "block_cache_capacity_bytes", "row_cache_bytes", "memtable_bytes",
        "table_reader_bytes", "site_cache_entries", "site_cache_bytes"}) {
    EXPECT_TRUE(memory[key].is_number_unsigned()) << key << " in " << r.body;
  }
  EXPECT_GT(memory["block_cache_capacity_bytes"].get<size_t>(), 0u) << r.body;
  // glibc's counts (a sanitizer's allocator may leave them at zero).
  EXPECT_TRUE(body["heap"]["in_use_bytes"].is_number_unsigned()) << r.body;
  EXPECT_TRUE(body["heap"]["free_held_bytes"].is_number_unsigned()) << r.body;
}

TEST_F(ServerTest, VersionNamesTheBuild) {
  HttpResult r = HttpRequest(port_, "GET", "/v1/version");
  ASSERT_EQ(r.status, 200) << r.error;
  json body = json::parse(r.body);
  EXPECT_EQ(body["name"], "isvgraph");
  EXPECT_EQ(body["version"], CurrentBuild().version);
  EXPECT_FALSE(body["git_commit"].get<std::string>().empty());
  EXPECT_TRUE(body["sanitizers"].is_boolean());
  // The web UI colours and flags by the server's threshold, not by a literal of its own.
  EXPECT_EQ(body["flag_threshold"], service_->risk()->flag_threshold());
}

TEST_F(ServerTest, ServesTheOpenApiDocument) {
  HttpResult r = HttpRequest(port_, "GET", "/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.error;
  json doc = json::parse(r.body);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_TRUE(doc["paths"].contains("/v1/risk/countries/{code}"));
}

TEST_F(ServerTest, UnknownPathIs404Envelope) {
  HttpResult r = HttpRequest(port_, "GET", "/v1/no-such-thing");
  ASSERT_EQ(r.status, 404) << r.error;
  EXPECT_EQ(ErrorOf(r)["code"], "not_found");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  HttpResult r = HttpRequest(port_, "DELETE", "/v1/health");
  ASSERT_EQ(r.status, 405) << r.error;
  EXPECT_EQ(r.headers.at("allow"), "GET");
  EXPECT_EQ(ErrorOf(r)["code"], "method_not_allowed");
}

TEST_F(ServerTest, MalformedQueryEscapeIs400) {
  HttpResult r = HttpRequest(port_, "GET", "/v1/health?x=%zz");
  ASSERT_EQ(r.status, 400) << r.error << r.body;
  EXPECT_EQ(ErrorOf(r)["code"], "invalid_argument");
}

TEST_F(ServerTest, OversizeBodyIs413) {
  // The limit is checked on Content-Length before the body is read.
  HttpResult r = HttpRequest(port_, "POST", "/v1/risk/sites", std::string(5000, ' '),
                             "Content-Type: application/json\r\n");
  ASSERT_EQ(r.status, 413) << r.error;
  json error = ErrorOf(r);
  EXPECT_EQ(error["code"], "payload_too_large");
  EXPECT_EQ(error["details"]["limit_bytes"], 1024);
}

TEST_F(ServerTest, ChunkedOversizeBodyIs413) {
  const std::string chunk(2000, 'x');
  char size_line[16];
  std::snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
  const std::string request =
      "GET /v1/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
      std::string(size_line) + chunk + "\r\n0\r\n\r\n";
  const auto r = isvgraph::testing::Flood(port_, request, "", 0);
  ASSERT_EQ(r.status, 413) << r.response;
}

TEST_F(ServerTest, ContentLengthBesideChunkedIsRefused) {
  // Two framings at once is how requests are smuggled past a proxy: neither is trusted.
  HttpResult r = HttpRequest(port_, "POST", "/v1/risk/sites", "5\r\n{}{}{\r\n0\r\n\r\n",
                             "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n");
  EXPECT_EQ(r.status, 400) << r.body;
}

TEST_F(ServerTest, ServesConcurrentClients) {
  std::vector<std::future<int>> replies;
  for (int i = 0; i < 32; ++i) {
    replies.push_back(std::async(
        std::launch::async, [this]() { return HttpRequest(port_, "GET", "/v1/health").status; }));
  }
  for (auto& reply : replies) EXPECT_EQ(reply.get(), 200);
}

TEST_F(ServerTest, ClientThatHangsUpDoesNotKillTheServer) {
  const std::string head = "POST /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 10; ++i) {
    // Announce a body and hang up halfway through it; hang up before reading a reply.
    ASSERT_TRUE(
        isvgraph::testing::SendRawAndClose(port_, head + "Content-Length: 100\r\n\r\n{\"a\""));
    ASSERT_TRUE(isvgraph::testing::SendRawAndClose(port_, "GET /v1/health HTTP/1.1\r\n\r\n"));
    ASSERT_TRUE(isvgraph::testing::SendRawAndClose(port_, "GARBAGE\r\n\r\n"));
  }
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/health").status, 200);
}

TEST_F(ServerTest, SlowClientsDoNotStarveTheOthers) {
  // 200 clients that send half a request line and then nothing (slowloris), and 8 that announce
  // a body and send a few bytes of it, hold their connections while 32 ordinary clients are
  // served: the listener reads asynchronously, so a silent socket holds no worker thread.
  std::vector<int> slow;
  for (int i = 0; i < 200; ++i) {
    slow.push_back(isvgraph::testing::SendRawAndHold(port_, "GET /v1/hea"));
  }
  for (int i = 0; i < 8; ++i) {
    slow.push_back(isvgraph::testing::SendRawAndHold(
        port_,
        "POST /v1/risk/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000\r\n\r\n[{\"coun"));
  }
  for (int fd : slow) ASSERT_GE(fd, 0);
  std::vector<std::future<int>> replies;
  for (int i = 0; i < 32; ++i) {
    replies.push_back(std::async(
        std::launch::async, [this]() { return HttpRequest(port_, "GET", "/v1/health").status; }));
  }
  for (auto& reply : replies) EXPECT_EQ(reply.get(), 200);
  for (int fd : slow) close(fd);
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/risk/themes").status, 200);
}

TEST_F(ServerTest, SecondServerOnTheSamePortIsAnIoError) {
  auto again = Server::Start(*service_, {.port = port_, .log_requests = false});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), StatusCode::kIoError) << again.error().ToString();
}

TEST_F(ServerTest, DemoSignInsExistOnlyWhereTheDemoGivesThem) {
  // A real server has no such route.
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/demo/sign-ins").status, 404);
  auto token = service_->CreateToken({.organisation = "rws", .role = Role::kViewer});
  ASSERT_TRUE(token);
  ASSERT_TRUE(server_->Stop().ok());
  server_.reset();
  for (int attempt = 0; attempt < 5 && !server_; ++attempt) {
    port_ = isvgraph::testing::FreeLoopbackPort();
    auto demo = Server::Start(
        *service_, {.port = port_, .log_requests = false, .demo_sign_ins = {{"rws", *token}}});
    if (demo) server_ = std::move(demo).value();
  }
  ASSERT_NE(server_, nullptr);
  auto r = HttpRequest(port_, "GET", "/v1/demo/sign-ins");
  ASSERT_EQ(r.status, 200) << r.body;
  const nlohmann::json body = nlohmann::json::parse(r.body);
  ASSERT_EQ(body["sign_ins"].size(), 1u);
  EXPECT_EQ(body["sign_ins"][0]["organisation"], "rws");
  EXPECT_EQ(body["sign_ins"][0]["name"], "rws");                         // no name recorded: the id
  EXPECT_EQ(body["sign_ins"][0]["contracts"], nlohmann::json::array());  // none yet
  const std::string offered = body["sign_ins"][0]["token"];
  // The token offered is one that signs in (read-only).
  EXPECT_EQ(
      HttpRequest(port_, "GET", "/v1/contracts", "", "Authorization: Bearer " + offered + "\r\n")
          .status,
      200);
}

// The read timeout: a server whose clients get 300 ms of silence.
class ReadTimeoutTest : public LiveServerTest {
 protected:
  ReadTimeoutTest() { read_timeout_ = std::chrono::milliseconds(300); }

  // Waits (at most 10 s) for the server to close `fd`; true when it did.
  static bool ClosedByServer(int fd) {
    timeval wait{.tv_sec = 10, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
    char buffer[4096];
    ssize_t n = 0;
    while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) {
    }
    return n == 0;
  }
};

TEST_F(ReadTimeoutTest, AClientThatStopsMidRequestIsDisconnected) {
  const int silent = isvgraph::testing::SendRawAndHold(port_, "GET /v1/hea");
  const int mute = isvgraph::testing::SendRawAndHold(port_, "");
  ASSERT_GE(silent, 0);
  ASSERT_GE(mute, 0);
  EXPECT_TRUE(ClosedByServer(silent));
  EXPECT_TRUE(ClosedByServer(mute));
  close(silent);
  close(mute);
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/health").status, 200);  // serving goes on
}

TEST_F(ReadTimeoutTest, AnIdleKeepAliveConnectionIsClosedAfterItsAnswer) {
  const int fd = isvgraph::testing::SendRawAndHold(
      port_, "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  ASSERT_GE(fd, 0);
  // The answer comes whole, then the server closes the idle connection.
  timeval wait{.tv_sec = 10, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  std::string received;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = recv(fd, buffer, sizeof(buffer), 0)) > 0) received.append(buffer, n);
  close(fd);
  EXPECT_EQ(n, 0) << "not closed by the server";
  EXPECT_EQ(received.rfind("HTTP/1.1 200", 0), 0u) << received;
  EXPECT_NE(received.find("\"status\":\"ok\""), std::string::npos) << received;
}

TEST_F(ServerTest, ANegativeReadTimeoutIsRefused) {
  auto other = Server::Start(*service_, {.port = FreeLoopbackPort(),
                                         .log_requests = false,
                                         .read_timeout = std::chrono::milliseconds(-1)});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), StatusCode::kInvalidArgument);
}

TEST(ServerOptionsTest, NonLoopbackNeedsAllowRemote) {
  TempDir dir;
  auto service = Service::Open({.db_path = dir.Sub("db")});
  ASSERT_TRUE(service);
  auto server = Server::Start(**service, {.host = "0.0.0.0", .port = FreeLoopbackPort()});
  ASSERT_FALSE(server);
  EXPECT_EQ(server.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(server.error().message().find("--allow-remote"), std::string::npos);
}

TEST(ServerOptionsTest, RejectsBadOptions) {
  TempDir dir;
  auto service = Service::Open({.db_path = dir.Sub("db")});
  ASSERT_TRUE(service);
  EXPECT_EQ(Server::Start(**service, {.host = "example.org"}).error().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Server::Start(**service, {.port = 0}).error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Server::Start(**service, {.threads = 0}).error().code(), StatusCode::kInvalidArgument);
}

TEST(IsLoopbackHost, KnowsLoopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.10"));
  EXPECT_FALSE(IsLoopbackHost("128.0.0.1"));
}

}  // namespace
}  // namespace isvgraph::api
