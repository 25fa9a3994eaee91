#pragma once

// Numbers in text the way JSON answers write them: the shortest decimal that reads back as the
// same double, with ".0" on whole numbers ("0.9", "1.0", "0.001"), so that a score quoted inside
// an explanation reads exactly as the score field beside it. Header-only.

#include <charconv>
#include <string>

namespace isvgraph {

inline std::string ShortestDecimal(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string out(buffer, error == std::errc() ? end : buffer);
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";  // n: nan and inf stay
  return out;
}

}  // namespace isvgraph
