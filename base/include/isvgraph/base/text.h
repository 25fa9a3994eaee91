#pragma once

// The limits every stored text field shares, whichever door it came through (REST, imports,
// the CLI): at most kMaxTextBytes, and no control characters — an id or a name with a line break
// would come back as a forged header, log line or CSV row. Free text (notes, summaries) may hold
// line breaks and tabs. Header-only.

#include <cstddef>
#include <string_view>

namespace isvgraph {

// One cap for every text field: a name, an id, a note, a cell of an imported file.
inline constexpr size_t kMaxTextBytes = 4096;

// Whether `text` holds a C0 control character or DEL (with `free_text`, line breaks and tabs
// are allowed).
inline bool HasControlCharacter(std::string_view text, bool free_text = false) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (free_text && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// Why a text field cannot be stored, or "" when it can.
inline const char* TextProblem(std::string_view text, bool free_text = false) {
  if (text.size() > kMaxTextBytes) return "longer than 4096 bytes";
  if (HasControlCharacter(text, free_text)) return "holds a control character";
  return "";
}

}  // namespace isvgraph
