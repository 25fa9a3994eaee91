#pragma once

#include <string>

namespace isvgraph::importers {

// Registers the GDAL drivers the importers use (CSV, XLSX, XLS, ODS, GeoJSON, GPKG, and Esri
// JSON and TopoJSON to name what a .json file is when it is not GeoJSON), once.
void RegisterTableDrivers();

// While alive, GDAL's errors and warnings on this thread are kept, not printed ("ERROR 1: …"
// on stderr is not for our users): the importers put GDAL's reason into their own sentence.
class GdalMessages {
 public:
  GdalMessages();
  ~GdalMessages();
  GdalMessages(const GdalMessages&) = delete;
  GdalMessages& operator=(const GdalMessages&) = delete;

  // GDAL's failures so far, first to last, joined by "; " ("" when none).
  std::string Failures() const;

 private:
  std::string failures_;
};

}  // namespace isvgraph::importers
