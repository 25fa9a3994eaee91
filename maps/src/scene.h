#pragma once

// A map laid out in pixels (y down), then written by one of two painters: SVG text or a PNG
// raster. Layout decides everything the reader sees; the painters only paint, so that the PNG
// and the SVG of a map show the same thing. Polygons come first in every scene (they are
// rasterised in one pass by GDAL before lines, points and text are drawn on top).

#include <string>
#include <vector>

#include "isvgraph/base/result.h"

namespace isvgraph::maps {

struct Pixel {
  double x = 0, y = 0;
};

struct Rgb {
  unsigned char r = 0, g = 0, b = 0;
  static Rgb FromHex(const char* hex);  // "#rrggbb"
  std::string Hex() const;
};

struct ScenePolygon {
  std::vector<std::vector<Pixel>> rings;  // outer rings, each followed by its holes
  std::vector<bool> holes;                // parallel to rings
  Rgb fill;
  Rgb stroke;
  std::string title;  // SVG tooltip, e.g. "India: 0.94"
};

struct SceneLine {
  std::vector<Pixel> points;
  Rgb colour;
  double width = 1;
  bool dashed = false;
};

struct SceneCircle {
  Pixel centre;
  double radius = 4;
  Rgb fill, stroke;
  bool hollow = false;  // outline only, dashed, in `stroke`: an assumed site
  // Drawn as a diamond of the same area (a flagged site): shape beside colour, so that the map
  // does not rest on colour alone (WCAG 2.1, 1.4.1). Not with `hollow`.
  bool diamond = false;
  std::string title;
};

struct SceneRect {
  double x = 0, y = 0, width = 0, height = 0;
  Rgb fill, stroke;
};

// Text in the raster font's units: `size` 1 = 7 pixels high and 6 wide per character.
struct SceneText {
  double x = 0, y = 0;  // top left
  std::string text;     // UTF-8
  int size = 1;
  Rgb colour;
};

struct Scene {
  int width = 0, height = 0;
  Rgb background;
  Pixel clip_min, clip_max;  // the map frame: polygons and lines are clipped to it
  std::vector<ScenePolygon> polygons;
  std::vector<SceneLine> lines;
  std::vector<SceneRect> rects;
  std::vector<SceneCircle> circles;
  std::vector<SceneText> texts;  // drawn last, in order
};

// A diamond's centre-to-corner distance per unit of radius: the area of the circle it stands for
// (2·reach² = π).
constexpr double kDiamondReach = 1.2533;

// Width in pixels of `text` at `size`, in both painters.
double TextWidth(const std::string& text, int size);

std::string PaintSvg(const Scene& scene);
Result<std::string> PaintPng(const Scene& scene);

}  // namespace isvgraph::maps
