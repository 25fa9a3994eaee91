#pragma once

// The tender check: what a procurement officer should know before any supplier is known. The
// CPV codes give the product group; its template chain is scored tier by tier with the risk
// engine (narrowed to the countries the officer expects, where the template has them); themes
// are ranked severity first, then likelihood (docs/domain.md, "Due diligence"; docs/methodology.md
// "Tender check"); the ISV clause is mandatory or advised by category and the EU threshold of the
// period (curated/isv_thresholds.csv, dated); each theme comes with contract measures and questions
// for bidders (curated/theme_measures.csv) and the OECD guidance that applies.

#include <optional>
#include <string>
#include <vector>

#include "isvgraph/base/closed_set.h"
#include "isvgraph/riskdata/assessment.h"
#include "isvgraph/riskdata/catalogue.h"

namespace isvgraph::riskdata {

// Which EU thresholds bind a contracting authority: central government or a sub-central one
// (municipality, province, water board). The ISV clause is mandatory for central government only.
enum class Authority { kCentral, kSubCentral };
inline constexpr ClosedSet<Authority, 2> kAuthorities{{"central", "sub_central"}};

struct TenderQuery {
  std::vector<std::string> cpv;  // one or more CPV codes, with or without check digit
  std::vector<std::string>
      countries;                      // expected source countries (alpha-2/3 or name); may be empty
  std::optional<double> value_eur;    // estimated contract value
  std::string authority = "central";  // central | sub_central (thresholds differ)
  std::string date;                   // YYYY-MM-DD the tender is published; "" = today (UTC)
};

// One place a template tier sources from, as scored.
struct TierPlace {
  std::string country;  // alpha-2
  std::string region;   // ISO 3166-2 or ""
  double share = 0;
  bool assumed = true;  // from the template, not from the countries the officer gave
  SiteRisk risk;
};

struct TierAdvice {
  int tier = 0;
  i18n::Text role;
  std::string sector;
  std::string product;  // product id of the tier, "" when the tier is common to all
  std::string source;   // source id of the tier
  std::vector<TierPlace> places;
};

struct ThemeAdvice {
  Theme theme;
  double severity = 0;
  std::optional<double> likelihood;  // highest theme score over the chain; nullopt = no data
  bool salient = false;              // likelihood >= 0.5: ranked before the others
  bool in_profile = false;           // one of the product group's salient themes
  int worst_tier = -1;
  std::string worst_place;           // "IN" or "CN-XJ"
  i18n::Text reason;                 // the worst place's explanation, with its tier
  i18n::Text summary;                // the worst place's plain sentence, with its tier and role
  std::vector<RedFlag> flags;        // red flags on the worst place
  std::vector<std::string> sources;  // source ids: sector cell, theme basis, measures
  std::vector<std::string> layers;   // layer ids of the values and listings used
  std::vector<i18n::Text> measures;
  std::vector<i18n::Text> questions;
};

// What the tender documents can ask beyond the theme measures: the ISV clause's contract
// elements, the sector initiatives buyers ask for, and living-wage or living-income benchmarks
// (curated/group_actions.csv).
enum class ActionKind { kContractElement, kInitiative, kLivingWage };
inline constexpr ClosedSet<ActionKind, 3> kActionKinds{
    {"contract_element", "initiative", "living_wage"}};

struct TenderAction {
  ActionKind kind = ActionKind::kInitiative;
  i18n::Text name;     // "Fair Wear", "Plan of approach"
  i18n::Text text;     // what to ask or write, one or two sentences
  std::string source;  // source id
};

struct IsvAdvice {
  std::string category;    // ISV risk category of the product group, "" when none
  bool mandatory = false;  // central government, a category and value >= threshold
  bool advised = false;    // otherwise: proportionate use advised when risks are salient
  std::optional<double> threshold_eur;
  std::string threshold_period;  // "2024-01-01..2025-12-31"
  std::string threshold_source;
  i18n::Text reason;  // one paragraph, including when the thresholds are out of date
};

struct TenderAdvice {
  std::string methodology = kMethodologyId;
  std::vector<CpvEntry> cpv;
  const ProductGroup* product_group = nullptr;  // null for a generic answer
  bool generic = false;
  i18n::Text generic_basis;  // e.g. "CPV division 33 (Medical equipment…) → surgical_instruments"
  std::vector<std::string> countries;  // alpha-2 of the query
  std::vector<TierAdvice> tiers;
  std::vector<ThemeAdvice> themes;  // ranked
  IsvAdvice isv;
  // Contract elements (when the clause is mandatory or advised), then the product group's
  // initiatives and living-wage benchmarks.
  std::vector<TenderAction> actions;
  std::vector<Source> guidance;  // OECD guidance that applies
  std::vector<i18n::Text> notes;
};

}  // namespace isvgraph::riskdata
