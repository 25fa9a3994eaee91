#pragma once

// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates (U+D800..U+DFFF), nothing past
// U+10FFFF. The same rule as the JSON writer's (nlohmann), so that text which passes here can
// always be written into a JSON answer. Header-only.

#include <algorithm>
#include <string>
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

// `text` with every byte that does not start a valid character replaced by U+FFFD, for text
// from a file that is shown in messages (a header GDAL read from a broken file).
inline std::string ToValidUtf8(std::string_view text) {
  if (IsUtf8(text)) return std::string(text);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    // The longest valid character starting here: 4, 3, 2 or 1 bytes.
    size_t length = 0;
    for (size_t n = std::min<size_t>(4, text.size() - i); n > 0 && !length; --n) {
      if (IsUtf8(text.substr(i, n))) length = n;
    }
    if (length) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// character: a cut never leaves half of a "ç" behind (which no JSON writer accepts).
inline std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // Back off continuation bytes (10xxxxxx) to the start of the character the cut falls in.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace isvgraph
