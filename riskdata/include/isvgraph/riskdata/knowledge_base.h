#pragma once

// KnowledgeBase: everything isvgraph knows about risk — the layer files, the curated tables and
// the methodology that combines them (docs/methodology.md). Loaded once at start-up; a
// malformed or missing file stops loading with file, line and reason.
// Thread-safety: immutable after Load(); every method is const and safe from many threads.
// Ownership: move-only through unique_ptr; pointers it returns live as long as it does.

#include <memory>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/riskdata/assessment.h"
#include "isvgraph/riskdata/catalogue.h"
#include "isvgraph/riskdata/tender.h"
#include "isvgraph/riskdata/theme.h"

namespace isvgraph::riskdata {

// The theme score at or above which a site is flagged unless the operator sets another
// (`serve --flag-threshold`); the web UI reads the server's value from GET /v1/version.
inline constexpr double kDefaultFlagThreshold = 0.7;

struct KnowledgeBaseOptions {
  // Directory holding layers/, optional/ and curated/ (riskdata/data in the source tree).
  std::string data_dir;
  // A theme score at or above this flags the theme (0..1). Default kDefaultFlagThreshold.
  double flag_threshold = kDefaultFlagThreshold;
  // Debian's iso-codes ISO 3166-2 list: how many first-level regions a country has, so that a
  // site without a region in a country most of whose regions are on the CAHRA list is treated
  // as listed. Without the file such a site gets a note only.
  std::string iso_3166_2_path = "/usr/share/iso-codes/json/iso_3166-2.json";
  // Debian's iso-codes ISO 3166-1 list: the short, common and official names of every country
  // ("Türkiye", "Czech Republic", "Viet Nam"), so that FindCountry knows them. Without the
  // file only the countries layer's names, the aliases and ICU's names are known.
  std::string iso_3166_1_path = "/usr/share/iso-codes/json/iso_3166-1.json";
};

// An amount in `currency` divided by `rate` is the amount in euro.
struct EuroRate {
  std::string currency;   // ISO 4217, upper case
  double rate = 1;        // units of the currency per euro
  std::string rate_date;  // the ECB business day of the rate
};

// A cell of a curated table that people read, with its translation: "curated/sectors.csv:4
// name" and the text in every language.
struct TranslatedCell {
  std::string where;
  i18n::Text text;
};

struct KnowledgeBaseData;  // private

class KnowledgeBase {
 public:
  // Loads and cross-checks every file. Returns InvalidArgument for bad options, NotFound for a
  // missing required file, DataLoss for a malformed row ("file:line: column 'x': reason").
  static Result<std::unique_ptr<KnowledgeBase>> Load(const KnowledgeBaseOptions& options);

  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  const std::vector<ThemeInfo>& themes() const;
  const ThemeInfo& theme(Theme theme) const;
  const std::vector<LayerInfo>& layers() const;
  const std::vector<Source>& sources() const;
  const Source* FindSource(const std::string& id) const;
  const std::vector<Sector>& sectors() const;
  const Sector* FindSector(const std::string& id) const;
  const std::vector<Product>& products() const;
  const std::vector<ProductGroup>& product_groups() const;
  const ProductGroup* FindProductGroup(const std::string& id) const;
  double flag_threshold() const;
  // Every translated cell of the curated tables (a test checks that none lacks a language).
  const std::vector<TranslatedCell>& translated_cells() const;
  // Milliseconds Load() took.
  double load_ms() const;

  // Country by ISO alpha-2 or alpha-3 (any case) or by name in any language CLDR knows, as
  // iso-codes spells it or by a curated alias (country_names.h). NotFound with a hint when
  // unknown or when the name means different countries in different languages; InvalidArgument
  // when empty.
  Result<Country> FindCountry(const std::string& code_or_name) const;

  // The ECB euro reference rate of `currency` (ISO 4217, any case) on `date` (YYYY-MM-DD), or
  // on the last business day before it. NotFound, saying why, for a currency the ECB does not
  // quote (PYG, COP), one it stopped quoting, or a date before its first rate.
  Result<EuroRate> EuroRateOn(const std::string& currency, const std::string& date) const;

  // Risk of a country per theme, with every indicator. NotFound for an unknown country.
  Result<CountryRisk> AssessCountry(const std::string& code_or_name) const;
  // The country of a site whose country is not known: no statistic for any theme.
  CountryRisk UnknownCountryRisk() const;

  // Inherent risk of a site per theme. An empty country is an unknown one: scored as missing
  // data on the sector alone, with a note. InvalidArgument when a field is malformed; NotFound
  // when a named country, sector or product is unknown.
  Result<SiteRisk> AssessSite(const SiteQuery& query) const;

  // Resolves a CPV code given with or without its check digit ("44912100", "44912100-7").
  // InvalidArgument for a malformed code or a wrong check digit; NotFound for an unknown one.
  Result<CpvResolution> ResolveCpv(const std::string& code) const;
  // CPV codes for what a buyer types, case-insensitive: codes that a curated search word stands
  // for (curated/cpv_search_words.csv: "kantstenen", "laptops") whose words `text`'s words
  // start; then codes whose English or Dutch description has `text`'s words at word starts;
  // then codes whose Dutch description holds them anywhere (compounds). A number in `text`
  // narrows to codes starting with its digits (up to 8: "44912400-0" is 44912400 with its check
  // digit). Within each, codes of a product group first, then shorter codes (broader levels),
  // then by code. At most `limit`.
  std::vector<CpvEntry> SearchCpv(const std::string& text, size_t limit = 10) const;

  // The tender check (tender.h). InvalidArgument without CPV codes, for a malformed one or an
  // unknown authority; NotFound (naming the nearest codes) for an unknown CPV code or country.
  Result<TenderAdvice> CheckTender(const TenderQuery& query) const;

 private:
  explicit KnowledgeBase(std::unique_ptr<KnowledgeBaseData> data);
  std::unique_ptr<KnowledgeBaseData> data_;
};

}  // namespace isvgraph::riskdata
