#pragma once

// Writing CSV (RFC 4180) for the files users open in a spreadsheet or import again: a cell is
// quoted when it holds a comma, a quote or a line break, and its quotes are doubled. A cell a
// spreadsheet would run as a formula — one that starts with = + - @, a tab or a carriage return
// (OWASP's rule for CSV injection) — gets an apostrophe in front, which spreadsheets show as
// text and the importers take off again (UnneutraliseCsvCell). Plain numbers ("-33.92", "+31")
// are left alone: a spreadsheet reads them as numbers, never as formulas, and a round trip
// through the files must keep coordinates. Header-only.

#include <string>
#include <string_view>

namespace isvgraph {

// A decimal number as a spreadsheet reads one: an optional sign, digits, an optional fraction
// and exponent, nothing else.
inline bool IsPlainNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    size_t exponent = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == text.size();
}

// Whether a spreadsheet would take the cell as a formula.
inline bool StartsLikeAFormula(std::string_view text) {
  if (text.empty()) return false;
  const char c = text.front();
  const bool trigger = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  return trigger && !IsPlainNumber(text);
}

inline std::string CsvCell(const std::string& text) {
  const std::string cell = StartsLikeAFormula(text) ? "'" + text : text;
  if (cell.find_first_of(",;\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The inverse of the neutralisation on import: "'=SUM(1)" was written by CsvCell for "=SUM(1)".
inline std::string UnneutraliseCsvCell(std::string text) {
  if (text.size() >= 2 && text.front() == '\'' &&
      StartsLikeAFormula(std::string_view(text).substr(1))) {
    text.erase(0, 1);
  }
  return text;
}

}  // namespace isvgraph
