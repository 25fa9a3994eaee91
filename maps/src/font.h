#pragma once

// The raster font of PNG maps: 5×7 capitals, digits and punctuation, drawn here (no font file
// is needed, none is shipped). Lower case is drawn as capitals, accented Latin letters as their
// base letter; anything else as '?'.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace isvgraph::maps {

using Glyph = std::array<uint8_t, 7>;  // rows top to bottom, bit 4 = leftmost column

// The glyphs of a UTF-8 text, one per character.
std::vector<Glyph> GlyphsOf(const std::string& text);

}  // namespace isvgraph::maps
