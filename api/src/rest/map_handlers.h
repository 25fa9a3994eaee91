#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

// REST handlers for maps (issue 7): where a point or site lies, country-risk choropleths and
// a contract's chain as GeoJSON, GeoPackage, KML, PNG or SVG.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// GET /v1/locate?lat=&lon=[&country=]: country, province, distances; with `country`, the
// check of that declared country against the point.
HttpResponse GetLocate(const Service& service, const HttpRequest& request);
// GET /v1/sites/{id}/location: the site's coordinates against its declared country.
HttpResponse GetSiteLocation(const Service& service, const HttpRequest& request);
// GET /v1/maps/countries.geojson|.gpkg|.kml?theme=: country risk of one theme as polygons.
HttpResponse GetCountryLayer(const Service& service, const HttpRequest& request);
// Rendered risk maps, kept once drawn: they change only with the risk data, and drawing one
// costs a second of CPU that an unauthenticated caller could ask for again and again.
// Thread-safe; holds at most kMaxEntries images.
class RenderedMaps {
 public:
  static constexpr size_t kMaxEntries = 32;
  std::optional<std::string> Find(const std::string& key) const;
  void Keep(const std::string& key, const std::string& image);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> images_;  // GUARDED_BY(mutex_)
};

// GET /v1/maps/risk/{theme}.png|.svg[?width=&height=]: the theme's choropleth, 100 to 2000
// pixels a side.
HttpResponse GetRiskMap(const Service& service, RenderedMaps& cache, const HttpRequest& request);
// GET /v1/maps/chains/{contract}.geojson|.gpkg|.kml|.png|.svg: the chain the token's
// organisation sees (404 for another organisation's contract).
HttpResponse GetChainMap(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
