#include "isvgraph/i18n/language.h"

#include <cctype>
#include <cstdlib>
#include <vector>

namespace isvgraph::i18n {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The q-value of one Accept-Language member's parameters ("q=0.8"); 1 when absent, -1 when
// malformed (the member is ignored).
double QValue(std::string_view parameters) {
  double q = 1;
  while (!parameters.empty()) {
    const size_t semicolon = parameters.find(';');
    const std::string_view parameter = Trim(parameters.substr(0, semicolon));
    parameters = semicolon == std::string_view::npos ? "" : parameters.substr(semicolon + 1);
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      continue;
    }
    const std::string value(parameter.substr(2));
    char* end = nullptr;
    q = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || q < 0 || q > 1) return -1;
  }
  return q;
}

}  // namespace

std::string_view LanguageCode(Language language) {
  return language == Language::kDutch ? "nl" : "en";
}

std::optional<Language> ParseLanguage(std::string_view tag) {
  // The primary subtag: up to the first '-', '_', '.' or '@'.
  const size_t end = tag.find_first_of("-_.@");
  const std::string primary = Lower(tag.substr(0, end));
  if (end != std::string_view::npos && end + 1 >= tag.size()) return std::nullopt;
  if (primary == "nl" || primary == "nld" || primary == "dut") return Language::kDutch;
  if (primary == "en" || primary == "eng") return Language::kEnglish;
  return std::nullopt;
}

std::optional<Language> NegotiateLanguage(std::string_view accept_language) {
  std::optional<Language> best;
  double best_q = 0;
  while (!accept_language.empty()) {
    const size_t comma = accept_language.find(',');
    const std::string_view member = Trim(accept_language.substr(0, comma));
    accept_language = comma == std::string_view::npos ? "" : accept_language.substr(comma + 1);
    const size_t semicolon = member.find(';');
    const std::string_view range = Trim(member.substr(0, semicolon));
    const double q = semicolon == std::string_view::npos ? 1 : QValue(member.substr(semicolon + 1));
    if (q <= best_q) continue;  // the earlier of equal q-values wins; q=0 never does
    std::optional<Language> language =
        range == "*" ? std::optional<Language>(Language::kEnglish) : ParseLanguage(range);
    if (!language) continue;
    best = language;
    best_q = q;
  }
  return best;
}

Language LanguageFromEnvironment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    return ParseLanguage(value).value_or(Language::kEnglish);
  }
  return Language::kEnglish;
}

}  // namespace isvgraph::i18n
