#pragma once

// Tabular files as users have them — CSV (comma, semicolon or tab), XLSX, ODS, and point layers
// in GeoJSON or GeoPackage — read through GDAL/OGR into sheets of text cells. The first row of
// every sheet is its header (unless read raw). Layers with geometry get "lat" and "lon" columns
// first (WGS 84; the centroid of anything but a point). Each row keeps where it came from (file,
// sheet, line) for import reports. Spreadsheets whose archive would inflate past 512 MiB, or
// more than 200-fold, are refused before GDAL opens them.

#include <cstdint>
#include <functional>
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
  std::vector<TableRow> rows;       // filled by ReadTableFile only
  // Rows to expect (lines for CSV, whose newlines are counted anyway; features of other formats
  // with count_rows); -1 when not counted.
  int64_t rows_estimate = -1;
  // A text file that was not UTF-8: what it was read as ("ISO-8859-1 (detected)", "UTF-16LE
  // (byte-order mark)"); "" for UTF-8 and for spreadsheets.
  std::string encoding;
};

struct TableReadOptions {
  bool count_rows = false;  // fill rows_estimate first (one extra pass; for progress bars)
  // No header row; every row is data and the header is Field1, Field2, … (for workbooks such
  // as CMRT whose tables start further down, and files with a banner above their header).
  bool raw = false;
};

// Streams a table file: on_sheet for each sheet (header known, rows empty), then on_row for each
// of its non-blank rows. The row object is reused between calls, so long files cost no memory
// per row. A non-OK Status from on_sheet stops the reading and is returned. Errors as
// ReadTableFile's.
Status ForEachTableRow(const std::string& path,
                       const std::function<Status(const TableSheet&)>& on_sheet,
                       const std::function<void(const TableSheet&, const TableRow&)>& on_row,
                       const TableReadOptions& options = {});

// Reads every sheet of a .csv, .tsv, .txt, .xlsx, .ods, .geojson or .gpkg file. NotFound for a
// missing file, InvalidArgument for another extension or a zip bomb, DataLoss when GDAL cannot
// read it.
Result<std::vector<TableSheet>> ReadTableFile(const std::string& path,
                                              const TableReadOptions& options = {});

// A sheet to write: a header row, then text cells.
struct WorkbookSheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Writes the sheets as one XLSX workbook with GDAL's XLSX driver (replacing the file). IoError
// when it cannot be written.
Status WriteWorkbook(const std::string& path, const std::vector<WorkbookSheet>& sheets);

}  // namespace isvgraph::importers
