// The cpprestsdk adapter: the only translation unit that includes cpprestsdk headers (they cost
// 9–13 s per translation unit, and upstream is archived, so it must stay replaceable; see
// docs/architecture.md). Rules it follows (docs/style.md, "cpprestsdk"): no .get()/.wait()
// inside a handler, every task chain ends in a task-based continuation that observes its
// exception, and each request is replied to exactly once.

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>

#include <cpprest/http_listener.h>
#include <pplx/threadpool.h>
#include <spdlog/spdlog.h>

#include "isvgraph/api/server.h"
#include "rest/dispatcher.h"
#include "rest/error_envelope.h"
#include "rest/idle_connections.h"
#include "rest/routes.h"
#include "rest/server_upkeep.h"

namespace isvgraph::api {
namespace {

using web::http::http_request;
using web::http::http_response;
using web::http::experimental::listener::http_listener;
using Clock = std::chrono::steady_clock;

// Sizes the process-wide pplx/asio pool once. It must run before anything else touches
// cpprestsdk; later calls with another size only warn, since the pool cannot be resized.
void SizeThreadPoolOnce(int threads) {
  static std::once_flag once;
  static int sized_to = 0;
  std::call_once(once, [threads]() {
    try {
      crossplat::threadpool::initialize_with_threads(static_cast<size_t>(threads));
      sized_to = threads;
    } catch (const std::exception& e) {
      spdlog::warn("HTTP thread pool was already initialised: {}", e.what());
    }
  });
  if (sized_to != 0 && sized_to != threads) {
    spdlog::warn("HTTP thread pool already has {} threads; ignoring a request for {}", sized_to,
                 threads);
  }
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// State shared by the listener's callbacks; continuations hold it so that it outlives any
// request still in flight when the server stops.
struct ServingState {
  rest::Dispatcher dispatcher;
  bool log_requests;
};

void LogRequest(const ServingState& state, const std::string& method, const std::string& path,
                int status, Clock::time_point start) {
  if (!state.log_requests) return;
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  spdlog::info("{} {} {} {:.2f}ms", method, path, status, ms);
}

// Sends `response`; never throws. A failed send (the client went away) is logged at debug
// level, because it is the client's business and must not take the server down.
void Reply(const std::shared_ptr<ServingState>& state, http_request request,
           rest::HttpResponse response, Clock::time_point start) {
  // The method and path are copied for the log lines only when something will be logged: a
  // small lookup costs ~90 µs of CPU, and each copy of a path is an allocation.
  const bool named = state->log_requests || spdlog::should_log(spdlog::level::debug);
  const std::string method = named ? request.method() : std::string();
  const std::string path = named ? request.request_uri().path() : std::string();
  try {
    http_response out(static_cast<web::http::status_code>(response.status));
    // The body moves into the response's stream buffer instead of being copied into a vector
    // (a registry page or a chain report is hundreds of kilobytes); this sets Content-Type too.
    out.set_body(std::move(response.body), response.content_type);
    for (const auto& [name, value] : response.headers) out.headers().add(name, value);
    // The send's outcome must be observed (pplx ends the process on an unobserved exception).
    // _Then, pplx's inline form of then(), observes it on the thread that finished the send
    // instead of posting one more task to the pool for every request.
    pplx::task<void> sent = request.reply(out);
    if (!named) {
      // Nothing would be logged: a continuation without captures, which pplx keeps without
      // allocating for it (the one below costs two allocations and a shared count per request).
      sent._Then(
          [](pplx::task<void> done) {
            try {
              done.get();
            } catch (const std::exception&) {  // the client went away; nobody asked to hear it
            }
          },
          nullptr);
      return;
    }
    sent._Then(
        [state, method, path, status = response.status, start](pplx::task<void> sent) {
          try {
            sent.get();
          } catch (const std::exception& e) {
            spdlog::debug("could not send the response to {} {}: {}", method, path, e.what());
          }
          LogRequest(*state, method, path, status, start);
        },
        nullptr);
  } catch (const std::exception& e) {
    spdlog::warn("could not reply to {} {}: {}", request.method(), request.request_uri().path(),
                 e.what());
  }
}

void OnRequest(const std::shared_ptr<ServingState>& state, http_request request) {
  const Clock::time_point start = Clock::now();
  rest::RawRequest raw;
  try {
    raw.method = request.method();
    raw.raw_path = request.request_uri().path();
    raw.raw_query = request.request_uri().query();
    for (const auto& [name, value] : request.headers()) raw.headers[Lower(name)] = value;
  } catch (const std::exception& e) {
    Reply(state, request, rest::ErrorResponse(400, "invalid_argument", e.what()), start);
    return;
  }
  // Refuse an announced oversize body before reading it.
  const size_t limit = state->dispatcher.max_body_bytes();
  bool has_body = raw.headers.count("transfer-encoding") > 0;
  if (auto it = raw.headers.find("content-length"); it != raw.headers.end()) {
    unsigned long long length = 0;
    try {
      length = std::stoull(it->second);
    } catch (const std::exception&) {
      Reply(state, request,
            rest::ErrorResponse(400, "invalid_argument", "malformed Content-Length header"), start);
      return;
    }
    if (length > limit) {
      Reply(state, request, rest::PayloadTooLarge(length, limit), start);
      return;
    }
    has_body = has_body || length > 0;
  }
  // Most requests (every GET) have no body: answer them here, on the listener's thread. Each
  // continuation below is a hop to another pool thread, which costs small lookups a third of
  // their throughput.
  if (!has_body) {
    Reply(state, std::move(request), state->dispatcher.Handle(std::move(raw)), start);
    return;
  }
  request.extract_vector()
      .then([state, request, raw = std::move(raw),
             start](pplx::task<std::vector<unsigned char>> body) mutable {
        rest::HttpResponse response;
        try {
          const std::vector<unsigned char> bytes = body.get();
          raw.body.assign(bytes.begin(), bytes.end());
          response = state->dispatcher.Handle(std::move(raw));  // never throws
        } catch (const std::exception& e) {
          response = rest::ErrorResponse(
              400, "invalid_argument", std::string("could not read the request body: ") + e.what());
        }
        Reply(state, request, std::move(response), start);
      })
      .then([](pplx::task<void> done) {
        try {
          done.get();
        } catch (const std::exception& e) {
          spdlog::error("request task failed: {}", e.what());
        }
      });
}

class CpprestServer final : public Server {
 public:
  CpprestServer(std::string url, std::shared_ptr<ServingState> state, uint16_t port,
                std::chrono::milliseconds read_timeout, std::unique_ptr<rest::ServerUpkeep> upkeep)
      : url_(std::move(url)),
        state_(std::move(state)),
        port_(port),
        read_timeout_(read_timeout),
        upkeep_(std::move(upkeep)) {}

  ~CpprestServer() override { (void)Stop(); }

  Status Open() {
    try {
      listener_ = std::make_unique<http_listener>(url_);
      std::shared_ptr<ServingState> state = state_;
      listener_->support([state](http_request request) { OnRequest(state, std::move(request)); });
      listener_->open().wait();  // Start() runs outside the pool, so waiting is safe here
      if (read_timeout_.count() > 0) {
        idle_closer_ = std::make_unique<rest::IdleConnectionCloser>(port_, read_timeout_);
      }
    } catch (const std::exception& e) {
      listener_.reset();
      return Status::IoError("cannot listen on " + url_ + ": " + e.what());
    }
    return Status::Ok();
  }

  Status Stop() override {
    upkeep_.reset();
    idle_closer_.reset();
    if (!listener_) return Status::Ok();
    // close() has been seen to hang (cpprestsdk issue #1485): wait at most 5 s, and on
    // a time-out leak the listener rather than destroy it under a running close.
    auto closed = std::make_shared<std::promise<void>>();
    std::future<void> done = closed->get_future();
    try {
      listener_->close().then([closed](pplx::task<void> t) {
        try {
          t.get();
        } catch (const std::exception& e) {
          spdlog::warn("closing the listener: {}", e.what());
        }
        closed->set_value();
      });
    } catch (const std::exception& e) {
      spdlog::warn("closing the listener: {}", e.what());
      closed->set_value();
    }
    if (done.wait_for(std::chrono::seconds(5)) == std::future_status::timeout) {
      (void)listener_.release();
      return Status::Internal("the HTTP listener did not close within 5 s");
    }
    listener_.reset();
    return Status::Ok();
  }

  std::string url() const override { return url_; }

 private:
  std::string url_;
  std::shared_ptr<ServingState> state_;
  uint16_t port_;
  std::chrono::milliseconds read_timeout_;
  std::unique_ptr<http_listener> listener_;
  std::unique_ptr<rest::IdleConnectionCloser> idle_closer_;
  std::unique_ptr<rest::ServerUpkeep> upkeep_;
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
  SizeThreadPoolOnce(options.threads);
  auto state = std::make_shared<ServingState>(
      ServingState{.dispatcher = rest::Dispatcher(
                       rest::BuildRouteTable(
                           service, {.web_dir = options.web_dir, .backup_dir = options.backup_dir}),
                       options.max_body_bytes,
                       [&service](std::string_view token) { return service.Authenticate(token); }),
                   .log_requests = options.log_requests});
  auto server = std::make_unique<CpprestServer>(
      "http://" + options.host + ":" + std::to_string(options.port), std::move(state), options.port,
      options.read_timeout,
      std::make_unique<rest::ServerUpkeep>(
          service, rest::UpkeepOptions{.preload_site_names = options.preload_site_names,
                                       .idle_trim_interval = options.idle_trim_interval}));
  ISV_RETURN_IF_ERROR(server->Open());
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace isvgraph::api
