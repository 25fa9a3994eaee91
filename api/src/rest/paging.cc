#include "rest/paging.h"

#include "isvgraph/base/base64url.h"
#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
std::optional<HttpResponse> ParsePageRequest(const HttpRequest& request, PageRequest* out) {
  *out = PageRequest();
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    size_t used = 0;
    long value = 0;
    try {
      value = std::stol(it->second, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != it->second.size() || value < 1 ||
        value > static_cast<long>(kMaxPageSize)) {
      return ErrorResponse(
          400, "invalid_argument",
          i18n::Say(i18n::Msg::kErrorLimitRange, {{"max", std::to_string(kMaxPageSize)}}),
          {{"field", "limit"}});
    }
    out->limit = static_cast<size_t>(value);
  }
  if (auto it = request.query.find("cursor"); it != request.query.end()) {
    if (!Base64UrlDecode(it->second, &out->after) || out->after.empty()) {
      return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorCursorUnknown),
                           {{"field", "cursor"}});
    }
  }
  return std::nullopt;
}

nlohmann::json PageJson(nlohmann::json items, const std::string& next_after) {
  return {{"items", std::move(items)},
          {"next_cursor", next_after.empty() ? nlohmann::json(nullptr)
                                             : nlohmann::json(Base64UrlEncode(next_after))}};
}

}  // namespace isvgraph::api::rest
