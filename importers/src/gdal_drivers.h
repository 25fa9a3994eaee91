#pragma once

namespace isvgraph::importers {

// Registers the GDAL drivers the importers use (CSV, XLSX, ODS, GeoJSON, GPKG), once.
void RegisterTableDrivers();

}  // namespace isvgraph::importers
