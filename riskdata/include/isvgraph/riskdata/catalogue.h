#pragma once

// Reference data of the knowledge base: countries, the sources and layers every number cites,
// the sector taxonomy, the product vocabulary, CPV codes and product-group profiles.
// Plain values; the KnowledgeBase owns them and hands out const references.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "isvgraph/i18n/text.h"
#include "isvgraph/riskdata/theme.h"

namespace isvgraph::riskdata {

// ISO 3166-1 country with its UN M49 regions (layers/countries.csv).
struct Country {
  std::string iso2;           // "IN"
  std::string iso3;           // "IND"
  std::string numeric;        // "356"
  std::string name;           // "India"
  std::string name_nl;        // "India" (CLDR's Dutch name; "Verenigde Staten" for US)
  std::string m49_region;     // "Asia"
  std::string m49_subregion;  // "Southern Asia"
};

// A publication that a curated value rests on (curated/sources.csv).
struct Source {
  std::string id;
  std::string title;
  std::string publisher;
  std::string year;
  std::string note;
};

// One data layer: one indicator set from one source and edition (curated/layers.csv).
struct LayerInfo {
  std::string id;    // "wgi"
  std::string file;  // path relative to the data directory
  std::string title;
  std::string publisher;
  std::string edition;  // "2024 update (data 2023)"
  std::string licence;
  std::string attribution;
  bool optional = false;  // the knowledge base loads without it
  bool loaded = false;    // false only for an optional layer whose file is absent
  int rows = 0;           // data rows read
  int countries = 0;      // distinct countries with at least one value
};

enum class RiskLevel { kLow, kMedium, kHigh };
std::string_view RiskLevelId(RiskLevel level);  // "low", "medium", "high"
// The 0..1 value of a level (methodology v2, as in v1): low 0.2, medium 0.5, high 0.8.
double RiskLevelValue(RiskLevel level);

// One cell of the sector × theme table, with its basis.
// Methodology v2: a level found by a study of particular places (or by a DOL listing of the
// sector's goods) holds in those places; elsewhere it is a prior one step lower, combined with
// the country's own indicators. A level from sector-wide guidance holds everywhere.
struct SectorThemeRisk {
  RiskLevel level = RiskLevel::kLow;
  std::string source;  // source id
  i18n::Text note;
  // ISO alpha-2 codes where the evidence was found; empty = sector-wide guidance. The curated
  // value "dol" is resolved at load time to the countries where the DOL list lists one of the
  // sector's goods for this theme.
  std::vector<std::string> evidence_countries;
  bool HoldsIn(const std::string& iso2) const;
};

struct Sector {
  std::string id;                        // "quarrying_stone"
  std::string name;                      // English, as the importers match it
  std::string name_nl;                   // Dutch, for display
  std::vector<std::string> isic;         // ISIC Rev.4 codes, each present in the ISIC layer
  std::vector<std::string> isic_titles;  // their titles, in the same order
  std::string description;
  i18n::Text label() const { return {name, name_nl}; }
  std::map<Theme, SectorThemeRisk> themes;  // every theme present
};

// A product of the vocabulary, linking the DOL goods, HS headings and sectors.
struct Product {
  std::string id;       // "stones"
  std::string name;     // English, as sites and files name it
  std::string name_nl;  // Dutch, for display; "" for a DOL good no curated product covers
  std::vector<std::string> sectors;        // sector ids that make or extract it
  std::vector<std::string> dol_goods;      // goods exactly as named in the DOL list
  std::vector<std::string> hs;             // HS 2022 codes (2, 4 or 6 digits)
  std::vector<std::string> uflpa_sectors;  // UFLPA priority sectors whose HS hints cover it
  std::vector<std::string> synonyms;       // other names buyers use ("palm oil", "brick")
  // False for a good of the DOL list that no curated product covers: reachable by its DOL
  // name, with the listing as its only knowledge (no sector, no HS code).
  bool curated = true;
  i18n::Text label() const { return {name, name_nl}; }
};

// Where a template tier typically sources from: a country (or ISO 3166-2 region) and a rough
// share of supply.
struct Origin {
  std::string country;  // ISO alpha-2
  std::string region;   // ISO 3166-2 code, e.g. "CN-XJ", or empty
  double share = 0;
};

struct TemplateTier {
  int tier = 0;  // 0 = the contractor / bidder
  i18n::Text role;
  std::string sector;   // sector id
  std::string product;  // product id made or extracted at the tier; empty = any of the sector's
  std::vector<Origin> origins;
  std::string source;         // source id for the tier and its places
  std::string shares_source;  // source id for the shares ("project_estimate" when ours)
};

struct ProductGroup {
  std::string id;  // "workwear_textiles"
  std::string name_en;
  std::string name_nl;
  i18n::Text label() const { return {name_en, name_nl}; }
  std::string isv_category;           // ISV risk category, empty when none
  std::vector<Theme> salient_themes;  // in the profile's order (most salient first)
  std::vector<std::string> guidance;  // OECD guidance source ids
  std::vector<std::string> sources;   // source ids for the profile
  i18n::Text description;
  std::vector<std::string> cpv_prefixes;  // significant CPV digits, e.g. "449", "18"
  // Prefixes that name particular products of the group ("15861" coffee): a tender for them
  // scores only the tiers of those products (and the tiers common to all).
  std::map<std::string, std::vector<std::string>> cpv_products;
  std::vector<TemplateTier> tiers;  // by tier, then sector
};

// One CPV 2008 code.
struct CpvEntry {
  std::string code;          // with check digit, "44912100-7"
  std::string code8;         // "44912100"
  std::string level;         // division | group | class | category | subcategory
  std::string parent_code8;  // empty for a division
  std::string en;
  std::string nl;
};

// A CPV code resolved: the entry, its ancestors (nearest first) and its product group.
struct CpvResolution {
  CpvEntry entry;
  std::vector<CpvEntry> ancestors;
  const ProductGroup* product_group = nullptr;  // owned by the KnowledgeBase; may be null
  std::string matched_prefix;                   // the CPV prefix that chose the group
  std::vector<std::string> products;  // product ids the prefix narrows the group to; empty = all
};

}  // namespace isvgraph::riskdata
