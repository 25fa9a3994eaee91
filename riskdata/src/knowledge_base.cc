#include "isvgraph/riskdata/knowledge_base.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>

#include "country_names.h"
#include "isvgraph/i18n/say.h"
#include "kb_data.h"

namespace isvgraph::riskdata {

std::string_view ThemeId(Theme theme) {
  switch (theme) {
    case Theme::kChildLabour:
      return "child_labour";
    case Theme::kForcedLabour:
      return "forced_labour";
    case Theme::kFreedomOfAssociation:
      return "freedom_of_association";
    case Theme::kDiscrimination:
      return "discrimination";
    case Theme::kWagesHours:
      return "wages_hours";
    case Theme::kHealthSafety:
      return "health_safety";
    case Theme::kEnvironment:
      return "environment";
    case Theme::kCorruption:
      return "corruption";
    case Theme::kConflict:
      return "conflict";
  }
  return "unknown";
}

std::optional<Theme> ThemeFromId(std::string_view id) {
  for (Theme theme : kAllThemes) {
    if (ThemeId(theme) == id) return theme;
  }
  return std::nullopt;
}

std::string_view RiskLevelId(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLow:
      return "low";
    case RiskLevel::kMedium:
      return "medium";
    case RiskLevel::kHigh:
      return "high";
  }
  return "low";
}

double RiskLevelValue(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLow:
      return 0.2;
    case RiskLevel::kMedium:
      return 0.5;
    case RiskLevel::kHigh:
      return 0.8;
  }
  return 0.2;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return !item.empty() && std::find(list.begin(), list.end(), item) != list.end();
}

bool SectorThemeRisk::HoldsIn(const std::string& iso2) const {
  return evidence_countries.empty() ||
         std::find(evidence_countries.begin(), evidence_countries.end(), iso2) !=
             evidence_countries.end();
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Load(const KnowledgeBaseOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.data_dir.empty()) return Status::InvalidArgument("data directory is empty");
  if (!(options.flag_threshold > 0 && options.flag_threshold <= 1)) {
    return Status::InvalidArgument("flag threshold must be in (0, 1]");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(options.data_dir, ec)) {
    return Status::NotFound("risk data directory " + options.data_dir + " not found");
  }
  auto data = std::make_unique<KnowledgeBaseData>();
  data->options = options;
  // Prefix every error with the directory so that a start-up failure names the file in full.
  auto in_dir = [&](const Status& s) {
    return Status(s.code(), options.data_dir + "/" + s.message());
  };
  for (Status (*loader)(KnowledgeBaseData*) :
       {LoadRegistry, LoadCodes, LoadIndicators, LoadListings, LoadTaxonomy, LoadTenderRules,
        LoadEuroRates}) {
    Status s = loader(data.get());
    if (!s.ok()) return in_dir(s);
  }
  data->load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return std::unique_ptr<KnowledgeBase>(new KnowledgeBase(std::move(data)));
}

KnowledgeBase::KnowledgeBase(std::unique_ptr<KnowledgeBaseData> data) : data_(std::move(data)) {}
KnowledgeBase::~KnowledgeBase() = default;

const std::vector<ThemeInfo>& KnowledgeBase::themes() const { return data_->themes; }
const ThemeInfo& KnowledgeBase::theme(Theme theme) const {
  return data_->themes[static_cast<size_t>(theme)];
}
const std::vector<LayerInfo>& KnowledgeBase::layers() const { return data_->layers; }
const std::vector<Source>& KnowledgeBase::sources() const { return data_->sources; }
const std::vector<Sector>& KnowledgeBase::sectors() const { return data_->sectors; }
const std::vector<Product>& KnowledgeBase::products() const { return data_->products; }
const std::vector<ProductGroup>& KnowledgeBase::product_groups() const { return data_->groups; }
double KnowledgeBase::flag_threshold() const { return data_->options.flag_threshold; }
const std::vector<TranslatedCell>& KnowledgeBase::translated_cells() const {
  return data_->translated;
}
double KnowledgeBase::load_ms() const { return data_->load_ms; }

const Source* KnowledgeBase::FindSource(const std::string& id) const {
  for (const Source& source : data_->sources) {
    if (source.id == id) return &source;
  }
  return nullptr;
}

const Sector* KnowledgeBase::FindSector(const std::string& id) const {
  for (const Sector& sector : data_->sectors) {
    if (sector.id == id) return &sector;
  }
  return nullptr;
}

const ProductGroup* KnowledgeBase::FindProductGroup(const std::string& id) const {
  for (const ProductGroup& group : data_->groups) {
    if (group.id == id) return &group;
  }
  return nullptr;
}

Result<Country> KnowledgeBase::FindCountry(const std::string& code_or_name) const {
  if (code_or_name.empty())
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorCountryEmpty);
  // Codes and the layer's exact names first: the common path of every import row.
  if (auto it = data_->country_by_key.find(Upper(code_or_name));
      it != data_->country_by_key.end()) {
    return data_->countries[it->second];
  }
  // Lists in the ISO style put the article last: "Congo, The Democratic Republic of the".
  std::vector<std::string> keys = {CountryNameKey(code_or_name)};
  if (const size_t comma = code_or_name.rfind(", "); comma != std::string::npos) {
    keys.push_back(
        CountryNameKey(code_or_name.substr(comma + 2) + " " + code_or_name.substr(0, comma)));
  }
  for (const std::string& key : keys) {
    if (auto it = data_->country_by_name.find(key); it != data_->country_by_name.end()) {
      return data_->countries[it->second];
    }
  }
  // Names in other languages ("Verenigde Staten", "Україна"): ICU's CLDR names, indexed once.
  std::call_once(data_->icu_names_once, [this] {
    std::vector<std::string> codes;
    for (const Country& country : data_->countries) codes.push_back(country.iso2);
    ForEachIcuCountryName(codes, [this](const std::string& iso2, const std::string& name) {
      const size_t index = data_->country_by_key.at(iso2);
      auto [it, inserted] = data_->country_by_icu_name.emplace(CountryNameKey(name), index);
      if (!inserted && it->second != index) it->second = KnowledgeBaseData::kAmbiguous;
    });
  });
  for (const std::string& key : keys) {
    auto it = data_->country_by_icu_name.find(key);
    if (it == data_->country_by_icu_name.end()) continue;
    if (it->second == KnowledgeBaseData::kAmbiguous) {
      return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorCountryAmbiguous,
                        {{"country", code_or_name}});
    }
    return data_->countries[it->second];
  }
  return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorCountryUnknown,
                    {{"country", code_or_name}});
}

namespace {

// Lower case for ASCII; UTF-8 bytes of accented letters pass unchanged (Dutch needs few).
std::string LowerAscii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// True when every word of `words` starts a word of `text` (both lower case).
bool WordsStartWords(const std::vector<std::string>& words, const std::string& text) {
  for (const std::string& word : words) {
    bool found = false;
    for (size_t at = text.find(word); at != std::string::npos && !found;
         at = text.find(word, at + 1)) {
      found = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    }
    if (!found) return false;
  }
  return true;
}

bool WordsInside(const std::vector<std::string>& words, const std::string& text) {
  for (const std::string& word : words) {
    if (text.find(word) == std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::vector<CpvEntry> KnowledgeBase::SearchCpv(const std::string& text, size_t limit) const {
  // Words, and the first number: a code typed whole ("44912400-0", its check digit dropped) or
  // its first digits ("449").
  std::vector<std::string> words;
  std::string digits;
  bool number_done = false;
  std::string word;
  for (char c : LowerAscii(text) + " ") {
    const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (digit && !number_done && digits.size() < 8) digits += c;
    if (!digit && !digits.empty()) number_done = true;
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      // "CPV 44912400-0" names the code; the word itself is in no description.
      if (!std::isdigit(static_cast<unsigned char>(word[0])) && word != "cpv") {
        words.push_back(word);
      }
      word.clear();
    }
  }
  if (words.empty() && digits.empty()) return {};
  // Better matches first: a curated search word ("kantstenen"), then words that start words of
  // the English or Dutch description, then Dutch words inside compounds ("handschoenen" in
  // "operatiehandschoenen"; also "kerb" inside "suikerbieten", hence last).
  enum Quality { kInside = 1, kWordStart = 2, kSearchWord = 3 };
  std::map<std::string, int> searched;  // code8 -> quality, for the curated words
  if (!words.empty()) {
    for (const auto& [search_word, code8] : data_->cpv_words) {
      if (WordsStartWords(words, search_word)) searched[code8] = kSearchWord;
    }
  }
  struct Hit {
    int quality;
    bool grouped;
    size_t length;
    const CpvEntry* entry;
  };
  std::vector<Hit> hits;
  for (const auto& [code8, entry] : data_->cpv) {
    if (!digits.empty() && code8.compare(0, digits.size(), digits) != 0) continue;
    int quality = kWordStart;
    if (!words.empty()) {
      const std::string nl = LowerAscii(entry.nl);
      if (auto it = searched.find(code8); it != searched.end()) {
        quality = it->second;
      } else if (WordsStartWords(words, LowerAscii(entry.en)) || WordsStartWords(words, nl)) {
        quality = kWordStart;
      } else if (WordsInside(words, nl)) {
        quality = kInside;
      } else {
        continue;
      }
    }
    bool grouped = false;
    for (const ProductGroup& group : data_->groups) {
      for (const std::string& prefix : group.cpv_prefixes)
        grouped = grouped || code8.rfind(prefix, 0) == 0;
    }
    hits.push_back({quality, grouped, code8.find_last_not_of('0'), &entry});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.quality != b.quality) return a.quality > b.quality;
    if (a.grouped != b.grouped) return a.grouped;
    if (a.length != b.length) return a.length < b.length;
    return a.entry->code8 < b.entry->code8;
  });
  std::vector<CpvEntry> out;
  for (size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(*hits[i].entry);
  return out;
}

Result<CpvResolution> KnowledgeBase::ResolveCpv(const std::string& code) const {
  std::string digits = code;
  std::string check;
  if (const size_t dash = code.find('-'); dash != std::string::npos) {
    digits = code.substr(0, dash);
    check = code.substr(dash + 1);
    if (check.size() != 1 || !std::isdigit(static_cast<unsigned char>(check[0]))) {
      return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorCpvCheckDigitForm,
                        {{"code", code}});
    }
  }
  if (digits.size() != 8 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorCpvMalformed,
                      {{"code", code}});
  }
  auto it = data_->cpv.find(digits);
  if (it == data_->cpv.end()) {
    // Hint: the existing codes that share the longest prefix with the one asked for.
    std::string hint;
    for (size_t len = 7; len >= 2 && hint.empty(); --len) {
      const std::string prefix = digits.substr(0, len);
      int shown = 0;
      for (auto near = data_->cpv.lower_bound(prefix);
           near != data_->cpv.end() && near->first.compare(0, len, prefix) == 0 && shown < 5;
           ++near, ++shown) {
        hint += (hint.empty() ? "" : ", ") + near->second.code + " " + near->second.en;
      }
    }
    if (hint.empty())
      return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorCpvUnknown, {{"code", code}});
    return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorCpvUnknownNearest,
                      {{"code", code}, {"codes", hint}});
  }
  const CpvEntry& entry = it->second;
  if (!check.empty() && entry.code.substr(9) != check) {
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorCpvWrongCheckDigit,
                      {{"code", code}, {"right", entry.code}});
  }
  CpvResolution resolution{.entry = entry};
  for (std::string parent = entry.parent_code8; !parent.empty();) {
    const CpvEntry& ancestor = data_->cpv.at(parent);
    resolution.ancestors.push_back(ancestor);
    parent = ancestor.parent_code8;
  }
  for (const ProductGroup& group : data_->groups) {
    for (const std::string& prefix : group.cpv_prefixes) {
      if (digits.compare(0, prefix.size(), prefix) == 0 &&
          prefix.size() > resolution.matched_prefix.size()) {
        resolution.product_group = &group;
        resolution.matched_prefix = prefix;
        auto products = group.cpv_products.find(prefix);
        resolution.products =
            products == group.cpv_products.end() ? std::vector<std::string>{} : products->second;
      }
    }
  }
  return resolution;
}

}  // namespace isvgraph::riskdata
