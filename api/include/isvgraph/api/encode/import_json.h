#pragma once

// Import reports as JSON, for `isvgraph import --json` and POST /v1/imports.

#include <string>

#include <nlohmann/json.hpp>

#include "isvgraph/importers/record_import.h"

namespace isvgraph::api {

// {"kind","files","rows","accepted","created","matched","written","outcome","seconds",
//  "rejected":[{"file","sheet","line","column","reason"}],"matches":[…],"warnings":[…]}
// Reasons, warnings and outcomes in `language`; counts, files, lines and ids as they are.
nlohmann::json ImportReportObject(const importers::ImportReport& report,
                                  i18n::Language language = i18n::Language::kEnglish);
// The object, indented.
std::string ImportReportJson(const importers::ImportReport& report,
                             i18n::Language language = i18n::Language::kEnglish);

}  // namespace isvgraph::api
