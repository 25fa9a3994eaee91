#pragma once

// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates (U+D800..U+DFFF), nothing past
// U+10FFFF. The same rule as the JSON writer's (nlohmann), so that text which passes here can
// always be written into a JSON answer. Header-only.

#include <string_view>

namespace isvgraph {

inline bool IsUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto in = [](unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; };
  while (i < n) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // The first continuation byte's range depends on the lead byte (RFC 3629 §4); the others
    // are always 80..BF.
    size_t length = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (in(c, 0xC2, 0xDF)) {
      length = 2;
    } else if (c == 0xE0) {
      length = 3, lo = 0xA0;
    } else if (in(c, 0xE1, 0xEC) || in(c, 0xEE, 0xEF)) {
      length = 3;
    } else if (c == 0xED) {
      length = 3, hi = 0x9F;
    } else if (c == 0xF0) {
      length = 4, lo = 0x90;
    } else if (in(c, 0xF1, 0xF3)) {
      length = 4;
    } else if (c == 0xF4) {
      length = 4, hi = 0x8F;
    } else {
      return false;
    }
    if (i + length > n || !in(byte(i + 1), lo, hi)) return false;
    for (size_t k = 2; k < length; ++k) {
      if (!in(byte(i + k), 0x80, 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace isvgraph
