#pragma once

// LiveServerTest: a real isvgraph server on 127.0.0.1 and an ephemeral port, with a fresh store
// in a temp dir and the shipped risk data, for tests that talk HTTP to it.

#include <chrono>
#include <memory>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/server.h"
#include "isvgraph/api/service.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

namespace isvgraph::api {

class LiveServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServiceOptions options = service_options_;
    options.db_path = store_.empty() ? dir_.Sub("db") : store_;
    auto service = Service::Open(options);
    ASSERT_TRUE(service) << service.error().ToString();
    service_ = std::move(service).value();
    // The free port may be taken between the probe and the bind; try a few.
    for (int attempt = 0; attempt < 5 && !server_; ++attempt) {
      port_ = isvgraph::testing::FreeLoopbackPort();
      auto server = Server::Start(*service_, {.port = port_,
                                              .max_body_bytes = max_body_bytes_,
                                              .log_requests = log_requests_,
                                              .log_format = log_format_,
                                              .read_timeout = read_timeout_,
                                              .backup_dir = backup_dir_});
      if (server) server_ = std::move(server).value();
    }
    ASSERT_NE(server_, nullptr);
  }

  void TearDown() override {
    if (server_) {
      EXPECT_TRUE(server_->Stop().ok());
    }
  }

  isvgraph::testing::HttpResult Get(const std::string& target) {
    return isvgraph::testing::HttpRequest(port_, "GET", target);
  }
  isvgraph::testing::HttpResult GetWithToken(const std::string& target, const std::string& token) {
    return isvgraph::testing::HttpRequest(port_, "GET", target, "",
                                          "Authorization: Bearer " + token + "\r\n");
  }
  isvgraph::testing::HttpResult Post(const std::string& target, const std::string& body) {
    return isvgraph::testing::HttpRequest(port_, "POST", target, body,
                                          "Content-Type: application/json\r\n");
  }

  // The body as JSON, checked to be a well-formed error envelope; returns its "error" object.
  static nlohmann::json ErrorOf(const isvgraph::testing::HttpResult& r) {
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "",
              "application/json");
    nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_TRUE(body.is_object()) << r.body;
    if (!body.is_object()) return nlohmann::json::object();
    EXPECT_TRUE(body["error"]["code"].is_string()) << r.body;
    EXPECT_TRUE(body["error"]["message"].is_string()) << r.body;
    EXPECT_TRUE(body["error"]["details"].is_object()) << r.body;
    return body["error"];
  }

  static nlohmann::json JsonOf(const isvgraph::testing::HttpResult& r) {
    return nlohmann::json::parse(r.body);
  }

  size_t max_body_bytes_ = 1024;
  bool log_requests_ = false;
  LogFormat log_format_ = LogFormat::kText;
  ServiceOptions service_options_;  // db_path is filled in by SetUp
  std::string store_;               // the store to open: "" = RocksDB in the temp dir, or a URL
  std::string backup_dir_;          // the server's --backup-dir; "" = off
  std::chrono::milliseconds read_timeout_ = ServerOptions{}.read_timeout;
  isvgraph::testing::TempDir dir_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
};

}  // namespace isvgraph::api
