#include <algorithm>
#include <atomic>
#include <cmath>
#include <cpl_vsi.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <memory>
#include <ogr_geometry.h>

#include "font.h"
#include "scene.h"

namespace isvgraph::maps {
namespace {

// An RGB raster, band-interleaved by pixel.
class Canvas {
 public:
  Canvas(const Scene& scene)
      : width_(scene.width), height_(scene.height), pixels_(size_t(width_) * height_ * 3) {
    for (size_t i = 0; i < pixels_.size(); i += 3) Set(i, scene.background);
  }
  unsigned char* data() { return pixels_.data(); }
  int width() const { return width_; }
  int height() const { return height_; }

  void Dot(int x, int y, Rgb c, const Scene* clip = nullptr) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    if (clip && (x < clip->clip_min.x || x > clip->clip_max.x || y < clip->clip_min.y ||
                 y > clip->clip_max.y)) {
      return;
    }
    Set((size_t(y) * width_ + x) * 3, c);
  }

  // A line `width` pixels wide; dashed lines draw 6 pixels, skip 4.
  void Line(Pixel a, Pixel b, Rgb c, double width, bool dashed, const Scene* clip) {
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const int steps = std::max(1, static_cast<int>(std::ceil(length * 2)));
    const int half = static_cast<int>(std::floor(width / 2));
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      if (dashed && std::fmod(t * length, 10.0) >= 6) continue;
      const int x = static_cast<int>(std::lround(a.x + t * (b.x - a.x)));
      const int y = static_cast<int>(std::lround(a.y + t * (b.y - a.y)));
      for (int dy = -half; dy <= half; ++dy) {
        for (int dx = -half; dx <= half; ++dx) Dot(x + dx, y + dy, c, clip);
      }
    }
  }

  void Circle(const SceneCircle& circle) {
    if (circle.diamond && !circle.hollow) return Diamond(circle);
    const double r = circle.radius;
    for (int dy = -static_cast<int>(r) - 1; dy <= r + 1; ++dy) {
      for (int dx = -static_cast<int>(r) - 1; dx <= r + 1; ++dx) {
        const double d = std::hypot(dx, dy);
        if (d > r + 0.5) continue;
        const int x = static_cast<int>(std::lround(circle.centre.x)) + dx;
        const int y = static_cast<int>(std::lround(circle.centre.y)) + dy;
        if (circle.hollow) {
          // A dashed ring: every other 45° arc.
          const bool on = static_cast<int>(std::floor((std::atan2(dy, dx) + 3.2) / 0.4)) % 2 == 0;
          if (d >= r - 2.0 && on)
            Dot(x, y, circle.stroke);
          else if (d < r - 2.0)
            Dot(x, y, Rgb{255, 255, 255});
        } else {
          Dot(x, y, d >= r - 0.5 ? circle.stroke : circle.fill);
        }
      }
    }
  }

  // A filled diamond with a one-pixel outline (|dx| + |dy| = reach).
  void Diamond(const SceneCircle& symbol) {
    const double reach = symbol.radius * kDiamondReach;
    const int extent = static_cast<int>(std::ceil(reach));
    for (int dy = -extent; dy <= extent; ++dy) {
      for (int dx = -extent; dx <= extent; ++dx) {
        const double d = std::abs(dx) + std::abs(dy);
        if (d > reach + 0.5) continue;
        Dot(static_cast<int>(std::lround(symbol.centre.x)) + dx,
            static_cast<int>(std::lround(symbol.centre.y)) + dy,
            d >= reach - 0.7 ? symbol.stroke : symbol.fill);
      }
    }
  }

  void Rect(const SceneRect& rect) {
    const int x0 = static_cast<int>(std::lround(rect.x)),
              y0 = static_cast<int>(std::lround(rect.y));
    const int x1 = static_cast<int>(std::lround(rect.x + rect.width));
    const int y1 = static_cast<int>(std::lround(rect.y + rect.height));
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) {
        Dot(x, y, x == x0 || x == x1 || y == y0 || y == y1 ? rect.stroke : rect.fill);
      }
    }
  }

  void Text(const SceneText& text) {
    int x = static_cast<int>(std::lround(text.x));
    const int y = static_cast<int>(std::lround(text.y));
    for (const Glyph& glyph : GlyphsOf(text.text)) {
      for (int row = 0; row < 7; ++row) {
        for (int column = 0; column < 5; ++column) {
          if (!(glyph[row] & (0x10 >> column))) continue;
          for (int sy = 0; sy < text.size; ++sy) {
            for (int sx = 0; sx < text.size; ++sx) {
              Dot(x + column * text.size + sx, y + row * text.size + sy, text.colour);
            }
          }
        }
      }
      x += 6 * text.size;
    }
  }

 private:
  void Set(size_t at, Rgb c) {
    pixels_[at] = c.r;
    pixels_[at + 1] = c.g;
    pixels_[at + 2] = c.b;
  }
  int width_, height_;
  std::vector<unsigned char> pixels_;
};

struct DatasetCloser {
  void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};

// Fills the scene's polygons into the canvas with GDAL's rasteriser (even-odd, all rings of a
// polygon at once), clipped to the map frame.
Status RasterisePolygons(const Scene& scene, Canvas& canvas, GDALDataset& raster) {
  if (scene.polygons.empty()) return Status::Ok();
  std::vector<std::unique_ptr<OGRGeometry>> owned;
  std::vector<OGRGeometryH> geometries;
  std::vector<double> burn;
  for (const ScenePolygon& polygon : scene.polygons) {
    auto multi = std::make_unique<OGRMultiPolygon>();
    OGRPolygon part;
    for (size_t i = 0; i < polygon.rings.size(); ++i) {
      const auto& ring = polygon.rings[i];
      if (ring.size() < 3) continue;
      if (!polygon.holes[i] && !part.IsEmpty()) {
        multi->addGeometry(&part);
        part.empty();
      }
      auto linear = std::make_unique<OGRLinearRing>();
      for (const Pixel& p : ring) linear->addPoint(p.x, p.y);
      linear->closeRings();
      part.addRingDirectly(linear.release());
    }
    if (!part.IsEmpty()) multi->addGeometry(&part);
    geometries.push_back(OGRGeometry::ToHandle(multi.get()));
    owned.push_back(std::move(multi));
    burn.insert(burn.end(),
                {double(polygon.fill.r), double(polygon.fill.g), double(polygon.fill.b)});
  }
  int bands[3] = {1, 2, 3};
  if (raster.RasterIO(GF_Write, 0, 0, canvas.width(), canvas.height(), canvas.data(),
                      canvas.width(), canvas.height(), GDT_Byte, 3, bands, 3, 3 * canvas.width(),
                      1) != CE_None) {
    return Status::Internal("writing the map raster failed");
  }
  if (GDALRasterizeGeometries(GDALDataset::ToHandle(&raster), 3, bands,
                              static_cast<int>(geometries.size()), geometries.data(), nullptr,
                              nullptr, burn.data(), nullptr, nullptr, nullptr) != CE_None) {
    return Status::Internal(std::string("rasterising the map failed: ") + CPLGetLastErrorMsg());
  }
  std::vector<unsigned char> filled(size_t(canvas.width()) * canvas.height() * 3);
  if (raster.RasterIO(GF_Read, 0, 0, canvas.width(), canvas.height(), filled.data(), canvas.width(),
                      canvas.height(), GDT_Byte, 3, bands, 3, 3 * canvas.width(), 1) != CE_None) {
    return Status::Internal("reading the map raster failed");
  }
  // Only the map frame takes the polygons: land beyond it would cover title and legend.
  const int x0 = std::max(0, static_cast<int>(scene.clip_min.x));
  const int x1 = std::min(canvas.width() - 1, static_cast<int>(scene.clip_max.x));
  for (int y = std::max(0, static_cast<int>(scene.clip_min.y));
       y <= std::min(canvas.height() - 1, static_cast<int>(scene.clip_max.y)); ++y) {
    const size_t row = size_t(y) * canvas.width() * 3;
    std::copy(filled.begin() + row + x0 * 3, filled.begin() + row + (x1 + 1) * 3,
              canvas.data() + row + x0 * 3);
  }
  return Status::Ok();
}

}  // namespace

double TextWidth(const std::string& text, int size) {
  return static_cast<double>(GlyphsOf(text).size()) * 6 * size;
}

Result<std::string> PaintPng(const Scene& scene) {
  GDALAllRegister();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
  if (!mem || !png) return Status::FailedPrecondition("GDAL lacks its MEM or PNG driver");
  std::unique_ptr<GDALDataset, DatasetCloser> raster(
      mem->Create("", scene.width, scene.height, 3, GDT_Byte, nullptr));
  if (!raster) return Status::Internal("cannot create the map raster");
  // Pixel coordinates are the raster's own: x right, y down.
  double identity[6] = {0, 1, 0, 0, 0, 1};
  raster->SetGeoTransform(identity);
  Canvas canvas(scene);
  ISV_RETURN_IF_ERROR(RasterisePolygons(scene, canvas, *raster));
  for (const ScenePolygon& polygon : scene.polygons) {
    for (const auto& ring : polygon.rings) {
      for (size_t i = 0; i < ring.size(); ++i) {
        canvas.Line(ring[i], ring[(i + 1) % ring.size()], polygon.stroke, 1, false, &scene);
      }
    }
  }
  for (const SceneLine& line : scene.lines) {
    for (size_t i = 1; i < line.points.size(); ++i) {
      canvas.Line(line.points[i - 1], line.points[i], line.colour, line.width, line.dashed, &scene);
    }
  }
  for (const SceneRect& rect : scene.rects) canvas.Rect(rect);
  for (const SceneCircle& circle : scene.circles) canvas.Circle(circle);
  for (const SceneText& text : scene.texts) canvas.Text(text);

  int bands[3] = {1, 2, 3};
  if (raster->RasterIO(GF_Write, 0, 0, scene.width, scene.height, canvas.data(), scene.width,
                       scene.height, GDT_Byte, 3, bands, 3, 3 * scene.width, 1) != CE_None) {
    return Status::Internal("writing the map raster failed");
  }
  static std::atomic<int> counter{0};
  const std::string path = "/vsimem/isvgraph-map-" + std::to_string(counter++) + ".png";
  {
    std::unique_ptr<GDALDataset, DatasetCloser> out(
        png->CreateCopy(path.c_str(), raster.get(), FALSE, nullptr, nullptr, nullptr));
    if (!out) return Status::Internal(std::string("PNG encoding failed: ") + CPLGetLastErrorMsg());
  }
  vsi_l_offset size = 0;
  GByte* bytes = VSIGetMemFileBuffer(path.c_str(), &size, FALSE);
  std::string result(reinterpret_cast<const char*>(bytes), size);
  VSIUnlink(path.c_str());
  return result;
}

}  // namespace isvgraph::maps
