#pragma once

// Text files as people save them: UTF-8 with or without a byte-order mark, UTF-16 or UTF-32
// with one, or a legacy single-byte encoding (ISO-8859-1, Windows-1252) without any. JSON and
// everything after it wants UTF-8; this says what was assumed so the report can tell the user.

#include <string>
#include <string_view>

#include "isvgraph/base/result.h"

namespace isvgraph::importers {

struct DecodedText {
  std::string utf8;
  // Empty when the bytes were UTF-8 without a mark; else what they were read as, e.g.
  // "UTF-16LE (byte-order mark)" or "ISO-8859-1 (detected)".
  std::string encoding;
};

// The bytes as UTF-8: a byte-order mark is honoured and removed; valid UTF-8 is kept; anything
// else is decoded in the encoding ICU's charset detector finds most likely. DataLoss when
// nothing can decode it.
Result<DecodedText> DecodeToUtf8(std::string_view bytes);

}  // namespace isvgraph::importers
