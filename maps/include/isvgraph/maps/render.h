#pragma once

// Rendered maps: a theme's country-risk choropleth and a chain map (sites coloured by risk,
// links drawn, assumed tiers dashed), each with title, legend, data editions and attribution,
// as PNG (drawn in memory, encoded by GDAL's PNG driver) or SVG. Plate carrée projection; no
// map tiles, nothing fetched.

#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/i18n/language.h"
#include "isvgraph/maps/boundaries.h"
#include "isvgraph/maps/map_layers.h"

namespace isvgraph::maps {

enum class ImageFormat { kPng, kSvg };
std::optional<ImageFormat> ImageFormatFromName(const std::string& name);  // "png" | "svg"
const char* MediaType(ImageFormat format);

struct RenderOptions {
  int width = 1200;  // pixels, 400..4000
  int height = 700;  // pixels, 300..3000
  // The language of the renderer's own words: legend, symbols, attribution. The map model's
  // title, names and credits come as the caller wrote them.
  i18n::Language language = i18n::Language::kEnglish;
};

Result<std::string> RenderChoropleth(const Boundaries& boundaries, const Choropleth& map,
                                     ImageFormat format, const RenderOptions& options = {});
// InvalidArgument for a chain none of whose sites has a position.
Result<std::string> RenderChain(const Boundaries& boundaries, const ChainMap& map,
                                ImageFormat format, const RenderOptions& options = {});

}  // namespace isvgraph::maps
