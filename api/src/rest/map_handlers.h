#pragma once

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
// GET /v1/maps/risk/{theme}.png|.svg[?width=&height=]: the theme's choropleth.
HttpResponse GetRiskMap(const Service& service, const HttpRequest& request);
// GET /v1/maps/chains/{contract}.geojson|.gpkg|.kml|.png|.svg: the chain the token's
// organisation sees (404 for another organisation's contract).
HttpResponse GetChainMap(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
