// The XLSX template of a kind, written with GDAL's XLSX driver.

#include <filesystem>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "gdal_drivers.h"
#include "isvgraph/importers/record_import.h"

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
  RegisterTableDrivers();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
  if (!driver) return Status::Internal("GDAL has no XLSX driver");
  std::error_code ec;
  std::filesystem::remove(path, ec);
  GDALDatasetUniquePtr workbook(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!workbook) return Status::IoError("cannot create " + path + ": " + CPLGetLastErrorMsg());
  OGRLayer* sheet = workbook->CreateLayer("Template", nullptr, wkbNone, nullptr);
  for (const ColumnSpec& column : columns) {
    OGRFieldDefn field(column.name.c_str(), OFTString);
    if (sheet->CreateField(&field) != OGRERR_NONE) return Status::IoError("cannot write " + path);
  }
  OGRFeatureUniquePtr row(OGRFeature::CreateFeature(sheet->GetLayerDefn()));
  for (size_t i = 0; i < columns.size() && i < example.size(); ++i) {
    row->SetField(static_cast<int>(i), example[i].c_str());
  }
  if (sheet->CreateFeature(row.get()) != OGRERR_NONE)
    return Status::IoError("cannot write " + path);
  OGRLayer* help = workbook->CreateLayer("Columns", nullptr, wkbNone, nullptr);
  for (const char* name : {"column", "required", "what it holds", "also accepted as"}) {
    OGRFieldDefn field(name, OFTString);
    if (help->CreateField(&field) != OGRERR_NONE) return Status::IoError("cannot write " + path);
  }
  for (const ColumnSpec& column : columns) {
    std::string synonyms;
    for (const std::string& s : column.synonyms) synonyms += (synonyms.empty() ? "" : ", ") + s;
    OGRFeatureUniquePtr line(OGRFeature::CreateFeature(help->GetLayerDefn()));
    line->SetField(0, column.name.c_str());
    line->SetField(1, column.required ? "yes" : "no");
    line->SetField(2, column.description.c_str());
    line->SetField(3, synonyms.c_str());
    if (help->CreateFeature(line.get()) != OGRERR_NONE)
      return Status::IoError("cannot write " + path);
  }
  workbook.reset();  // the file is written on close
  if (!std::filesystem::is_regular_file(path, ec)) return Status::IoError("cannot write " + path);
  return Status::Ok();
}

}  // namespace isvgraph::importers
