#pragma once

// How deeply a JSON text nests arrays and objects, found by one pass over its bytes before any
// parser sees it. Parsers and the code that walks parsed documents recurse; a request body of
// 100,000 '[' must be refused with a clear answer, not end a thread's stack. Header-only.

#include <cstddef>
#include <string_view>

namespace isvgraph {

// The JSON nesting that requests and imported documents may use. OCDS releases nest about 6
// levels; a request body about 4.
inline constexpr size_t kMaxJsonDepth = 64;

// True when `text`, read as JSON, opens more than `limit` arrays or objects inside one another.
// Brackets inside strings do not count (escapes are followed). Malformed text is not judged
// here: the parser does that.
inline bool JsonNestsDeeperThan(std::string_view text, size_t limit = kMaxJsonDepth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > limit) return true;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return false;
}

}  // namespace isvgraph
