#include "entity_names.h"

#include <array>
#include <cctype>
#include <memory>
#include <string_view>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace isvgraph::riskdata {
namespace {

// Legal forms and their abbreviations in the list's languages; they tell firms apart nowhere.
constexpr std::array<std::string_view, 22> kLegalForms = {
    "co",  "ltd", "limited", "company", "corp",     "corporation", "inc", "incorporated",
    "llc", "plc", "group",   "holding", "holdings", "gmbh",        "sa",  "bv",
    "jsc", "pte", "pvt",     "ag",      "spa",      "the"};

// Words that many firms' names share: places and trades. A short name made of these alone
// ("China Cotton", "Hubei Trading") names no one firm.
constexpr std::array<std::string_view, 48> kCommonWords = {
    "china",      "chinese",     "xinjiang",   "anhui",     "hubei",         "henan",
    "hebei",      "jiangsu",     "shandong",   "guangdong", "fujian",        "zhejiang",
    "gansu",      "hunan",       "inner",      "mongolia",  "shanghai",      "beijing",
    "tianjin",    "sichuan",     "cotton",     "textile",   "textiles",      "silicon",
    "industry",   "industrial",  "trading",    "trade",     "international", "logistics",
    "food",       "foods",       "technology", "materials", "new",           "energy",
    "solar",      "apparel",     "garment",    "import",    "export",        "development",
    "investment", "warehousing", "products",   "chemical",  "steel",         "electronics"};

bool Common(const std::string& word) {
  for (std::string_view common : kCommonWords) {
    if (word == common) return true;
  }
  return false;
}

std::string ToAsciiLatin(const std::string& name) {
  // One transliterator per thread: building it costs more than using it, and ICU does not
  // promise that one instance may be used from several threads.
  thread_local std::unique_ptr<icu::Transliterator> latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(name);
  if (latin) latin->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::vector<std::string> CoreWords(const std::string& name) {
  const std::string latin = ToAsciiLatin(name);
  std::vector<std::string> words;
  std::string word;
  int depth = 0;
  auto flush = [&] {
    bool legal = false;
    for (std::string_view form : kLegalForms) legal = legal || word == form;
    if (!word.empty() && !legal) words.push_back(word);
    word.clear();
  };
  for (char c : latin) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (depth == 0 && std::isalnum(u)) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string CoreKey(const std::string& name) {
  std::string key;
  for (const std::string& word : CoreWords(name)) key += word;
  return key;
}

bool IsShortName(const std::vector<std::string>& short_name,
                 const std::vector<std::string>& entity) {
  if (short_name.size() < 2 || short_name.size() >= entity.size() ||
      short_name.size() * 2 < entity.size()) {
    return false;
  }
  bool distinctive = false;
  for (size_t i = 0; i < short_name.size(); ++i) {
    if (short_name[i] != entity[i]) return false;
    distinctive = distinctive || !Common(short_name[i]);
  }
  return distinctive;
}

}  // namespace isvgraph::riskdata
