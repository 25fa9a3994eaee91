#include "rest/import_handlers.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "isvgraph/api/encode/import_json.h"
#include "isvgraph/api/encode/record_json.h"
#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

namespace fs = std::filesystem;

// The file extension of an upload: ?format= wins, then the Content-Type. "" when neither says.
std::string UploadFormat(const HttpRequest& request) {
  if (auto it = request.query.find("format"); it != request.query.end()) return it->second;
  auto header = request.headers.find("content-type");
  if (header == request.headers.end()) return "";
  const std::string type = header->second.substr(0, header->second.find(';'));
  static const std::vector<std::pair<std::string, std::string>> kTypes = {
      {"text/csv", "csv"},
      {"text/tab-separated-values", "tsv"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
      {"application/vnd.oasis.opendocument.spreadsheet", "ods"},
      {"application/geo+json", "geojson"},
      {"application/geopackage+sqlite3", "gpkg"},
      {"application/json", "json"},
      {"application/x-ndjson", "jsonl"},
      {"application/jsonl", "jsonl"},
  };
  for (const auto& [mime, format] : kTypes) {
    if (type == mime) return format;
  }
  return "";
}

// A private directory for one upload, removed with it.
class UploadDir {
 public:
  UploadDir() {
    std::string pattern = (fs::temp_directory_path() / "isvgraph-upload-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~UploadDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool QueryFlag(const HttpRequest& request, const char* name) {
  auto it = request.query.find(name);
  return it != request.query.end() && (it->second == "true" || it->second == "1");
}

// The report names the upload as the client did, never by the server's temporary path: in
// every file field and inside every text (CMRT unknowns carry the path as their source).
void RenameFile(importers::ImportReport& report, const std::string& from, const std::string& to) {
  auto rename_one = [&](std::string& text) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  auto rename = [&](auto& text) {
    if constexpr (std::is_same_v<std::decay_t<decltype(text)>, i18n::Text>) {
      rename_one(text.en);
      rename_one(text.nl);
    } else {
      rename_one(text);
    }
  };
  for (std::string& file : report.files) rename(file);
  for (auto& r : report.rejected) rename(r.file), rename(r.reason);
  for (auto& m : report.matches) rename(m.file);
  for (auto& u : report.unknowns) rename(u.file), rename(u.reason);
  for (auto& l : report.location_flags) rename(l.file), rename(l.text);
  for (auto& l : report.unknown_countries) rename(l.file);
  for (i18n::Text& w : report.warnings) rename(w);
}

}  // namespace

HttpResponse PostImport(Service& service, const HttpRequest& request) {
  auto kind_param = request.query.find("kind");
  if (kind_param == request.query.end()) {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorImportKindNeeded));
  }
  auto kind = importers::ImportKindFromName(kind_param->second);
  if (!kind) return ErrorResponse(kind.error());
  const std::string format = UploadFormat(request);
  static const std::vector<std::string> kFormats = {"csv",  "tsv",   "txt",     "xlsx", "ods",
                                                    "json", "jsonl", "geojson", "gpkg"};
  if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
    return ErrorResponse(415, "unsupported_media_type",
                         i18n::Say(i18n::Msg::kErrorImportFormatNeeded));
  }
  if (request.body.empty())
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorBodyEmpty));
  UploadDir dir;
  if (dir.path().empty()) return ErrorResponse(500, "io_error", "no temporary directory");
  const std::string path = dir.path() + "/upload." + format;
  {
    std::ofstream out(path, std::ios::binary);
    out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
    if (!out) return ErrorResponse(500, "io_error", "cannot store the upload");
  }
  auto mapping = importers::ParseColumnMapping(request.query.count("map") ? request.query.at("map")
                                                                          : std::string());
  if (!mapping) return ErrorResponse(mapping.error());
  auto name = request.query.find("filename");
  const std::string shown = name != request.query.end() ? name->second : "upload." + format;
  // Links and contracts belong to the token's organisation, whatever the file says.
  auto report = service.Import(
      {path},
      {.kind = *kind,
       .organisation = request.principal->organisation,
       .declaring_site =
           request.query.count("declaring_site") ? request.query.at("declaring_site") : "",
       .author = {.organisation = request.principal->organisation,
                  .token_id = request.principal->token_id,
                  .what = "POST /v1/imports?kind=" + kind_param->second + " (" + shown + ")"},
       .columns = std::move(*mapping),
       .dry_run = QueryFlag(request, "dry_run"),
       .accept_partial = QueryFlag(request, "accept_partial")});
  if (!report) {
    std::string message = i18n::MessageIn(request.language, report.error());
    for (size_t at = message.find(path); at != std::string::npos; at = message.find(path)) {
      message.replace(at, path.size(), shown);
    }
    // A file that cannot be read is the client's problem, not the server's.
    const int status = report.error().code() == StatusCode::kDataLoss ||
                               report.error().code() == StatusCode::kNotFound
                           ? 400
                           : HttpStatusFor(report.error().code());
    return ErrorResponse(status, "invalid_file", message);
  }
  RenameFile(*report, path, shown);
  // 422 when rows were rejected and therefore nothing was written; the report says which.
  const bool refused =
      !report->written && !report->rejected.empty() && !QueryFlag(request, "dry_run");
  return JsonResponse(ImportReportObject(*report, request.language), refused ? 422 : 200);
}

HttpResponse GetImportTemplate(const Service&, const HttpRequest& request) {
  const std::string file = request.path_params.at("file");
  const size_t dot = file.rfind('.');
  const std::string extension = dot == std::string::npos ? "" : file.substr(dot + 1);
  auto kind = importers::ImportKindFromName(file.substr(0, dot));
  if (!kind || (extension != "csv" && extension != "xlsx")) {
    return ErrorResponse(404, "not_found",
                         i18n::Say(i18n::Msg::kErrorNoTemplate, {{"file", file}}));
  }
  if (extension == "csv") {
    auto csv = importers::TemplateCsv(*kind);
    if (!csv) return ErrorResponse(404, "not_found", csv.error().message());
    return HttpResponse{.status = 200, .content_type = "text/csv; charset=utf-8", .body = *csv};
  }
  UploadDir dir;
  const std::string path = dir.path() + "/" + file;
  if (Status s = importers::WriteTemplateXlsx(*kind, path); !s.ok()) {
    return ErrorResponse(s.code() == StatusCode::kInvalidArgument ? 404 : 500, "not_found",
                         s.message());
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  HttpResponse response{
      .status = 200,
      .content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      .body = bytes.str()};
  response.headers.emplace_back("Content-Disposition", ContentDisposition("attachment", file));
  return response;
}

HttpResponse MatchSites(const Service& service, const HttpRequest& request) {
  const nlohmann::json& body = request.json;
  if (!body.is_object() || !body.contains("sites") || !body["sites"].is_array()) {
    return ErrorResponse(400, "invalid_argument", "the body must be {\"sites\": [ … ]}");
  }
  const nlohmann::json& list = body["sites"];
  if (list.size() > 1000) {
    return ErrorResponse(400, "invalid_argument",
                         "at most 1000 sites per call; got " + std::to_string(list.size()));
  }
  std::vector<graph::Site> candidates;
  std::vector<graph::WriteProblem> problems;
  for (size_t i = 0; i < list.size(); ++i) {
    const nlohmann::json& item = list[i];
    const std::string record = "sites[" + std::to_string(i) + "]";
    graph::Site site;
    if (!item.is_object()) {
      problems.push_back({record, "", "must be an object"});
      continue;
    }
    for (const auto& field : item.items()) {
      const std::string& key = field.key();
      const nlohmann::json& value = field.value();
      auto text = [&](std::string* out) {
        if (value.is_string()) {
          *out = value.get<std::string>();
        } else {
          problems.push_back({record, key, "must be text"});
        }
      };
      if (key == "id") {
        text(&site.id);
      } else if (key == "name") {
        text(&site.name);
      } else if (key == "country") {
        text(&site.country);
      } else if (key == "os_id" || key == "rmi_cid" || key == "lei" || key == "duns") {
        text(&site.external_ids[key]);
      } else if (key == "lat" || key == "lon") {
        if (!value.is_number() || std::abs(value.get<double>()) > (key == "lat" ? 90 : 180)) {
          problems.push_back({record, key, "must be a number of degrees"});
        } else {
          (key == "lat" ? site.lat : site.lon) = value.get<double>();
        }
      } else {
        problems.push_back({record, key,
                            "unknown field; use id, name, country, lat, lon, "
                            "os_id, rmi_cid, lei or duns"});
      }
    }
    candidates.push_back(std::move(site));
  }
  if (!problems.empty()) {
    return ErrorResponse(
        400, "invalid_argument",
        i18n::Say(i18n::Msg::kErrorProblemsInBody, {{"count", std::to_string(problems.size())}}),
        ProblemsJson(problems));
  }
  const std::vector<SiteMatch> answers = service.MatchSites(candidates);
  nlohmann::json matches = nlohmann::json::array();
  for (size_t i = 0; i < answers.size(); ++i) {
    const importers::MatchAnswer& a = answers[i].answer;
    nlohmann::json match = {{"index", i}, {"rule", a.rule}, {"score", a.score}};
    match["site_id"] = a.site_id.empty() ? nlohmann::json() : nlohmann::json(a.site_id);
    if (!a.problem.empty()) match["problem"] = a.problem.In(request.language);
    if (answers[i].site) match["site"] = SiteJson(*answers[i].site);
    matches.push_back(std::move(match));
  }
  return JsonResponse({{"matches", matches}});
}

}  // namespace isvgraph::api::rest
