// The XLSX template of a kind, written with GDAL's XLSX driver.

#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "gdal_drivers.h"
#include "isvgraph/importers/record_import.h"
#include "isvgraph/importers/table_file.h"

namespace isvgraph::importers {

Status WriteTemplateXlsx(ImportKind kind, const std::string& path) {
  auto csv = TemplateCsv(kind);  // the example row, and the check that the kind has columns
  if (!csv) return csv.error();
  const std::vector<ColumnSpec>& columns = Columns(kind);
  const std::string example_line = csv->substr(csv->find('\n') + 1);
  // The example values, split as TemplateCsv joined them (quoted when they hold a comma).
  std::vector<std::string> example;
  std::string cell;
  bool quoted = false;
  for (char c : example_line) {
    if (c == '"') {
      quoted = !quoted;
    } else if ((c == ',' && !quoted) || c == '\n') {
      example.push_back(cell);
      cell.clear();
    } else {
      cell += c;
    }
  }
  WorkbookSheet sheet{.name = "Template"};
  for (const ColumnSpec& column : columns) sheet.header.push_back(column.name);
  example.resize(columns.size());
  sheet.rows.push_back(std::move(example));
  WorkbookSheet help{.name = "Columns",
                     .header = {"column", "required", "what it holds", "also accepted as"}};
  for (const ColumnSpec& column : columns) {
    std::string synonyms;
    for (const std::string& s : column.synonyms) synonyms += (synonyms.empty() ? "" : ", ") + s;
    help.rows.push_back(
        {column.name, column.required ? "yes" : "no", column.description, synonyms});
  }
  return WriteWorkbook(path, {sheet, help});
}

Status WriteWorkbook(const std::string& path, const std::vector<WorkbookSheet>& sheets) {
  RegisterTableDrivers();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
  if (!driver) return Status::Internal("GDAL has no XLSX driver");
  std::error_code ec;
  std::filesystem::remove(path, ec);
  GDALDatasetUniquePtr workbook(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!workbook) return Status::IoError("cannot create " + path + ": " + CPLGetLastErrorMsg());
  for (const WorkbookSheet& sheet : sheets) {
    OGRLayer* layer = workbook->CreateLayer(sheet.name.c_str(), nullptr, wkbNone, nullptr);
    if (!layer) return Status::IoError("cannot write " + path);
    for (const std::string& name : sheet.header) {
      OGRFieldDefn field(name.c_str(), OFTString);
      if (layer->CreateField(&field) != OGRERR_NONE) return Status::IoError("cannot write " + path);
    }
    for (const std::vector<std::string>& cells : sheet.rows) {
      OGRFeatureUniquePtr row(OGRFeature::CreateFeature(layer->GetLayerDefn()));
      for (size_t i = 0; i < cells.size() && i < sheet.header.size(); ++i) {
        row->SetField(static_cast<int>(i), cells[i].c_str());
      }
      if (layer->CreateFeature(row.get()) != OGRERR_NONE)
        return Status::IoError("cannot write " + path);
    }
  }
  workbook.reset();  // the file is written on close
  if (!std::filesystem::is_regular_file(path, ec)) return Status::IoError("cannot write " + path);
  return Status::Ok();
}

}  // namespace isvgraph::importers
