#pragma once

// The country an address names, for rows and declarations that give an address but no country.

#include <string>
#include <string_view>

#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::importers {

// ISO alpha-2 of the country an address names: US for one that ends with a US state's postal
// abbreviation and a ZIP code ("115 Tabor Road Morris Plains NJ 07950"), else the last
// comma-separated part that the knowledge base knows ("…, Hsinchu, Taiwan" → TW). "" when
// neither.
std::string CountryOfAddress(const riskdata::KnowledgeBase& kb, std::string_view address);

// True for an address ending with a US state, district or territory abbreviation and a ZIP
// code (5 digits, optionally -4), as US postal addresses are written without a country.
bool EndsWithUsStateAndZip(std::string_view address);

}  // namespace isvgraph::importers
