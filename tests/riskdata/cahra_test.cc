// A site without a region in a country the EU CAHRA list covers region by region: taken as
// listed where most of the country's regions are (all 26 provinces of the DRC), a note where
// few are (Mexico), and a note only when the ISO 3166-2 list is not at hand to count them.

#include <gtest/gtest.h>

#include "isvgraph/riskdata/knowledge_base.h"
#include "support/text_print.h"

namespace isvgraph::riskdata {
namespace {

const RedFlag* Flag(const SiteRisk& risk, const std::string& rule) {
  for (const ThemeRisk& theme : risk.themes) {
    for (const RedFlag& flag : theme.flags) {
      if (flag.rule == rule) return &flag;
    }
  }
  return nullptr;
}

TEST(Cahra, ARegionlessSiteWhereMostRegionsAreListedIsTakenAsListed) {
  auto kb = KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR});
  ASSERT_TRUE(kb) << kb.error().ToString();
  bool loaded = false;
  for (const LayerInfo& layer : (*kb)->layers())
    loaded = loaded || (layer.id == "eu_cahra" && layer.loaded);
  if (!loaded) {
    GTEST_SKIP() << "the optional CAHRA layer is not in this data directory";
  }
  auto drc = (*kb)->AssessSite({.country = "CD", .sector = "mining_3tg"});
  ASSERT_TRUE(drc) << drc.error().ToString();
  const RedFlag* unknown = Flag(*drc, "cahra_region_unknown");
  ASSERT_NE(unknown, nullptr);
  EXPECT_NE(unknown->detail.en.find("26 of the 26 regions"), std::string::npos)
      << unknown->detail.en;

  auto mexico = (*kb)->AssessSite({.country = "MX", .sector = "other_mining"});
  ASSERT_TRUE(mexico);
  EXPECT_EQ(Flag(*mexico, "cahra_region_unknown"), nullptr);
  EXPECT_FALSE(mexico->notes.empty());

  auto without = KnowledgeBase::Load(
      {.data_dir = ISVGRAPH_RISKDATA_DIR, .iso_3166_2_path = "/nonexistent/iso_3166-2.json"});
  ASSERT_TRUE(without) << without.error().ToString();
  auto drc_note = (*without)->AssessSite({.country = "CD", .sector = "mining_3tg"});
  ASSERT_TRUE(drc_note);
  EXPECT_EQ(Flag(*drc_note, "cahra_region_unknown"), nullptr);
  EXPECT_FALSE(drc_note->notes.empty());
}

}  // namespace
}  // namespace isvgraph::riskdata
