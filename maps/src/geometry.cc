#include "isvgraph/maps/geometry.h"

#include <algorithm>
#include <cmath>

#include "isvgraph/base/geo.h"

namespace isvgraph::maps {
namespace {

constexpr double kKmPerDegree = 111.195;  // one degree of a great circle, mean Earth radius
constexpr double kPi = 3.14159265358979323846;

// Longitude difference folded into [-180, 180], so that points on either side of the
// antimeridian are near each other.
double LonDelta(double from, double to) {
  double d = to - from;
  if (d > 180) d -= 360;
  if (d < -180) d += 360;
  return d;
}

// p's local plane: x east, y north, in km.
struct Plane {
  LonLat origin;
  double lon_scale;
  explicit Plane(LonLat p) : origin(p), lon_scale(std::cos(p.lat * kPi / 180) * kKmPerDegree) {}
  double X(LonLat q) const { return LonDelta(origin.lon, q.lon) * lon_scale; }
  double Y(LonLat q) const { return (q.lat - origin.lat) * kKmPerDegree; }
};

// Squared distance from the origin to the segment (ax, ay)–(bx, by).
double SegmentDistanceSquared(double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? -(ax * dx + ay * dy) / length2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double x = ax + t * dx, y = ay + t * dy;
  return x * x + y * y;
}

bool RingContains(const Ring& ring, LonLat p) {
  if (!ring.box.Contains(p)) return false;
  bool inside = false;
  const std::vector<LonLat>& v = ring.points;
  // Crossings of a ray from p towards +lon. A chunk whose segments do not span p's latitude,
  // or lie wholly west of p, adds none: most of a long coastline is skipped by its box.
  for (size_t chunk = 0; chunk < ring.chunks.size(); ++chunk) {
    const Box& box = ring.chunks[chunk];
    if (p.lat < box.min_lat || p.lat > box.max_lat || box.max_lon < p.lon) continue;
    const size_t end = std::min(v.size(), (chunk + 1) * Ring::kChunk);
    for (size_t i = chunk * Ring::kChunk; i < end; ++i) {
      const LonLat& a = v[i];
      const LonLat& b = v[(i + 1) % v.size()];
      if ((a.lat > p.lat) != (b.lat > p.lat) &&
          p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
        inside = !inside;
      }
    }
  }
  return inside;
}

}  // namespace

void Box::Extend(LonLat p) {
  min_lon = std::min(min_lon, p.lon);
  max_lon = std::max(max_lon, p.lon);
  min_lat = std::min(min_lat, p.lat);
  max_lat = std::max(max_lat, p.lat);
}

void Box::Extend(const Box& other) {
  if (other.empty()) return;
  Extend(LonLat{other.min_lon, other.min_lat});
  Extend(LonLat{other.max_lon, other.max_lat});
}

bool Box::Contains(LonLat p) const {
  return p.lon >= min_lon && p.lon <= max_lon && p.lat >= min_lat && p.lat <= max_lat;
}

void Ring::Seal() {
  box = Box();
  chunks.assign((points.size() + kChunk - 1) / kChunk, Box());
  for (size_t i = 0; i < points.size(); ++i) {
    box.Extend(points[i]);
    chunks[i / kChunk].Extend(points[i]);
    chunks[i / kChunk].Extend(points[(i + 1) % points.size()]);  // the segment's far end
  }
}

bool Contains(const Area& area, LonLat p) {
  if (!area.box.Contains(p)) return false;
  bool inside = false;
  for (const Ring& ring : area.rings) inside ^= RingContains(ring, p);
  return inside;
}

double BoxDistanceKm(const Box& box, LonLat p) {
  if (box.empty()) return std::numeric_limits<double>::infinity();
  const double dlat = std::max({0.0, box.min_lat - p.lat, p.lat - box.max_lat});
  double dlon = 0;
  if (p.lon < box.min_lon || p.lon > box.max_lon) {
    dlon =
        std::min(std::fabs(LonDelta(p.lon, box.min_lon)), std::fabs(LonDelta(p.lon, box.max_lon)));
  }
  const double x = dlon * std::cos(p.lat * kPi / 180) * kKmPerDegree, y = dlat * kKmPerDegree;
  return std::sqrt(x * x + y * y);
}

double BoundaryDistanceKm(const Area& area, LonLat p, double beyond_km) {
  const Plane plane(p);
  double best = std::numeric_limits<double>::infinity();
  for (const Ring& ring : area.rings) {
    if (BoxDistanceKm(ring.box, p) > std::min(best, beyond_km)) continue;
    const std::vector<LonLat>& v = ring.points;
    double best2 = best * best;
    for (size_t chunk = 0; chunk < ring.chunks.size(); ++chunk) {
      if (BoxDistanceKm(ring.chunks[chunk], p) > std::min(std::sqrt(best2), beyond_km)) continue;
      const size_t end = std::min(v.size(), (chunk + 1) * Ring::kChunk);
      for (size_t i = chunk * Ring::kChunk; i < end; ++i) {
        // A segment jumping across the antimeridian (Natural Earth closes such rings along
        // ±180) is measured the short way round; it never is the nearest border in practice.
        const LonLat& a = v[i];
        const LonLat& b = v[(i + 1) % v.size()];
        best2 =
            std::min(best2, SegmentDistanceSquared(plane.X(a), plane.Y(a), plane.X(b), plane.Y(b)));
      }
    }
    best = std::sqrt(best2);
  }
  return best;
}

double GreatCircleKm(LonLat a, LonLat b) {
  return isvgraph::GreatCircleKm(a.lat, a.lon, b.lat, b.lon);
}

}  // namespace isvgraph::maps
