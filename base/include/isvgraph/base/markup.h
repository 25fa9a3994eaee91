#pragma once

// Text for HTML and XML (reports, plans, SVG maps): the five characters that would otherwise be
// read as markup, escaped. Header-only, like the rest of base/.

#include <string>

namespace isvgraph {

inline std::string EscapeMarkup(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace isvgraph
