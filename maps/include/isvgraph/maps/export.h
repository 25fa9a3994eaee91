#pragma once

// Vector exports through GDAL/OGR that open in QGIS: a chain as two layers ("sites": points
// with their risk attributes; "links": lines from supplier to customer), and a theme's country
// risk as a polygon layer ("countries"). WGS 84 throughout.

#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/maps/boundaries.h"
#include "isvgraph/maps/map_layers.h"

namespace isvgraph::maps {

enum class VectorFormat { kGeoJson, kGeoPackage, kKml };
// "geojson", "gpkg" or "kml"; nullopt otherwise.
std::optional<VectorFormat> VectorFormatFromName(const std::string& name);
const char* MediaType(VectorFormat format);

// The file's bytes. GeoJSON holds one layer, so a chain's GeoJSON is one FeatureCollection
// with a "layer" property ("site" or "link") on each feature; GeoPackage and KML hold both
// layers. Sites without a position are left out and counted in the layer metadata.
Result<std::string> ExportChain(const Boundaries& boundaries, const ChainMap& map,
                                VectorFormat format);
Result<std::string> ExportCountries(const Boundaries& boundaries, const Choropleth& map,
                                    VectorFormat format);

}  // namespace isvgraph::maps
