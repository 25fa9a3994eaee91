#pragma once

// Dispatcher: everything between "bytes arrived" and "bytes to send" that does not depend on
// the HTTP library — routing (404/405), the body limit (413), JSON decoding (400), and turning
// an exception that escapes a handler into a 500 envelope plus a log line. Transport adapters
// call Handle() and only convert types.
// Thread-safety: Handle() is const and safe from many threads.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "rest/http_message.h"
#include "rest/route_table.h"

namespace isvgraph::api::rest {

struct RawRequest {
  std::string method;                          // upper case
  std::string raw_path;                        // still percent-encoded
  std::string raw_query;                       // without '?', still encoded
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// Resolves a bearer token to its principal; NotFound for any token that is not valid.
using Authenticator = std::function<Result<Principal>(std::string_view token)>;

class Dispatcher {
 public:
  Dispatcher(RouteTable routes, size_t max_body_bytes, Authenticator authenticate = {})
      : routes_(std::move(routes)),
        max_body_bytes_(max_body_bytes),
        authenticate_(std::move(authenticate)) {}

  // Never throws; every outcome is a response.
  HttpResponse Handle(RawRequest raw) const;

  size_t max_body_bytes() const { return max_body_bytes_; }
  const RouteTable& routes() const { return routes_; }

 private:
  RouteTable routes_;
  size_t max_body_bytes_;
  Authenticator authenticate_;
};

// The 413 response for a body of `size` bytes over `limit` (also used by adapters that can
// reject on Content-Length before reading the body).
HttpResponse PayloadTooLarge(size_t size, size_t limit);

}  // namespace isvgraph::api::rest
