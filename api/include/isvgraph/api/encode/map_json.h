#pragma once

// JSON of maps' answers, shared by REST and the CLI's --json.

#include <nlohmann/json.hpp>

#include "isvgraph/i18n/language.h"
#include "isvgraph/maps/boundaries.h"

namespace isvgraph::api {

nlohmann::json LocationJson(const maps::Location& location,
                            i18n::Language language = i18n::Language::kEnglish);
nlohmann::json CountryCheckJson(const maps::CountryCheck& check, double tolerance_km,
                                i18n::Language language = i18n::Language::kEnglish);

}  // namespace isvgraph::api
