#pragma once

// What a map shows, independent of how it is written: a contract's chain (sites as points with
// their risk, links as lines from supplier to customer) or one theme's country risk. The api
// fills these from the knowledge base and the chain graph; maps/ writes them as vector files
// (export.h) or draws them (render.h).

#include <optional>
#include <string>
#include <vector>

#include "isvgraph/i18n/language.h"
#include "isvgraph/maps/boundaries.h"

namespace isvgraph::maps {

struct MapSite {
  std::string id, name, country, region, sector, role;
  std::optional<double> lat, lon;  // without them the site is drawn at its country's label point
  int tier = 0;                    // chain tier: 1 = the contractor
  double score = 0;                // worst theme score, 0..1
  std::string worst_theme;         // its theme id
  bool flagged = false;            // score at or above the flag threshold
  bool assumed = false;            // a template tier the supplier did not disclose
  std::string reason;              // one sentence: why the score
};

// The name of the confidence of a link that is assumed (graph::LinkConfidence::kAssumed):
// drawn dashed.
inline constexpr char kAssumedConfidence[] = "assumed";

struct MapLink {
  std::string supplier_id, customer_id, product;
  std::string confidence;  // declared | verified | assumed (graph::kLinkConfidences)
};

struct ChainMap {
  std::string title;                 // "Contract RWS-2026-014: kerbstones"
  std::vector<MapSite> sites;        // unique ids
  std::vector<MapLink> links;        // ends among `sites`
  std::vector<std::string> credits;  // data editions and sources, one line each
};

struct CountryValue {
  std::string iso2;
  std::optional<double> value;  // 0..1; nullopt = no data
  std::string text;             // e.g. "0.94 (ILO SDG 8.8.2 2022; V-Dem v14 2023)"
};

struct Choropleth {
  std::string title;  // "Forced labour: country risk"
  std::string theme;  // theme id
  std::vector<CountryValue> values;
  std::vector<std::string> credits;
};

// Where a site is drawn: its coordinates, else its country's label point (a point inside the
// country's largest part). nullopt when neither is known.
std::optional<LonLat> SitePosition(const Boundaries& boundaries, const MapSite& site);

// A point inside the area's largest ring, away from its edges where the ring allows.
LonLat LabelPoint(const Area& area);

// The colour class of a score, shared by every map and the legend: [0, 0.3) low, [0.3, 0.5)
// medium, [0.5, 0.7) high, [0.7, 1] very high (the flag threshold's default), and no data.
enum class RiskClass { kNoData, kLow, kMedium, kHigh, kVeryHigh };
RiskClass Classify(std::optional<double> score);
// "0.7 - 1 very high"; "0,7 - 1 zeer hoog" in Dutch.
std::string RiskClassLabel(RiskClass risk_class,
                           i18n::Language language = i18n::Language::kEnglish);
const char* RiskClassColour(RiskClass risk_class);  // "#b2182b"
// A darker shade of the class colour for outlines drawn without a fill (an assumed site's
// dashed ring): at least 4.5:1 against the map's light land and sea, where the fill colours of
// the low and medium classes would be under 1.5:1.
const char* RiskClassStroke(RiskClass risk_class);

}  // namespace isvgraph::maps
