#pragma once

// JSON of maps' answers, shared by REST and the CLI's --json.

#include <nlohmann/json.hpp>

#include "isvgraph/maps/boundaries.h"

namespace isvgraph::api {

nlohmann::json LocationJson(const maps::Location& location);
nlohmann::json CountryCheckJson(const maps::CountryCheck& check, double tolerance_km);

}  // namespace isvgraph::api
