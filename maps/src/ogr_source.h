#pragma once

// Reading the boundary files through GDAL/OGR: features as attribute text plus an Area, and
// plain CSV rows by column name.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/maps/geometry.h"

namespace isvgraph::maps {

struct ShapeFeature {
  std::map<std::string, std::string> fields;
  Area area;
  std::string Field(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second;
  }
};

// Every polygon or multipolygon feature of the file's first layer. NotFound for a missing
// file; DataLoss naming the file and feature for one without a polygon.
Status ReadShapes(const std::string& path, const std::function<Status(const ShapeFeature&)>& each);

// Every row of a CSV file, the cells of `columns` in that order. DataLoss naming a missing
// column.
Status ReadRows(const std::string& path, const std::vector<std::string>& columns,
                const std::function<Status(const std::vector<std::string>&)>& each);

}  // namespace isvgraph::maps
