#include "isvgraph/importers/table_file.h"

#include <algorithm>
#include <filesystem>
#include <mutex>

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace isvgraph::importers {
namespace {

void RegisterDrivers() {
  static std::once_flag once;
  std::call_once(once, []() {
    RegisterOGRCSV();
    RegisterOGRXLSX();
    RegisterOGRODS();
  });
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

Result<std::vector<TableSheet>> ReadTableFile(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::NotFound("no file " + path);
  const std::string extension = Lower(fs::path(path).extension().string());
  const bool spreadsheet = extension == ".xlsx" || extension == ".ods";
  if (!spreadsheet && extension != ".csv" && extension != ".tsv" && extension != ".txt") {
    return Status::InvalidArgument(path + ": not a .csv, .tsv, .xlsx or .ods file");
  }
  RegisterDrivers();
  // Spreadsheets whose cells are all text would otherwise have their header read as data.
  CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", "FORCE");
  const char* csv_options[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO",
                               nullptr};
  const std::string open_path =
      extension == ".tsv" || extension == ".txt" ? "CSV:" + path : path;
  GDALDatasetUniquePtr dataset(GDALDataset::Open(open_path.c_str(),
                                                 GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                                 spreadsheet ? nullptr : csv_options, nullptr));
  CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr);
  CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", nullptr);
  if (!dataset) {
    return Status::DataLoss(path + ": cannot be read as a table (" + CPLGetLastErrorMsg() + ")");
  }
  std::vector<TableSheet> sheets;
  for (OGRLayer* layer : dataset->GetLayers()) {
    TableSheet sheet{.file = path,
                     .name = spreadsheet ? layer->GetName() : ""};
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    const int columns = definition->GetFieldCount();
    for (int i = 0; i < columns; ++i) {
      sheet.header.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
    }
    layer->ResetReading();
    for (const OGRFeatureUniquePtr& feature : *layer) {
      TableRow row{.line = static_cast<int>(feature->GetFID()) + (spreadsheet ? 0 : 1)};
      row.cells.reserve(columns);
      bool any = false;
      for (int i = 0; i < columns; ++i) {
        row.cells.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i)
                                                                 : "");
        any = any || !row.cells.back().empty();
      }
      if (any) sheet.rows.push_back(std::move(row));  // blank rows are not records
    }
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

}  // namespace isvgraph::importers
