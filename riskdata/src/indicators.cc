// The country indicators of the methodology (v2 as v1) and their transforms (docs/methodology.md
// §2). Every transform maps the published value to 0..1 with 1 = highest risk, clamped.

#include <algorithm>
#include <cctype>

#include "isvgraph/base/check.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

double Clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

}  // namespace

const std::vector<IndicatorSpec>& IndicatorSpecs() {
  static const std::vector<IndicatorSpec> kSpecs = {
      {Theme::kChildLabour, "sdg_8_7_1", "child_labour_pct",
       "children in child labour (economic activity and household chores; else economic "
       "activity only)",
       "% of children", "min(value / 25, 1)"},
      {Theme::kChildLabour, "dol_findings", "children_working_share",
       "children working (DOL Findings)", "share of children (0-1)", "min(value / 0.25, 1)"},
      {Theme::kForcedLabour, "vdem", "v2xcl_slave", "freedom from forced labour index",
       "index 0-1, higher = freer", "1 - value"},
      {Theme::kFreedomOfAssociation, "sdg_8_8_2", "labour_rights_score",
       "national compliance with labour rights (freedom of association, collective bargaining)",
       "score 0-10, 0 = best", "value / 10"},
      {Theme::kFreedomOfAssociation, "vdem", "v2x_frassoc_thick",
       "freedom of association index (thick)", "index 0-1, higher = freer", "1 - value"},
      {Theme::kDiscrimination, "vdem", "v2x_civlib",
       "civil liberties index (proxy: no open discrimination index)", "index 0-1, higher = freer",
       "1 - value"},
      {Theme::kWagesHours, "wgi", "rl_estimate",
       "rule of law (proxy for enforcement of wage and working-time law)",
       "estimate, about -2.5..2.5, higher = better", "(2.5 - value) / 5, clamped to 0..1"},
      {Theme::kHealthSafety, "sdg_8_8_1", "fatal_per_100k", "fatal occupational injuries",
       "per 100,000 employees", "min(value / 15, 1)"},
      {Theme::kCorruption, "wgi", "cc_estimate", "control of corruption",
       "estimate, about -2.5..2.5, higher = better", "(2.5 - value) / 5, clamped to 0..1"},
      {Theme::kConflict, "ucdp_acd", "internal_conflict_intensity",
       "state-based armed conflict over the country's own government or territory (latest year)",
       "0 = none, 1 = 25-999 battle deaths, 2 = war (1,000 or more)", "0 -> 0, 1 -> 0.6, 2 -> 1"},
      {Theme::kConflict, "wgi", "pv_estimate", "political stability and absence of violence",
       "estimate, about -2.5..2.5, higher = better", "(2.5 - value) / 5, clamped to 0..1"},
      {Theme::kConflict, "oecd_crc", "crc",
       "OECD country risk category (export credits: transfer risk and force majeure)",
       "category 0-7, 7 = highest", "value / 7"},
  };
  return kSpecs;
}

const IndicatorSpec& FindIndicatorSpec(const std::string& layer, const std::string& indicator) {
  for (const IndicatorSpec& spec : IndicatorSpecs()) {
    if (spec.layer == layer && spec.indicator == indicator) return spec;
  }
  ISV_CHECK(false && "unknown indicator spec");
  return IndicatorSpecs().front();
}

double Normalise(const IndicatorSpec& spec, double raw) {
  const std::string& t = spec.transform;
  if (t == "min(value / 25, 1)") return Clamp01(raw / 25.0);
  if (t == "min(value / 0.25, 1)") return Clamp01(raw / 0.25);
  if (t == "1 - value") return Clamp01(1.0 - raw);
  if (t == "value / 10") return Clamp01(raw / 10.0);
  if (t == "(2.5 - value) / 5, clamped to 0..1") return Clamp01((2.5 - raw) / 5.0);
  if (t == "min(value / 15, 1)") return Clamp01(raw / 15.0);
  if (t == "0 -> 0, 1 -> 0.6, 2 -> 1") return raw >= 2 ? 1.0 : raw >= 1 ? 0.6 : 0.0;
  if (t == "value / 7") return Clamp01(raw / 7.0);
  ISV_CHECK(false && "transform without an implementation");
  return 0;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string NameKey(const std::string& name) {
  std::string key;
  for (unsigned char c : name) {
    if (std::isalnum(c)) key.push_back(static_cast<char>(std::tolower(c)));
  }
  return key;
}

std::string NameKeyWithoutParentheses(const std::string& name) {
  std::string kept;
  int depth = 0;
  for (char c : name) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      depth = std::max(0, depth - 1);
    } else if (depth == 0) {
      kept.push_back(c);
    }
  }
  return NameKey(kept);
}

}  // namespace isvgraph::riskdata
