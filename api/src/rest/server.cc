// Server::Start: the REST API and the web UI served by HttpServer (Boost.Beast), with the
// server's upkeep (site-name preload, idle heap trim) running beside it.

#include "isvgraph/api/server.h"

#include <arpa/inet.h>

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
  auto dispatcher = std::make_shared<const rest::Dispatcher>(
      rest::BuildRouteTable(service,
                            {.web_dir = options.web_dir, .backup_dir = options.backup_dir}),
      options.max_body_bytes,
      [&service](std::string_view token) { return service.Authenticate(token); });
  rest::HttpServerOptions http{.host = options.host,
                               .port = options.port,
                               .threads = options.threads,
                               .read_timeout = options.read_timeout};
  if (options.log_requests) {
    http.log = [](const std::string& method, const std::string& target, int status, double ms) {
      spdlog::info("{} {} {} {:.2f}ms", method, target, status, ms);
    };
  }
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
