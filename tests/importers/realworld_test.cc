// Open Supply Hub and Open Apparel Registry lists as others published them
// (../shared/realworld/osh, with EXPECTED.md): every file imports whole — English, upper-case
// and former country names, a legacy .xls workbook, a UTF-8 BOM. Skipped where ../shared is
// absent.

#include <filesystem>
#include <map>

#include "importers/import_fixture.h"

namespace isvgraph::importers {
namespace {

namespace fs = std::filesystem;

const std::string kRealWorld = std::string(ISVGRAPH_SOURCE_DIR) + "/../shared/realworld/osh/";

class RealWorldOsh : public ImportTest {
 protected:
  void SetUp() override {
    if (!fs::is_directory(kRealWorld)) GTEST_SKIP() << "no " << kRealWorld;
    ImportTest::SetUp();
  }
};

TEST_F(RealWorldOsh, EveryListImportsWhole) {
  // The facility counts EXPECTED.md names; the other files hold what their rows hold.
  const std::map<std::string, size_t> facilities = {
      {"osh_facility_list_12.csv", 15},
      {"osh_facility_list_12.xlsx", 15},
      {"osh_facility_list_12_legacy.xls", 15},
      {"osh_fixture_spring2017_apparel_list.csv", 54},
      {"osh_fixture_summer2019_affiliate_list.csv", 77},
      {"oar_contributor_template_minimal.csv", 1},
      {"oar_contributor_template_with_ppe.csv", 1},
      {"oar_contributor_template_with_ppe.xlsx", 1},
      {"osh_upload_with_utf8_bom_extra_column.csv", 2},
  };
  for (const auto& entry : fs::directory_iterator(kRealWorld)) {
    const std::string name = entry.path().filename().string();
    SetUp();  // a fresh store per file
    auto report =
        Import({entry.path().string()},
               {.kind = ImportKind::kOpenSupplyHub, .organisation = "buyer", .dry_run = true});
    ASSERT_TRUE(report) << name << ": " << report.error().ToString();
    for (const auto& rejected : report->rejected) {
      ADD_FAILURE() << name << " rejected at line " << rejected.line << ": " << rejected.reason;
    }
    EXPECT_EQ(report->accepted, report->rows) << name;
    if (auto expected = facilities.find(name); expected != facilities.end()) {
      EXPECT_EQ(report->created, expected->second) << name;
    }
  }
}

}  // namespace
}  // namespace isvgraph::importers
