#pragma once

// Themes of due diligence: the adverse impacts isvgraph scores, each with its OECD/ILO basis
// (curated/themes.csv). The list is closed in v1 of the methodology.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/i18n/text.h"

namespace isvgraph::riskdata {

enum class Theme {
  kChildLabour,
  kForcedLabour,
  kFreedomOfAssociation,
  kDiscrimination,
  kWagesHours,
  kHealthSafety,
  kEnvironment,
  kCorruption,
  kConflict,
};

inline constexpr std::array<Theme, 9> kAllThemes = {
    Theme::kChildLabour,    Theme::kForcedLabour, Theme::kFreedomOfAssociation,
    Theme::kDiscrimination, Theme::kWagesHours,   Theme::kHealthSafety,
    Theme::kEnvironment,    Theme::kCorruption,   Theme::kConflict};

// Stable id used in data files, JSON and the CLI: "child_labour", "forced_labour", …
std::string_view ThemeId(Theme theme);
// Inverse of ThemeId; nullopt for an unknown id.
std::optional<Theme> ThemeFromId(std::string_view id);

struct ThemeInfo {
  Theme theme;
  std::string name_en;
  std::string name_nl;
  i18n::Text label() const { return {name_en, name_nl}; }
  // Inherent severity of the harm, 0..1 (scale, scope, irremediable character; UNGP 14). Used to
  // rank themes severity first, never to lower a score.
  double severity = 0;
  i18n::Text basis;                  // the conventions and guidance the theme rests on
  std::vector<std::string> sources;  // source ids (curated/sources.csv)
};

}  // namespace isvgraph::riskdata
