#pragma once

// Import reports as JSON, for `isvgraph import --json` and POST /v1/imports.

#include <string>

#include <nlohmann/json.hpp>

#include "isvgraph/importers/record_import.h"

namespace isvgraph::api {

// {"kind","files","rows","accepted","created","matched","written","outcome","seconds",
//  "rejected":[{"file","sheet","line","column","reason"}],"matches":[…],"warnings":[…]}
nlohmann::json ImportReportObject(const importers::ImportReport& report);
std::string ImportReportJson(const importers::ImportReport& report);  // the object, indented

}  // namespace isvgraph::api
