#include "isvgraph/maps/render.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "isvgraph/base/utf8.h"
#include "isvgraph/i18n/say.h"
#include "scene.h"
#include "symbol_layout.h"

namespace isvgraph::maps {
namespace {

constexpr RiskClass kLegendClasses[] = {RiskClass::kVeryHigh, RiskClass::kHigh, RiskClass::kMedium,
                                        RiskClass::kLow, RiskClass::kNoData};
const Rgb kInk{34, 34, 34}, kSea{232, 240, 247}, kWhite{255, 255, 255}, kLand{236, 236, 236};
const Rgb kBorder{170, 170, 170};
const Rgb kLeader{96, 96, 96};  // leader lines: 4.5:1 on land and sea

// Plate carrée: a longitude/latitude window fitted into the frame with equal degrees per pixel
// in both directions, centred.
class Projection {
 public:
  Projection(Box view, double x0, double y0, double x1, double y1) {
    scale_ = std::min((x1 - x0) / (view.max_lon - view.min_lon),
                      (y1 - y0) / (view.max_lat - view.min_lat));
    const double centre_lon = (view.min_lon + view.max_lon) / 2,
                 centre_lat = (view.min_lat + view.max_lat) / 2;
    ox_ = (x0 + x1) / 2 - centre_lon * scale_;
    oy_ = (y0 + y1) / 2 + centre_lat * scale_;
  }
  Pixel operator()(LonLat p) const { return {ox_ + p.lon * scale_, oy_ - p.lat * scale_}; }

 private:
  double scale_ = 1, ox_ = 0, oy_ = 0;
};

std::string Fit(const std::string& text, double width, int size) {
  const size_t max = static_cast<size_t>(std::max(4.0, width / (6.0 * size)));
  if (TextWidth(text, size) <= width) return text;
  return std::string(Utf8Prefix(text, max - 3)) + "...";
}

Status CheckSize(const RenderOptions& options) {
  if (options.width < 400 || options.width > 4000 || options.height < 300 ||
      options.height > 3000) {
    return Status::InvalidArgument("map size must be 400..4000 x 300..3000 pixels");
  }
  return Status::Ok();
}

// Title band, frame, and the footer with legend and credits shared by both kinds of map.
Scene Frame(const RenderOptions& options, const std::string& title) {
  Scene scene{.width = options.width, .height = options.height, .background = kWhite};
  scene.clip_min = {10, 40};
  scene.clip_max = {options.width - 10.0, options.height - 96.0};
  scene.texts.push_back(
      {.x = 12, .y = 12, .text = Fit(title, options.width - 24, 2), .size = 2, .colour = kInk});
  // The sea is the first polygon, so that land is painted over it in both painters.
  ScenePolygon sea{.fill = kSea, .stroke = kBorder};
  sea.rings.push_back({scene.clip_min,
                       {scene.clip_max.x, scene.clip_min.y},
                       scene.clip_max,
                       {scene.clip_min.x, scene.clip_max.y}});
  sea.holes.push_back(false);
  scene.polygons.push_back(std::move(sea));
  return scene;
}

void Footer(Scene& scene, const std::vector<std::pair<Rgb, std::string>>& legend,
            const std::vector<SceneCircle>& symbols, const std::vector<std::string>& credits,
            i18n::Language language) {
  double x = 12;
  double y = scene.clip_max.y + 10;
  // Legend entries in a row, on a second row when the first is full.
  auto room_for = [&](double width) {
    if (x > 12 && x + width > scene.width - 12) {
      x = 12;
      y += 14;
    }
  };
  for (const auto& [colour, label] : legend) {
    room_for(22 + TextWidth(label, 1));
    scene.rects.push_back(
        {.x = x, .y = y, .width = 16, .height = 10, .fill = colour, .stroke = kInk});
    scene.texts.push_back({.x = x + 22, .y = y + 2, .text = label, .size = 1, .colour = kInk});
    x += 22 + TextWidth(label, 1) + 18;
  }
  for (const SceneCircle& symbol : symbols) {
    room_for(16 + TextWidth(symbol.title, 1));
    SceneCircle placed = symbol;
    placed.centre = {x + 6, y + 5};
    scene.circles.push_back(placed);
    scene.texts.push_back(
        {.x = x + 16, .y = y + 2, .text = symbol.title, .size = 1, .colour = kInk});
    x += 16 + TextWidth(symbol.title, 1) + 18;
  }
  std::vector<std::string> lines = credits;
  lines.push_back(Boundaries::Attribution(language));
  double line_y = y + 20;
  for (const std::string& line : lines) {
    if (line_y > scene.height - 10) break;
    scene.texts.push_back({.x = 12,
                           .y = line_y,
                           .text = Fit(line, scene.width - 24, 1),
                           .size = 1,
                           .colour = Rgb{85, 85, 85}});
    line_y += 12;
  }
}

ScenePolygon Draw(const Area& area, const Projection& project, const Box& view, Rgb fill,
                  Rgb stroke) {
  ScenePolygon polygon{.fill = fill, .stroke = stroke};
  for (const Ring& ring : area.rings) {
    // Parts entirely outside the window are left out (they would be clipped anyway).
    if (ring.box.max_lon < view.min_lon || ring.box.min_lon > view.max_lon ||
        ring.box.max_lat < view.min_lat || ring.box.min_lat > view.max_lat) {
      continue;
    }
    std::vector<Pixel> pixels;
    pixels.reserve(ring.points.size());
    for (const LonLat& p : ring.points) pixels.push_back(project(p));
    polygon.rings.push_back(std::move(pixels));
    polygon.holes.push_back(ring.hole);
  }
  return polygon;
}

Result<std::string> Paint(const Scene& scene, ImageFormat format) {
  if (format == ImageFormat::kSvg) return PaintSvg(scene);
  return PaintPng(scene);
}

std::vector<std::pair<Rgb, std::string>> RiskLegend(i18n::Language language) {
  std::vector<std::pair<Rgb, std::string>> legend;
  for (RiskClass c : kLegendClasses)
    legend.emplace_back(Rgb::FromHex(RiskClassColour(c)), RiskClassLabel(c, language));
  return legend;
}

}  // namespace

std::optional<ImageFormat> ImageFormatFromName(const std::string& name) {
  if (name == "png") return ImageFormat::kPng;
  if (name == "svg") return ImageFormat::kSvg;
  return std::nullopt;
}

const char* MediaType(ImageFormat format) {
  return format == ImageFormat::kPng ? "image/png" : "image/svg+xml";
}

Result<std::string> RenderChoropleth(const Boundaries& boundaries, const Choropleth& map,
                                     ImageFormat format, const RenderOptions& options) {
  ISV_RETURN_IF_ERROR(CheckSize(options));
  Scene scene = Frame(options, map.title);
  const Box world{-180, -58, 180, 84};  // Antarctica left out: no supplier sits there
  const Projection project(world, scene.clip_min.x, scene.clip_min.y, scene.clip_max.x,
                           scene.clip_max.y);
  std::map<std::string, const CountryValue*> values;
  for (const CountryValue& value : map.values) values[value.iso2] = &value;
  for (const CountryShape& country : boundaries.countries()) {
    auto it = values.find(country.iso2);
    const std::optional<double> value = it == values.end() ? std::nullopt : it->second->value;
    ScenePolygon polygon =
        Draw(country.area, project, world, Rgb::FromHex(RiskClassColour(Classify(value))), kWhite);
    polygon.title = country.name + ": " +
                    (it == values.end() ? RiskClassLabel(RiskClass::kNoData, options.language)
                                        : it->second->text);
    if (!polygon.rings.empty()) scene.polygons.push_back(std::move(polygon));
  }
  Footer(scene, RiskLegend(options.language), {}, map.credits, options.language);
  return Paint(scene, format);
}

Result<std::string> RenderChain(const Boundaries& boundaries, const ChainMap& map,
                                ImageFormat format, const RenderOptions& options) {
  ISV_RETURN_IF_ERROR(CheckSize(options));
  std::map<std::string, LonLat> at;
  Box extent;
  for (const MapSite& site : map.sites) {
    if (auto position = SitePosition(boundaries, site)) {
      at[site.id] = *position;
      extent.Extend(*position);
    }
  }
  if (at.empty()) return Status::InvalidArgument("none of the chain's sites has a position");
  // At least 24° × 14° around the sites, plus a margin, so that a single site shows its region.
  const double centre_lon = (extent.min_lon + extent.max_lon) / 2;
  const double centre_lat = (extent.min_lat + extent.max_lat) / 2;
  const double half_lon = std::max(12.0, (extent.max_lon - extent.min_lon) * 0.6);
  const double half_lat = std::max(7.0, (extent.max_lat - extent.min_lat) * 0.6);
  Scene scene = Frame(options, map.title);
  // The window takes the frame's shape, so that land fills the whole frame.
  const double frame_aspect =
      (scene.clip_max.x - scene.clip_min.x) / (scene.clip_max.y - scene.clip_min.y);
  const double wide = std::max(half_lon, half_lat * frame_aspect);
  const double tall = wide / frame_aspect;
  const Box view{centre_lon - wide, centre_lat - tall, centre_lon + wide, centre_lat + tall};
  const Projection project(view, scene.clip_min.x, scene.clip_min.y, scene.clip_max.x,
                           scene.clip_max.y);
  for (const CountryShape& country : boundaries.countries()) {
    if (country.area.box.max_lon < view.min_lon || country.area.box.min_lon > view.max_lon ||
        country.area.box.max_lat < view.min_lat || country.area.box.min_lat > view.max_lat) {
      continue;
    }
    ScenePolygon polygon = Draw(country.area, project, view, kLand, kBorder);
    polygon.title = country.name;
    if (!polygon.rings.empty()) scene.polygons.push_back(std::move(polygon));
  }
  // Sites in one town, or placed at one country's label point, are spread around that place.
  constexpr double kRadius = 6;
  std::vector<const MapSite*> shown;
  std::vector<Pixel> places;
  for (const MapSite& site : map.sites) {
    if (auto it = at.find(site.id); it != at.end()) {
      shown.push_back(&site);
      places.push_back(project(it->second));
    }
  }
  // Symbols are laid out by their largest reach (a flagged site's diamond).
  const double reach = kRadius * kDiamondReach;
  const std::vector<Pixel> symbols = SpreadSymbols(places, reach);
  std::map<std::string, Pixel> drawn_at;
  for (size_t i = 0; i < shown.size(); ++i) drawn_at[shown[i]->id] = symbols[i];
  std::map<std::string, const MapSite*> by_id;
  for (const MapSite& site : map.sites) by_id[site.id] = &site;
  for (const MapLink& link : map.links) {
    auto from = drawn_at.find(link.supplier_id), to = drawn_at.find(link.customer_id);
    if (from == drawn_at.end() || to == drawn_at.end()) continue;
    const bool assumed = link.confidence == kAssumedConfidence ||
                         by_id[link.supplier_id]->assumed || by_id[link.customer_id]->assumed;
    scene.lines.push_back({.points = {from->second, to->second},
                           .colour = Rgb{80, 80, 80},
                           .width = 1.5,
                           .dashed = assumed});
  }
  std::vector<std::string> labels;
  std::vector<double> widths;
  for (size_t i = 0; i < shown.size(); ++i) {
    const MapSite& site = *shown[i];
    if (symbols[i].x != places[i].x || symbols[i].y != places[i].y) {
      // The true place keeps a dot; a thin line leads from it to the spread symbol.
      scene.lines.push_back({.points = {places[i], symbols[i]}, .colour = kInk, .width = 0.75});
      scene.circles.push_back({.centre = places[i], .radius = 1.5, .fill = kInk, .stroke = kInk});
    }
    const RiskClass risk = Classify(site.score);
    scene.circles.push_back(
        {.centre = symbols[i],
         .radius = kRadius,
         .fill = Rgb::FromHex(RiskClassColour(risk)),
         .stroke = site.assumed ? Rgb::FromHex(RiskClassStroke(risk)) : kInk,
         .hollow = site.assumed,
         .diamond = site.flagged && !site.assumed,
         .title = i18n::SayIn(
             options.language, i18n::Msg::kMapSiteTitle,
             {{"name", site.name}, {"tier", std::to_string(site.tier)}, {"reason", site.reason}})});
    // Assumed places are many and alike: their tier and place say enough.
    // Appended piece by piece: GCC 12 at -O3 takes "T" + std::string for an overlapping copy
    // (a known -Wrestrict false positive).
    std::string text = "T";
    text += std::to_string(site.tier);
    text += ' ';
    if (site.assumed) {
      text += site.region.empty() ? site.country : site.region;
      if (!site.role.empty()) text.append(" ").append(site.role);
    } else {
      text += site.name;
    }
    labels.push_back(Fit(text, 260, 1));
    widths.push_back(TextWidth(labels.back(), 1));
  }
  const std::vector<LabelBox> boxes =
      PlaceLabels(symbols, reach, widths, 9, scene.clip_min, scene.clip_max);
  for (size_t i = 0; i < boxes.size(); ++i) {
    const LabelBox& label = boxes[i];
    if (label.leader) {
      scene.lines.push_back({.points = {label.from, label.to}, .colour = kLeader, .width = 0.75});
    }
    scene.texts.push_back(
        {.x = label.box.x, .y = label.box.y, .text = labels[i], .size = 1, .colour = kInk});
  }
  SceneCircle assumed_symbol{.radius = 5,
                             .fill = Rgb{120, 120, 120},
                             .stroke = kLeader,
                             .hollow = true,
                             .title = i18n::SayIn(options.language, i18n::Msg::kMapAssumedSymbol)};
  SceneCircle flagged_symbol{.radius = 5,
                             .fill = Rgb::FromHex(RiskClassColour(RiskClass::kVeryHigh)),
                             .stroke = kInk,
                             .diamond = true,
                             .title = i18n::SayIn(options.language, i18n::Msg::kMapFlaggedSymbol)};
  Footer(scene, RiskLegend(options.language), {flagged_symbol, assumed_symbol}, map.credits,
         options.language);
  return Paint(scene, format);
}

}  // namespace isvgraph::maps
