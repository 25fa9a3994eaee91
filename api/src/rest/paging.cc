#include "rest/paging.h"

#include <array>

#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string Base64UrlEncode(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

bool Base64UrlDecode(const std::string& text, std::string* bytes) {
  static const std::array<int8_t, 256> kValue = [] {
    std::array<int8_t, 256> value;
    value.fill(-1);
    for (int i = 0; i < 64; ++i) value[static_cast<unsigned char>(kAlphabet[i])] = int8_t(i);
    return value;
  }();
  if (text.size() % 4 == 1) return false;  // no byte ends after a lone character
  bytes->clear();
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    if (kValue[c] < 0) return false;
    buffer = (buffer << 6) | static_cast<uint32_t>(kValue[c]);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *bytes += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return (buffer & ((1u << bits) - 1)) == 0;  // the padding bits of canonical text are zero
}

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
      return ErrorResponse(400, "invalid_argument",
                           "limit must be a whole number from 1 to " + std::to_string(kMaxPageSize),
                           {{"field", "limit"}});
    }
    out->limit = static_cast<size_t>(value);
  }
  if (auto it = request.query.find("cursor"); it != request.query.end()) {
    if (!Base64UrlDecode(it->second, &out->after) || out->after.empty()) {
      return ErrorResponse(400, "invalid_argument",
                           "cursor is not one this server gave out; start without one",
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
