#include "country_names.h"

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace isvgraph::riskdata {

std::string CountryNameKey(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return "";
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  text.foldCase();
  const icu::UnicodeString decomposed = nfd->normalize(text, status);
  if (U_FAILURE(status)) return "";
  icu::UnicodeString folded;
  bool space = true;  // drops leading spaces and runs of them
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isalnum(c)) {
      folded.append(c);
      space = false;
    } else if (!space) {
      folded.append(static_cast<UChar32>(' '));
      space = true;
    }
  }
  std::string out;
  folded.toUTF8String(out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status ForEachIsoCodesName(
    const std::string& path,
    const std::function<void(const std::string& iso2, const std::string& name)>& visit) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot be read (Debian package iso-codes)");
  const nlohmann::json document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object() || !document.contains("3166-1")) {
    return Status::DataLoss(path + ": not the iso-codes ISO 3166-1 list");
  }
  for (const nlohmann::json& entry : document["3166-1"]) {
    const std::string iso2 = entry.value("alpha_2", "");
    if (iso2.size() != 2) continue;
    for (const char* field : {"name", "common_name", "official_name"}) {
      const std::string name = entry.value(field, "");
      if (!name.empty()) visit(iso2, name);
    }
  }
  return Status::Ok();
}

void ForEachIcuCountryName(
    const std::vector<std::string>& iso2_codes,
    const std::function<void(const std::string& iso2, const std::string& name)>& visit) {
  int32_t count = 0;
  const icu::Locale* locales = icu::Locale::getAvailableLocales(count);
  // One pass per language: regional variants ("nl_BE") rarely name a country differently.
  std::set<std::string> languages;
  for (int32_t i = 0; i < count; ++i) languages.insert(locales[i].getLanguage());
  for (const std::string& language : languages) {
    const icu::Locale display(language.c_str());
    for (const std::string& iso2 : iso2_codes) {
      icu::UnicodeString name;
      icu::Locale("", iso2.c_str()).getDisplayCountry(display, name);
      std::string utf8;
      name.toUTF8String(utf8);
      if (!utf8.empty() && utf8 != iso2) visit(iso2, utf8);
    }
  }
}

}  // namespace isvgraph::riskdata
