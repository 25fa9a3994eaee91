#pragma once

// Plain HTTP request/response values that handlers see. The transport adapter
// (http_server.cc) converts to and from its library's types; nothing else knows the library.

#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"
#include "isvgraph/i18n/language.h"

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
  // The language of the answer (RequestLanguage in dispatcher.cc): ?lang, else Accept-Language,
  // else English. The dispatcher answers with Content-Language.
  i18n::Language language = i18n::Language::kEnglish;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Allow
  // The same answer in Dutch, for an error said in both languages (ErrorResponse); the
  // dispatcher sends it instead of `body` when the request asked for Dutch. Empty otherwise.
  std::string body_nl;
  // For the request log and the metrics, set by the dispatcher: the route template matched
  // ("/v1/contracts/{id}"; "" when none did), and the caller's organisation and token id when
  // the route needed a token and it was valid. Never sent.
  std::string route;
  std::string organisation;
  std::string token_id;
};

// The organisation of a route that needs a token, as the chain engine's viewer.
// The request's organisation; for writes also the journal's author (token id, method and path).
inline graph::Viewer ViewerOf(const HttpRequest& request) {
  return graph::Viewer{.organisation = request.principal->organisation,
                       .token_id = request.principal->token_id,
                       .what = request.method + " " + request.path};
}

// A query parameter, or "" when absent.
inline std::string QueryOr(const HttpRequest& request, const std::string& key) {
  auto it = request.query.find(key);
  return it == request.query.end() ? "" : it->second;
}

// A Content-Disposition value for a file name that came from a request (a contract id, say):
// `disposition; filename="…"` with every byte that is not a letter, digit, '.', '-' or '_'
// replaced by '_' (for old clients), and `filename*=UTF-8''…` with the name percent-encoded
// (RFC 6266, RFC 8187). Nothing of the name can end the header or start another.
inline std::string ContentDisposition(const std::string& disposition, const std::string& name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string plain, encoded;
  for (unsigned char c : name) {
    const bool safe = std::isalnum(c) || c == '.' || c == '-' || c == '_';
    plain += safe ? static_cast<char>(c) : '_';
    if (safe) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return disposition + "; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
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
