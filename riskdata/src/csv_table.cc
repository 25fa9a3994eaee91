#include "csv_table.h"

#include <cmath>
#include <filesystem>
#include <gdal_priv.h>
#include <mutex>
#include <ogrsf_frmts.h>

#include "isvgraph/base/check.h"

namespace isvgraph::riskdata {
namespace {

void RegisterCsvDriverOnce() {
  static std::once_flag once;
  std::call_once(once, []() { RegisterOGRCSV(); });
}

const std::string kEmpty;

}  // namespace

const std::string& CsvRow::Get(const std::string& column) const {
  auto it = schema_->column_index.find(column);
  ISV_CHECK(it != schema_->column_index.end());
  const size_t index = static_cast<size_t>(it->second);
  return index < cells_.size() ? cells_[index] : kEmpty;
}

std::string CsvRow::Where() const { return schema_->name + ":" + std::to_string(line_); }

Status CsvRow::Error(const std::string& column, const std::string& reason) const {
  return Status::DataLoss(schema_->name + ":" + std::to_string(line_) + ": column '" + column +
                          "': " + reason);
}

Result<std::optional<double>> CsvRow::Number(const std::string& column) const {
  const std::string& text = Get(column);
  if (text.empty()) return std::optional<double>();
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !std::isfinite(value)) {
    return Error(column, "'" + text + "' is not a number");
  }
  return std::optional<double>(value);
}

Result<bool> CsvRow::Flag(const std::string& column) const {
  const std::string& text = Get(column);
  if (text.empty() || text == "0") return false;
  if (text == "1") return true;
  return Error(column, "'" + text + "' is not a flag (1, 0 or empty)");
}

Result<CsvTable> CsvTable::Read(const std::string& path, const std::string& display_name,
                                const std::vector<std::string>& columns) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(display_name + ": file not found");
  }
  RegisterCsvDriverOnce();
  const char* drivers[] = {"CSV", nullptr};
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                 drivers, nullptr, nullptr));
  if (!dataset || dataset->GetLayerCount() != 1) {
    return Status::DataLoss(display_name + ": not a readable CSV file");
  }
  OGRLayer* layer = dataset->GetLayer(0);
  OGRFeatureDefn* definition = layer->GetLayerDefn();

  auto schema = std::make_shared<CsvSchema>();
  schema->name = display_name;
  std::vector<int> field_of_column;  // OGR field index per table column
  for (const std::string& column : columns) {
    const int field = definition->GetFieldIndex(column.c_str());
    if (field < 0) {
      return Status::DataLoss(display_name + ":1: missing column '" + column + "'");
    }
    schema->column_index[column] = static_cast<int>(field_of_column.size());
    field_of_column.push_back(field);
  }
  CsvTable table;
  table.schema_ = schema;
  for (const OGRFeatureUniquePtr& feature : *layer) {
    CsvRow row;
    row.schema_ = schema;
    // The CSV driver numbers records from 1; the header is line 1.
    row.line_ = static_cast<int>(feature->GetFID()) + 1;
    row.cells_.reserve(field_of_column.size());
    for (int field : field_of_column) {
      row.cells_.emplace_back(
          feature->IsFieldSetAndNotNull(field) ? feature->GetFieldAsString(field) : "");
    }
    table.rows_.push_back(std::move(row));
  }
  return table;
}

std::vector<std::string> SplitList(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace isvgraph::riskdata
