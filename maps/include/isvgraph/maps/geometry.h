#pragma once

// Plain geometry in WGS 84 longitude/latitude degrees: the boundaries' polygons and the few
// measures the checks need. Distances are in kilometres on a local equirectangular projection
// around the query point: exact enough for "is this point within a few kilometres of the
// border", which is all they are used for (a 1:50m boundary is itself off by a kilometre or two).

#include <cstddef>
#include <limits>
#include <vector>

namespace isvgraph::maps {

struct LonLat {
  double lon = 0;
  double lat = 0;
};

struct Box {
  double min_lon = std::numeric_limits<double>::infinity();
  double min_lat = std::numeric_limits<double>::infinity();
  double max_lon = -std::numeric_limits<double>::infinity();
  double max_lat = -std::numeric_limits<double>::infinity();

  void Extend(LonLat p);
  void Extend(const Box& other);
  bool Contains(LonLat p) const;
  bool empty() const { return min_lon > max_lon; }
};

// A closed ring; the last point connects back to the first.
struct Ring {
  static constexpr std::size_t kChunk = 32;  // points per chunk box
  std::vector<LonLat> points;
  Box box;
  // The boxes of the segments starting at points [k·kChunk, (k+1)·kChunk), so that distance
  // queries skip most of a long coastline.
  std::vector<Box> chunks;
  bool hole = false;  // an interior ring of the outer ring before it (for drawing only)

  // Computes box and chunks from the points; call after filling them.
  void Seal();
};

// The rings of a polygon or multipolygon, outer rings and holes alike: a point is inside when
// it is inside an odd number of rings (valid polygons do not overlap), so holes such as Lesotho
// in South Africa need no bookkeeping.
struct Area {
  std::vector<Ring> rings;
  Box box;
};

bool Contains(const Area& area, LonLat p);

// Kilometres from p to the area's boundary (border or coast), whether p is inside or outside.
// Rings whose box is farther than `beyond_km` are skipped: the answer is then only known to be
// above it (and is returned as infinity when every ring is).
double BoundaryDistanceKm(const Area& area, LonLat p,
                          double beyond_km = std::numeric_limits<double>::infinity());

// A lower bound of the distance from p to anything inside the box, in the same measure.
double BoxDistanceKm(const Box& box, LonLat p);

// Great-circle distance in km (isvgraph::GreatCircleKm of base/geo.h).
double GreatCircleKm(LonLat a, LonLat b);

}  // namespace isvgraph::maps
