#pragma once

// HttpServer: HTTP/1.1 on Boost.Beast in front of a Dispatcher — the only code that knows the
// HTTP library (it replaced cpprestsdk, which read whole bodies and headers before anything
// could refuse them). What it guarantees:
//
// - The request head is read first, with a size limit (431 past it). A request with a body is
//   admitted by the dispatcher before any body byte is read: an unknown route, a method it does
//   not serve, a missing or wrong token, or an announced length over the route's limit is
//   answered at once and the connection closed, the body unread. A body is read only up to the
//   route's limit (413 past it, then close), so no request grows memory beyond its limit.
// - Framing that could be read two ways is refused: duplicate Content-Length (400), a transfer
//   coding other than chunked (501), a request line or header that is not HTTP (a JSON 400 that
//   echoes nothing).
// - A client that sends no complete head within the read timeout, or no body bytes for that
//   long, loses its connection; reads are asynchronous, so a slow client holds a socket, never a
//   worker thread.
// - Every answer carries `X-Content-Type-Options: nosniff`; header values are sent without
//   control characters whatever a handler put in them.
//
// Thread-safety: Start and Stop from one thread; requests are handled on the server's threads,
// one request of a connection at a time. Ownership: shares the dispatcher.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"
#include "rest/dispatcher.h"

namespace isvgraph::api::rest {

// One answered request, for the log and the metrics.
struct RequestLog {
  std::string method;  // "-" when no request line was read
  std::string target;  // as sent, escaped for a log line (EscapeForLog)
  std::string route;   // the route template, "" when none matched
  int status = 0;
  double ms = 0;                       // from the request head to the answer written
  std::string request_id;              // the client's X-Request-Id when well-formed, else generated
  std::string organisation, token_id;  // the caller, when the route needed a token
};

// The request id of a request: the client's X-Request-Id when it is 1 to 64 letters, digits,
// '.', '_', ':' or '-' (a proxy's or a load balancer's), else 16 random hex digits. Echoed in the
// answer's X-Request-Id and written in the log line.
std::string RequestIdFor(const std::map<std::string, std::string>& headers);

struct HttpServerOptions {
  std::string host = "127.0.0.1";      // an IPv4 literal or "localhost"
  uint16_t port = 0;                   // 0 = any free port (port() tells which)
  int threads = 4;                     // threads running the I/O and the handlers
  size_t max_header_bytes = 64 << 10;  // request line and headers together; 431 past it
  // A connection that sends no complete request head for this long, or no body bytes for this
  // long, is closed; 0 = no limit.
  std::chrono::milliseconds read_timeout{60'000};
  // An answer the client does not take within this long is abandoned; 0 = no limit.
  std::chrono::milliseconds write_timeout{300'000};
  // Called after each answer (the log line and the metrics).
  std::function<void(const RequestLog&)> log;
};

class HttpServer {
 public:
  // Binds and starts serving. InvalidArgument for bad options, IoError when the address cannot
  // be bound.
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options,
                                                   std::shared_ptr<const Dispatcher> dispatcher);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Stops accepting, closes every connection and joins the threads. Idempotent.
  void Stop();
  uint16_t port() const;

  struct State;  // private: http_server.cc

 private:
  explicit HttpServer(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

// `text` with every control character written as \xNN: a request target for a log line, where a
// raw line break would forge another line.
std::string EscapeForLog(std::string_view text);

}  // namespace isvgraph::api::rest
