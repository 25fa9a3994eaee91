#include "isvgraph/maps/map_layers.h"

#include <algorithm>
#include <cmath>

#include "isvgraph/i18n/say.h"

namespace isvgraph::maps {

LonLat LabelPoint(const Area& area) {
  const Ring* largest = nullptr;
  double largest_size = -1;
  for (const Ring& ring : area.rings) {
    const double size =
        (ring.box.max_lon - ring.box.min_lon) * (ring.box.max_lat - ring.box.min_lat);
    if (!ring.hole && size > largest_size) {
      largest = &ring;
      largest_size = size;
    }
  }
  if (!largest || largest->points.empty()) return {0, 0};
  // The widest stretch inside the ring along the latitude of its vertices' mean: inside even
  // for crescent shapes (Chile, Vietnam) where the mean itself is not.
  double lat = 0;
  for (const LonLat& p : largest->points) lat += p.lat;
  lat /= static_cast<double>(largest->points.size());
  std::vector<double> crossings;
  const auto& v = largest->points;
  for (size_t i = 0, j = v.size() - 1; i < v.size(); j = i++) {
    if ((v[i].lat > lat) != (v[j].lat > lat)) {
      crossings.push_back(v[i].lon +
                          (lat - v[i].lat) * (v[j].lon - v[i].lon) / (v[j].lat - v[i].lat));
    }
  }
  std::sort(crossings.begin(), crossings.end());
  double best_width = -1, best_lon = (largest->box.min_lon + largest->box.max_lon) / 2;
  for (size_t i = 0; i + 1 < crossings.size(); i += 2) {
    if (crossings[i + 1] - crossings[i] > best_width) {
      best_width = crossings[i + 1] - crossings[i];
      best_lon = (crossings[i] + crossings[i + 1]) / 2;
    }
  }
  return {best_lon, lat};
}

std::optional<LonLat> SitePosition(const Boundaries& boundaries, const MapSite& site) {
  if (site.lat && site.lon) return LonLat{*site.lon, *site.lat};
  const CountryShape* country = boundaries.FindCountry(site.country);
  if (!country) return std::nullopt;
  return LabelPoint(country->area);
}

RiskClass Classify(std::optional<double> score) {
  if (!score) return RiskClass::kNoData;
  if (*score >= 0.7) return RiskClass::kVeryHigh;
  if (*score >= 0.5) return RiskClass::kHigh;
  if (*score >= 0.3) return RiskClass::kMedium;
  return RiskClass::kLow;
}

std::string RiskClassLabel(RiskClass risk_class, i18n::Language language) {
  using i18n::Msg;
  switch (risk_class) {
    case RiskClass::kNoData:
      return i18n::SayIn(language, Msg::kMapClassNoData);
    case RiskClass::kLow:
      return i18n::SayIn(language, Msg::kMapClassLow);
    case RiskClass::kMedium:
      return i18n::SayIn(language, Msg::kMapClassMedium);
    case RiskClass::kHigh:
      return i18n::SayIn(language, Msg::kMapClassHigh);
    case RiskClass::kVeryHigh:
      return i18n::SayIn(language, Msg::kMapClassVeryHigh);
  }
  return "";
}

namespace {

// Per class: the fill (ColorBrewer RdYlGn-like, as the web UI) and its darker shade for outlines.
struct ClassColours {
  const char* fill;
  const char* stroke;
};

ClassColours ColoursOf(RiskClass risk_class) {
  switch (risk_class) {
    case RiskClass::kLow:
      return {"#a6d96a", "#3b7a1c"};
    case RiskClass::kMedium:
      return {"#fee08b", "#7a5f00"};
    case RiskClass::kHigh:
      return {"#fc8d59", "#a04a00"};
    case RiskClass::kVeryHigh:
      return {"#d73027", "#a50f15"};
    case RiskClass::kNoData:
      break;
  }
  return {"#cfcfcf", "#5f6b76"};
}

}  // namespace

const char* RiskClassColour(RiskClass risk_class) { return ColoursOf(risk_class).fill; }

const char* RiskClassStroke(RiskClass risk_class) { return ColoursOf(risk_class).stroke; }

}  // namespace isvgraph::maps
