#pragma once

// Plain HTTP request/response values that handlers see. The transport adapter
// (cpprest_server.cc) converts to and from its library's types; nothing else knows the library.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"

namespace isvgraph::api::rest {

struct HttpRequest {
  std::string method;                              // "GET", "POST", … (upper case)
  std::string path;                                // decoded path, e.g. "/v1/contracts/12"
  std::map<std::string, std::string> path_params;  // from the route template, decoded
  std::map<std::string, std::string> query;        // decoded; a repeated key keeps the last value
  std::map<std::string, std::string> headers;      // names in lower case
  std::string body;                                // raw body bytes
  nlohmann::json json;                             // parsed body when the route takes JSON
  std::optional<Principal> principal;              // set on routes that need a token
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Allow
};

// The organisation of a route that needs a token, as the chain engine's viewer.
inline graph::Viewer ViewerOf(const HttpRequest& request) {
  return graph::Viewer{.organisation = request.principal->organisation};
}

// A query parameter, or "" when absent.
inline std::string QueryOr(const HttpRequest& request, const std::string& key) {
  auto it = request.query.find(key);
  return it == request.query.end() ? "" : it->second;
}

// A 200 (or other status) response with a JSON body. Text that is not UTF-8 (a parser's
// message quoting the bad bytes of a request) is written with U+FFFD in their place rather
// than failing the answer.
inline HttpResponse JsonResponse(const nlohmann::json& body, int status = 200) {
  return HttpResponse{.status = status,
                      .content_type = "application/json",
                      .body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

}  // namespace isvgraph::api::rest
