#include "isvgraph/importers/table_file.h"

#include <algorithm>
#include <atomic>
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
#include <sstream>

#include <nlohmann/json.hpp>

#include "gdal_drivers.h"
#include "isvgraph/base/utf8.h"
#include "spreadsheet_archive.h"
#include "text_encoding.h"

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
    RegisterOGRESRIJSON();
    RegisterOGRTopoJSON();
    RegisterOGRGeoPackage();
  });
}

GdalMessages::GdalMessages() {
  CPLPushErrorHandlerEx(
      [](CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
        if (level < CE_Failure || !message || !*message) return;
        std::string text = message;
        while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
        if (self->failures_.find(text) != std::string::npos) return;  // said once
        if (!self->failures_.empty()) self->failures_ += "; ";
        self->failures_ += text;
      },
      this);
}

GdalMessages::~GdalMessages() { CPLPopErrorHandler(); }

std::string GdalMessages::Failures() const { return failures_; }

namespace {

// Why GDAL could not open `path` with the driver its extension names, in one clause: GDAL's own
// reason, and what the file is when another driver knows it (Esri JSON, TopoJSON).
std::string WhyNotOpened(const std::string& path, const GdalMessages& gdal) {
  std::string why = gdal.Failures();
  const char* others[] = {"ESRIJSON", "TopoJSON", nullptr};
  if (GDALDriverH other = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, others, nullptr)) {
    const std::string name = GDALGetDriverShortName(other);
    return (name == "ESRIJSON" ? std::string("it is Esri JSON, not GeoJSON")
                               : std::string("GDAL takes it for TopoJSON, not GeoJSON")) +
           (why.empty() ? "" : " (GDAL: " + why + ")") +
           "; export it as GeoJSON (e.g. ogr2ogr -f GeoJSON out.geojson " +
           std::filesystem::path(path).filename().string() + ") and import that";
  }
  const std::string extension = std::filesystem::path(path).extension().string();
  if (why.empty() && (extension == ".csv" || extension == ".tsv" || extension == ".txt")) {
    return "GDAL's CSV reader needs a header row with at least two columns";
  }
  if (why.empty()) return "GDAL recognises no " + extension + " file in it; is it one?";
  return "GDAL says: " + why;
}

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

// `bytes` as a GDAL in-memory file of a name of its own ending in `extension`; its path, or ""
// when it cannot be written. The caller removes it (VSIUnlink).
std::string MemoryFile(std::string_view bytes, const std::string& extension) {
  static std::atomic<int> counter{0};
  std::string path = "/vsimem/isvgraph-" + std::to_string(++counter) + extension;
  VSILFILE* out = VSIFOpenL(path.c_str(), "wb");
  if (!out) return "";
  const size_t wrote = VSIFWriteL(bytes.data(), 1, bytes.size(), out);
  VSIFCloseL(out);
  if (wrote == bytes.size()) return path;
  VSIUnlink(path.c_str());
  return "";
}

// A CSV or TSV file that starts with a UTF-16/32 byte-order mark, or whose first 64 KiB are
// not UTF-8, decoded whole into a GDAL in-memory file (*decoded_path, which the caller removes);
// *encoding says what it was read as. UTF-8 files, the common case, are left where they are.
Status DecodeTextTable(const std::string& path, std::string* decoded_path, std::string* encoding) {
  std::ifstream in(path, std::ios::binary);
  std::string head(1 << 16, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const bool wide_mark = head.rfind("\xFF\xFE", 0) == 0 || head.rfind("\xFE\xFF", 0) == 0 ||
                         head.rfind(std::string("\0\0\xFE\xFF", 4), 0) == 0;
  // The 64 KiB may end inside a character: judge the part before its last line.
  const size_t last_line = head.size() < (1u << 16) ? head.size() : head.rfind('\n');
  if (!wide_mark && IsUtf8(std::string_view(head).substr(0, last_line))) return Status::Ok();
  std::string bytes = head;
  for (std::string more(1 << 16, '\0'); in;) {
    in.read(more.data(), static_cast<std::streamsize>(more.size()));
    bytes.append(more.data(), static_cast<size_t>(in.gcount()));
  }
  auto decoded = DecodeToUtf8(bytes);
  if (!decoded) return Status::DataLoss(path + ": " + decoded.error().message());
  *encoding = decoded->encoding;
  *decoded_path = MemoryFile(decoded->utf8, std::filesystem::path(path).extension().string());
  if (decoded_path->empty())
    return Status::Internal("cannot hold the decoded " + path + " in memory");
  return Status::Ok();
}

// GDAL 3.6 takes any .json file with the string "Topology" in it for TopoJSON, and its GeoJSON
// reader then declines it, even a FeatureCollection whose property merely has that value. For
// such a file, a copy in which the word is written "Topolog\u0079" (the same JSON string) is
// made in a GDAL in-memory file (*copy_path). False, and no copy, for anything else.
bool WithoutTopologyWord(const std::string& path, std::string* copy_path) {
  const char* topojson[] = {"TopoJSON", nullptr};
  if (!GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, topojson, nullptr)) return false;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object() || document.value("type", nlohmann::json()) != "FeatureCollection") {
    return false;
  }
  for (size_t at = text.find("\"Topology\""); at != std::string::npos;
       at = text.find("\"Topology\"", at)) {
    text.replace(at, 10, "\"Topolog\\u0079\"");
  }
  *copy_path = MemoryFile(text, ".geojson");
  return !copy_path->empty();
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
  const char* csv_options[] = {options.raw ? "HEADERS=NO" : "HEADERS=YES", "AUTODETECT_TYPE=NO",
                               "EMPTY_STRING_AS_NULL=NO", nullptr};
  std::string decoded_path, encoding;
  if (!spreadsheet && !geo) ISV_RETURN_IF_ERROR(DecodeTextTable(path, &decoded_path, &encoding));
  struct RemoveDecoded {
    const std::string& path;
    ~RemoveDecoded() {
      if (!path.empty()) VSIUnlink(path.c_str());
    }
  } remove_decoded{decoded_path};
  const std::string& read_path = decoded_path.empty() ? path : decoded_path;
  const std::string open_path =
      extension == ".tsv" || extension == ".txt" ? "CSV:" + read_path : read_path;
  GdalMessages gdal;
  CPLErrorReset();
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(open_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                        spreadsheet || geo ? nullptr : csv_options, nullptr));
  if (!dataset && geo && decoded_path.empty() && WithoutTopologyWord(path, &decoded_path)) {
    dataset.reset(GDALDataset::Open(decoded_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                    drivers, nullptr, nullptr));
  }
  if (!dataset) return Status::DataLoss(path + ": cannot be read: " + WhyNotOpened(path, gdal));
  CPLErrorReset();  // what remains from opening did not stop it
  TableSheet sheet;
  TableRow row;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  for (OGRLayer* layer : dataset->GetLayers()) {
    sheet = TableSheet{.file = path, .name = spreadsheet || geo ? layer->GetName() : ""};
    sheet.encoding = encoding;
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
      // A header is shown in messages: never bytes that are not UTF-8.
      sheet.header.push_back(ToValidUtf8(definition->GetFieldDefn(i)->GetNameRef()));
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
                     : static_cast<int>(feature->GetFID()) + (spreadsheet || options.raw ? 0 : 1);
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
