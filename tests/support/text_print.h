#pragma once

// For test messages only: a Text streams as its English and, when it differs, its Dutch. The
// program itself has no such operator, so that no answer can leave in a language nobody chose.

#include <ostream>

#include "isvgraph/i18n/text.h"

namespace isvgraph::i18n {

inline std::ostream& operator<<(std::ostream& out, const Text& text) {
  out << text.en;
  if (text.nl != text.en) out << " [nl: " << text.nl << "]";
  return out;
}

}  // namespace isvgraph::i18n
