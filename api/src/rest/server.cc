// Server::Start: the REST API and the web UI served by HttpServer (Boost.Beast), with the
// server's upkeep (site-name preload, idle heap trim) running beside it.

#include "isvgraph/api/server.h"

#include <arpa/inet.h>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "rest/dispatcher.h"
#include "rest/http_server.h"
#include "rest/routes.h"
#include "rest/server_upkeep.h"

namespace isvgraph::api {
namespace {

class RestServer final : public Server {
 public:
  RestServer(std::unique_ptr<rest::HttpServer> http, std::unique_ptr<rest::ServerUpkeep> upkeep,
             std::string url)
      : http_(std::move(http)), upkeep_(std::move(upkeep)), url_(std::move(url)) {}
  ~RestServer() override { (void)Stop(); }

  Status Stop() override {
    upkeep_.reset();
    if (http_) http_->Stop();
    http_.reset();
    return Status::Ok();
  }
  std::string url() const override { return url_; }

 private:
  std::unique_ptr<rest::HttpServer> http_;
  std::unique_ptr<rest::ServerUpkeep> upkeep_;
  std::string url_;
};

// One JSON object per line on stderr, for log collectors. The target is the log-escaped one, and
// nlohmann-json escapes what remains, so a line is always one valid JSON document.
void WriteJsonLogLine(const rest::RequestLog& request) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char time[64];
  std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  nlohmann::json line = {{"time", time},
                         {"level", "info"},
                         {"request_id", request.request_id},
                         {"method", request.method},
                         {"target", request.target},
                         {"route", request.route},
                         {"status", request.status},
                         {"duration_ms", std::round(request.ms * 100) / 100}};
  if (!request.organisation.empty()) line["organisation"] = request.organisation;
  if (!request.token_id.empty()) line["token_id"] = request.token_id;
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1) return false;
  return (ntohl(address.s_addr) >> 24) == 127;
}

Result<std::unique_ptr<Server>> Server::Start(Service& service, const ServerOptions& options) {
  in_addr ignored{};
  if (options.host != "localhost" && inet_pton(AF_INET, options.host.c_str(), &ignored) != 1) {
    return Status::InvalidArgument("listen host '" + options.host +
                                   "' is not an IPv4 address or 'localhost'");
  }
  if (options.port == 0) return Status::InvalidArgument("listen port must not be 0");
  if (options.threads < 1 || options.threads > 256) {
    return Status::InvalidArgument("HTTP threads must be between 1 and 256");
  }
  if (options.max_body_bytes == 0) return Status::InvalidArgument("max body size must be > 0");
  if (options.read_timeout.count() < 0) {
    return Status::InvalidArgument("read timeout must not be negative (0 = none)");
  }
  if (options.idle_trim_interval.count() < 0) {
    return Status::InvalidArgument("idle trim interval must not be negative (0 = never)");
  }
  if (!options.allow_remote && !IsLoopbackHost(options.host)) {
    return Status::FailedPrecondition("refusing to listen on non-loopback address " + options.host +
                                      " without --allow-remote");
  }
  auto metrics = std::make_shared<rest::Metrics>();
  auto dispatcher = std::make_shared<const rest::Dispatcher>(
      rest::BuildRouteTable(
          service, {.web_dir = options.web_dir,
                    .backup_dir = options.backup_dir,
                    .metrics = metrics,
                    .demo_sign_ins = IsLoopbackHost(options.host)
                                         ? options.demo_sign_ins
                                         : std::vector<std::pair<std::string, std::string>>{}}),
      options.max_body_bytes,
      [&service](std::string_view token) { return service.Authenticate(token); });
  rest::HttpServerOptions http{.host = options.host,
                               .port = options.port,
                               .threads = options.threads,
                               .read_timeout = options.read_timeout};
  http.log = [metrics, log = options.log_requests,
              format = options.log_format](const rest::RequestLog& request) {
    metrics->ObserveRequest(request.method, request.route, request.status, request.ms / 1000);
    if (!log) return;
    if (format == LogFormat::kJson) {
      WriteJsonLogLine(request);
    } else {
      spdlog::info("{} {} {} {:.2f}ms id={}{}{}", request.method, request.target, request.status,
                   request.ms, request.request_id,
                   request.organisation.empty() ? "" : " org=" + request.organisation,
                   request.token_id.empty() ? "" : " token=" + request.token_id);
    }
  };
  auto server = rest::HttpServer::Start(http, std::move(dispatcher));
  if (!server) return server.error();
  auto upkeep = std::make_unique<rest::ServerUpkeep>(
      service, rest::UpkeepOptions{.preload_site_names = options.preload_site_names,
                                   .idle_trim_interval = options.idle_trim_interval});
  return std::unique_ptr<Server>(
      new RestServer(std::move(server).value(), std::move(upkeep),
                     "http://" + options.host + ":" + std::to_string(options.port)));
}

}  // namespace isvgraph::api
