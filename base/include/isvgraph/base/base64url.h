#pragma once

// base64url without padding (RFC 4648 §5): the cursors of paged lists and the ids of links in
// URLs. Decoding refuses anything a canonical encoder would not write. Header-only.

#include <array>
#include <cstdint>
#include <string>

namespace isvgraph {

namespace base64url_detail {
inline constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace base64url_detail

inline std::string Base64UrlEncode(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += base64url_detail::kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += base64url_detail::kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

inline bool Base64UrlDecode(const std::string& text, std::string* bytes) {
  static const std::array<int8_t, 256> kValue = [] {
    std::array<int8_t, 256> value;
    value.fill(-1);
    for (int i = 0; i < 64; ++i)
      value[static_cast<unsigned char>(base64url_detail::kAlphabet[i])] = int8_t(i);
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

}  // namespace isvgraph
