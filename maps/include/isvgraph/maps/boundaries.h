#pragma once

// Boundaries: Natural Earth countries (admin-0, 1:50m) and, for the key sourcing countries,
// their provinces (admin-1, 1:10m), held in memory with a grid index, to answer where a point
// is: which country, which province, how far from the border. Used on import (a declared
// country that the coordinates contradict; a province such as CN-XJ derived from coordinates)
// and on demand, and by the exports and rendered maps.
// Thread-safety: immutable after Load; every method may be called from many threads.

#include <memory>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/i18n/text.h"
#include "isvgraph/maps/geometry.h"

namespace isvgraph::maps {

// A country as Natural Earth draws it. Areas without an ISO code of their own (N. Cyprus,
// Somaliland) carry the code Natural Earth assigns them for joins (CY, SO); Siachen Glacier
// carries none.
struct CountryShape {
  std::string iso2, iso3, name;
  Area area;
};

// A province (ISO 3166-2). Natural Earth draws DRC's eleven pre-2015 provinces: for those,
// `successors` lists the current provinces the area was split into.
struct RegionShape {
  std::string code, name, country_iso2;
  std::vector<std::pair<std::string, std::string>> successors;  // (code, name)
  Area area;
};

struct Location {
  LonLat point;
  std::string country;  // ISO alpha-2; "" at sea (or in an area no country claims)
  std::string country_name;
  // Kilometres to the boundary of `country` (its border or coast); at sea, to the nearest
  // country, which `nearest_country` names.
  double boundary_km = 0;
  std::string nearest_country;
  // The province, where Natural Earth has provinces for the country (admin-1 is shipped for
  // CN, IN, CD, BD, PK, TR, VN, MY). `region` is the current ISO 3166-2 code, "" when the
  // area was split since (then `possible_regions` lists the successors).
  std::string region, region_name;
  std::string drawn_region;  // Natural Earth's own code when it differs, e.g. "CD-KA"
  std::vector<std::pair<std::string, std::string>> possible_regions;
};

enum class Agreement {
  kAgrees,      // the point is in the declared country
  kNearBorder,  // it is not, but within the tolerance of the declared country's boundary
  kDisagrees,   // it is farther away: the country or the coordinates are wrong
};

struct CountryCheck {
  Agreement agreement = Agreement::kAgrees;
  std::string declared;  // ISO alpha-2
  Location location;
  double declared_km = 0;  // distance to the declared country's boundary; 0 when inside
  i18n::Text text;         // one sentence for the report, when asked to explain
};
std::string AgreementName(Agreement agreement);  // agrees | near_border | disagrees

struct BoundaryOptions {
  // Directory with ne_50m_admin0_countries.geojson, ne_10m_admin1_key_sourcing_countries.geojson
  // and region_successors.csv. Required.
  std::string data_dir;
  // How far outside its declared country a site may lie before the two are said to disagree:
  // the 1:50m coastline and borders are generalised by a few kilometres, and a port or a border
  // town should not be flagged for that. Default 15 km.
  double tolerance_km = 15;
};

// Where the boundary files live: share/isvgraph/mapdata of an installed binary, else maps/data of
// the source tree.
std::string DefaultMapDataDir();

class Boundaries {
 public:
  // NotFound for a missing file, DataLoss naming the file and feature for a malformed one.
  static Result<std::unique_ptr<Boundaries>> Load(const BoundaryOptions& options);
  ~Boundaries();

  // InvalidArgument for a latitude outside [-90, 90] or a longitude outside [-180, 180].
  Result<Location> Locate(double lat, double lon) const;
  // `declared` is ISO alpha-2; InvalidArgument for coordinates out of range, NotFound for a
  // country Natural Earth does not draw (then nothing can be said). Cheaper than Locate: the
  // location's distances are not measured, only the distance to the declared country when the
  // point lies outside it (and that one only up to 1,000 km). With explain = false the text
  // stays empty: an import past its report's last location flag only counts conflicts, and
  // writing the sentence was a third of the check's time.
  Result<CountryCheck> CheckCountry(const std::string& declared, double lat, double lon,
                                    bool explain = true) const;

  const std::vector<CountryShape>& countries() const;
  const std::vector<RegionShape>& regions() const;
  const CountryShape* FindCountry(const std::string& iso2) const;  // nullptr when not drawn
  double tolerance_km() const;
  // "Boundaries: Natural Earth v4.0.0 admin-0 1:50m and v5 admin-1 1:10m (public domain; …)".
  static std::string Attribution(i18n::Language language = i18n::Language::kEnglish);

 private:
  struct Data;
  explicit Boundaries(std::unique_ptr<Data> data);
  // Fills country and province of a point in range, without distances; returns the country
  // shape that contains it (nullptr at sea).
  const CountryShape* Place(LonLat p, Location& location) const;
  std::unique_ptr<Data> data_;
};

}  // namespace isvgraph::maps
