// UFLPA Entity List matching on the names buyers write: without the legal form, with accents or
// another script, by the short name; and near misses — firms that share a word or a place with
// a listed one — do not match.

#include <gtest/gtest.h>

#include "isvgraph/riskdata/knowledge_base.h"
#include "riskdata/shared_kb.h"

namespace isvgraph::riskdata {
namespace {

// The UFLPA entity flag's text for a site of that name in China, or "" when none.
std::string EntityFlag(const std::string& name) {
  auto risk = Kb().AssessSite({.country = "CN", .name = name});
  EXPECT_TRUE(risk) << risk.error().ToString();
  if (!risk) return "";
  for (const ThemeRisk& theme : risk->themes) {
    for (const RedFlag& flag : theme.flags) {
      if (flag.rule == "uflpa_entity") return flag.detail.en;
    }
  }
  return "";
}

TEST(EntityNames, ListedFirmsMatchAsBuyersWriteThem) {
  // The full legal name, as before.
  EXPECT_NE(EntityFlag("Hoshine Silicon Industry (Shanshan) Co., Ltd."), "");
  // Without the legal form or the place in parentheses.
  EXPECT_NE(EntityFlag("Hoshine Silicon Industry").find("legal form"), std::string::npos);
  EXPECT_NE(EntityFlag("HOSHINE SILICON INDUSTRY CO LTD"), "");
  // With accents a spreadsheet added.
  EXPECT_NE(EntityFlag("Hoshine Silicon Indústry"), "");
  // By the short name, with a word to check the legal name.
  const std::string short_name = EntityFlag("Hoshine Silicon");
  EXPECT_NE(short_name.find("short name"), std::string::npos) << short_name;
  EXPECT_NE(EntityFlag("Anhui Xinya"), "");
  EXPECT_NE(EntityFlag("Aksu Huafu Color Spinning"), "");
}

TEST(EntityNames, NearMissesDoNotMatch) {
  for (const char* name : {"Hoshine Trading GmbH", "Silicon Industry Co., Ltd.", "Anhui Cotton",
                           "China Cotton", "Aksu Textiles Co.", "Jiangsu Meike Electronics",
                           "Hubei Trading", "Camel Outdoor Products", "Xinya", "Co., Ltd."}) {
    EXPECT_EQ(EntityFlag(name), "") << name;
  }
}

}  // namespace
}  // namespace isvgraph::riskdata
