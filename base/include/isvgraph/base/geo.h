#pragma once

// Distances on the Earth between WGS 84 points, shared by site matching (graph: "more than
// 25 km apart is another site") and maps (audit trips, border checks). One definition, so that
// two modules never disagree on how far apart two places are. Header-only.

#include <algorithm>
#include <cmath>

namespace isvgraph {

// The mean Earth radius (IUGG), in km.
inline constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle distance in km between two points given in degrees (haversine formula).
inline double GreatCircleKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadians = M_PI / 180;
  const double dlat = (lat2 - lat1) * kRadians;
  const double dlon = (lon2 - lon1) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace isvgraph
