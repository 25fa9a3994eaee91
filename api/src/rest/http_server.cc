// The Boost.Beast adapter (http_server.h): the only translation unit that includes Beast and
// Asio. One Session per connection, on a strand of its own: read the head, admit it, read the
// body up to its limit, hand the request to the dispatcher, write the answer, and either read
// the next request or close.

#include "rest/http_server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdio>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A header value as it may be sent: control characters (a CR or LF would start a header of the
// client's choosing) become spaces. Handlers encode what they put in headers; this is the net.
std::string HeaderSafe(std::string value) {
  for (char& c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) c = ' ';
  }
  return value;
}

class Session;

}  // namespace

struct HttpServer::State {
  HttpServerOptions options;
  std::shared_ptr<const Dispatcher> dispatcher;
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> threads;
  std::mutex sessions_mutex;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
  bool stopped = false;  // GUARDED_BY(sessions_mutex)
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<HttpServer::State> server)
      : stream_(std::move(socket)), server_(std::move(server)) {}

  void Start() { ReadHead(); }

  // Closes the connection from any thread (the server stops).
  void Close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->stream_.close();
    });
  }

 private:
  const HttpServerOptions& options() const { return server_->options; }

  void Expire(std::chrono::milliseconds after) {
    if (after.count() > 0) {
      stream_.expires_after(after);
    } else {
      stream_.expires_never();
    }
  }

  void ReadHead() {
    head_.emplace();
    head_->header_limit(static_cast<std::uint32_t>(options().max_header_bytes));
    // No limit yet (the route's comes with admission). Not boost::none: Beast 1.74 compares the
    // announced length with the optional itself, and any length is "more" than none.
    head_->body_limit(std::numeric_limits<std::uint64_t>::max());
    Expire(options().read_timeout);
    http::async_read_header(
        stream_, buffer_, *head_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHead(ec); });
  }

  void OnHead(beast::error_code ec) {
    started_ = Clock::now();
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return Shut();
    }
    if (ec == http::error::header_limit) {
      return Answer(ErrorResponse(431, "headers_too_large",
                                  "the request line and headers exceed " +
                                      std::to_string(options().max_header_bytes) + " bytes"),
                    false);
    }
    if (ec) {
      // A request that is not HTTP: say so without echoing any of its bytes.
      return Answer(ErrorResponse(400, "invalid_argument",
                                  "the request is not well-formed HTTP/1.1 (" + ec.message() + ")"),
                    false);
    }
    const auto& header = head_->get();
    raw_ = RawRequest();
    raw_.method.assign(header.method_string().data(), header.method_string().size());
    for (char& c : raw_.method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string_view target(header.target().data(), header.target().size());
    log_.method = raw_.method;
    log_.target = EscapeForLog(target);
    const size_t question = target.find('?');
    raw_.raw_path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
      raw_.raw_query = std::string(target.substr(question + 1));
    int content_lengths = 0;
    for (const auto& field : header) {
      std::string name =
          Lower(std::string_view(field.name_string().data(), field.name_string().size()));
      if (name == "content-length") ++content_lengths;
      std::string value(field.value().data(), field.value().size());
      auto [at, added] = raw_.headers.emplace(name, value);
      if (!added) at->second += ", " + value;
    }
    log_.request_id = RequestIdFor(raw_.headers);
    if (content_lengths > 1) {
      return Answer(ErrorResponse(400, "invalid_argument",
                                  "more than one Content-Length: the body's length is ambiguous"),
                    false);
    }
    if (auto te = raw_.headers.find("transfer-encoding");
        te != raw_.headers.end() && Lower(te->second) != "chunked") {
      return Answer(ErrorResponse(501, "not_implemented",
                                  "the transfer coding '" + te->second +
                                      "' is not supported; send the body plainly or chunked"),
                    false);
    }
    keep_alive_ = header.keep_alive();
    const bool has_body = head_->chunked() || head_->content_length().value_or(0) > 0;
    if (!has_body) return Answer(server_->dispatcher->Handle(std::move(raw_)), keep_alive_);
    size_t limit = 0;
    if (auto early = server_->dispatcher->Admit(raw_, &limit)) {
      // The body stays unread; one within the server's limit is drained after the answer.
      if (auto length = head_->content_length();
          length && *length <= server_->dispatcher->max_body_bytes()) {
        drain_budget_ = std::max<size_t>(drain_budget_, *length + (16 << 10));
      }
      return Answer(std::move(*early), false);
    }
    if (auto length = head_->content_length(); length && *length > limit) {
      return Answer(PayloadTooLarge(*length, limit), false);
    }
    body_.emplace(std::move(*head_));
    body_->body_limit(limit);
    ReadBody();
  }

  // The body in pieces, each read allowed `read_timeout`: a slow upload that keeps sending
  // lives, one that stops does not.
  void ReadBody() {
    Expire(options().read_timeout);
    http::async_read_some(
        stream_, buffer_, *body_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      size_t limit = 0;
      (void)server_->dispatcher->Admit(raw_, &limit);
      return Answer(PayloadTooLarge(0, limit), false);
    }
    if (ec == beast::error::timeout || ec == http::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::connection_reset || ec == asio::error::operation_aborted) {
      return Shut();
    }
    if (ec) {
      return Answer(ErrorResponse(400, "invalid_argument",
                                  "the request body is not well-formed (" + ec.message() + ")"),
                    false);
    }
    if (!body_->is_done()) return ReadBody();
    raw_.body = std::move(body_->get().body());
    body_.reset();
    Answer(server_->dispatcher->Handle(std::move(raw_)), keep_alive_);
  }

  void Answer(HttpResponse response, bool keep_alive) {
    log_.status = response.status;
    log_.route = std::move(response.route);
    log_.organisation = std::move(response.organisation);
    log_.token_id = std::move(response.token_id);
    if (log_.request_id.empty()) log_.request_id = RequestIdFor({});
    auto out = std::make_shared<http::response<http::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(response.status));
    if (!response.content_type.empty()) {
      out->set(http::field::content_type, HeaderSafe(std::move(response.content_type)));
    }
    for (auto& [name, value] : response.headers) out->set(name, HeaderSafe(std::move(value)));
    out->set("X-Content-Type-Options", "nosniff");
    out->set("X-Request-Id", log_.request_id);
    out->body() = std::move(response.body);
    out->keep_alive(keep_alive);
    out->prepare_payload();
    Expire(options().write_timeout);
    http::async_write(stream_, *out,
                      [self = shared_from_this(), out, keep_alive](beast::error_code ec, size_t) {
                        self->Log();
                        if (ec || !keep_alive) return self->Shut();
                        self->ReadHead();
                      });
  }

  // Logs the answered request and forgets it: the next request on the connection starts anew.
  void Log() {
    if (options().log) {
      log_.ms = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
      if (log_.method.empty()) log_.method = "-";
      options().log(log_);
    }
    log_ = RequestLog();
  }

  // Closes the sending side and then the socket. A client still sending a refused body gets
  // the answer first: the read side is drained briefly so that closing does not reset the
  // connection under the answer.
  void Shut() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    Expire(std::chrono::milliseconds(500));
    drain_.resize(16 << 10);
    Drain();
  }

  // Reads and drops what the client still sends, up to drain_budget_ bytes or half a second,
  // then closes.
  void Drain() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, size_t n) {
                              self->drained_ += n;
                              if (!ec && self->drained_ < self->drain_budget_) return self->Drain();
                              self->stream_.close();
                            });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<HttpServer::State> server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::empty_body>> head_;
  std::optional<http::request_parser<http::string_body>> body_;
  RawRequest raw_;
  bool keep_alive_ = true;
  Clock::time_point started_ = Clock::now();
  RequestLog log_;  // the request being answered
  std::vector<char> drain_;
  size_t drained_ = 0;
  // How much of a refused request Shut() reads before closing: 64 KiB, or the whole announced
  // body when an early answer (401, 403, 404…) refuses one the route would take. A proxy that
  // buffered the body sends all of it before it reads the answer, and a reset under it would
  // turn a 401 into its 502.
  size_t drain_budget_ = 64 << 10;
};

void Accept(const std::shared_ptr<HttpServer::State>& state) {
  state->acceptor.async_accept(
      asio::make_strand(state->io), [state](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !state->acceptor.is_open()) return;
        if (!ec) {
          auto session = std::make_shared<Session>(std::move(socket), state);
          {
            std::lock_guard lock(state->sessions_mutex);
            if (state->stopped) return;
            // Forget sessions that ended, so that the set stays the size of the open ones.
            for (auto it = state->sessions.begin(); it != state->sessions.end();) {
              it = it->expired() ? state->sessions.erase(it) : std::next(it);
            }
            state->sessions.insert(session);
          }
          session->Start();
        }
        Accept(state);
      });
}

}  // namespace

std::string RequestIdFor(const std::map<std::string, std::string>& headers) {
  if (auto given = headers.find("x-request-id"); given != headers.end()) {
    const std::string& id = given->second;
    const bool well_formed =
        !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
          return std::isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-';
        });
    if (well_formed) return id;
  }
  thread_local std::mt19937_64 random{std::random_device{}()};
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(random()));
  return id;
}

std::string EscapeForLog(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

HttpServer::HttpServer(std::shared_ptr<State> state) : state_(std::move(state)) {}

HttpServer::~HttpServer() { Stop(); }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(
    const HttpServerOptions& options, std::shared_ptr<const Dispatcher> dispatcher) {
  if (options.threads < 1 || options.threads > 256) {
    return Status::InvalidArgument("HTTP threads must be between 1 and 256");
  }
  if (options.read_timeout.count() < 0 || options.write_timeout.count() < 0) {
    return Status::InvalidArgument("time-outs must not be negative (0 = none)");
  }
  beast::error_code ec;
  const auto address =
      asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec) {
    return Status::InvalidArgument("listen host '" + options.host +
                                   "' is not an IP address or 'localhost'");
  }
  auto state = std::make_shared<State>();
  state->options = options;
  state->dispatcher = std::move(dispatcher);
  const tcp::endpoint endpoint(address, options.port);
  const std::string where = options.host + ":" + std::to_string(options.port);
  state->acceptor.open(endpoint.protocol(), ec);
  if (!ec) state->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) state->acceptor.bind(endpoint, ec);
  if (!ec) state->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status::IoError("cannot listen on " + where + ": " + ec.message());
  state->work.emplace(state->io.get_executor());
  Accept(state);
  for (int i = 0; i < options.threads; ++i) {
    state->threads.emplace_back([state] { state->io.run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(state)));
}

void HttpServer::Stop() {
  if (!state_) return;
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(state_->sessions_mutex);
    if (state_->stopped) return;
    state_->stopped = true;
    for (const auto& weak : state_->sessions) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
    state_->sessions.clear();
  }
  asio::post(state_->acceptor.get_executor(), [state = state_] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
  });
  for (const auto& session : open) session->Close();
  state_->work.reset();
  // Sessions finish their current step and see their sockets closed; with no work left, run()
  // returns on every thread. One that is still busy after 5 s (a long import) is cut short.
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (!state_->io.stopped() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  state_->io.stop();
  for (std::thread& thread : state_->threads) {
    if (thread.joinable()) thread.join();
  }
}

uint16_t HttpServer::port() const { return state_->acceptor.local_endpoint().port(); }

}  // namespace isvgraph::api::rest
