#pragma once

// Country names as people write them: any case, with or without accents and apostrophes, in
// any language CLDR knows ("Verenigde Staten", "Україна", "México"), as Debian's iso-codes
// spells them ("Türkiye", "Czechia", "Viet Nam"), and by the few names no standard keeps
// (curated/country_aliases.csv). One resolver behind KnowledgeBase::FindCountry serves every
// importer, the CLI and the API.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/base/status.h"

namespace isvgraph::riskdata {

// The key a name is looked up by: Unicode case folding, accents removed (NFD without
// non-spacing marks), every character that is not a letter or digit turned into one space,
// trimmed. "Côte d’Ivoire" → "cote d ivoire", "UNITED  STATES" → "united states",
// "Україна" → "україна". Empty when nothing is left.
std::string CountryNameKey(std::string_view name);

// Calls visit(iso2, name) for the short, common and official names of every country in
// Debian's iso-codes file (iso_3166-1.json). NotFound when the file cannot be read.
Status ForEachIsoCodesName(
    const std::string& path,
    const std::function<void(const std::string& iso2, const std::string& name)>& visit);

// Calls visit(iso2, name) for the name of each given country in every language of ICU's
// locale data (CLDR region display names). Slow (tens of thousands of names): callers build
// their index once, on the first name the faster sources do not know.
void ForEachIcuCountryName(
    const std::vector<std::string>& iso2_codes,
    const std::function<void(const std::string& iso2, const std::string& name)>& visit);

}  // namespace isvgraph::riskdata
