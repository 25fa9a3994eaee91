#include "isvgraph/maps/export.h"

#include <atomic>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <memory>
#include <ogrsf_frmts.h>

namespace isvgraph::maps {
namespace {

struct DatasetCloser {
  void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

struct Target {
  const char* driver;
  const char* extension;
};

Target TargetOf(VectorFormat format) {
  switch (format) {
    case VectorFormat::kGeoJson:
      return {"GeoJSON", "geojson"};
    case VectorFormat::kGeoPackage:
      return {"GPKG", "gpkg"};
    case VectorFormat::kKml:
      return {"KML", "kml"};
  }
  return {"GeoJSON", "geojson"};
}

// A vector file built in GDAL's in-memory file system and handed back as bytes.
class MemoryFile {
 public:
  explicit MemoryFile(VectorFormat format) {
    static std::atomic<int> counter{0};
    path_ =
        "/vsimem/isvgraph-export-" + std::to_string(counter++) + "." + TargetOf(format).extension;
  }
  ~MemoryFile() { VSIUnlink(path_.c_str()); }
  const std::string& path() const { return path_; }
  std::string Bytes() const {
    vsi_l_offset size = 0;
    GByte* bytes = VSIGetMemFileBuffer(path_.c_str(), &size, FALSE);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes), size) : "";
  }

 private:
  std::string path_;
};

Result<Dataset> Create(VectorFormat format, const std::string& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(TargetOf(format).driver);
  if (!driver)
    return Status::FailedPrecondition(std::string("GDAL lacks the ") + TargetOf(format).driver +
                                      " driver");
  Dataset dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!dataset)
    return Status::Internal(std::string("cannot create the export: ") + CPLGetLastErrorMsg());
  return dataset;
}

struct FieldSpec {
  const char* name;
  OGRFieldType type;
};

Result<OGRLayer*> AddLayer(GDALDataset& dataset, const char* name, OGRwkbGeometryType type,
                           const std::vector<FieldSpec>& fields) {
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = dataset.CreateLayer(name, &wgs84, type, nullptr);
  if (!layer)
    return Status::Internal(std::string("cannot create layer ") + name + ": " +
                            CPLGetLastErrorMsg());
  for (const FieldSpec& spec : fields) {
    OGRFieldDefn field(spec.name, spec.type);
    if (layer->CreateField(&field) != OGRERR_NONE) {
      return Status::Internal(std::string("cannot create field ") + spec.name);
    }
  }
  return layer;
}

Status Add(OGRLayer& layer, OGRFeature& feature) {
  if (layer.CreateFeature(&feature) != OGRERR_NONE) {
    return Status::Internal(std::string("cannot write a feature: ") + CPLGetLastErrorMsg());
  }
  return Status::Ok();
}

const std::vector<FieldSpec> kSiteFields = {
    {"layer", OFTString},      {"id", OFTString},          {"name", OFTString},
    {"country", OFTString},    {"region", OFTString},      {"sector", OFTString},
    {"role", OFTString},       {"tier", OFTInteger},       {"score", OFTReal},
    {"risk_class", OFTString}, {"worst_theme", OFTString}, {"flagged", OFTInteger},
    {"assumed", OFTInteger},   {"position", OFTString},    {"reason", OFTString},
};
const std::vector<FieldSpec> kLinkFields = {
    {"layer", OFTString},   {"supplier_id", OFTString}, {"customer_id", OFTString},
    {"product", OFTString}, {"confidence", OFTString},
};

// Both layers' fields in one, for GeoJSON's single layer.
std::vector<FieldSpec> Union() {
  std::vector<FieldSpec> all = kSiteFields;
  all.insert(all.end(), kLinkFields.begin() + 1, kLinkFields.end());
  return all;
}

}  // namespace

std::optional<VectorFormat> VectorFormatFromName(const std::string& name) {
  if (name == "geojson") return VectorFormat::kGeoJson;
  if (name == "gpkg") return VectorFormat::kGeoPackage;
  if (name == "kml") return VectorFormat::kKml;
  return std::nullopt;
}

const char* MediaType(VectorFormat format) {
  switch (format) {
    case VectorFormat::kGeoJson:
      return "application/geo+json";
    case VectorFormat::kGeoPackage:
      return "application/geopackage+sqlite3";
    case VectorFormat::kKml:
      return "application/vnd.google-earth.kml+xml";
  }
  return "application/octet-stream";
}

Result<std::string> ExportChain(const Boundaries& boundaries, const ChainMap& map,
                                VectorFormat format) {
  MemoryFile file(format);
  {
    auto dataset = Create(format, file.path());
    if (!dataset) return dataset.error();
    const bool single = format == VectorFormat::kGeoJson;
    auto sites = AddLayer(**dataset, single ? "chain" : "sites", single ? wkbUnknown : wkbPoint,
                          single ? Union() : kSiteFields);
    if (!sites) return sites.error();
    std::map<std::string, LonLat> at;
    for (const MapSite& site : map.sites) {
      const auto position = SitePosition(boundaries, site);
      if (!position) continue;  // a country Natural Earth does not draw
      at[site.id] = *position;
      OGRFeature feature((*sites)->GetLayerDefn());
      feature.SetField("layer", "site");
      feature.SetField("id", site.id.c_str());
      feature.SetField("name", site.name.c_str());
      feature.SetField("country", site.country.c_str());
      feature.SetField("region", site.region.c_str());
      feature.SetField("sector", site.sector.c_str());
      feature.SetField("role", site.role.c_str());
      feature.SetField("tier", site.tier);
      feature.SetField("score", site.score);
      feature.SetField("risk_class", RiskClassLabel(Classify(site.score)).c_str());
      feature.SetField("worst_theme", site.worst_theme.c_str());
      feature.SetField("flagged", site.flagged ? 1 : 0);
      feature.SetField("assumed", site.assumed ? 1 : 0);
      feature.SetField("position", site.lat && site.lon ? "coordinates" : "country");
      feature.SetField("reason", site.reason.c_str());
      OGRPoint point(position->lon, position->lat);
      feature.SetGeometry(&point);
      ISV_RETURN_IF_ERROR(Add(**sites, feature));
    }
    // KML writes layer after layer: the links layer is created once the sites are written.
    OGRLayer* links_layer = *sites;
    if (!single) {
      auto links = AddLayer(**dataset, "links", wkbLineString, kLinkFields);
      if (!links) return links.error();
      links_layer = *links;
    }
    for (const MapLink& link : map.links) {
      auto from = at.find(link.supplier_id), to = at.find(link.customer_id);
      if (from == at.end() || to == at.end()) continue;
      OGRFeature feature(links_layer->GetLayerDefn());
      feature.SetField("layer", "link");
      feature.SetField("supplier_id", link.supplier_id.c_str());
      feature.SetField("customer_id", link.customer_id.c_str());
      feature.SetField("product", link.product.c_str());
      feature.SetField("confidence", link.confidence.c_str());
      OGRLineString line;
      line.addPoint(from->second.lon, from->second.lat);
      line.addPoint(to->second.lon, to->second.lat);
      feature.SetGeometry(&line);
      ISV_RETURN_IF_ERROR(Add(*links_layer, feature));
    }
  }  // closing the dataset flushes it
  return file.Bytes();
}

Result<std::string> ExportCountries(const Boundaries& boundaries, const Choropleth& map,
                                    VectorFormat format) {
  MemoryFile file(format);
  {
    auto dataset = Create(format, file.path());
    if (!dataset) return dataset.error();
    auto layer = AddLayer(**dataset, "countries", wkbMultiPolygon,
                          {{"iso2", OFTString},
                           {"iso3", OFTString},
                           {"name", OFTString},
                           {"theme", OFTString},
                           {"value", OFTReal},
                           {"risk_class", OFTString},
                           {"text", OFTString}});
    if (!layer) return layer.error();
    std::map<std::string, const CountryValue*> values;
    for (const CountryValue& value : map.values) values[value.iso2] = &value;
    for (const CountryShape& country : boundaries.countries()) {
      OGRFeature feature((*layer)->GetLayerDefn());
      feature.SetField("iso2", country.iso2.c_str());
      feature.SetField("iso3", country.iso3.c_str());
      feature.SetField("name", country.name.c_str());
      feature.SetField("theme", map.theme.c_str());
      auto it = values.find(country.iso2);
      const std::optional<double> value = it == values.end() ? std::nullopt : it->second->value;
      if (value) feature.SetField("value", *value);
      feature.SetField("risk_class", RiskClassLabel(Classify(value)).c_str());
      feature.SetField("text", it == values.end() ? "no data" : it->second->text.c_str());
      OGRMultiPolygon multi;
      OGRPolygon part;
      for (const Ring& ring : country.area.rings) {
        if (!ring.hole && !part.IsEmpty()) {
          multi.addGeometry(&part);
          part.empty();
        }
        auto linear = std::make_unique<OGRLinearRing>();
        for (const LonLat& p : ring.points) linear->addPoint(p.lon, p.lat);
        linear->closeRings();
        part.addRingDirectly(linear.release());
      }
      if (!part.IsEmpty()) multi.addGeometry(&part);
      feature.SetGeometry(&multi);
      ISV_RETURN_IF_ERROR(Add(**layer, feature));
    }
  }
  return file.Bytes();
}

}  // namespace isvgraph::maps
