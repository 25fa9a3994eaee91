#include "isvgraph/api/encode/map_json.h"

#include <cmath>

namespace isvgraph::api {
namespace {

// Kilometres to one decimal; null when beyond what was measured.
nlohmann::json Km(double km) {
  if (!std::isfinite(km)) return nullptr;
  return std::round(km * 10) / 10;
}

}  // namespace

nlohmann::json LocationJson(const maps::Location& location, i18n::Language language) {
  nlohmann::json possible = nlohmann::json::array();
  for (const auto& [code, name] : location.possible_regions) {
    possible.push_back({{"code", code}, {"name", name}});
  }
  nlohmann::json out{
      {"lat", location.point.lat},
      {"lon", location.point.lon},
      {"country", location.country.empty() ? nlohmann::json() : nlohmann::json(location.country)},
      {"country_name", location.country_name},
      {"at_sea", location.country.empty()},
      {"boundary_km", Km(location.boundary_km)},
      {"region", location.region.empty() ? nlohmann::json() : nlohmann::json(location.region)},
      {"region_name", location.region_name},
      {"possible_regions", possible},
      {"attribution", maps::Boundaries::Attribution(language)}};
  if (!location.nearest_country.empty()) out["nearest_country"] = location.nearest_country;
  if (!location.drawn_region.empty()) out["drawn_region"] = location.drawn_region;
  return out;
}

nlohmann::json CountryCheckJson(const maps::CountryCheck& check, double tolerance_km,
                                i18n::Language language) {
  return {
      {"declared", check.declared},           {"agreement", maps::AgreementName(check.agreement)},
      {"declared_km", Km(check.declared_km)}, {"tolerance_km", tolerance_km},
      {"text", check.text.In(language)},      {"location", LocationJson(check.location, language)}};
}

}  // namespace isvgraph::api
