#include "address_country.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace isvgraph::importers {
namespace {

// USPS abbreviations of the states, DC and the territories with ZIP codes (USPS Publication 28,
// appendix B).
constexpr std::array<std::string_view, 56> kUsStates = {
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI",
    "IA", "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP",
    "MS", "MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA",
    "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY"};

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view Trim(std::string_view text, std::string_view junk) {
  const size_t first = text.find_first_not_of(junk);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(junk) - first + 1);
}

}  // namespace

bool EndsWithUsStateAndZip(std::string_view address) {
  // The last two words, commas and full stops aside: "NJ 07950", "NJ, 07950-1234".
  std::vector<std::string_view> words;
  size_t at = 0;
  while (at < address.size()) {
    const size_t start = address.find_first_not_of(" \t,.", at);
    if (start == std::string_view::npos) break;
    size_t end = address.find_first_of(" \t,", start);
    if (end == std::string_view::npos) end = address.size();
    words.push_back(Trim(address.substr(start, end - start), "."));
    at = end;
  }
  if (words.size() < 3) return false;  // a street or town must come before them
  const std::string_view zip = words.back();
  const std::string_view state = words[words.size() - 2];
  const bool zip_ok = (zip.size() == 5 && AllDigits(zip)) ||
                      (zip.size() == 10 && zip[5] == '-' && AllDigits(zip.substr(0, 5)) &&
                       AllDigits(zip.substr(6)));
  return zip_ok && std::find(kUsStates.begin(), kUsStates.end(), state) != kUsStates.end();
}

std::string CountryOfAddress(const riskdata::KnowledgeBase& kb, std::string_view address) {
  // First: "…, Atlanta, GA 30303" must not become Georgia the country.
  if (EndsWithUsStateAndZip(address)) return "US";
  std::vector<std::string_view> parts;
  size_t at = 0;
  while (at <= address.size()) {
    size_t comma = address.find(',', at);
    if (comma == std::string_view::npos) comma = address.size();
    parts.push_back(address.substr(at, comma - at));
    at = comma + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    const std::string_view part = Trim(*it, " \t.");
    if (part.empty()) continue;
    if (auto country = kb.FindCountry(std::string(part))) return country->iso2;
  }
  return "";
}

}  // namespace isvgraph::importers
