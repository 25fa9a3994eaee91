// What an attacker sends to the HTTP layer, and what the server must do: stop reading a body or
// headers once they pass their limit and close, answer methods it does not serve with 405, and
// refuse ambiguous framing — without the process's memory growing by more than a few megabytes
// for any of it (docs/operations.md, "Limits and time-outs").

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"
#include "rest/heap.h"
#include "support/http_client.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::Flood;
using isvgraph::testing::FloodResult;
using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;

constexpr uint64_t kMiB = 1 << 20;

class HttpLimitsTest : public LiveServerTest {
 protected:
  HttpLimitsTest() { max_body_bytes_ = 32 * kMiB; }  // the server's default

  // Resident memory of this process (the server runs in it), in bytes.
  static int64_t Resident() { return static_cast<int64_t>(ResidentBytes()); }
};

TEST_F(HttpLimitsTest, AChunkedFloodToAJsonRouteIsCutOffEarly) {
  // One ordinary request first, so that what the first request of a process sets up is not
  // counted against the flood.
  ASSERT_EQ(Post("/v1/risk/sites", R"({"sites":[{"country":"NL"}]})").status, 200);
  const int64_t before = Resident();
  const std::string head =
      "POST /v1/risk/sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  std::string chunk(64 * 1024, 'x');
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  const FloodResult r = Flood(port_, head, size + chunk + "\r\n", 256 * kMiB);
  EXPECT_LT(r.bytes_sent, 16 * kMiB) << "the server kept reading";
  EXPECT_LT(Resident() - before, static_cast<int64_t>(10 * kMiB));
  if (r.status != 0) {
    EXPECT_EQ(r.status, 413) << r.response.substr(0, 200);
  }
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/health").status, 200);
}

TEST_F(HttpLimitsTest, AnAnnouncedHugeBodyIsRefusedBeforeItIsRead) {
  const int64_t before = Resident();
  const std::string head =
      "POST /v1/risk/sites HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 268435456\r\n\r\n";
  const FloodResult r = Flood(port_, head, std::string(64 * 1024, 'x'), 256 * kMiB);
  EXPECT_EQ(r.status, 413) << r.response.substr(0, 200);
  EXPECT_LT(r.bytes_sent, 16 * kMiB) << "the server kept reading";
  EXPECT_LT(Resident() - before, static_cast<int64_t>(10 * kMiB));
}

TEST_F(HttpLimitsTest, ABodyToAnUnknownRouteIsNotRead) {
  const int64_t before = Resident();
  const std::string head =
      "POST /v1/nothing-here HTTP/1.1\r\nHost: x\r\nContent-Length: 134217728\r\n\r\n";
  const FloodResult r = Flood(port_, head, std::string(64 * 1024, 'x'), 128 * kMiB);
  EXPECT_EQ(r.status, 404) << r.response.substr(0, 200);
  EXPECT_LT(r.bytes_sent, 16 * kMiB) << "the server kept reading";
  EXPECT_LT(Resident() - before, static_cast<int64_t>(10 * kMiB));
}

TEST_F(HttpLimitsTest, HugeOrCountlessHeadersAre431) {
  const int64_t before = Resident();
  const FloodResult huge =
      Flood(port_, "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ", std::string(64 * 1024, 'a'),
            128 * kMiB);
  EXPECT_EQ(huge.status, 431) << huge.response.substr(0, 200);
  EXPECT_LT(huge.bytes_sent, 16 * kMiB);
  const FloodResult many =
      Flood(port_, "GET /v1/health HTTP/1.1\r\nHost: x\r\n", "X-A: 1\r\n", 100000 * 8);
  EXPECT_EQ(many.status, 431) << many.response.substr(0, 200);
  EXPECT_LT(Resident() - before, static_cast<int64_t>(10 * kMiB));
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/health").status, 200);
}

TEST_F(HttpLimitsTest, TraceAndOptionsAre405AndEchoNothing) {
  for (const char* method : {"TRACE", "OPTIONS"}) {
    HttpResult r =
        HttpRequest(port_, method, "/v1/health", "", "Authorization: Bearer isv_secret_secret\r\n");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << method << ": " << r.body;
  }
}

TEST_F(HttpLimitsTest, AmbiguousFramingIsRefused) {
  auto raw = [&](const std::string& request) { return Flood(port_, request, "", 0, 500); };
  // Two Content-Lengths that disagree: which one frames the body?
  FloodResult twice =
      raw("POST /v1/risk/sites HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
          "Content-Length: 30\r\nContent-Type: application/json\r\n\r\n{}");
  EXPECT_EQ(twice.status, 400) << twice.response.substr(0, 200);
  // A transfer coding the server does not know: refused, not waited on.
  FloodResult gzip =
      raw("POST /v1/risk/sites HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n"
          "Content-Type: application/json\r\n\r\n{}");
  EXPECT_EQ(gzip.status, 501) << gzip.response.substr(0, 200);
  // A request line that is not HTTP: a JSON error envelope, the bytes not echoed.
  FloodResult garbage = raw("G\x01T /\x7f HTTP/1.1\r\n\r\n");
  EXPECT_EQ(garbage.status, 400) << garbage.response.substr(0, 200);
  EXPECT_EQ(garbage.response.find('\x7f'), std::string::npos);
  EXPECT_NE(garbage.response.find("application/json"), std::string::npos);
}

TEST_F(HttpLimitsTest, ControlCharactersInThePathAreRefused) {
  HttpResult nul = HttpRequest(port_, "GET", "/ui/app.js%00.html");
  EXPECT_EQ(nul.status, 400) << nul.body.substr(0, 200);
  HttpResult newline = HttpRequest(port_, "GET", "/ui/tests%0A200%20GET%20/v1/x");
  EXPECT_EQ(newline.status, 400);
}

TEST_F(HttpLimitsTest, TheBearerSchemeIsCaseInsensitive) {
  const std::string token =
      service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  for (const char* scheme : {"Bearer", "bearer", "BEARER"}) {
    HttpResult r = HttpRequest(port_, "GET", "/v1/contracts", "",
                               std::string("Authorization: ") + scheme + " " + token + "\r\n");
    EXPECT_EQ(r.status, 200) << scheme << " " << r.body;
  }
}

TEST_F(HttpLimitsTest, TheUiCannotBeFramedOrSniffed) {
  HttpResult r = HttpRequest(port_, "GET", "/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(HttpRequest(port_, "GET", "/v1/health").headers["x-content-type-options"], "nosniff");
}

}  // namespace
}  // namespace isvgraph::api
