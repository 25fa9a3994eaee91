// The worked example of docs/methodology.md §5, number by number. If this test fails, the
// document and the code disagree: fix whichever is wrong, and keep them together.

#include <gtest/gtest.h>

#include "isvgraph/riskdata/knowledge_base.h"
#include "support/text_print.h"

namespace isvgraph::riskdata {
namespace {

class WorkedExample : public ::testing::Test {
 protected:
  void SetUp() override {
    auto kb = KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR});
    ASSERT_TRUE(kb) << kb.error().ToString();
    kb_ = std::move(kb).value();
    auto site =
        kb_->AssessSite({.country = "IN", .sector = "quarrying_stone", .product = "stones"});
    ASSERT_TRUE(site) << site.error().ToString();
    site_ = *site;
  }
  const ThemeRisk& Theme_(Theme t) { return site_.themes[static_cast<size_t>(t)]; }

  std::unique_ptr<KnowledgeBase> kb_;
  SiteRisk site_;
};

TEST_F(WorkedExample, Step1And2FreedomOfAssociationCountryScore) {
  auto india = kb_->AssessCountry("IN");
  ASSERT_TRUE(india);
  const CountryThemeRisk& foa = india->themes[static_cast<size_t>(Theme::kFreedomOfAssociation)];
  ASSERT_EQ(foa.indicators.size(), 2u);
  // SDG 8.8.2: 3.32 on 0..10 (0 = best) → 3.32 / 10 = 0.332
  EXPECT_EQ(foa.indicators[0].layer, "sdg_8_8_2");
  EXPECT_DOUBLE_EQ(foa.indicators[0].raw, 3.32);
  EXPECT_NEAR(foa.indicators[0].normalised, 0.332, 1e-9);
  // V-Dem freedom of association: 0.598 (higher = freer) → 1 − 0.598 = 0.402
  EXPECT_EQ(foa.indicators[1].layer, "vdem");
  EXPECT_DOUBLE_EQ(foa.indicators[1].raw, 0.598);
  EXPECT_NEAR(foa.indicators[1].normalised, 0.402, 1e-9);
  // Country score: (0.332 + 0.402) / 2 = 0.367
  EXPECT_NEAR(*foa.score, 0.367, 1e-9);
}

TEST_F(WorkedExample, Step3And4FreedomOfAssociationSiteScore) {
  const ThemeRisk& foa = Theme_(Theme::kFreedomOfAssociation);
  // Sector quarrying_stone × freedom_of_association = medium = 0.5
  EXPECT_EQ(*foa.sector_level, RiskLevel::kMedium);
  EXPECT_DOUBLE_EQ(*foa.sector_score, 0.5);
  // Site: (0.367 + 0.5) / 2 = 0.4335; no red flag; 0.4335 < 0.7 → not flagged
  EXPECT_NEAR(*foa.score, 0.4335, 1e-9);
  EXPECT_TRUE(foa.flags.empty());
  EXPECT_FALSE(foa.flagged);
}

TEST_F(WorkedExample, Step5ChildLabourFloor) {
  const ThemeRisk& child = Theme_(Theme::kChildLabour);
  // Country: SDG 8.7.1 4.3 % → 4.3 / 25 = 0.172; DOL Findings 0.014 → 0.014 / 0.25 = 0.056;
  // mean (0.172 + 0.056) / 2 = 0.114
  EXPECT_NEAR(*child.country_score, 0.114, 1e-9);
  // v2: the sector's high level was found in India, so India's national figure does not
  // lower it: base max(0.8, (0.114 + 0.8) / 2) = 0.8.
  EXPECT_DOUBLE_EQ(*child.sector_score, 0.8);
  EXPECT_TRUE(child.sector_evidence_here);
  // DOL 2022 lists Stones from India for forced child labour → floor 1.0; Sandstone for child
  // and forced labour → floor 0.9. The highest floor wins: max(0.8, 1.0) = 1.0 → flagged.
  EXPECT_DOUBLE_EQ(*child.floor, 1.0);
  EXPECT_DOUBLE_EQ(*child.score, 1.0);
  EXPECT_TRUE(child.flagged);
  EXPECT_NE(child.explanation.en.find("the sector evidence is about India"), std::string::npos)
      << child.explanation.en;
}

TEST_F(WorkedExample, Step6HealthSafetyWithoutCountryData) {
  const ThemeRisk& osh = Theme_(Theme::kHealthSafety);
  // India's only fatal-injury value is from 2007 (< 2012): not scored, so v2 takes India's
  // governance proxy (rule of law, freedom of association) in its place.
  ASSERT_TRUE(osh.country_score.has_value());
  EXPECT_TRUE(osh.country_proxy);
  EXPECT_NE(osh.explanation.en.find("governance proxy"), std::string::npos) << osh.explanation.en;
  // The sector's high level was found in Indian quarries (silicosis): evidence about India is
  // not lowered by a national average, so the theme stays at 0.8 and is flagged.
  EXPECT_TRUE(osh.sector_evidence_here);
  EXPECT_DOUBLE_EQ(*osh.score, 0.8);
  EXPECT_TRUE(osh.flagged);
  EXPECT_NE(osh.explanation.en.find("found in India"), std::string::npos) << osh.explanation.en;
}

}  // namespace
}  // namespace isvgraph::riskdata
