#include "isvgraph/importers/table_file.h"

#include <algorithm>
#include <cpl_conv.h>
#include <cpl_http.h>
#include <cpl_vsi.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gdal_priv.h>
#include <memory>
#include <mutex>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "gdal_drivers.h"
#include "spreadsheet_archive.h"

namespace isvgraph::importers {

namespace {

// Every HTTP fetch GDAL would make on its own — a GeoJSON CRS given as a link, a reference in a
// file — answered with a failure instead: an import reads the file it was given and nothing
// else, so that no uploaded file can make the server connect anywhere (blind SSRF).
CPLHTTPResult* RefuseFetch(const char*, CSLConstList, GDALProgressFunc, void*,
                           CPLHTTPFetchWriteFunc, void*, void*) {
  auto* result = static_cast<CPLHTTPResult*>(CPLCalloc(sizeof(CPLHTTPResult), 1));
  result->nStatus = 1;
  result->pszErrBuf = CPLStrdup("isvgraph reads no network resources");
  return result;
}

}  // namespace

void RegisterTableDrivers() {
  static std::once_flag once;
  std::call_once(once, []() {
    CPLHTTPSetFetchCallback(RefuseFetch, nullptr);
    // /vsicurl/ and its kin use libcurl directly, not the fetch above: allow them no file.
    CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".isvgraph-reads-no-network");
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
    RegisterOGRCSV();
    RegisterOGRXLSX();
    RegisterOGRXLS();  // legacy Excel 97-2003 (BIFF), read through libfreexl
    RegisterOGRODS();
    RegisterOGRGeoJSON();
    RegisterOGRGeoPackage();
  });
}

namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The layer's geometry as WGS 84 (lat, lon): a point as it is, anything else by its centroid.
bool PointOf(OGRFeature& feature, OGRCoordinateTransformation* to_wgs84, double* lat, double* lon) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (!geometry || geometry->IsEmpty()) return false;
  OGRPoint point;
  if (wkbFlatten(geometry->getGeometryType()) == wkbPoint) {
    point = *geometry->toPoint();
  } else if (geometry->Centroid(&point) != OGRERR_NONE) {
    return false;
  }
  double x = point.getX(), y = point.getY();
  if (to_wgs84 && !to_wgs84->Transform(1, &x, &y)) return false;
  *lat = y;
  *lon = x;
  return true;
}

// GDAL's CSV reader grows its line buffer step by step, which turns a line of tens of
// megabytes into minutes of copying. No table row is that long: refuse such files first. The
// same pass counts the lines, so that importers can reserve room for the rows.
Status CheckLineLengths(const std::string& path, int64_t* lines) {
  constexpr size_t kMaxLine = 1 << 20;
  std::ifstream in(path, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  size_t length = 0;
  int line = 1;
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const size_t got = static_cast<size_t>(in.gcount());
    for (size_t i = 0; i < got; ++i) {
      if (buffer[i] == '\n') {
        length = 0;
        ++line;
      } else if (++length > kMaxLine) {
        return Status::InvalidArgument(path + ": line " + std::to_string(line) +
                                       " is longer than 1 MiB; no table row is that long");
      }
    }
  }
  *lines = length > 0 ? line : line - 1;
  return Status::Ok();
}

std::string Degrees(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.7f", value);
  return text;
}

}  // namespace

Status ForEachTableRow(const std::string& path,
                       const std::function<Status(const TableSheet&)>& on_sheet,
                       const std::function<void(const TableSheet&, const TableRow&)>& on_row,
                       const TableReadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::NotFound("no file " + path);
  const std::string extension = Lower(fs::path(path).extension().string());
  const bool legacy_excel = extension == ".xls";
  const bool spreadsheet = extension == ".xlsx" || extension == ".ods" || legacy_excel;
  const bool geo = extension == ".geojson" || extension == ".gpkg" || extension == ".json";
  if (!spreadsheet && !geo && extension != ".csv" && extension != ".tsv" && extension != ".txt") {
    return Status::InvalidArgument(path +
                                   ": not a .csv, .tsv, .xlsx, .xls, .ods, .geojson or .gpkg file");
  }
  if (fs::file_size(path, ec) == 0) return Status::InvalidArgument(path + ": the file is empty");
  RegisterTableDrivers();
  if (spreadsheet && !legacy_excel) ISV_RETURN_IF_ERROR(CheckSpreadsheetArchive(path));
  int64_t lines = -1;
  if (!spreadsheet && !geo) ISV_RETURN_IF_ERROR(CheckLineLengths(path, &lines));
  // Only the driver the extension names may open the file.
  const char* driver = extension == ".xlsx"   ? "XLSX"
                       : legacy_excel         ? "XLS"
                       : extension == ".ods"  ? "ODS"
                       : extension == ".gpkg" ? "GPKG"
                       : geo                  ? "GeoJSON"
                                              : "CSV";
  const char* drivers[] = {driver, nullptr};
  // Spreadsheets whose cells are all text would otherwise have their header read as data. The
  // drivers read a sheet when it is first used, not when the file opens, so the options stay
  // set until the reading is done.
  const char* headers = options.raw ? "DISABLE" : "FORCE";
  struct HeaderOptions {
    explicit HeaderOptions(const char* value) {
      CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", value);
      CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", value);
      CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", value);
    }
    ~HeaderOptions() {
      CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", nullptr);
      CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", nullptr);
      CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", nullptr);
    }
  } header_options(headers);
  const char* csv_options[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO",
                               nullptr};
  const std::string open_path = extension == ".tsv" || extension == ".txt" ? "CSV:" + path : path;
  CPLErrorReset();
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(open_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                        spreadsheet || geo ? nullptr : csv_options, nullptr));
  if (!dataset) {
    const std::string why = CPLGetLastErrorMsg();
    return Status::DataLoss(path + ": cannot be read as a table (" +
                            (why.empty() && !spreadsheet && !geo
                                 ? "GDAL's CSV reader needs a header row with at least two columns"
                                 : why) +
                            ")");
  }
  CPLErrorReset();  // what remains from opening did not stop it
  TableSheet sheet;
  TableRow row;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  for (OGRLayer* layer : dataset->GetLayers()) {
    sheet = TableSheet{.file = path, .name = spreadsheet || geo ? layer->GetName() : ""};
    if (extension == ".geojson" || extension == ".json") sheet.name.clear();  // one layer
    // Layers with geometry get "lat" and "lon" first, so that they win over attributes of the
    // same name.
    const bool located = geo && layer->GetGeomType() != wkbNone;
    std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
    if (located) {
      sheet.header = {"lat", "lon"};
      const OGRSpatialReference* source = layer->GetSpatialRef();
      if (source && !source->IsSame(&wgs84)) {
        to_wgs84.reset(OGRCreateCoordinateTransformation(source, &wgs84));
        if (!to_wgs84) {
          return Status::DataLoss(path + ":" + layer->GetName() +
                                  ": its coordinate system cannot be converted to WGS 84");
        }
      }
    }
    const int offset = static_cast<int>(sheet.header.size());
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    const int columns = definition->GetFieldCount();
    for (int i = 0; i < columns; ++i) {
      sheet.header.emplace_back(definition->GetFieldDefn(i)->GetNameRef());
    }
    if (lines >= 0) {
      sheet.rows_estimate = std::max<int64_t>(0, lines - 1);  // CSV: counted above
    } else if (options.count_rows) {
      sheet.rows_estimate = layer->GetFeatureCount(TRUE);
    }
    ISV_RETURN_IF_ERROR(on_sheet(sheet));
    row.cells.resize(sheet.header.size());
    layer->ResetReading();
    int64_t number = 0;
    int last_line = geo ? 0 : 1;  // the header's
    for (const OGRFeatureUniquePtr& feature : *layer) {
      ++number;
      // Spreadsheets number rows as shown (the header is row 1); CSV's FID is the record
      // number, so +1 is the line; GeoJSON and GeoPackage features are counted from 1.
      row.line = geo ? static_cast<int>(number)
                     : static_cast<int>(feature->GetFID()) + (spreadsheet ? 0 : 1);
      bool any = false;
      if (located) {
        double lat = 0, lon = 0;
        const bool point = PointOf(*feature, to_wgs84.get(), &lat, &lon);
        row.cells[0] = point ? Degrees(lat) : "";
        row.cells[1] = point ? Degrees(lon) : "";
      }
      for (int i = 0; i < columns; ++i) {
        std::string& cell = row.cells[offset + i];
        if (feature->IsFieldSetAndNotNull(i)) {
          cell.assign(feature->GetFieldAsString(i));
        } else {
          cell.clear();
        }
        any = any || !cell.empty();
      }
      last_line = row.line;
      if (any) on_row(sheet, row);  // blank rows are not records
    }
    if (CPLGetLastErrorType() >= CE_Failure) {
      return Status::DataLoss(path + (sheet.name.empty() ? "" : ":" + sheet.name) +
                              ": reading stopped at line " + std::to_string(last_line + 1) + ": " +
                              CPLGetLastErrorMsg());
    }
  }
  return Status::Ok();
}

Result<std::vector<TableSheet>> ReadTableFile(const std::string& path,
                                              const TableReadOptions& options) {
  std::vector<TableSheet> sheets;
  ISV_RETURN_IF_ERROR(ForEachTableRow(
      path,
      [&](const TableSheet& sheet) {
        sheets.push_back(sheet);
        return Status::Ok();
      },
      [&](const TableSheet&, const TableRow& row) { sheets.back().rows.push_back(row); }, options));
  return sheets;
}

}  // namespace isvgraph::importers
