#pragma once

// What the risk engine answers, with its explanation: which layers, which raw values, which
// edition, which rule (docs/methodology.md). "No data" is std::nullopt, never 0.

#include <optional>
#include <string>
#include <vector>

#include "isvgraph/riskdata/catalogue.h"
#include "isvgraph/riskdata/theme.h"

namespace isvgraph::riskdata {

// Methodology id carried by every answer; bump it with any change to a transform or rule.
inline constexpr char kMethodologyId[] = "isvgraph-risk-v2";

// Indicator values that refer to a year before this one are shown but not scored: they describe
// another labour market than today's (e.g. India's fatal-injury rate of 2007).
inline constexpr int kOldestScoredYear = 2012;

// One indicator of one country, raw and normalised.
struct IndicatorValue {
  Theme theme;
  std::string layer;      // layer id, e.g. "sdg_8_7_1"
  std::string indicator;  // column or measure, e.g. "econ_chores_pct"
  std::string label;      // readable name of the measure
  double raw = 0;         // the published value
  std::string unit;       // e.g. "% of children 5-17", "index 0-1 (higher = freer)"
  std::string year;       // the year the value refers to
  double normalised = 0;  // 0..1, 1 = highest risk
  std::string transform;  // the transform applied, as a formula
  bool stale = false;     // year before kOldestScoredYear: reported, not scored
};

// A red flag: a listing that sets a floor under a theme's score.
struct RedFlag {
  Theme theme;
  double floor = 0;   // the score cannot be below this
  std::string rule;   // rule id, e.g. "dol_child_labour"
  std::string layer;  // layer id of the listing
  i18n::Text detail;  // what is listed, e.g. "DOL 2022 lists Stones from India for child labour"
};

// Country risk for one theme.
struct CountryThemeRisk {
  Theme theme;
  std::optional<double> score;             // mean of the normalised indicators; nullopt = no data
  std::vector<IndicatorValue> indicators;  // those that have a value (stale ones included)
  std::vector<std::string> missing;        // "layer/indicator" pairs without a value
  i18n::Text rule;                         // how the score was formed
  // When score is nullopt: the country's governance proxy (rule of law and freedom of
  // association), which methodology v2 uses in place of the missing statistic.
  std::optional<double> proxy;
  i18n::Text proxy_rule;
};

struct CountryRisk {
  Country country;
  std::vector<CountryThemeRisk> themes;  // in kAllThemes order
  std::vector<RedFlag> listings;         // country-level listings (DOL goods, CAHRA)
};

// A site described by where it is and what it does. Every field is optional; an empty country
// is an unknown one (KnowledgeBase::AssessSite).
struct SiteQuery {
  std::string country;  // ISO alpha-2, alpha-3 or a name in any language; "" = unknown
  std::string region;   // ISO 3166-2, e.g. "CN-XJ" or "CD-HK"
  std::string sector;   // sector id
  std::string product;  // product id, or a DOL good or HS code that the vocabulary knows
  std::string name;     // site or company name, checked against the UFLPA Entity List
};

// Site risk for one theme.
struct ThemeRisk {
  Theme theme;
  std::optional<double> score;            // final score 0..1; nullopt = no data at all
  std::optional<double> country_score;    // from CountryThemeRisk: its score, else its proxy
  bool country_proxy = false;             // country_score is the governance proxy
  std::optional<double> sector_score;     // from the sector × theme table, as applied here
  std::optional<RiskLevel> sector_level;  // as applied here (a prior may be one step lower)
  // The cell's evidence was found elsewhere (SectorThemeRisk::evidence_countries): its level is
  // lowered one step and sector_note says where the evidence is from.
  bool sector_prior = false;
  // The cell's evidence was found in this site's country: the score is at least its level.
  bool sector_evidence_here = false;
  std::string sector_source;  // source id of the sector cell
  i18n::Text sector_note;
  std::optional<double> floor;  // highest red-flag floor, if any
  std::vector<RedFlag> flags;   // every red flag for this theme
  bool flagged = false;         // score >= threshold
  i18n::Text explanation;       // the calculation, clause by clause, with every number's source
  // One plain sentence a buyer can repeat, naming the deciding fact and the place ("US DOL List
  // of Goods 2022 lists Rubber Gloves from Malaysia for forced labour"); no numbers.
  i18n::Text summary;
};

struct SiteRisk {
  std::string methodology = kMethodologyId;
  double threshold = 0;  // flag threshold used (KnowledgeBaseOptions::flag_threshold)
  Country country;
  std::string region;                    // as given, upper-cased
  const Sector* sector = nullptr;        // owned by the KnowledgeBase; null when none given
  std::vector<const Product*> products;  // given product, else the sector's products
  std::vector<ThemeRisk> themes;         // in kAllThemes order
  bool flagged = false;                  // any theme flagged
  std::vector<i18n::Text> notes;         // caveats, e.g. "optional layer eu_cahra not loaded"
};

// The theme with the highest score (the first of equals); nullptr when no theme has data.
inline const ThemeRisk* WorstTheme(const SiteRisk& risk) {
  const ThemeRisk* worst = nullptr;
  for (const ThemeRisk& theme : risk.themes) {
    if (theme.score && (!worst || *theme.score > *worst->score)) worst = &theme;
  }
  return worst;
}

}  // namespace isvgraph::riskdata
