#include <cmath>
#include <cstdio>
#include <sstream>

#include "isvgraph/base/markup.h"
#include "scene.h"

namespace isvgraph::maps {
namespace {

std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

// A ring as path data, leaving out points less than half a pixel from the last one kept.
void AppendRing(const std::vector<Pixel>& ring, std::ostringstream& d) {
  Pixel last{1e18, 1e18};
  size_t kept = 0;
  for (const Pixel& p : ring) {
    if (std::fabs(p.x - last.x) < 0.5 && std::fabs(p.y - last.y) < 0.5) continue;
    d << (kept++ == 0 ? "M" : "L") << Number(p.x) << ' ' << Number(p.y);
    last = p;
  }
  if (kept) d << 'Z';
}

}  // namespace

Rgb Rgb::FromHex(const char* hex) {
  unsigned r = 0, g = 0, b = 0;
  std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b);
  return {static_cast<unsigned char>(r), static_cast<unsigned char>(g),
          static_cast<unsigned char>(b)};
}

std::string Rgb::Hex() const {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", r, g, b);
  return buffer;
}

std::string PaintSvg(const Scene& scene) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << scene.width << "\" height=\""
      << scene.height << "\" viewBox=\"0 0 " << scene.width << ' ' << scene.height << "\">\n"
      << "<defs><clipPath id=\"frame\"><rect x=\"" << Number(scene.clip_min.x) << "\" y=\""
      << Number(scene.clip_min.y) << "\" width=\"" << Number(scene.clip_max.x - scene.clip_min.x)
      << "\" height=\"" << Number(scene.clip_max.y - scene.clip_min.y) << "\"/></clipPath></defs>\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"" << scene.background.Hex() << "\"/>\n"
      << "<g clip-path=\"url(#frame)\">\n";
  for (const ScenePolygon& polygon : scene.polygons) {
    std::ostringstream d;
    for (const auto& ring : polygon.rings) AppendRing(ring, d);
    if (d.str().empty()) continue;
    out << "<path fill-rule=\"evenodd\" fill=\"" << polygon.fill.Hex() << "\" stroke=\""
        << polygon.stroke.Hex() << "\" stroke-width=\"0.5\" d=\"" << d.str() << "\">";
    if (!polygon.title.empty()) out << "<title>" << EscapeMarkup(polygon.title) << "</title>";
    out << "</path>\n";
  }
  for (const SceneLine& line : scene.lines) {
    out << "<polyline fill=\"none\" stroke=\"" << line.colour.Hex() << "\" stroke-width=\""
        << Number(line.width) << "\"" << (line.dashed ? " stroke-dasharray=\"6 4\"" : "")
        << " points=\"";
    for (const Pixel& p : line.points) out << Number(p.x) << ',' << Number(p.y) << ' ';
    out << "\"/>\n";
  }
  out << "</g>\n";
  for (const SceneRect& rect : scene.rects) {
    out << "<rect x=\"" << Number(rect.x) << "\" y=\"" << Number(rect.y) << "\" width=\""
        << Number(rect.width) << "\" height=\"" << Number(rect.height) << "\" fill=\""
        << rect.fill.Hex() << "\" stroke=\"" << rect.stroke.Hex() << "\"/>\n";
  }
  for (const SceneCircle& circle : scene.circles) {
    if (circle.diamond && !circle.hollow) {
      const double r = circle.radius * kDiamondReach, x = circle.centre.x, y = circle.centre.y;
      out << "<path class=\"diamond\" d=\"M" << Number(x) << ',' << Number(y - r) << " L"
          << Number(x + r) << ',' << Number(y) << " L" << Number(x) << ',' << Number(y + r) << " L"
          << Number(x - r) << ',' << Number(y) << " Z\" fill=\"" << circle.fill.Hex()
          << "\" stroke=\"" << circle.stroke.Hex() << "\" stroke-width=\"1\">";
      if (!circle.title.empty()) out << "<title>" << EscapeMarkup(circle.title) << "</title>";
      out << "</path>\n";
      continue;
    }
    out << "<circle cx=\"" << Number(circle.centre.x) << "\" cy=\"" << Number(circle.centre.y)
        << "\" r=\"" << Number(circle.radius) << "\" fill=\""
        << (circle.hollow ? "white" : circle.fill.Hex()) << "\" stroke=\"" << circle.stroke.Hex()
        << "\" stroke-width=\"" << (circle.hollow ? "2.5\" stroke-dasharray=\"3 2" : "1") << "\">";
    if (!circle.title.empty()) out << "<title>" << EscapeMarkup(circle.title) << "</title>";
    out << "</circle>\n";
  }
  for (const SceneText& text : scene.texts) {
    // Monospace at the raster font's advance (6 px per size unit), so layouts agree.
    out << "<text x=\"" << Number(text.x) << "\" y=\"" << Number(text.y + 7 * text.size)
        << "\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"" << 10 * text.size
        << "\" textLength=\"" << Number(TextWidth(text.text, text.size))
        << "\" lengthAdjust=\"spacingAndGlyphs\" fill=\"" << text.colour.Hex() << "\">"
        << EscapeMarkup(text.text) << "</text>\n";
  }
  out << "</svg>\n";
  return out.str();
}

}  // namespace isvgraph::maps
