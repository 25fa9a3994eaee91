#pragma once

// Where the sites of a map and their labels go, so that none hides another. Sites in one town
// (or placed at one country's label point) project to one pixel: they are spread on a small ring
// around that place, which keeps a dot and a leader line to each of them. Labels go beside their
// symbol where they overlap no symbol and no label placed before; a label that had to move away
// gets a leader line back to its symbol.

#include <vector>

#include "scene.h"

namespace isvgraph::maps {

// Symbols of `radius` at `places`: the positions to draw them at. Places closer than a symbol's
// width (chained: a near b near c) form one group; a group of n > 1 is spread evenly on a ring
// around its mean, wide enough that neighbouring symbols keep at least 3 px between them.
// Single places stay where they are. The result is parallel to `places`.
std::vector<Pixel> SpreadSymbols(const std::vector<Pixel>& places, double radius);

struct LabelBox {
  SceneRect box;        // where the text goes (x, y top left; width; height)
  bool leader = false;  // moved away from its symbol: draw a line from `from` to `to`
  Pixel from, to;
  bool clear = true;  // false: no free place was found; the box is beside its symbol anyway
};

// A label of width `widths[i]` and `height` for each symbol (radius `radius`), placed in order
// (earlier labels get the better places): right of the symbol, left, above, below, then right or
// left a line further down or up at a time, with a leader line. Boxes stay within `clip_min`..
// `clip_max`, overlap no symbol and no earlier label where any such place exists.
std::vector<LabelBox> PlaceLabels(const std::vector<Pixel>& symbols, double radius,
                                  const std::vector<double>& widths, double height, Pixel clip_min,
                                  Pixel clip_max);

}  // namespace isvgraph::maps
