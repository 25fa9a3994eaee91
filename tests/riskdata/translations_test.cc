// Dutch beside English in the data: every text of the curated tables that a person reads has its
// translation, every country its Dutch name, and the tender check answers in Dutch throughout.

#include <gtest/gtest.h>

#include "shared_kb.h"
#include "support/text_print.h"

namespace isvgraph::riskdata {
namespace {

TEST(Translations, EveryCuratedTextHasItsDutch) {
  const std::vector<TranslatedCell>& cells = Kb().translated_cells();
  // Themes, sectors, products, roles, notes, measures, questions, actions: hundreds of cells.
  EXPECT_GT(cells.size(), 600u);
  for (const TranslatedCell& cell : cells) {
    EXPECT_FALSE(cell.text.nl.empty())
        << cell.where << " '" << cell.text.en << "' has no Dutch: fill its _nl column";
  }
}

TEST(Translations, EveryCountryHasADutchName) {
  auto us = Kb().FindCountry("US");
  ASSERT_TRUE(us);
  EXPECT_EQ(us->name_nl, "Verenigde Staten");
  auto kosovo = Kb().FindCountry("XK");
  ASSERT_TRUE(kosovo);
  EXPECT_FALSE(kosovo->name_nl.empty());
}

TEST(Translations, TheTenderCheckIsDutchThroughout) {
  auto advice =
      Kb().CheckTender({.cpv = {"18100000-0"}, .countries = {"BD", "CN"}, .value_eur = 500000});
  ASSERT_TRUE(advice) << advice.error().ToString();
  EXPECT_EQ(advice->isv.reason.nl.rfind("Verplicht: centrale overheid", 0), 0u)
      << advice->isv.reason;
  EXPECT_NE(advice->isv.reason.nl.find("€\u00a0500.000"), std::string::npos);
  for (const ThemeAdvice& theme : advice->themes) {
    EXPECT_NE(theme.reason.nl, theme.reason.en) << theme.reason;
    if (theme.likelihood) {
      EXPECT_EQ(theme.reason.nl.rfind("schakel ", 0), 0u) << theme.reason;
    }
    ASSERT_FALSE(theme.measures.empty());
    for (const auto& texts : {theme.measures, theme.questions}) {
      for (const i18n::Text& text : texts) {
        EXPECT_FALSE(text.nl.empty());
        EXPECT_NE(text.nl, text.en);
      }
    }
  }
  for (const TenderAction& action : advice->actions) {
    EXPECT_FALSE(action.text.nl.empty()) << action.text;
    EXPECT_NE(action.text.nl, action.text.en);
  }
}

}  // namespace
}  // namespace isvgraph::riskdata
