#include "rest/dispatcher.h"

#include <exception>

#include <spdlog/spdlog.h>

#include "isvgraph/base/json_depth.h"
#include "isvgraph/base/utf8.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// Roles are not a ladder: an auditor records audits but does not change chain data (links,
// contracts, sites, imports), and a buyer changes chain data but records no audits. Everyone
// reads; an admin does everything.
bool Allows(Access access, Role role) {
  switch (access) {
    case Access::kPublic:
    case Access::kViewer:
      return true;
    case Access::kBuyer:
      return role == Role::kBuyer || role == Role::kAdmin;
    case Access::kAuditor:
      return role == Role::kAuditor || role == Role::kAdmin;
    case Access::kAdmin:
      return role == Role::kAdmin;
  }
  return false;
}

std::string NeededRoles(Access access) {
  switch (access) {
    case Access::kBuyer:
      return "buyer or admin";
    case Access::kAuditor:
      return "auditor or admin";
    default:
      return "admin";
  }
}

}  // namespace

HttpResponse PayloadTooLarge(size_t size, size_t limit) {
  return ErrorResponse(413, "payload_too_large",
                       "request body of " + std::to_string(size) + " bytes exceeds the limit of " +
                           std::to_string(limit) + " bytes",
                       {{"size_bytes", size}, {"limit_bytes", limit}});
}

HttpResponse Dispatcher::Handle(RawRequest raw) const {
  // For the log line. The method is copied, since raw.method is moved from below (it is short
  // enough to cost no allocation). The path moves into `request` when it needs no decoding, so
  // the log takes it from there.
  const std::string method = raw.method;
  HttpRequest request;
  auto path = [&]() -> const std::string& {
    return request.path.empty() ? raw.raw_path : request.path;
  };
  try {
    RouteMatch match = routes_.Find(raw.method, raw.raw_path);
    if (match.kind == RouteMatch::Kind::kNotFound) {
      return ErrorResponse(404, "not_found", "no such endpoint: " + raw.raw_path,
                           {{"path", raw.raw_path}});
    }
    if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
      HttpResponse response = ErrorResponse(
          405, "method_not_allowed", raw.method + " is not allowed on " + raw.raw_path,
          {{"method", raw.method}, {"allowed", match.allowed_methods}});
      response.headers.emplace_back("Allow", Join(match.allowed_methods, ", "));
      return response;
    }
    if (raw.body.size() > max_body_bytes_) return PayloadTooLarge(raw.body.size(), max_body_bytes_);

    std::optional<Principal> principal;
    if (match.route->access != Access::kPublic) {
      auto header = raw.headers.find("authorization");
      constexpr std::string_view kPrefix = "Bearer ";
      Result<Principal> who = Status::NotFound("no token");
      if (header != raw.headers.end() && header->second.rfind(kPrefix, 0) == 0 && authenticate_) {
        who = authenticate_(std::string_view(header->second).substr(kPrefix.size()));
      }
      if (!who) {
        HttpResponse response = ErrorResponse(
            401, "unauthenticated",
            header == raw.headers.end() ? "this endpoint needs 'Authorization: Bearer <token>'"
                                        : "unknown, expired or revoked token");
        response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
      }
      if (!Allows(match.route->access, who->role)) {
        return ErrorResponse(403, "permission_denied",
                             "role " + std::string(graph::kRoles.Name(who->role)) +
                                 " may not do this; it needs " + NeededRoles(match.route->access),
                             {{"role", graph::kRoles.Name(who->role)}});
      }
      principal = std::move(who).value();
    }

    request.method = std::move(raw.method);
    request.path_params = std::move(match.path_params);
    request.headers = std::move(raw.headers);
    bool decoded = true;
    if (raw.raw_path.find('%') == std::string::npos) {
      request.path = std::move(raw.raw_path);  // nothing to decode: no copy
    } else {
      decoded = PercentDecode(raw.raw_path, false, &request.path);
    }
    if (!decoded || !ParseQuery(raw.raw_query, &request.query)) {
      return ErrorResponse(400, "invalid_argument", "malformed percent-encoding in the URL");
    }
    // Ids, names and search words are text: bytes that decode to no character would only come
    // back in answers and logs as garbage.
    bool utf8 = IsUtf8(request.path);
    for (const auto& [key, value] : request.query) utf8 = utf8 && IsUtf8(key) && IsUtf8(value);
    for (const auto& [name, value] : request.path_params) utf8 = utf8 && IsUtf8(value);
    if (!utf8) {
      return ErrorResponse(400, "invalid_argument", "the URL is not UTF-8 once percent-decoded");
    }
    request.body = std::move(raw.body);
    request.principal = std::move(principal);
    if (match.route->takes_json) {
      if (request.body.empty()) {
        return ErrorResponse(400, "invalid_argument", "request body must be a JSON document");
      }
      if (JsonNestsDeeperThan(request.body)) {
        return ErrorResponse(
            400, "invalid_argument",
            "JSON in request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels",
            {{"max_depth", kMaxJsonDepth}});
      }
      request.json = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
      if (request.json.is_discarded()) {
        // Parse again with exceptions only to learn where it failed; the error path may be slow.
        try {
          nlohmann::json unused = nlohmann::json::parse(request.body);
        } catch (const nlohmann::json::parse_error& e) {
          return ErrorResponse(400, "invalid_argument", "malformed JSON in request body",
                               {{"parser", e.what()}, {"byte", e.byte}});
        } catch (const nlohmann::json::exception& e) {  // e.g. a number past double's range
          return ErrorResponse(400, "invalid_argument", "malformed JSON in request body",
                               {{"parser", e.what()}});
        }
        return ErrorResponse(400, "invalid_argument", "malformed JSON in request body");
      }
    }
    return match.route->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception in {} {}: {}", method, path(), e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception in {} {}", method, path());
  }
  return ErrorResponse(500, "internal", "internal error; the server log has the details");
}

}  // namespace isvgraph::api::rest
