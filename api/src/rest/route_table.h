#pragma once

// RouteTable: the one list of REST routes — method, path template, handler — in the spirit of
// typesense's route table (docs/style.md rule 9). Templates are literal segments and `{name}`
// parameters: "/v1/contracts/{id}/chain". Matching is exact per segment; no wildcards.
// Thread-safety: build once, then read-only (Find is const and safe from many threads).

#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rest/http_message.h"

namespace isvgraph::api::rest {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

// Who may call a route: anyone (reference data, health), or a bearer token whose role the
// dispatcher allows: any role reads (kViewer); kBuyer routes take buyer or admin, kAuditor
// routes auditor or admin (roles are not a ladder), kAdmin routes admin only; kOperator routes
// the operator only, whose token reaches no other route but the shared registry's: its
// history and proposals (kRegistryRead: any role; kRegistryDecide: buyer, admin or operator).
enum class Access {
  kPublic,
  kViewer,
  kBuyer,
  kAuditor,
  kAdmin,
  kOperator,
  kRegistryRead,
  kRegistryDecide
};

struct Route {
  std::string method;         // "GET", "POST", "PUT", "PATCH", "DELETE"
  std::string path_template;  // "/v1/contracts/{id}"
  Handler handler;
  bool takes_json = false;  // the body must be a JSON document (400 otherwise)
  Access access = Access::kPublic;
  bool takes_file = false;  // the body is an uploaded file: the server's largest body applies
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;                    // set when kFound
  std::map<std::string, std::string> path_params;  // decoded, set when kFound
  std::vector<std::string> allowed_methods;        // sorted, set when kMethodNotAllowed
};

class RouteTable {
 public:
  // Requires: the template starts with '/', and no route with the same method and template
  // exists (a duplicate is a programming error and aborts).
  void Add(Route route);

  // Finds the route for a raw (still percent-encoded) path. A path matches a template when
  // both have the same number of segments, every literal segment is equal and every parameter
  // segment is well-formed percent-encoding. Runs on every request: it allocates only for the
  // decoded parameters of the route it returns (and the method names of a 405).
  RouteMatch Find(const std::string& method, const std::string& raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  // A template segment: literal text, or a parameter and its name (without the braces).
  struct PatternSegment {
    std::string text;
    bool is_param = false;
  };
  // Templates have at most this many segments (checked at Add), so Find splits a path into a
  // fixed array; a longer path matches nothing.
  static constexpr size_t kMaxSegments = 16;

  std::vector<Route> routes_;
  // Each route's template split into segments once, at Add.
  std::vector<std::vector<PatternSegment>> patterns_;
  // The routes (indexes, in the order added) of each segment count: a path is compared with
  // templates of its own length only.
  std::array<std::vector<size_t>, kMaxSegments + 1> by_length_;
};

// Decodes %XX escapes (and '+' as space when plus_is_space). Returns false on a malformed
// escape, leaving *out unspecified.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out);

// Splits "a=1&b=x%20y" into decoded pairs. Returns false on a malformed escape.
bool ParseQuery(const std::string& raw_query, std::map<std::string, std::string>* out);

}  // namespace isvgraph::api::rest
