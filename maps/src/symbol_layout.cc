#include "symbol_layout.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace isvgraph::maps {
namespace {

double Distance(Pixel a, Pixel b) { return std::hypot(a.x - b.x, a.y - b.y); }

bool Overlap(const SceneRect& a, const SceneRect& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// The group of each place: places within `near` of each other, chained, share the lowest index.
std::vector<size_t> Groups(const std::vector<Pixel>& places, double near) {
  std::vector<size_t> group(places.size());
  for (size_t i = 0; i < places.size(); ++i) group[i] = i;
  auto root = [&](size_t i) {
    while (group[i] != i) i = group[i] = group[group[i]];
    return i;
  };
  for (size_t i = 0; i < places.size(); ++i) {
    for (size_t j = i + 1; j < places.size(); ++j) {
      if (Distance(places[i], places[j]) < near) {
        const size_t a = root(i), b = root(j);
        group[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  for (size_t i = 0; i < places.size(); ++i) group[i] = root(i);
  return group;
}

}  // namespace

std::vector<Pixel> SpreadSymbols(const std::vector<Pixel>& places, double radius) {
  std::vector<Pixel> at = places;
  const double gap = 3;
  const std::vector<size_t> group = Groups(places, 2 * radius + gap);
  for (size_t g = 0; g < places.size(); ++g) {
    std::vector<size_t> members;
    for (size_t i = 0; i < places.size(); ++i) {
      if (group[i] == g) members.push_back(i);
    }
    if (members.size() < 2) continue;
    Pixel centre;
    for (size_t i : members) {
      centre.x += places[i].x / static_cast<double>(members.size());
      centre.y += places[i].y / static_cast<double>(members.size());
    }
    // Neighbours on a ring of radius R are 2R·sin(π/n) apart (centre to centre).
    const double n = static_cast<double>(members.size());
    const double ring = (2 * radius + gap) / (2 * std::sin(std::numbers::pi / n));
    for (size_t k = 0; k < members.size(); ++k) {
      const double angle =
          -std::numbers::pi / 2 + 2 * std::numbers::pi * static_cast<double>(k) / n;
      at[members[k]] = {centre.x + ring * std::cos(angle), centre.y + ring * std::sin(angle)};
    }
  }
  return at;
}

std::vector<LabelBox> PlaceLabels(const std::vector<Pixel>& symbols, double radius,
                                  const std::vector<double>& widths, double height, Pixel clip_min,
                                  Pixel clip_max) {
  std::vector<SceneRect> taken;  // every symbol, then every label placed
  for (const Pixel& p : symbols) {
    taken.push_back(
        {.x = p.x - radius, .y = p.y - radius, .width = 2 * radius, .height = 2 * radius});
  }
  auto free = [&](const SceneRect& box) {
    if (box.x < clip_min.x || box.y < clip_min.y || box.x + box.width > clip_max.x ||
        box.y + box.height > clip_max.y) {
      return false;
    }
    return std::none_of(taken.begin(), taken.end(),
                        [&](const SceneRect& other) { return Overlap(box, other); });
  };
  const double pad = 3, line = height + 1;
  std::vector<LabelBox> out;
  for (size_t i = 0; i < symbols.size(); ++i) {
    const Pixel p = symbols[i];
    const double width = widths[i];
    const double right = p.x + radius + pad, left = p.x - radius - pad - width;
    const double middle = p.y - height / 2;
    std::vector<SceneRect> tries = {
        {.x = right, .y = middle},
        {.x = left, .y = middle},
        {.x = p.x - width / 2, .y = p.y - radius - pad - height},
        {.x = p.x - width / 2, .y = p.y + radius + pad},
    };
    for (int step = 1; step <= 10; ++step) {
      for (const int sign : {1, -1}) {
        for (const double x : {right, left})
          tries.push_back({.x = x, .y = middle + sign * step * line});
      }
    }
    LabelBox label{.box = {.x = right, .y = middle, .width = width, .height = height},
                   .clear = false};
    for (size_t k = 0; k < tries.size(); ++k) {
      SceneRect box = tries[k];
      box.width = width;
      box.height = height;
      if (!free(box)) continue;
      label.box = box;
      label.clear = true;
      if (k >= 4) {  // moved off the symbol's row: a leader from the symbol to the label's edge
        const bool on_right = box.x > p.x;
        label.leader = true;
        label.to = {on_right ? box.x : box.x + width, box.y + height / 2};
        const double d = std::max(Distance(p, label.to), 1e-9);
        label.from = {p.x + (label.to.x - p.x) * radius / d, p.y + (label.to.y - p.y) * radius / d};
      }
      break;
    }
    taken.push_back(label.box);
    out.push_back(label);
  }
  return out;
}

}  // namespace isvgraph::maps
