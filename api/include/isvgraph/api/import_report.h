#pragma once

// Import reports as JSON, for `isvgraph import --json` and (later) POST /v1/imports.

#include <string>

#include "isvgraph/importers/record_import.h"

namespace isvgraph::api {

// {"kind","files","rows","accepted","created","matched","written","outcome","seconds",
//  "rejected":[{"file","sheet","line","column","reason"}],"matches":[…],"warnings":[…]}
std::string ImportReportJson(const importers::ImportReport& report);

}  // namespace isvgraph::api
