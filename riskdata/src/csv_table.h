#pragma once

// CsvTable: a whole data file read through GDAL/OGR's CSV driver into memory, with the line
// number of each record kept for error messages. Columns are checked on open.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"

namespace isvgraph::riskdata {

class CsvTable;

// Name and column positions shared by a table and its rows (rows outlive moves of the table).
struct CsvSchema {
  std::string name;
  std::map<std::string, int> column_index;
};

class CsvRow {
 public:
  // Text of a column ("" when empty). Requires: the column was named on open.
  const std::string& Get(const std::string& column) const;
  // Empty → nullopt; otherwise a finite number or a DataLoss status naming file, line, column.
  Result<std::optional<double>> Number(const std::string& column) const;
  // "1" → true, "0" or empty → false; anything else is DataLoss.
  Result<bool> Flag(const std::string& column) const;
  // "file:line: column 'c': reason" as a DataLoss status.
  Status Error(const std::string& column, const std::string& reason) const;
  int line() const { return line_; }
  // "curated/sectors.csv:4": the file's display name and the record's line.
  std::string Where() const;

 private:
  friend class CsvTable;
  std::shared_ptr<const CsvSchema> schema_;
  int line_ = 0;
  std::vector<std::string> cells_;
};

class CsvTable {
 public:
  // Reads `path`; every name in `columns` must be in the header. NotFound for a missing file,
  // DataLoss for an unreadable file or a missing column. `display_name` is used in messages.
  static Result<CsvTable> Read(const std::string& path, const std::string& display_name,
                               const std::vector<std::string>& columns);

  const std::vector<CsvRow>& rows() const { return rows_; }
  const std::string& name() const { return schema_->name; }

 private:
  std::shared_ptr<const CsvSchema> schema_;
  std::vector<CsvRow> rows_;
};

// Splits "a|b|c" into parts, dropping empty ones.
std::vector<std::string> SplitList(const std::string& text, char separator = '|');

}  // namespace isvgraph::riskdata
