// End-to-end facts from the real, shipped data files (riskdata/data).

#include "isvgraph/riskdata/knowledge_base.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "riskdata/shared_kb.h"
#include "support/text_print.h"

namespace isvgraph::riskdata {
namespace {

class KnowledgeBaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto kb = KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR});
    ASSERT_TRUE(kb) << kb.error().ToString();
    kb_ = std::move(kb).value().release();
  }
  static void TearDownTestSuite() {
    delete kb_;
    kb_ = nullptr;
  }

  static const ThemeRisk& ThemeOf(const SiteRisk& site, Theme theme) {
    return site.themes[static_cast<size_t>(theme)];
  }
  static bool HasRule(const ThemeRisk& risk, const std::string& rule) {
    return std::any_of(risk.flags.begin(), risk.flags.end(),
                       [&](const RedFlag& f) { return f.rule == rule; });
  }
  static SiteRisk Site(SiteQuery query) {
    auto site = kb_->AssessSite(query);
    EXPECT_TRUE(site) << site.error().ToString();
    return site ? *site : SiteRisk{};
  }

  static KnowledgeBase* kb_;
};

KnowledgeBase* KnowledgeBaseTest::kb_ = nullptr;

TEST_F(KnowledgeBaseTest, LoadsEveryLayerWithItsEdition) {
  for (const LayerInfo& layer : kb_->layers()) {
    EXPECT_TRUE(layer.loaded) << layer.id;
    EXPECT_GT(layer.rows, 0) << layer.id;
    EXPECT_FALSE(layer.edition.empty()) << layer.id;
    EXPECT_FALSE(layer.licence.empty()) << layer.id;
  }
  EXPECT_EQ(kb_->themes().size(), kAllThemes.size());
  EXPECT_GE(kb_->sectors().size(), 23u);
  // One product group at least for each of the eight ISV categories.
  std::set<std::string> categories;
  for (const ProductGroup& group : kb_->product_groups()) {
    if (!group.isv_category.empty()) categories.insert(group.isv_category);
  }
  EXPECT_EQ(categories.size(), 8u);
}

TEST_F(KnowledgeBaseTest, DrcCobaltMiningFlagsChildLabourCitingDol2022) {
  SiteRisk site = Site({.country = "CD", .sector = "cobalt_mining"});
  const ThemeRisk& child = ThemeOf(site, Theme::kChildLabour);
  EXPECT_TRUE(child.flagged);
  ASSERT_TRUE(HasRule(child, "dol_child_labour")) << child.explanation;
  EXPECT_EQ(child.flags[0].layer, "dol_goods");
  EXPECT_NE(child.flags[0].detail.en.find("Cobalt ore (heterogenite)"), std::string::npos);
  EXPECT_NE(child.flags[0].detail.en.find("2022"), std::string::npos);
  EXPECT_GE(*child.score, 0.9);
}

TEST_F(KnowledgeBaseTest, IndiaQuarryingWithStonesFlagsChildLabour) {
  SiteRisk site = Site({.country = "IN", .sector = "quarrying_stone", .product = "stones"});
  const ThemeRisk& child = ThemeOf(site, Theme::kChildLabour);
  EXPECT_TRUE(child.flagged);
  EXPECT_TRUE(HasRule(child, "dol_forced_child_labour")) << child.explanation;
  ASSERT_EQ(site.products.size(), 1u);
  EXPECT_EQ(site.products[0]->id, "stones");
}

TEST_F(KnowledgeBaseTest, SectorByUniquePrefix) {
  SiteRisk site = Site({.country = "IN", .sector = "quarrying", .product = "stones"});
  ASSERT_NE(site.sector, nullptr);
  EXPECT_EQ(site.sector->id, "quarrying_stone");
  // "c" starts several sector ids: not a match.
  EXPECT_EQ(kb_->AssessSite({.country = "IN", .sector = "c"}).error().code(),
            StatusCode::kNotFound);
}

TEST_F(KnowledgeBaseTest, XinjiangCottonFlagsForcedLabourViaUflpa) {
  SiteRisk site = Site({.country = "CN", .region = "cn-xj", .sector = "cotton_farming"});
  const ThemeRisk& forced = ThemeOf(site, Theme::kForcedLabour);
  EXPECT_TRUE(forced.flagged);
  EXPECT_DOUBLE_EQ(*forced.score, 1.0);
  ASSERT_TRUE(HasRule(forced, "uflpa_xinjiang")) << forced.explanation;
  auto uflpa = std::find_if(forced.flags.begin(), forced.flags.end(),
                            [](const RedFlag& f) { return f.rule == "uflpa_xinjiang"; });
  EXPECT_NE(uflpa->detail.en.find("Cotton and cotton products"), std::string::npos);
}

TEST_F(KnowledgeBaseTest, XinjiangPresumptionCoversEveryProduct) {
  SiteRisk site = Site({.country = "CN", .region = "CN-XJ", .sector = "electronics_assembly"});
  EXPECT_TRUE(HasRule(ThemeOf(site, Theme::kForcedLabour), "uflpa_xinjiang"));
  // The old numeric ISO code of Xinjiang is accepted too.
  SiteRisk old_code = Site({.country = "CN", .region = "CN-65", .sector = "construction"});
  EXPECT_TRUE(ThemeOf(old_code, Theme::kForcedLabour).flagged);
}

TEST_F(KnowledgeBaseTest, NetherlandsPublicAdministrationIsLowEverywhereWithSources) {
  SiteRisk site = Site({.country = "NL", .sector = "public_administration"});
  EXPECT_FALSE(site.flagged);
  for (const ThemeRisk& theme : site.themes) {
    ASSERT_TRUE(theme.score) << ThemeId(theme.theme);
    EXPECT_LT(*theme.score, 0.3) << theme.explanation;
    EXPECT_TRUE(theme.flags.empty());
    EXPECT_FALSE(theme.sector_source.empty());
    EXPECT_NE(kb_->FindSource(theme.sector_source), nullptr);
  }
  auto country = kb_->AssessCountry("NLD");
  ASSERT_TRUE(country);
  for (const CountryThemeRisk& theme : country->themes) {
    for (const IndicatorValue& value : theme.indicators) {
      EXPECT_FALSE(value.layer.empty());
      EXPECT_FALSE(value.year.empty());
    }
  }
}

TEST_F(KnowledgeBaseTest, ThemeWithoutDataIsNoDataNotZero) {
  // No SDG 8.7.1 survey and no DOL Findings for China: child labour has no country data.
  auto china = kb_->AssessCountry("china");
  ASSERT_TRUE(china);
  const CountryThemeRisk& child = china->themes[static_cast<size_t>(Theme::kChildLabour)];
  EXPECT_FALSE(child.score.has_value());
  EXPECT_EQ(child.missing.size(), 2u);
  // Environment has no country layer; v2 offers the governance proxy instead, and says so.
  const CountryThemeRisk& environment = china->themes[static_cast<size_t>(Theme::kEnvironment)];
  EXPECT_FALSE(environment.score.has_value());
  ASSERT_TRUE(environment.proxy.has_value());
  EXPECT_NE(environment.proxy_rule.en.find("rule of law"), std::string::npos);
  SiteRisk china_site = Site({.country = "CN"});
  EXPECT_TRUE(ThemeOf(china_site, Theme::kEnvironment).country_proxy);
  EXPECT_NE(ThemeOf(china_site, Theme::kEnvironment).explanation.en.find("governance proxy"),
            std::string::npos);
  // Gibraltar has neither statistics nor governance indicators: a site there without a sector
  // keeps the gap instead of inventing a zero.
  SiteRisk site = Site({.country = "GI"});
  EXPECT_FALSE(ThemeOf(site, Theme::kEnvironment).score.has_value());
  EXPECT_NE(ThemeOf(site, Theme::kEnvironment).explanation.en.find("no data"), std::string::npos);
}

TEST_F(KnowledgeBaseTest, StaleIndicatorIsShownButNotScored) {
  auto india = kb_->AssessCountry("IN");
  ASSERT_TRUE(india);
  const CountryThemeRisk& osh = india->themes[static_cast<size_t>(Theme::kHealthSafety)];
  ASSERT_EQ(osh.indicators.size(), 1u);
  EXPECT_TRUE(osh.indicators[0].stale);
  EXPECT_EQ(osh.indicators[0].year, "2007");
  EXPECT_FALSE(osh.score.has_value());
}

TEST_F(KnowledgeBaseTest, FindsCountriesByAnyCode) {
  EXPECT_EQ(kb_->FindCountry("ind")->iso2, "IN");
  EXPECT_EQ(kb_->FindCountry("In")->iso2, "IN");
  EXPECT_EQ(kb_->FindCountry("India")->iso3, "IND");
  EXPECT_EQ(kb_->FindCountry("XX").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(kb_->FindCountry("").error().code(), StatusCode::kInvalidArgument);
}

TEST_F(KnowledgeBaseTest, UflpaEntityByName) {
  SiteRisk site = Site({.country = "CN", .name = "Hoshine Silicon Industry (Shanshan) Co., Ltd"});
  EXPECT_TRUE(HasRule(ThemeOf(site, Theme::kForcedLabour), "uflpa_entity"));
  SiteRisk other = Site({.country = "CN", .name = "Unlisted Widget Works"});
  EXPECT_FALSE(HasRule(ThemeOf(other, Theme::kForcedLabour), "uflpa_entity"));
}

TEST_F(KnowledgeBaseTest, CahraRegionRaisesConflict) {
  SiteRisk kivu = Site({.country = "CD", .region = "CD-NK", .sector = "mining_3tg"});
  const ThemeRisk& conflict = ThemeOf(kivu, Theme::kConflict);
  ASSERT_TRUE(HasRule(conflict, "cahra_region")) << conflict.explanation;
  EXPECT_DOUBLE_EQ(*conflict.score, 1.0);
  // Without a region the site is told to give one, and since all of the DRC's provinces are
  // listed it is taken as listed meanwhile.
  SiteRisk unknown = Site({.country = "CD", .sector = "mining_3tg"});
  EXPECT_FALSE(unknown.notes.empty());
  EXPECT_TRUE(HasRule(ThemeOf(unknown, Theme::kConflict), "cahra_region_unknown"));
}

TEST_F(KnowledgeBaseTest, UnknownCountryIsMissingDataNotLowRisk) {
  // Quarrying's child-labour evidence is Indian: in Portugal it is a prior one step lower, but
  // a quarry whose country nobody knows keeps the full level, and no theme reads as low.
  SiteRisk unknown = Site({.sector = "quarrying_stone"});
  EXPECT_TRUE(unknown.country.iso2.empty());
  EXPECT_FALSE(unknown.notes.empty());
  const ThemeRisk& child = ThemeOf(unknown, Theme::kChildLabour);
  ASSERT_TRUE(child.score);
  EXPECT_FALSE(child.sector_prior);
  EXPECT_FALSE(child.country_score);
  EXPECT_NE(child.explanation.en.find("country unknown"), std::string::npos)
      << child.explanation.en;
  const SiteRisk portugal = Site({.country = "PT", .sector = "quarrying_stone"});
  EXPECT_GT(*child.score, *ThemeOf(portugal, Theme::kChildLabour).score);
  // Without a sector as well there is nothing to score: no data, not zero.
  for (const ThemeRisk& theme : Site({}).themes) EXPECT_FALSE(theme.score);
  // A region cannot stand without its country.
  EXPECT_EQ(kb_->AssessSite({.region = "CN-XJ"}).error().code(), StatusCode::kInvalidArgument);
}

TEST_F(KnowledgeBaseTest, RejectsBadSiteQueries) {
  EXPECT_EQ(kb_->AssessSite({.country = "IN", .sector = "basket_weaving"}).error().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(kb_->AssessSite({.country = "IN", .product = "unicorns"}).error().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(kb_->AssessSite({.country = "IN", .region = "CN-XJ"}).error().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(KnowledgeBaseTest, ProductByDolGoodOrHsCode) {
  SiteRisk by_good = Site({.country = "PK", .product = "Surgical Instruments"});
  ASSERT_EQ(by_good.products.size(), 1u);
  EXPECT_EQ(by_good.products[0]->id, "surgical_instruments");
  EXPECT_TRUE(ThemeOf(by_good, Theme::kChildLabour).flagged);
  SiteRisk by_hs = Site({.country = "MY", .product = "401519"});
  ASSERT_EQ(by_hs.products.size(), 1u);
  EXPECT_EQ(by_hs.products[0]->id, "rubber_gloves");
  EXPECT_TRUE(ThemeOf(by_hs, Theme::kForcedLabour).flagged);
}

TEST_F(KnowledgeBaseTest, CpvWorkwearWithIsvCategory) {
  auto cpv = kb_->ResolveCpv("18100000-0");
  ASSERT_TRUE(cpv) << cpv.error().ToString();
  EXPECT_EQ(cpv->entry.nl, "Beroepskleding, speciale werkkleding en toebehoren");
  ASSERT_NE(cpv->product_group, nullptr);
  EXPECT_EQ(cpv->product_group->id, "workwear_textiles");
  EXPECT_EQ(cpv->product_group->isv_category, "Bedrijfskleding");
  EXPECT_EQ(cpv->product_group->salient_themes.front(), Theme::kForcedLabour);
  ASSERT_EQ(cpv->ancestors.size(), 1u);
  EXPECT_EQ(cpv->ancestors[0].code, "18000000-9");
}

TEST_F(KnowledgeBaseTest, CpvGraniteIsNaturalStone) {
  auto cpv = kb_->ResolveCpv("44912100");
  ASSERT_TRUE(cpv);
  EXPECT_EQ(cpv->entry.code, "44912100-7");
  ASSERT_NE(cpv->product_group, nullptr);
  EXPECT_EQ(cpv->product_group->id, "natural_stone");
  EXPECT_TRUE(cpv->product_group->isv_category.empty());
  EXPECT_EQ(cpv->ancestors.back().level, "division");
}

TEST_F(KnowledgeBaseTest, CpvLongestPrefixWins) {
  auto gloves = kb_->ResolveCpv("18424300");  // under 18 (workwear) but its own profile
  ASSERT_TRUE(gloves);
  EXPECT_EQ(gloves->product_group->id, "medical_gloves");
  auto software = kb_->ResolveCpv("48000000-8");
  ASSERT_TRUE(software);
  EXPECT_EQ(software->product_group, nullptr);
}

TEST_F(KnowledgeBaseTest, CpvErrors) {
  EXPECT_EQ(kb_->ResolveCpv("18100000-3").error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(kb_->ResolveCpv("1810").error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(kb_->ResolveCpv("abcdefgh").error().code(), StatusCode::kInvalidArgument);
  auto unknown = kb_->ResolveCpv("44912199");
  ASSERT_EQ(unknown.error().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.error().message().find("44912100-7"), std::string::npos)
      << unknown.error().message();
}

// The words and codes the browser walk-through typed (issue 30, point 7).
TEST_F(KnowledgeBaseTest, CpvSearchTakesCheckDigitsAndTheWordsBuyersType) {
  auto first = [&](const std::string& text) {
    std::vector<CpvEntry> found = kb_->SearchCpv(text, 5);
    return found.empty() ? std::string("(nothing)") : found.front().code;
  };
  EXPECT_EQ(first("44912400-0"), "44912400-0");  // a code with its check digit
  EXPECT_EQ(first("CPV 44912400-0 trottoirbanden"), "44912400-0");
  EXPECT_EQ(first("449124"), "44912400-0");
  EXPECT_EQ(first("natuursteen"), "44910000-2");
  EXPECT_EQ(first("opsluitbanden"), "44912400-0");
  EXPECT_EQ(first("Kantstenen"), "44912400-0");
  EXPECT_EQ(first("kantst"), "44912400-0");  // while typing
  EXPECT_EQ(first("kerb"), "44912400-0");    // not sugar beet (suiKERBieten)
  EXPECT_EQ(first("laptops"), "30213100-6");
  EXPECT_EQ(first("operatiehandschoenen"), "33141420-0");
  EXPECT_EQ(first("handschoenen"), "18424000-7");  // a word start in Dutch before compounds
  EXPECT_EQ(first("xyzzy"), "(nothing)");
  EXPECT_EQ(first("44912400-0 laptops"), "(nothing)");  // the code and the word disagree
}

TEST_F(KnowledgeBaseTest, EveryProductGroupChainIsCitedAndResolvable) {
  for (const ProductGroup& group : kb_->product_groups()) {
    EXPECT_FALSE(group.salient_themes.empty()) << group.id;
    for (const TemplateTier& tier : group.tiers) {
      EXPECT_NE(kb_->FindSector(tier.sector), nullptr) << group.id;
      EXPECT_NE(kb_->FindSource(tier.source), nullptr) << group.id;
      for (const Origin& origin : tier.origins) {
        EXPECT_TRUE(kb_->AssessSite(
            {.country = origin.country, .region = origin.region, .sector = tier.sector}))
            << group.id << " " << origin.country;
      }
    }
  }
}

}  // namespace
}  // namespace isvgraph::riskdata

namespace isvgraph::riskdata {
namespace {

// ECB reference rates as SOURCES.md spot-checks them; a weekend takes the Friday's rate.
TEST(EuroRates, RatesOfTheDayOrTheBusinessDayBefore) {
  const KnowledgeBase& kb = Kb();
  auto usd = kb.EuroRateOn("usd", "2024-01-02");
  ASSERT_TRUE(usd) << usd.error().ToString();
  EXPECT_DOUBLE_EQ(usd->rate, 1.0956);
  EXPECT_EQ(usd->rate_date, "2024-01-02");
  auto sunday = kb.EuroRateOn("GBP", "2026-04-12");
  ASSERT_TRUE(sunday);
  EXPECT_EQ(sunday->rate_date, "2026-04-10");
  EXPECT_DOUBLE_EQ(kb.EuroRateOn("GBP", "2026-04-13")->rate, 0.87058);
  EXPECT_DOUBLE_EQ(kb.EuroRateOn("EUR", "2026-04-13")->rate, 1);
}

TEST(EuroRates, CurrenciesTheEcbDoesNotQuoteAreSaidToBe) {
  const KnowledgeBase& kb = Kb();
  auto pyg = kb.EuroRateOn("PYG", "2024-01-02");
  ASSERT_FALSE(pyg);
  EXPECT_NE(pyg.error().message().find("no euro reference rate for PYG"), std::string::npos);
  auto bgn = kb.EuroRateOn("BGN", "2026-03-02");  // Bulgaria joined the euro on 2026-01-01
  ASSERT_FALSE(bgn);
  EXPECT_NE(bgn.error().message().find("stopped quoting BGN"), std::string::npos);
  auto early = kb.EuroRateOn("USD", "1998-12-31");
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message().find("1999-01-04"), std::string::npos);
}

}  // namespace
}  // namespace isvgraph::riskdata
