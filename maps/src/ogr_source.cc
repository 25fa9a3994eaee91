#include "ogr_source.h"

#include <filesystem>
#include <gdal_priv.h>
#include <memory>
#include <ogrsf_frmts.h>

namespace isvgraph::maps {
namespace {

struct FeatureDeleter {
  void operator()(OGRFeature* feature) const { OGRFeature::DestroyFeature(feature); }
};

Result<std::unique_ptr<GDALDataset>> OpenVector(const std::string& path) {
  if (!std::filesystem::exists(path)) return Status::NotFound("no boundary file " + path);
  GDALAllRegister();
  std::unique_ptr<GDALDataset> dataset(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset || dataset->GetLayerCount() < 1) {
    return Status::DataLoss(path + ": not a readable vector file (" + CPLGetLastErrorMsg() + ")");
  }
  return dataset;
}

Ring ToRing(const OGRLinearRing& in) {
  Ring ring;
  ring.points.reserve(in.getNumPoints());
  for (int i = 0; i < in.getNumPoints(); ++i) ring.points.push_back({in.getX(i), in.getY(i)});
  // GeoJSON rings repeat their first point last; the ring closes itself here.
  if (ring.points.size() > 1 && ring.points.front().lon == ring.points.back().lon &&
      ring.points.front().lat == ring.points.back().lat) {
    ring.points.pop_back();
  }
  ring.Seal();
  return ring;
}

void AddPolygon(const OGRPolygon& polygon, Area& area) {
  if (polygon.getExteriorRing()) area.rings.push_back(ToRing(*polygon.getExteriorRing()));
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
    area.rings.push_back(ToRing(*polygon.getInteriorRing(i)));
    area.rings.back().hole = true;
  }
}

}  // namespace

Status ReadShapes(const std::string& path, const std::function<Status(const ShapeFeature&)>& each) {
  auto dataset = OpenVector(path);
  if (!dataset) return dataset.error();
  OGRLayer* layer = (*dataset)->GetLayer(0);
  layer->ResetReading();
  int number = 0;
  for (std::unique_ptr<OGRFeature, FeatureDeleter> feature(layer->GetNextFeature()); feature;
       feature.reset(layer->GetNextFeature())) {
    ++number;
    ShapeFeature shape;
    for (int i = 0; i < feature->GetFieldCount(); ++i) {
      if (feature->IsFieldSetAndNotNull(i)) {
        shape.fields[feature->GetFieldDefnRef(i)->GetNameRef()] = feature->GetFieldAsString(i);
      }
    }
    const OGRGeometry* geometry = feature->GetGeometryRef();
    const auto type = geometry ? wkbFlatten(geometry->getGeometryType()) : wkbUnknown;
    if (type == wkbPolygon) {
      AddPolygon(*geometry->toPolygon(), shape.area);
    } else if (type == wkbMultiPolygon) {
      for (const OGRPolygon* part : *geometry->toMultiPolygon()) AddPolygon(*part, shape.area);
    } else {
      return Status::DataLoss(path + ": feature " + std::to_string(number) + " (" +
                              shape.Field("name") + ") has no polygon");
    }
    for (const Ring& ring : shape.area.rings) shape.area.box.Extend(ring.box);
    ISV_RETURN_IF_ERROR(each(shape));
  }
  return Status::Ok();
}

Status ReadRows(const std::string& path, const std::vector<std::string>& columns,
                const std::function<Status(const std::vector<std::string>&)>& each) {
  auto dataset = OpenVector(path);
  if (!dataset) return dataset.error();
  OGRLayer* layer = (*dataset)->GetLayer(0);
  std::vector<int> at;
  for (const std::string& column : columns) {
    const int i = layer->GetLayerDefn()->GetFieldIndex(column.c_str());
    if (i < 0) return Status::DataLoss(path + ": no column '" + column + "'");
    at.push_back(i);
  }
  std::vector<std::string> row(columns.size());
  for (std::unique_ptr<OGRFeature, FeatureDeleter> feature(layer->GetNextFeature()); feature;
       feature.reset(layer->GetNextFeature())) {
    for (size_t i = 0; i < at.size(); ++i) row[i] = feature->GetFieldAsString(at[i]);
    ISV_RETURN_IF_ERROR(each(row));
  }
  return Status::Ok();
}

}  // namespace isvgraph::maps
