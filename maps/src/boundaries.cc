#include "isvgraph/maps/boundaries.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "isvgraph/base/install_layout.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "isvgraph/i18n/say.h"
#include "ogr_source.h"

namespace isvgraph::maps {
namespace {

constexpr int kCellsLon = 360, kCellsLat = 180;  // one-degree cells

// For each one-degree cell, the shapes whose rings' boxes touch it, so that a point is tested
// against the few shapes near it rather than all 241 countries.
class Grid {
 public:
  Grid() : cells_(kCellsLon * kCellsLat) {}
  void Add(uint32_t shape, const Area& area) {
    for (const Ring& ring : area.rings) {
      const int x0 = Cell(ring.box.min_lon, 180, kCellsLon),
                x1 = Cell(ring.box.max_lon, 180, kCellsLon);
      const int y0 = Cell(ring.box.min_lat, 90, kCellsLat),
                y1 = Cell(ring.box.max_lat, 90, kCellsLat);
      for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
          std::vector<uint32_t>& cell = cells_[y * kCellsLon + x];
          if (cell.empty() || cell.back() != shape) cell.push_back(shape);
        }
      }
    }
  }
  const std::vector<uint32_t>& At(LonLat p) const {
    return cells_[Cell(p.lat, 90, kCellsLat) * kCellsLon + Cell(p.lon, 180, kCellsLon)];
  }

 private:
  static int Cell(double degrees, double offset, int count) {
    return std::clamp(static_cast<int>(std::floor(degrees + offset)), 0, count - 1);
  }
  std::vector<std::vector<uint32_t>> cells_;
};

// "23.8103 N, 90.4125 E"; in Dutch with a decimal comma and the compass letters N, Z, O, W.
i18n::Text Coordinates(LonLat p) {
  auto say = [&](const char* south, const char* east, const char* west, char point) {
    std::ostringstream out;
    out.precision(4);
    out << std::fixed << std::fabs(p.lat) << (p.lat < 0 ? south : " N, ") << std::fabs(p.lon)
        << (p.lon < 0 ? west : east);
    std::string text = out.str();
    std::replace(text.begin(), text.end(), '.', point);
    return text;
  };
  return {say(" S, ", " E", " W", '.'), say(" Z, ", " O", " W", ',')};
}

i18n::Text Km(double km) {
  if (!std::isfinite(km)) return i18n::Say(i18n::Msg::kLocationFar);
  return i18n::Decimal(km, km < 10 ? 1 : 0) + " km";
}

}  // namespace

struct Boundaries::Data {
  BoundaryOptions options;
  std::vector<CountryShape> countries;
  std::vector<RegionShape> regions;
  std::map<std::string, uint32_t> country_by_iso2;  // the first shape with the code
  Grid country_grid, region_grid;
};

std::string DefaultMapDataDir() { return InstalledOrSource("mapdata", ISVGRAPH_MAPDATA_DIR); }

std::string AgreementName(Agreement agreement) {
  switch (agreement) {
    case Agreement::kAgrees:
      return "agrees";
    case Agreement::kNearBorder:
      return "near_border";
    case Agreement::kDisagrees:
      return "disagrees";
  }
  return "agrees";
}

std::string Boundaries::Attribution(i18n::Language language) {
  return i18n::SayIn(language, i18n::Msg::kMapAttribution);
}

Boundaries::Boundaries(std::unique_ptr<Data> data) : data_(std::move(data)) {}
Boundaries::~Boundaries() = default;

Result<std::unique_ptr<Boundaries>> Boundaries::Load(const BoundaryOptions& options) {
  namespace fs = std::filesystem;
  auto data = std::make_unique<Data>();
  data->options = options;
  if (!(options.tolerance_km >= 0)) return Status::InvalidArgument("tolerance must be >= 0 km");
  const fs::path dir(options.data_dir);

  std::map<std::string, std::string> iso2_by_iso3;
  ISV_RETURN_IF_ERROR(ReadShapes((dir / "ne_50m_admin0_countries.geojson").string(),
                                 [&](const ShapeFeature& feature) -> Status {
                                   CountryShape shape{.iso2 = feature.Field("iso_a2"),
                                                      .iso3 = feature.Field("iso3_eff"),
                                                      .name = feature.Field("name"),
                                                      .area = feature.area};
                                   if (!shape.iso2.empty())
                                     iso2_by_iso3.emplace(feature.Field("iso_a3"), shape.iso2);
                                   data->countries.push_back(std::move(shape));
                                   return Status::Ok();
                                 }));
  for (uint32_t i = 0; i < data->countries.size(); ++i) {
    CountryShape& shape = data->countries[i];
    if (!shape.iso2.empty()) data->country_by_iso2.emplace(shape.iso2, i);
    data->country_grid.Add(i, shape.area);
  }
  // N. Cyprus, Somaliland, Ashmore and Cartier: located under the code Natural Earth joins them
  // by, while FindCountry keeps answering with the country's own shape.
  for (CountryShape& shape : data->countries) {
    if (shape.iso2.empty() && iso2_by_iso3.count(shape.iso3)) shape.iso2 = iso2_by_iso3[shape.iso3];
  }

  std::multimap<std::string, std::pair<std::string, std::string>> successors;
  ISV_RETURN_IF_ERROR(ReadRows((dir / "region_successors.csv").string(),
                               {"region", "successor", "successor_name"},
                               [&](const std::vector<std::string>& row) -> Status {
                                 successors.emplace(row[0], std::make_pair(row[1], row[2]));
                                 return Status::Ok();
                               }));
  ISV_RETURN_IF_ERROR(ReadShapes((dir / "ne_10m_admin1_key_sourcing_countries.geojson").string(),
                                 [&](const ShapeFeature& feature) -> Status {
                                   RegionShape shape{.code = feature.Field("iso_3166_2"),
                                                     .name = feature.Field("name"),
                                                     .country_iso2 = feature.Field("iso_a2"),
                                                     .area = feature.area};
                                   if (shape.code.find('~') != std::string::npos)
                                     shape.code.clear();  // not ISO (Paracels)
                                   auto [first, last] = successors.equal_range(shape.code);
                                   for (auto it = first; it != last; ++it)
                                     shape.successors.push_back(it->second);
                                   data->regions.push_back(std::move(shape));
                                   return Status::Ok();
                                 }));
  for (uint32_t i = 0; i < data->regions.size(); ++i)
    data->region_grid.Add(i, data->regions[i].area);
  return std::unique_ptr<Boundaries>(new Boundaries(std::move(data)));
}

namespace {

Status CheckRange(double lat, double lon) {
  if (!(lat >= -90 && lat <= 90))
    return Status::InvalidArgument("latitude must be between -90 and 90");
  if (!(lon >= -180 && lon <= 180)) {
    return Status::InvalidArgument("longitude must be between -180 and 180");
  }
  return Status::Ok();
}

}  // namespace

const CountryShape* Boundaries::Place(LonLat p, Location& location) const {
  location.point = p;
  const CountryShape* in = nullptr;
  for (uint32_t i : data_->country_grid.At(p)) {
    if (Contains(data_->countries[i].area, p)) {
      in = &data_->countries[i];
      break;
    }
  }
  if (!in) return nullptr;
  location.country = in->iso2;
  location.country_name = in->name;
  for (uint32_t i : data_->region_grid.At(p)) {
    const RegionShape& region = data_->regions[i];
    if (region.country_iso2 != location.country || !Contains(region.area, p)) continue;
    if (region.successors.size() == 1) {
      location.region = region.successors[0].first;
      location.region_name = region.successors[0].second;
      if (location.region != region.code) location.drawn_region = region.code;
    } else if (region.successors.empty()) {
      location.region = region.code;
      location.region_name = region.name;
    } else {
      location.drawn_region = region.code;
      location.region_name = region.name;
      location.possible_regions = region.successors;
    }
    break;
  }
  return in;
}

Result<Location> Boundaries::Locate(double lat, double lon) const {
  ISV_RETURN_IF_ERROR(CheckRange(lat, lon));
  Location location;
  const LonLat p{lon, lat};
  if (const CountryShape* in = Place(p, location)) {
    location.boundary_km = BoundaryDistanceKm(in->area, p);
    return location;
  }
  // At sea: the nearest country, trying the nearest boxes first.
  double best = std::numeric_limits<double>::infinity();
  for (const CountryShape& shape : data_->countries) {
    if (BoxDistanceKm(shape.area.box, p) >= best) continue;
    const double km = BoundaryDistanceKm(shape.area, p, best);
    if (km < best) {
      best = km;
      location.nearest_country = shape.iso2.empty() ? shape.name : shape.iso2;
    }
  }
  location.boundary_km = best;
  return location;
}

Result<CountryCheck> Boundaries::CheckCountry(const std::string& declared, double lat, double lon,
                                              bool explain) const {
  const CountryShape* shape = FindCountry(declared);
  if (!shape) return Status::NotFound("Natural Earth does not draw a country '" + declared + "'");
  ISV_RETURN_IF_ERROR(CheckRange(lat, lon));
  CountryCheck check{.declared = declared};
  Place({lon, lat}, check.location);
  const Location& at = check.location;
  if (at.country == declared) {
    if (explain) {
      check.text = i18n::Say(i18n::Msg::kLocationInside,
                             {{"point", Coordinates(at.point)},
                              {"country", i18n::CountryName(shape->iso2, shape->name)}});
    }
    return check;
  }
  // Coordinates in a neighbour or just off the coast are judged against the tolerance: the
  // boundaries are generalised, and ports and border towns sit right at them.
  check.declared_km = BoundaryDistanceKm(shape->area, at.point, 1000);
  check.agreement = check.declared_km <= data_->options.tolerance_km ? Agreement::kNearBorder
                                                                     : Agreement::kDisagrees;
  if (!explain) return check;
  const i18n::Text where = Coordinates(at.point);
  const i18n::Text located =
      at.country.empty() ? i18n::Say(i18n::Msg::kLocationAtSea)
                         : i18n::Say(i18n::Msg::kLocationInCountry,
                                     {{"country", i18n::CountryName(at.country, at.country_name)},
                                      {"code", at.country}});
  const i18n::Text declared_name = i18n::CountryName(shape->iso2, shape->name);
  if (check.agreement == Agreement::kNearBorder) {
    check.text =
        i18n::Say(i18n::Msg::kLocationNearBorder, {{"point", where},
                                                   {"located", located},
                                                   {"km", Km(check.declared_km)},
                                                   {"country", declared_name},
                                                   {"tolerance", Km(data_->options.tolerance_km)}});
  } else {
    check.text = i18n::Say(i18n::Msg::kLocationDisagrees, {{"country", declared_name},
                                                           {"code", declared},
                                                           {"point", where},
                                                           {"located", located},
                                                           {"km", Km(check.declared_km)}});
  }
  return check;
}

const std::vector<CountryShape>& Boundaries::countries() const { return data_->countries; }
const std::vector<RegionShape>& Boundaries::regions() const { return data_->regions; }
double Boundaries::tolerance_km() const { return data_->options.tolerance_km; }

const CountryShape* Boundaries::FindCountry(const std::string& iso2) const {
  auto it = data_->country_by_iso2.find(iso2);
  return it == data_->country_by_iso2.end() ? nullptr : &data_->countries[it->second];
}

}  // namespace isvgraph::maps
