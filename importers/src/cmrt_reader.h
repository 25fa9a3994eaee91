#pragma once

// RMI Conflict Minerals Reporting Template (CMRT 6.x) workbooks. The Declaration names the
// company that declares; each row of the Smelter List names a smelter or refiner of one metal
// (tantalum, tin, tungsten, gold). Identified smelters become sites (matched by RMI CID, then
// name and country) linked upstream of the declaring company with the metal as product. Rows
// the supplier could not identify ("Smelter not listed", "Smelter not yet identified") become
// explicit unknowns in the report, and, when they give a country, an "unidentified smelter"
// site linked as assumed: a gap in the chain is shown, never dropped.

#include <string>

#include "isvgraph/graph/chain_store.h"
#include "isvgraph/importers/record_import.h"
#include "isvgraph/riskdata/knowledge_base.h"
#include "row_importer.h"

namespace isvgraph::importers {

// Emits the workbook's sites, links and unknowns into `importer`. InvalidArgument when the file
// has no Smelter List sheet with a recognisable header, or no declaring company can be found.
Status ReadCmrt(const std::string& path, const ImportOptions& options,
                const riskdata::KnowledgeBase& kb, RowImporter& importer, ImportReport& report);

}  // namespace isvgraph::importers
