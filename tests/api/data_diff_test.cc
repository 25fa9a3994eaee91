// A new edition of the risk data, and what it changes for the demo's contracts: exactly the
// contracts whose chains reach the changed listing, each with the listing row that went.

#include "isvgraph/api/data_diff.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "isvgraph/api/demo.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

namespace fs = std::filesystem;

// A copy of the shipped risk data without the DOL rows that start with `prefix`.
std::string DataWithout(const testing::TempDir& dir, const std::string& prefix) {
  const std::string copy = dir.Sub("newdata");
  fs::copy(DefaultRiskDataDir(), copy, fs::copy_options::recursive);
  const std::string goods = copy + "/layers/dol_ilab_tvpra_goods_2022.csv";
  std::ifstream in(goods);
  std::ostringstream kept;
  int dropped = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) {
      ++dropped;
    } else {
      kept << line << "\n";
    }
  }
  in.close();
  EXPECT_EQ(dropped, 1) << prefix;
  std::ofstream(goods) << kept.str();
  return copy;
}

TEST(DataDiff, OneListingGoneNamesTheContractsThatReachIt) {
  testing::TempDir dir;
  auto service = Service::Open({.db_path = dir.Sub("db")});
  ASSERT_TRUE(service) << service.error().ToString();
  ASSERT_TRUE(LoadDemo(**service, DefaultDemoDir(), {}));
  auto next = LoadKnowledgeBase(DataWithout(dir, "Stones,Mining,India,"));
  ASSERT_TRUE(next) << next.error().ToString();

  auto diff = DiffRiskData(**service, *(*service)->risk(), **next);
  ASSERT_TRUE(diff) << diff.error().ToString();
  EXPECT_EQ(diff->contracts_checked, 8u);
  ASSERT_EQ(diff->layers.size(), 1u);
  EXPECT_EQ(diff->layers[0].layer, "dol_goods");
  // Only the kerbstones reach stones from India; the listing went, the flags stand on the
  // sandstone listing that remains.
  ASSERT_EQ(diff->contracts.size(), 1u) << DataDiffText(*diff);
  const ContractDiff& kerbstones = diff->contracts[0];
  EXPECT_EQ(kerbstones.organisation, "rws");
  EXPECT_EQ(kerbstones.contract_id, "RWS-2026-014");
  ASSERT_EQ(kerbstones.changes.size(), 1u);
  EXPECT_EQ(kerbstones.changes[0].what, "listings");
  ASSERT_FALSE(kerbstones.changes[0].causes.empty());
  for (const std::string& cause : kerbstones.changes[0].causes) {
    EXPECT_NE(cause.find("listing gone — dol_goods: US DOL List of Goods 2022 lists Stones from "
                         "India"),
              std::string::npos)
        << cause;
  }
  const std::string text = DataDiffText(*diff);
  EXPECT_NE(text.find("Contracts: 8 checked, 1 with changed"), std::string::npos) << text;

  // The same data on both sides changes nothing; one organisation can be asked alone.
  auto same = DiffRiskData(**service, *(*service)->risk(), *(*service)->risk());
  ASSERT_TRUE(same);
  EXPECT_TRUE(same->contracts.empty());
  EXPECT_TRUE(same->layers.empty());
  auto utrecht = DiffRiskData(**service, *(*service)->risk(), **next, "utrecht");
  ASSERT_TRUE(utrecht);
  EXPECT_TRUE(utrecht->contracts.empty());
  EXPECT_EQ(utrecht->contracts_checked, 2u);
}

}  // namespace
}  // namespace isvgraph::api
