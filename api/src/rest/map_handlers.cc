#include "rest/map_handlers.h"

#include <cstdlib>

#include "isvgraph/api/encode/map_json.h"
#include "isvgraph/i18n/say.h"
#include "isvgraph/maps/export.h"
#include "isvgraph/maps/render.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

// "RWS-2026-014.geojson" → ("RWS-2026-014", "geojson"); the extension is after the last dot.
std::pair<std::string, std::string> SplitExtension(const std::string& file) {
  const size_t dot = file.rfind('.');
  if (dot == std::string::npos || dot == 0) return {file, ""};
  return {file.substr(0, dot), file.substr(dot + 1)};
}

// A number query parameter; InvalidArgument naming it when absent or not a number.
Result<double> NumberParam(const HttpRequest& request, const std::string& key) {
  const std::string text = QueryOr(request, key);
  if (text.empty())
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorParameterRequired,
                      {{"name", key}});
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') {
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorParameterNotNumber,
                      {{"name", key}, {"value", text}});
  }
  return value;
}

// Image sizes: whole numbers of pixels, 100 to 2000 a side (a larger map costs seconds, and a
// number past int's range would not even convert).
Result<maps::RenderOptions> SizeParams(const HttpRequest& request) {
  maps::RenderOptions options;
  for (auto [key, field] :
       {std::pair{"width", &options.width}, std::pair{"height", &options.height}}) {
    if (QueryOr(request, key).empty()) continue;
    auto value = NumberParam(request, key);
    if (!value) return value.error();
    if (!(*value >= 100 && *value <= 2000) ||
        *value != static_cast<double>(static_cast<int>(*value))) {
      return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorParameterPixels,
                        {{"name", key}, {"value", QueryOr(request, key)}});
    }
    *field = static_cast<int>(*value);
  }
  return options;
}

Result<riskdata::Theme> ThemeParam(const std::string& id) {
  if (auto theme = riskdata::ThemeFromId(id)) return *theme;
  return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorUnknownTheme, {{"id", id}});
}

HttpResponse Bytes(std::string body, const char* media_type, const std::string& filename) {
  HttpResponse response{.status = 200, .content_type = media_type, .body = std::move(body)};
  response.headers.emplace_back("Content-Disposition", ContentDisposition("inline", filename));
  return response;
}

}  // namespace

HttpResponse GetLocate(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  auto lat = NumberParam(request, "lat");
  if (!lat) return ErrorResponse(lat.error());
  auto lon = NumberParam(request, "lon");
  if (!lon) return ErrorResponse(lon.error());
  auto boundaries = service.boundaries();
  if (!boundaries) return ErrorResponse(boundaries.error());
  const std::string country = QueryOr(request, "country");
  if (!country.empty()) {
    auto known = kb->FindCountry(country);
    if (!known) return ErrorResponse(known.error());
    auto check = (*boundaries)->CheckCountry(known->iso2, *lat, *lon);
    if (!check) return ErrorResponse(check.error());
    return JsonResponse(CountryCheckJson(*check, (*boundaries)->tolerance_km(), request.language));
  }
  auto location = (*boundaries)->Locate(*lat, *lon);
  if (!location) return ErrorResponse(location.error());
  return JsonResponse(LocationJson(*location, request.language));
}

HttpResponse GetSiteLocation(const Service& service, const HttpRequest& request) {
  auto check = service.CheckSiteLocation(request.path_params.at("id"));
  if (!check) return ErrorResponse(check.error());
  return JsonResponse(
      CountryCheckJson(*check, (*service.boundaries())->tolerance_km(), request.language));
}

HttpResponse GetCountryLayer(const Service& service, const HttpRequest& request) {
  const std::string extension = SplitExtension(request.path).second;
  const auto format = maps::VectorFormatFromName(extension);  // the routes allow only these
  if (QueryOr(request, "theme").empty()) {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorThemeRequired));
  }
  auto theme = ThemeParam(QueryOr(request, "theme"));
  if (!theme) return ErrorResponse(theme.error());
  auto boundaries = service.boundaries();
  if (!boundaries) return ErrorResponse(boundaries.error());
  auto map = service.CountryRiskMap(*theme);
  if (!map) return ErrorResponse(map.error());
  auto bytes = maps::ExportCountries(**boundaries, *map, *format);
  if (!bytes) return ErrorResponse(bytes.error());
  return Bytes(std::move(bytes).value(), maps::MediaType(*format),
               "countries-" + QueryOr(request, "theme") + "." + extension);
}

std::optional<std::string> RenderedMaps::Find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = images_.find(key);
  if (it == images_.end()) return std::nullopt;
  return it->second;
}

void RenderedMaps::Keep(const std::string& key, const std::string& image) {
  std::lock_guard lock(mutex_);
  if (images_.size() >= kMaxEntries) images_.erase(images_.begin());
  images_[key] = image;
}

HttpResponse GetRiskMap(const Service& service, RenderedMaps& cache, const HttpRequest& request) {
  const auto [theme_id, extension] = SplitExtension(request.path_params.at("file"));
  const auto format = maps::ImageFormatFromName(extension);
  if (!format) {
    return ErrorResponse(404, "not_found",
                         i18n::Say(i18n::Msg::kErrorRiskMapFormat, {{"extension", extension}}));
  }
  auto theme = ThemeParam(theme_id);
  if (!theme) return ErrorResponse(theme.error());
  auto size = SizeParams(request);
  if (!size) return ErrorResponse(size.error());
  size->language = request.language;
  const std::string key = request.path_params.at("file") + "?" + std::to_string(size->width) + "x" +
                          std::to_string(size->height) + "&" +
                          std::string(i18n::LanguageCode(request.language)) + "&edition" +
                          std::to_string(service.Reloads().done);  // a reload redraws
  if (auto kept = cache.Find(key)) {
    return Bytes(std::move(*kept), maps::MediaType(*format), request.path_params.at("file"));
  }
  auto boundaries = service.boundaries();
  if (!boundaries) return ErrorResponse(boundaries.error());
  auto map = service.CountryRiskMap(*theme, request.language);
  if (!map) return ErrorResponse(map.error());
  auto image = maps::RenderChoropleth(**boundaries, *map, *format, *size);
  if (!image) return ErrorResponse(image.error());
  cache.Keep(key, *image);
  return Bytes(std::move(image).value(), maps::MediaType(*format), request.path_params.at("file"));
}

HttpResponse GetChainMap(const Service& service, const HttpRequest& request) {
  const auto [contract, extension] = SplitExtension(request.path_params.at("file"));
  const auto vector = maps::VectorFormatFromName(extension);
  const auto image = maps::ImageFormatFromName(extension);
  if (!vector && !image) {
    return ErrorResponse(404, "not_found",
                         i18n::Say(i18n::Msg::kErrorChainMapFormat, {{"extension", extension}}));
  }
  auto size = SizeParams(request);
  if (!size) return ErrorResponse(size.error());
  size->language = request.language;
  auto map = service.ContractMap(ViewerOf(request), contract, request.language);
  if (!map) return ErrorResponse(map.error());
  auto boundaries = service.boundaries();
  if (!boundaries) return ErrorResponse(boundaries.error());
  auto bytes = vector ? maps::ExportChain(**boundaries, *map, *vector)
                      : maps::RenderChain(**boundaries, *map, *image, *size);
  if (!bytes) return ErrorResponse(bytes.error());
  return Bytes(std::move(bytes).value(),
               vector ? maps::MediaType(*vector) : maps::MediaType(*image),
               request.path_params.at("file"));
}

}  // namespace isvgraph::api::rest
