#include "rest/dispatcher.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <set>
#include <vector>

#include <spdlog/spdlog.h>

#include "isvgraph/base/json_depth.h"
#include "isvgraph/base/utf8.h"
#include "isvgraph/i18n/messages.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {

using i18n::Msg;
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
// reads; an admin does everything an organisation does. The operator runs the service and
// reaches its routes only (backups, registry decisions), no organisation's data.
bool Allows(Access access, Role role) {
  if (role == Role::kOperator) {
    return access == Access::kPublic || access == Access::kOperator ||
           access == Access::kRegistryRead || access == Access::kRegistryDecide;
  }
  switch (access) {
    case Access::kPublic:
    case Access::kViewer:
    case Access::kRegistryRead:
      return true;
    case Access::kOperator:
      return false;
    case Access::kRegistryDecide:
    case Access::kBuyer:
      return role == Role::kBuyer || role == Role::kAdmin;
    case Access::kAuditor:
      return role == Role::kAuditor || role == Role::kAdmin;
    case Access::kAdmin:
      return role == Role::kAdmin;
  }
  return false;
}

i18n::Text NeededRoles(Access access) {
  switch (access) {
    case Access::kBuyer:
      return i18n::Say(Msg::kErrorRolesBuyer);
    case Access::kAuditor:
      return i18n::Say(Msg::kErrorRolesAuditor);
    case Access::kOperator:
      return i18n::Text::Same("operator");
    case Access::kRegistryDecide:
      return i18n::Say(Msg::kErrorRolesRegistry);
    default:
      return i18n::Text::Same("admin");
  }
}

}  // namespace

HttpResponse PayloadTooLarge(size_t size, size_t limit) {
  if (size == 0) {
    return ErrorResponse(
        413, "payload_too_large",
        i18n::Say(Msg::kErrorBodyOverRouteLimit, {{"limit", std::to_string(limit)}}),
        {{"limit_bytes", limit}});
  }
  return ErrorResponse(413, "payload_too_large",
                       i18n::Say(Msg::kErrorBodyOverLimit, {{"size", std::to_string(size)},
                                                            {"limit", std::to_string(limit)}}),
                       {{"size_bytes", size}, {"limit_bytes", limit}});
}

size_t BodyLimit(const Route& route, size_t max_body_bytes) {
  constexpr size_t kJsonBody = size_t{1} << 20;
  constexpr size_t kOtherBody = size_t{64} << 10;
  if (route.takes_file) return max_body_bytes;
  return std::min(max_body_bytes, route.takes_json ? kJsonBody : kOtherBody);
}

namespace {

// Methods the API serves at all: anything else (TRACE, OPTIONS, CONNECT, …) is refused on every
// path before routing, so that no library answers them on our behalf.
bool ServedMethod(const std::string& method) {
  return method == "GET" || method == "POST" || method == "PUT" || method == "DELETE" ||
         method == "PATCH" || method == "HEAD";
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// The bearer token of an Authorization header; the scheme's case does not matter (RFC 6750).
std::optional<std::string_view> BearerToken(const std::map<std::string, std::string>& headers) {
  auto header = headers.find("authorization");
  if (header == headers.end()) return std::nullopt;
  std::string_view value = header->second;
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() < kScheme.size()) return std::string_view();
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return std::string_view();
  }
  return value.substr(kScheme.size());
}

}  // namespace

i18n::Language RequestLanguage(const RawRequest& raw) {
  if (raw.raw_query.find("lang") != std::string::npos) {
    std::map<std::string, std::string> query;
    if (ParseQuery(raw.raw_query, &query)) {
      for (const char* key : {"lang", "language"}) {
        auto it = query.find(key);
        if (it == query.end() || it->second.empty()) continue;
        return i18n::ParseLanguage(it->second).value_or(i18n::Language::kEnglish);
      }
    }
  }
  auto header = raw.headers.find("accept-language");
  if (header == raw.headers.end()) return i18n::Language::kEnglish;
  return i18n::NegotiateLanguage(header->second).value_or(i18n::Language::kEnglish);
}

void AnswerIn(i18n::Language language, HttpResponse* response) {
  if (language == i18n::Language::kDutch && !response->body_nl.empty()) {
    response->body = std::move(response->body_nl);
  }
  response->body_nl.clear();
  for (const auto& [name, value] : response->headers) {
    if (name == "Content-Language") return;
  }
  response->headers.emplace_back("Content-Language", std::string(i18n::LanguageCode(language)));
}

std::optional<HttpResponse> Dispatcher::Admit(const RawRequest& head, size_t* body_limit) const {
  Admitted admitted;
  if (auto answer = Route(head, &admitted)) {
    Label(admitted, &*answer);
    AnswerIn(RequestLanguage(head), &*answer);
    return answer;
  }
  *body_limit = BodyLimit(*admitted.match.route, max_body_bytes_);
  return std::nullopt;
}

std::optional<HttpResponse> Dispatcher::Route(const RawRequest& raw, Admitted* out) const {
  if (!ServedMethod(raw.method)) {
    HttpResponse response = ErrorResponse(
        405, "method_not_allowed", i18n::Say(Msg::kErrorMethodNotServed, {{"method", raw.method}}),
        {{"method", raw.method}});
    response.headers.emplace_back("Allow", "GET, POST, PUT, DELETE");
    return response;
  }
  if (raw.raw_path.find('%') != std::string::npos) {
    // A control character in the path would reach file names, headers and log lines.
    std::string decoded;
    if (PercentDecode(raw.raw_path, false, &decoded) && HasControlCharacter(decoded)) {
      return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorUrlControlCharacter));
    }
  }
  RouteMatch match = routes_.Find(raw.method, raw.raw_path);
  if (match.kind == RouteMatch::Kind::kNotFound) {
    return ErrorResponse(404, "not_found",
                         i18n::Say(Msg::kErrorNoEndpoint, {{"path", raw.raw_path}}),
                         {{"path", raw.raw_path}});
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    HttpResponse response = ErrorResponse(
        405, "method_not_allowed",
        i18n::Say(Msg::kErrorMethodNotAllowed, {{"method", raw.method}, {"path", raw.raw_path}}),
        {{"method", raw.method}, {"allowed", match.allowed_methods}});
    response.headers.emplace_back("Allow", Join(match.allowed_methods, ", "));
    return response;
  }
  out->match = std::move(match);
  const rest::Route& route = *out->match.route;  // (Route alone names the method here)
  if (route.access != Access::kPublic) {
    const std::optional<std::string_view> token = BearerToken(raw.headers);
    Result<Principal> who = Status::NotFound("no token");
    if (token && !token->empty() && authenticate_) who = authenticate_(*token);
    if (!who) {
      HttpResponse response =
          ErrorResponse(401, "unauthenticated",
                        i18n::Say(!token ? Msg::kErrorTokenNeeded : Msg::kErrorTokenInvalid));
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return response;
    }
    out->principal = std::move(who).value();
    if (!Allows(route.access, out->principal->role)) {
      const std::string_view role = graph::kRoles.Name(out->principal->role);
      return ErrorResponse(
          403, "permission_denied",
          i18n::Say(Msg::kErrorRoleMayNot, {{"role", role}, {"roles", NeededRoles(route.access)}}),
          {{"role", role}});
    }
  }
  return std::nullopt;
}

void Dispatcher::Label(const Admitted& admitted, HttpResponse* response) {
  if (admitted.match.route) response->route = admitted.match.route->path_template;
  if (admitted.principal) {
    response->organisation = admitted.principal->organisation;
    response->token_id = admitted.principal->token_id;
  }
}

HttpResponse Dispatcher::Handle(RawRequest raw) const {
  const i18n::Language language = RequestLanguage(raw);
  Admitted admitted;
  HttpResponse response = Answer(std::move(raw), &admitted);
  Label(admitted, &response);
  AnswerIn(language, &response);
  return response;
}

HttpResponse Dispatcher::Answer(RawRequest raw, Admitted* admitted) const {
  // For the log line. The method is copied, since raw.method is moved from below (it is short
  // enough to cost no allocation). The path moves into `request` when it needs no decoding, so
  // the log takes it from there.
  const std::string method = raw.method;
  HttpRequest request;
  auto path = [&]() -> const std::string& {
    return request.path.empty() ? raw.raw_path : request.path;
  };
  try {
    if (auto answer = Route(raw, admitted)) return std::move(*answer);
    const RouteMatch& match = admitted->match;
    const size_t limit = BodyLimit(*match.route, max_body_bytes_);
    if (raw.body.size() > limit) return PayloadTooLarge(raw.body.size(), limit);

    request.method = std::move(raw.method);
    request.path_params = std::move(admitted->match.path_params);
    request.headers = std::move(raw.headers);
    bool decoded = true;
    if (raw.raw_path.find('%') == std::string::npos) {
      request.path = std::move(raw.raw_path);  // nothing to decode: no copy
    } else {
      decoded = PercentDecode(raw.raw_path, false, &request.path);
    }
    if (!decoded || !ParseQuery(raw.raw_query, &request.query)) {
      return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorUrlPercent));
    }
    // Ids, names and search words are text: bytes that decode to no character, or to a control
    // character, would only come back in answers, headers and logs as garbage or forgery.
    bool text = IsUtf8(request.path) && !HasControlCharacter(request.path);
    for (const auto& [key, value] : request.query) {
      text = text && IsUtf8(key) && IsUtf8(value) && !HasControlCharacter(key) &&
             !HasControlCharacter(value);
    }
    for (const auto& [name, value] : request.path_params) text = text && IsUtf8(value);
    if (!text) {
      return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorUrlNotText));
    }
    request.body = std::move(raw.body);
    request.principal = admitted->principal;
    if (match.route->takes_json) {
      if (request.body.empty()) {
        return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorBodyNotJson));
      }
      if (JsonNestsDeeperThan(request.body)) {
        return ErrorResponse(
            400, "invalid_argument",
            i18n::Say(Msg::kErrorJsonTooDeep, {{"depth", std::to_string(kMaxJsonDepth)}}),
            {{"max_depth", kMaxJsonDepth}});
      }
      // A key given twice in one object: the parser would keep the last, a proxy or the client
      // may have meant the first. Refused, naming the key.
      std::vector<std::set<std::string>> keys;
      std::string duplicate;
      request.json = nlohmann::json::parse(
          request.body,
          [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
            using Event = nlohmann::json::parse_event_t;
            if (event == Event::object_start) keys.emplace_back();
            if (event == Event::object_end && !keys.empty()) keys.pop_back();
            if (event == Event::key && !keys.empty() && duplicate.empty() &&
                !keys.back().insert(parsed.get<std::string>()).second) {
              duplicate = parsed.get<std::string>();
            }
            return true;
          },
          /*allow_exceptions=*/false);
      if (!duplicate.empty() && !request.json.is_discarded()) {
        return ErrorResponse(400, "invalid_argument",
                             i18n::Say(Msg::kErrorJsonDuplicateKey, {{"key", duplicate}}),
                             {{"key", duplicate}});
      }
      if (request.json.is_discarded()) {
        // Parse again with exceptions only to learn where it failed; the error path may be slow.
        try {
          nlohmann::json unused = nlohmann::json::parse(request.body);
        } catch (const nlohmann::json::parse_error& e) {
          return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorJsonMalformed),
                               {{"parser", e.what()}, {"byte", e.byte}});
        } catch (const nlohmann::json::exception& e) {  // e.g. a number past double's range
          return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorJsonMalformed),
                               {{"parser", e.what()}});
        }
        return ErrorResponse(400, "invalid_argument", i18n::Say(Msg::kErrorJsonMalformed));
      }
    }
    // The answer's language: ?lang (or ?language) names it, else the Accept-Language header.
    std::string asked = QueryOr(request, "lang");
    if (asked.empty()) asked = QueryOr(request, "language");
    if (!asked.empty()) {
      const std::optional<i18n::Language> language = i18n::ParseLanguage(asked);
      if (!language) {
        return ErrorResponse(400, "invalid_argument",
                             i18n::Say(Msg::kErrorLangUnsupported, {{"lang", asked}}),
                             {{"lang", asked}});
      }
      request.language = *language;
      // Consumed here: handlers that refuse unknown parameters do not see it.
      request.query.erase("lang");
      request.query.erase("language");
    } else if (auto header = request.headers.find("accept-language");
               header != request.headers.end()) {
      request.language = i18n::NegotiateLanguage(header->second).value_or(i18n::Language::kEnglish);
    }
    HttpResponse response = match.route->handler(request);
    // Content-Language is added by Handle() (AnswerIn), for errors before this point as well.
    response.headers.emplace_back("Vary", "Accept-Language");
    return response;
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception in {} {}: {}", method, path(), e.what());
  } catch (...) {
    spdlog::error("unhandled non-standard exception in {} {}", method, path());
  }
  return ErrorResponse(500, "internal", i18n::Say(Msg::kErrorInternal));
}

}  // namespace isvgraph::api::rest
