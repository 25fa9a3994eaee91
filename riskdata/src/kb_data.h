#pragma once

// The loaded contents of a KnowledgeBase (private to riskdata). Filled by the loaders in
// load_*.cc, read by knowledge_base.cc and scoring.cc.

#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "csv_table.h"
#include "isvgraph/base/status.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::riskdata {

// A row of the DOL List of Goods.
struct DolListing {
  std::string good;
  std::string country;  // ISO alpha-2
  bool child_labour = false;
  bool forced_labour = false;
  bool forced_child_labour = false;
  bool downstream = false;    // listed because made with a listed input
  std::string input_country;  // ISO alpha-2 of that input, for downstream rows
};

// A row of the EU CAHRA list.
struct CahraArea {
  std::string country;  // ISO alpha-2
  bool whole_country = false;
  std::string region_code;  // ISO 3166-2, empty for whole-country rows
  std::string region_name;
  bool conflict_affected = false;
  bool high_risk = false;
};

struct UflpaEntity {
  std::string name;
  std::string section;  // i | ii | v
  std::string effective_date;
};

struct UflpaSector {
  std::string name;
  std::string designated;
  std::vector<std::string> hs_hint;
};

// What a country indicator is and how it is normalised (indicators.cc).
struct IndicatorSpec {
  Theme theme;
  std::string layer;
  std::string indicator;
  std::string label;
  std::string unit;
  std::string transform;
};

struct KnowledgeBaseData {
  KnowledgeBaseOptions options;
  double load_ms = 0;

  std::vector<ThemeInfo> themes;  // kAllThemes order
  std::vector<LayerInfo> layers;  // curated/layers.csv order
  std::vector<Source> sources;
  std::vector<Country> countries;                // by iso3
  std::map<std::string, size_t> country_by_key;  // upper-case iso2, iso3 and names
  // CountryNameKey → index: the layer's names, Debian iso-codes' names and the curated aliases.
  std::unordered_map<std::string, size_t> country_by_name;
  // CountryNameKey → index for the names in every language ICU knows, built on the first name
  // the other keys miss; a key two countries share maps to kAmbiguous.
  static constexpr size_t kAmbiguous = static_cast<size_t>(-1);
  mutable std::once_flag icu_names_once;
  mutable std::unordered_map<std::string, size_t> country_by_icu_name;
  std::map<std::string, std::string> iso2_by_iso3;

  std::map<std::string, std::vector<IndicatorValue>> indicators;  // by iso2

  std::vector<DolListing> dol_listings;
  std::vector<CahraArea> cahra;
  // First-level ISO 3166-2 regions of the CAHRA countries (iso-codes); absent when unknown.
  std::map<std::string, int> cahra_country_regions;
  std::map<std::string, UflpaEntity> uflpa_by_key;  // normalised names and aliases
  // The same names without legal form, in ASCII Latin (entity_names.h), and their words for
  // short-name matching.
  std::map<std::string, UflpaEntity> uflpa_by_core;
  std::vector<std::pair<std::vector<std::string>, UflpaEntity>> uflpa_core_words;
  std::vector<UflpaSector> uflpa_sectors;

  std::map<std::string, CpvEntry> cpv;  // by code8
  // Words people search CPV codes by that CPV's own descriptions do not hold (lower case, code8),
  // from curated/cpv_search_words.csv.
  std::vector<std::pair<std::string, std::string>> cpv_words;
  std::map<std::string, std::string> isic_titles;  // by code
  std::map<std::string, std::string> hs;           // by code

  std::vector<Sector> sectors;
  std::vector<Product> products;
  std::vector<ProductGroup> groups;

  // Tender rules (load_tender.cc).
  struct Threshold {
    std::string authority, contract_type;
    double eur = 0;
    std::string valid_from, valid_to, source;
  };
  std::vector<Threshold> thresholds;
  struct ThemeMeasure {
    Theme theme;
    std::vector<std::string> groups;  // product groups it is written for; empty = any
    i18n::Text measure, question;
    std::string source;
  };
  std::vector<ThemeMeasure> measures;
  struct GroupAction {
    std::vector<std::string> groups;  // empty = every tender where the ISV clause applies
    TenderAction action;
  };
  std::vector<GroupAction> actions;
  // CPV prefix (2-5 digits) → typical sector ("" = none known), note. The longest prefix wins.
  std::map<std::string, std::pair<std::string, i18n::Text>> division_sectors;
  // Every translated cell of the curated tables, for the test that no language is missing.
  std::vector<TranslatedCell> translated;

  // ECB reference rates: currency → (date, units per euro), oldest first; parsed on the first
  // conversion (load_rates.cc), with the outcome kept.
  mutable std::once_flag euro_rates_once;
  mutable Status euro_rates_status;
  std::map<std::string, std::vector<std::pair<std::string, double>>> euro_rates;

  LayerInfo* FindLayer(const std::string& id);
  const LayerInfo* FindLayer(const std::string& id) const;
  // Absolute path of a layer's file. Requires: the layer is registered.
  std::string LayerPath(const std::string& id) const;
  // The iso2 of the iso3 in `column` of a layer row; "" for Kosovo (XKX, not in ISO 3166-1),
  // which layers may contain and the knowledge base leaves out; DataLoss (file, line, column)
  // for any other unknown or empty code.
  Status Iso2ForIso3(const CsvRow& row, const std::string& column, std::string* iso2) const;
};

// The country indicators of methodology v1, in the order they are reported.
const std::vector<IndicatorSpec>& IndicatorSpecs();
const IndicatorSpec& FindIndicatorSpec(const std::string& layer, const std::string& indicator);
// Normalises a raw value to 0..1 (1 = highest risk) by the spec's transform.
double Normalise(const IndicatorSpec& spec, double raw);

// Upper-cases ASCII letters.
std::string Upper(std::string text);
// Whether `item` is in `list`; an empty item never is (an empty id names nothing).
bool Contains(const std::vector<std::string>& list, const std::string& item);
// Lower-case a–z0–9 only: the key the UFLPA list uses for names.
std::string NameKey(const std::string& name);
// NameKey of the name without its parenthesised parts ("Hoshine (Shanshan) Co" → "hoshineco"),
// the form of the UFLPA list's own name_key column.
std::string NameKeyWithoutParentheses(const std::string& name);

// A curated table (data_dir/curated/FILE) with the named columns.
Result<CsvTable> ReadCurated(const KnowledgeBaseData& data, const std::string& file,
                             const std::vector<std::string>& columns);
// A column and its Dutch beside it (`column` and `column_nl`, both named when the table was
// read), recorded in data->translated. An empty Dutch cell is kept empty: Text::In falls back
// to English and the data test names the cell.
i18n::Text ReadTranslated(KnowledgeBaseData* data, const CsvRow& row, const std::string& column);
// The id is in curated/sources.csv (loaded by LoadRegistry).
bool HasSource(const KnowledgeBaseData& data, const std::string& id);

// Loaders, each filling its part of `data` and cross-checking what it references.
Status LoadRegistry(KnowledgeBaseData* data);     // layers, sources, themes, countries
Status LoadCodes(KnowledgeBaseData* data);        // CPV, ISIC, HS
Status LoadIndicators(KnowledgeBaseData* data);   // country indicators
Status LoadListings(KnowledgeBaseData* data);     // DOL goods, CAHRA, UFLPA
Status LoadTaxonomy(KnowledgeBaseData* data);     // sectors, products, product groups
Status LoadTenderRules(KnowledgeBaseData* data);  // ISV thresholds, measures, CPV divisions
Status LoadEuroRates(KnowledgeBaseData* data);    // ECB euro reference rates

}  // namespace isvgraph::riskdata
