// The tender check on the cases of issue 6: workwear from Bangladesh and China ranks forced
// labour (Xinjiang cotton) and freedom of association among the top themes with sources;
// natural stone from India gives child labour and health & safety (silicosis) with DOL
// citations; the ISV clause follows the category, the value and the dated EU threshold; CPV
// codes without a profile get a generic answer that says so; unknown codes name the nearest.

#include <algorithm>

#include <gtest/gtest.h>

#include "isvgraph/riskdata/knowledge_base.h"
#include "riskdata/shared_kb.h"
#include "support/text_print.h"

namespace isvgraph::riskdata {
namespace {

// Rank (1-based) of a theme in the advice; 0 when absent.
int RankOf(const TenderAdvice& advice, Theme theme) {
  for (size_t i = 0; i < advice.themes.size(); ++i) {
    if (advice.themes[i].theme == theme) return static_cast<int>(i) + 1;
  }
  return 0;
}

const ThemeAdvice& Of(const TenderAdvice& advice, Theme theme) {
  return advice.themes[RankOf(advice, theme) - 1];
}

TEST(TenderCheck, WorkwearFromBangladeshAndChinaRanksForcedLabourAndUnionFreedom) {
  auto advice = Kb().CheckTender({.cpv = {"18100000-0"},
                                  .countries = {"BD", "CN"},
                                  .value_eur = 500000,
                                  .date = "2025-06-01"});
  ASSERT_TRUE(advice) << advice.error().ToString();
  ASSERT_NE(advice->product_group, nullptr);
  EXPECT_EQ(advice->product_group->id, "workwear_textiles");
  EXPECT_LE(RankOf(*advice, Theme::kForcedLabour), 2);
  EXPECT_LE(RankOf(*advice, Theme::kFreedomOfAssociation), 4);
  const ThemeAdvice& forced = Of(*advice, Theme::kForcedLabour);
  EXPECT_TRUE(forced.salient);
  EXPECT_DOUBLE_EQ(*forced.likelihood, 1.0);
  EXPECT_EQ(forced.worst_place, "CN-XJ") << forced.reason;  // the cotton tier
  EXPECT_NE(forced.reason.en.find("Cotton"), std::string::npos) << forced.reason.en;
  EXPECT_FALSE(forced.flags.empty());
  EXPECT_FALSE(forced.sources.empty());
  EXPECT_FALSE(forced.questions.empty());
  const ThemeAdvice& union_freedom = Of(*advice, Theme::kFreedomOfAssociation);
  EXPECT_TRUE(union_freedom.salient);
  EXPECT_NE(union_freedom.reason.en.find("in China: country"), std::string::npos)
      << union_freedom.reason.en;
  // Severity first: among salient themes no theme outranks a graver one.
  for (size_t i = 1; i < advice->themes.size(); ++i) {
    if (advice->themes[i].salient) {
      EXPECT_GE(advice->themes[i - 1].severity, advice->themes[i].severity);
    }
  }
  // Places the officer named are not assumptions; the template's others are left out.
  for (const TierAdvice& tier : advice->tiers) {
    for (const TierPlace& place : tier.places) {
      if (tier.tier >= 1) {
        EXPECT_TRUE(place.country == "BD" || place.country == "CN") << tier.role;
      }
    }
  }
  // ISV: category Bedrijfskleding, central government, above the 2024-25 threshold.
  EXPECT_EQ(advice->isv.category, "Bedrijfskleding");
  EXPECT_TRUE(advice->isv.mandatory) << advice->isv.reason;
  EXPECT_EQ(*advice->isv.threshold_eur, 143000);
  EXPECT_TRUE(advice->notes.empty());  // the threshold is current in 2025
  std::vector<std::string> guidance;
  for (const Source& s : advice->guidance) guidance.push_back(s.id);
  EXPECT_NE(std::find(guidance.begin(), guidance.end(), "oecd_garment_2017"), guidance.end());
}

TEST(TenderCheck, NaturalStoneFromIndiaGivesChildLabourAndSilicosisWithDolCitations) {
  auto advice = Kb().CheckTender({.cpv = {"44912400"}, .countries = {"IND"}});
  ASSERT_TRUE(advice) << advice.error().ToString();
  EXPECT_EQ(advice->product_group->id, "natural_stone");
  EXPECT_EQ(RankOf(*advice, Theme::kChildLabour), 1);
  const ThemeAdvice& child = Of(*advice, Theme::kChildLabour);
  bool dol = false;
  for (const RedFlag& flag : child.flags) {
    dol = dol || flag.detail.en.find("US DOL List of Goods 2022 lists Stones from India") !=
                     std::string::npos;
  }
  EXPECT_TRUE(dol);
  const ThemeAdvice& safety = Of(*advice, Theme::kHealthSafety);
  EXPECT_TRUE(safety.salient);
  EXPECT_LE(RankOf(*advice, Theme::kHealthSafety), 3);
  EXPECT_NE(safety.reason.en.find("silicosis"), std::string::npos) << safety.reason.en;
  // Not an ISV category: advised, not mandatory, whatever the value.
  EXPECT_FALSE(advice->isv.mandatory);
  EXPECT_TRUE(advice->isv.advised);
}

TEST(TenderCheck, TheClauseFollowsValueAuthorityAndTheDatedThreshold) {
  auto below = Kb().CheckTender({.cpv = {"18100000"}, .value_eur = 100000, .date = "2025-01-10"});
  ASSERT_TRUE(below);
  EXPECT_FALSE(below->isv.mandatory);
  EXPECT_NE(below->isv.reason.en.find("below the EU threshold"), std::string::npos);
  auto province = Kb().CheckTender(
      {.cpv = {"18100000"}, .value_eur = 500000, .authority = "sub_central", .date = "2025-01-10"});
  ASSERT_TRUE(province);
  EXPECT_FALSE(province->isv.mandatory);
  EXPECT_EQ(*province->isv.threshold_eur, 221000);
  // After the last period the data holds, the advice still answers and says so.
  auto later = Kb().CheckTender({.cpv = {"18100000"}, .value_eur = 500000, .date = "2028-03-01"});
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->isv.mandatory);
  EXPECT_NE(later->isv.reason.en.find("Check the current threshold"), std::string::npos);
  EXPECT_FALSE(later->notes.empty());
  EXPECT_EQ(Kb().CheckTender({.cpv = {"18100000"}, .authority = "city"}).error().code(),
            StatusCode::kInvalidArgument);
}

// The thresholds of 2026-2027 (Commission Delegated Regulation (EU) 2025/2152): the tender's
// date picks the period.
TEST(TenderCheck, The2026ThresholdsApplyFromTheFirstOfJanuary) {
  auto now = Kb().CheckTender({.cpv = {"18100000"}, .value_eur = 141000, .date = "2026-06-01"});
  ASSERT_TRUE(now);
  EXPECT_TRUE(now->isv.mandatory) << now->isv.reason;
  EXPECT_EQ(*now->isv.threshold_eur, 140000);
  EXPECT_EQ(now->isv.threshold_source, "eu_thresholds_2026");
  EXPECT_EQ(now->isv.threshold_period, "2026-01-01..2027-12-31");
  auto before = Kb().CheckTender({.cpv = {"18100000"}, .value_eur = 141000, .date = "2025-12-31"});
  ASSERT_TRUE(before);
  EXPECT_FALSE(before->isv.mandatory);  // 143,000 then
  auto province = Kb().CheckTender(
      {.cpv = {"18100000"}, .value_eur = 216000, .authority = "sub_central", .date = "2026-02-01"});
  ASSERT_TRUE(province);
  EXPECT_EQ(*province->isv.threshold_eur, 216000);
  auto works = Kb().CheckTender({.cpv = {"45233130"}, .value_eur = 5500000, .date = "2027-01-05"});
  ASSERT_TRUE(works);
  EXPECT_EQ(*works->isv.threshold_eur, 5404000);
}

// Countries the officer names are scored, even where the template does not know them; the
// tiers they cannot apply to keep the template's places, marked assumed, and a note says so.
TEST(TenderCheck, NamedCountriesAreNeverDropped) {
  auto stone = Kb().CheckTender({.cpv = {"44912400"}, .countries = {"NO"}});
  ASSERT_TRUE(stone) << stone.error().ToString();
  const TierAdvice& quarry = stone->tiers.back();
  ASSERT_EQ(quarry.places.size(), 1u);
  EXPECT_EQ(quarry.places[0].country, "NO");
  EXPECT_FALSE(quarry.places[0].assumed);
  for (const TierAdvice& tier : stone->tiers) {
    for (const TierPlace& place : tier.places) {
      if (place.country == "IN") {
        EXPECT_TRUE(place.assumed) << "tier " << tier.tier;
      }
    }
  }
  EXPECT_TRUE(std::any_of(stone->notes.begin(), stone->notes.end(), [](const i18n::Text& n) {
    return n.en.rfind("NO (named by you)", 0) == 0;
  }));
  auto coffee = Kb().CheckTender({.cpv = {"15861000"}, .countries = {"BR", "VN", "ET"}});
  ASSERT_TRUE(coffee);
  bool ethiopia = false;
  for (const TierAdvice& tier : coffee->tiers) {
    for (const TierPlace& place : tier.places) {
      if (place.country == "ET") ethiopia = !place.assumed;
    }
  }
  EXPECT_TRUE(ethiopia);
}

// Cleaning services without source countries: every theme lacks data, and that is a reason to
// ask bidders, not a reassurance.
TEST(TenderCheck, NoDataIsAReasonToAskNotAReassurance) {
  auto cleaning = Kb().CheckTender({.cpv = {"90910000"}, .value_eur = 500000});
  ASSERT_TRUE(cleaning) << cleaning.error().ToString();
  EXPECT_TRUE(cleaning->isv.advised) << cleaning->isv.reason;
  EXPECT_NE(cleaning->isv.reason.en.find("no data is not no risk"), std::string::npos);
  for (const ThemeAdvice& theme : cleaning->themes) {
    EXPECT_FALSE(theme.likelihood);
    EXPECT_NE(theme.reason.en.find("not an absence of risk"), std::string::npos);
  }
  // With data that shows no salient risk, the answer may still be "not advised".
  auto plain = Kb().CheckTender({.cpv = {"90910000"}, .countries = {"NL"}, .value_eur = 500000});
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->isv.advised) << plain->isv.reason;
}

// A division's sector is not every code's: office furniture is not textile mills and paper
// is not electronics assembly. Without a typical sector the answer says so and scores the
// countries alone, with no reason borrowed from another product.
TEST(TenderCheck, ACpvGroupIsNotScoredAsItsDivisionsOtherProducts) {
  auto furniture = Kb().CheckTender({.cpv = {"39130000"}, .countries = {"CN"}});
  ASSERT_TRUE(furniture) << furniture.error().ToString();
  ASSERT_NE(furniture->product_group, nullptr);
  EXPECT_EQ(furniture->product_group->id, "office_furniture");
  for (const TierAdvice& tier : furniture->tiers) {
    if (tier.sector == "weaving_dyeing_finishing") {
      EXPECT_EQ(tier.product, "fabric");
    }
  }
  auto paper = Kb().CheckTender({.cpv = {"30197630"}, .countries = {"ID"}});
  ASSERT_TRUE(paper) << paper.error().ToString();
  ASSERT_NE(paper->product_group, nullptr);
  EXPECT_EQ(paper->product_group->id, "office_supplies_paper");
  for (const ThemeAdvice& theme : paper->themes) {
    EXPECT_EQ(theme.reason.en.find("Xinjiang"), std::string::npos) << theme.reason.en;
    EXPECT_EQ(theme.reason.en.find("electronics"), std::string::npos) << theme.reason.en;
  }
  auto computers = Kb().CheckTender({.cpv = {"30230000"}, .countries = {"CN"}});
  ASSERT_TRUE(computers);
  if (computers->generic) {
    EXPECT_NE(computers->generic_basis.en.find("electronics"), std::string::npos);
  }
}

TEST(TenderCheck, CpvWithoutProfileIsGenericAndUnknownCodesNameTheNearest) {
  // Leather from Pakistan: division 19's typical sector.
  auto generic = Kb().CheckTender({.cpv = {"19100000"}, .countries = {"PK"}});
  ASSERT_TRUE(generic) << generic.error().ToString();
  EXPECT_TRUE(generic->generic);
  EXPECT_EQ(generic->product_group, nullptr);
  EXPECT_NE(generic->generic_basis.en.find("division 19"), std::string::npos);
  EXPECT_NE(generic->generic_basis.en.find("leather"), std::string::npos);
  EXPECT_NE(generic->notes.front().en.find("generic"), std::string::npos);

  auto unknown = Kb().CheckTender({.cpv = {"18100009"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.error().message().find("nearest codes: 18100000-0"), std::string::npos);
  EXPECT_EQ(Kb().CheckTender({}).error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Kb().CheckTender({.cpv = {"18100000"}, .countries = {"XQ"}}).error().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace isvgraph::riskdata
