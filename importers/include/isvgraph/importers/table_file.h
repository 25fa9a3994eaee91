#pragma once

// Tabular files as users have them — CSV (comma, semicolon or tab), XLSX, ODS — read through
// GDAL/OGR into sheets of text cells. The first row of every sheet is its header. Each row keeps
// where it came from (file, sheet, line) for import reports.

#include <string>
#include <vector>

#include "isvgraph/base/result.h"

namespace isvgraph::importers {

struct TableRow {
  int line = 0;  // spreadsheet row number (XLSX/ODS), record number + 1 (CSV: the header is 1)
  std::vector<std::string> cells;  // one per header column; "" when empty
};

struct TableSheet {
  std::string file;                 // as given
  std::string name;                 // sheet name; "" for CSV (one sheet per file)
  std::vector<std::string> header;  // as written in the file
  std::vector<TableRow> rows;
};

// Reads every sheet of a .csv, .tsv, .txt, .xlsx or .ods file. NotFound for a missing file,
// InvalidArgument for another extension, DataLoss when GDAL cannot read it.
Result<std::vector<TableSheet>> ReadTableFile(const std::string& path);

}  // namespace isvgraph::importers
