// The message catalogue as compiled from i18n/po/nl.po: every message in both languages with the
// same placeholders, filled in each language; and the .po file as gettext's own checker reads it.

#include <cstdlib>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <unicode/numberformatter.h>

#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"

namespace isvgraph::i18n {
namespace {

std::set<std::string> AsSet(const std::vector<std::string>& names) {
  return {names.begin(), names.end()};
}

TEST(Catalogue, EveryMessageHasBothLanguagesAndTheSamePlaceholders) {
  ASSERT_FALSE(Catalogue().empty());
  int missing = 0;
  for (const CatalogueEntry& entry : Catalogue()) {
    EXPECT_FALSE(entry.english.empty()) << entry.key;
    if (entry.dutch.empty()) {
      ++missing;
      ADD_FAILURE() << "no Dutch for '" << entry.key << "' (" << entry.english
                    << "): translate it in i18n/po/nl.po";
      continue;
    }
    EXPECT_EQ(AsSet(PlaceholdersOf(entry.english)), AsSet(PlaceholdersOf(entry.dutch)))
        << entry.key << ": the Dutch must use the English placeholders";
  }
  EXPECT_EQ(missing, 0);
}

TEST(Catalogue, SayFillsEachLanguage) {
  const Text text = Say(Msg::kIsvWhyBelow, {{"value", Euro(912500)}, {"threshold", Euro(143000)}});
  EXPECT_EQ(text.en, "the value €912,500 is below the EU threshold of €143,000");
  EXPECT_EQ(text.nl,
            "de waarde €\u00a0912.500 ligt onder de Europese drempelwaarde van €\u00a0143.000");
  // A template's placeholder without an argument stays visible rather than vanishing.
  EXPECT_NE(Say(Msg::kIsvWhyBelow).en.find("{value}"), std::string::npos);
}

TEST(Catalogue, GettextAcceptsThePoFile) {
  if (std::system("command -v msgfmt >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "msgfmt (Debian package gettext) is not installed";
  }
  const std::string command =
      "msgfmt --check -o /dev/null '" + std::string(ISVGRAPH_CATALOGUE_PO) + "' 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(Format, NumbersAmountsAndDatesPerLanguage) {
  EXPECT_EQ(Decimal(0.7449).en, "0.74");
  EXPECT_EQ(Decimal(0.7449).nl, "0,74");
  EXPECT_EQ(Euro(1250000).en, "€1,250,000");
  // ICU writes a no-break space between the sign and the amount, so a line never breaks there.
  EXPECT_EQ(Euro(1250000).nl, "€\u00a01.250.000");
  EXPECT_EQ(Euro(912500.5).nl, "€\u00a0912.500,50");
  EXPECT_EQ(Count(1250).nl, "1.250");
  EXPECT_EQ(LongDate("2026-12-03").nl, "3 december 2026");
  EXPECT_EQ(LongDate("2026-12-03").en, "3 December 2026");
  EXPECT_EQ(LongDate("not a date").nl, "not a date");
}

// Decimal and Count write scores and counts without ICU (they are on every explanation's path);
// they must write the marks ICU writes for en-GB and nl-NL.
TEST(Format, HandWrittenNumbersAgreeWithIcu) {
  auto icu = [](const char* locale, double value, int digits, bool grouping) {
    auto formatter = icu::number::NumberFormatter::withLocale(icu::Locale(locale))
                         .precision(digits < 0 ? icu::number::Precision::integer()
                                               : icu::number::Precision::fixedFraction(digits))
                         .grouping(grouping ? UNUM_GROUPING_AUTO : UNUM_GROUPING_OFF);
    UErrorCode status = U_ZERO_ERROR;
    std::string out;
    formatter.formatDouble(value, status).toString(status).toUTF8String(out);
    return out;
  };
  // Values that are no rounding tie: ICU rounds the decimal half-even, printf the binary value.
  for (double value : {0.0, 0.7449, 1.0, 12.5, -3.14159, 999.999, 143000.0, 0.061}) {
    for (int digits : {0, 1, 2, 3}) {
      EXPECT_EQ(Decimal(value, digits).en, icu("en-GB", value, digits, false)) << value;
      EXPECT_EQ(Decimal(value, digits).nl, icu("nl-NL", value, digits, false)) << value;
    }
  }
  for (int64_t value : {0, 7, 999, 1000, 1250, 26000, 1250000, -4200}) {
    EXPECT_EQ(Count(value).en, icu("en-GB", static_cast<double>(value), -1, true)) << value;
    EXPECT_EQ(Count(value).nl, icu("nl-NL", static_cast<double>(value), -1, true)) << value;
  }
}

}  // namespace
}  // namespace isvgraph::i18n
