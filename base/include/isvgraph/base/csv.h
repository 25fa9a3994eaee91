#pragma once

// Writing CSV (RFC 4180) for the files users open in a spreadsheet or import again: a cell is
// quoted when it holds a comma, a quote or a line break, and its quotes are doubled.
// Header-only.

#include <string>

namespace isvgraph {

inline std::string CsvCell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace isvgraph
