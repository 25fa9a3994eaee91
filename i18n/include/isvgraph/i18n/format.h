#pragma once

// Numbers, amounts and dates the way each language writes them: "0.74" / "0,74",
// "€500,000" / "€ 500.000", "3 December 2026" / "3 december 2026" (ICU's CLDR data for "en"
// and "nl"). Every function returns the value in both languages (text.h).

#include <cstdint>
#include <string_view>

#include "isvgraph/i18n/text.h"

namespace isvgraph::i18n {

// A decimal with exactly `digits` fraction digits, without grouping: scores and shares.
Text Decimal(double value, int digits = 2);
// A whole number with grouping: counts, "1,250" / "1.250".
Text Count(int64_t value);
// An amount in euro, whole euros unless it has cents: "€1,250,000" / "€ 1.250.000".
Text Euro(double value);
// An amount in another currency, by its ISO 4217 code: "USD 1,250.50" / "US$ 1.250,50".
Text Money(double value, std::string_view currency);
// A calendar date given as YYYY-MM-DD, written out: "3 December 2026" / "3 december 2026".
// Anything that is not such a date comes back unchanged in both languages.
Text LongDate(std::string_view iso_date);

// A country's name by its ISO 3166-1 alpha-2 code: `english` as given (the data's name), and the
// Dutch from ICU's CLDR data ("Verenigde Staten" for US), `english` where CLDR has none.
Text CountryName(const std::string& iso2, const std::string& english);

}  // namespace isvgraph::i18n
