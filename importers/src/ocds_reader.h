#pragma once

// Open Contracting Data Standard (OCDS 1.1) documents as TenderNed and TED publish them: a
// release, a release package, a record package, or JSON lines of any of these. Releases of one
// ocid are merged in order (later values win), as a compiled release would. Awarded suppliers
// become tier-1 sites (country from their party's address), each contract (or award without
// one) becomes a contract of the buyer with its CPV code and value in euro, and the buyer, when
// its country is known, becomes the contract's buyer site.

#include <string>

#include "isvgraph/importers/record_import.h"
#include "row_importer.h"

namespace isvgraph::importers {

// Emits sites and contracts into `importer`. When options->organisation is empty, the first
// buyer becomes the organisation (and is written back); releases of other buyers are then
// rejected. DataLoss for a file that is not JSON, InvalidArgument for JSON that is not OCDS.
Status ReadOcds(const std::string& path, ImportOptions* options, RowImporter& importer,
                ImportReport& report);

}  // namespace isvgraph::importers
