#pragma once

// Dispatcher: everything between "bytes arrived" and "bytes to send" that does not depend on
// the HTTP library — routing (404/405), the body limit (413), JSON decoding (400), and turning
// an exception that escapes a handler into a 500 envelope plus a log line. Transport adapters
// call Handle() and only convert types.
// Thread-safety: Handle() is const and safe from many threads.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
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

  // The first look at a request whose body has not been read yet (`head.body` is ignored):
  // the answer when it can be given now — no such route, a method not served, no or a wrong
  // token, a role that may not — or nullopt and, in *body_limit, how many body bytes the route
  // takes. Never throws.
  std::optional<HttpResponse> Admit(const RawRequest& head, size_t* body_limit) const;

  // The whole request: routing, limits, authentication, decoding, the handler. Never throws;
  // every outcome is a response, errors in the language the request asked for.
  HttpResponse Handle(RawRequest raw) const;

  size_t max_body_bytes() const { return max_body_bytes_; }
  const RouteTable& routes() const { return routes_; }

 private:
  // A routed, authenticated request: its route and, for a route that needs one, its principal.
  struct Admitted {
    RouteMatch match;
    std::optional<Principal> principal;
  };
  // Routing, the refusal of methods not served and of control characters in path parameters,
  // authentication and roles: the answer when one of them refuses, nullopt otherwise.
  std::optional<HttpResponse> Route(const RawRequest& raw, Admitted* out) const;
  // Handle() before the answer is put in the request's language; *admitted says how far the
  // request got (its route, its principal).
  HttpResponse Answer(RawRequest raw, Admitted* admitted) const;
  // Names the route template and the caller on the response, for the log and the metrics.
  static void Label(const Admitted& admitted, HttpResponse* response);

  RouteTable routes_;
  size_t max_body_bytes_;
  Authenticator authenticate_;
};

// The language a request asks for: ?lang or ?language, else Accept-Language, else English. A
// language isvgraph does not speak counts as English here (the handler path refuses it with 400).
i18n::Language RequestLanguage(const RawRequest& raw);

// Puts an answer in `language`: the Dutch body of an error said in both languages when Dutch was
// asked for, and Content-Language when the answer does not name its language yet.
void AnswerIn(i18n::Language language, HttpResponse* response);

// The 413 response for a body of `size` bytes over `limit` (0: the size is not known, the body
// was cut off at the limit).
HttpResponse PayloadTooLarge(size_t size, size_t limit);

// What a route's body may hold, given the server's largest body: files (imports) up to that;
// JSON documents up to 1 MiB; anything else 64 KiB (a body where none is expected).
size_t BodyLimit(const Route& route, size_t max_body_bytes);

}  // namespace isvgraph::api::rest
