// Products as buyers name them: every good of the DOL list is reachable by its name, the curated
// products also by their usual names and HS codes, and each listing raises its floor when its
// good is asked for in its country.

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "isvgraph/riskdata/knowledge_base.h"
#include "riskdata/shared_kb.h"

namespace isvgraph::riskdata {
namespace {

bool HasDolFlag(const SiteRisk& risk) {
  for (const ThemeRisk& theme : risk.themes) {
    for (const RedFlag& flag : theme.flags) {
      if (flag.rule.rfind("dol_", 0) == 0) return true;
    }
  }
  return false;
}

// One CSV line's fields (quotes as RFC 4180 writes them).
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(Products, BricksPalmOilAndRubberAreReachable) {
  for (const char* name : {"bricks", "Brick", "Bricks (clay)", "690100", "6904"}) {
    auto risk = Kb().AssessSite({.country = "PK", .product = name});
    ASSERT_TRUE(risk) << name << ": " << risk.error().ToString();
    EXPECT_EQ(risk->products.at(0)->id, "bricks") << name;
    EXPECT_TRUE(HasDolFlag(*risk)) << name;  // DOL 2022: bricks from Pakistan
  }
  auto palm = Kb().AssessSite({.country = "ID", .product = "palm oil"});
  ASSERT_TRUE(palm) << palm.error().ToString();
  EXPECT_EQ(palm->products.at(0)->id, "palm_oil");
  EXPECT_TRUE(HasDolFlag(*palm));  // DOL 2022: palm fruit and oil from Indonesia
  auto rubber = Kb().AssessSite({.country = "MM", .product = "natural rubber"});
  ASSERT_TRUE(rubber) << rubber.error().ToString();
  EXPECT_EQ(rubber->products.at(0)->id, "natural_rubber");
  EXPECT_TRUE(HasDolFlag(*rubber));  // DOL 2022: rubber from Burma
  // A good nobody lists stays unknown, and the answer says what is known.
  auto unknown = Kb().AssessSite({.country = "PK", .product = "unobtainium"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("DOL"), std::string::npos);
}

// Every row of the DOL list, asked for by its good's name in its country, raises a DOL floor.
TEST(Products, EveryDolListingIsReachableByItsGoodsName) {
  std::ifstream in(std::string(ISVGRAPH_RISKDATA_DIR) + "/layers/dol_ilab_tvpra_goods_2022.csv");
  ASSERT_TRUE(in);
  std::string line;
  std::getline(in, line);  // header
  size_t rows = 0, reached = 0;
  std::vector<std::string> missed;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = Fields(line);
    ASSERT_GE(f.size(), 4u) << line;
    ++rows;
    auto risk = Kb().AssessSite({.country = f[3], .product = f[0]});
    if (risk && HasDolFlag(*risk)) {
      ++reached;
    } else {
      missed.push_back(f[0] + " / " + f[3] +
                       (risk ? std::string(" (no flag)") : ": " + risk.error().message()));
    }
  }
  EXPECT_GT(rows, 400u);
  std::string all;
  for (const std::string& m : missed) all += m + "; ";
  EXPECT_EQ(reached, rows) << all;
}

}  // namespace
}  // namespace isvgraph::riskdata
