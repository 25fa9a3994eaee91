// Files as others published them (../shared/realworld, with EXPECTED.md), each checked for
// what EXPECTED.md says a user should get: Open Supply Hub and Open Apparel Registry lists
// import whole (English, upper-case and former country names, a legacy .xls workbook, a UTF-8
// BOM); OCDS files import (encodings, arrays and streams of packages, versioned releases,
// suppliers without an address, other currencies) or are refused in one clear sentence; GDAL's
// odd GeoJSON and GeoPackage files are refused with the reason, never with empty parentheses.
// Skipped where ../shared is absent.

#include <filesystem>
#include <map>
#include <set>

#include "importers/import_fixture.h"
#include "isvgraph/base/utf8.h"
#include "support/text_print.h"

namespace isvgraph::importers {
namespace {

namespace fs = std::filesystem;

const std::string kShared = std::string(ISVGRAPH_SOURCE_DIR) + "/../shared/realworld/";
const std::string kRealWorld = kShared + "osh/";

class RealWorldOsh : public ImportTest {
 protected:
  void SetUp() override {
    if (!fs::is_directory(kRealWorld)) GTEST_SKIP() << "no " << kRealWorld;
    ImportTest::SetUp();
  }
};

using RealWorld = RealWorldOsh;

// What EXPECTED.md says of one OCDS or geo file: imported (no rejection; at least `contracts`),
// or refused (an error) — either way with `says` in the report or the error.
struct Expected {
  bool imports;
  size_t contracts;
  std::string says;
};

void Check(const std::string& name, const Result<ImportReport>& report, const Expected& expected) {
  SCOPED_TRACE(name);
  if (!expected.imports) {
    ASSERT_FALSE(report) << ImportReportText(*report);
    const std::string message = report.error().message();
    EXPECT_NE(message.find(expected.says), std::string::npos) << message;
    EXPECT_EQ(message.find("()"), std::string::npos) << message;
    EXPECT_EQ(message.find("ERROR 1"), std::string::npos) << message;
    return;
  }
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ImportReportText(*report);
  EXPECT_TRUE(report->rejected.empty()) << text;
  EXPECT_GE(report->contracts, expected.contracts) << text;
  EXPECT_NE(text.find(expected.says), std::string::npos) << text;
  for (const SiteMatch& match : report->matches) EXPECT_TRUE(IsUtf8(match.input_name)) << text;
}

TEST_F(RealWorld, EveryOcdsFileGetsWhatExpectedMdSays) {
  const std::map<std::string, Expected> expected = {
      {"cdmx_release_package_ISO-8859-1_encoded.json", {true, 1, "read as ISO-8859-1"}},
      {"cdmx_release_packages_jsonlines.json", {true, 2, "MXN converted to EUR"}},
      {"cdmx_versioned_release.json", {true, 1, "a versioned release"}},
      {"fictional_award_flattened.xlsx", {false, 0, "flatten-tool"}},
      {"fictional_ocds11_release_package_6releases.json", {true, 1, "GBP converted to EUR"}},
      {"merge_identifier_duplicate_id.json", {true, 0, "no awards yet"}},
      {"merge_releases_array_suppliers_no_ids.json", {true, 1, "'Acme Inc.': country unknown"}},
      {"ocds12_award_release_package_country_code.json", {true, 1, "GBP converted to EUR"}},
      {"ocds12_record_package_contract.json", {true, 1, "GBP converted to EUR"}},
      {"opentender_release_package_no_releases.json",
       {true, 0, "a package without releases or records"}},
      {"paraguay_record_package_small.json", {true, 1, "PYG is not converted"}},
      {"portugal_base_release_packages_in_array.json", {true, 100, "country unknown"}},
      {"release_package_duplicate_party_ids.json", {true, 0, "no awards yet"}},
      {"release_packages_concatenated_arrays.jsonl", {true, 0, "no awards yet"}},
      {"ted_doffin_2024-110489_alpha3_country.json", {true, 1, "NOK converted to EUR"}},
      {"ted_doffin_can_social_2023-653024.json", {true, 1, "NOK converted to EUR"}},
      {"ted_doffin_cn_social_2024-102327.json", {true, 0, "no awards yet"}},
      {"ted_eforms_can24_maximal.json", {true, 1, "names no supplier"}},
  };
  // No buyer named (the merge fixtures) or many buyers in one national file: the owner given.
  const std::set<std::string> owner_given = {"merge_releases_array_suppliers_no_ids.json",
                                             "portugal_base_release_packages_in_array.json"};
  for (const auto& entry : fs::directory_iterator(kShared + "ocds/")) {
    const std::string name = entry.path().filename().string();
    SetUp();  // a fresh store per file
    auto report =
        Import({entry.path().string()}, {.kind = ImportKind::kOcds,
                                         .organisation = owner_given.count(name) ? "buyer" : "",
                                         .dry_run = true});
    if (name == "release_then_number_mixed.json") {  // a release, then a bare number
      ASSERT_TRUE(report) << report.error().ToString();
      ASSERT_EQ(report->rejected.size(), 1u) << ImportReportText(*report);
      EXPECT_EQ(report->rejected[0].line, 2);
      continue;
    }
    auto it = expected.find(name);
    if (it == expected.end()) {
      ADD_FAILURE() << name << ": not in this test's copy of EXPECTED.md";
      continue;
    }
    Check(name, report, it->second);
  }
}

TEST_F(RealWorld, EveryGeoFileGetsWhatExpectedMdSays) {
  const std::map<std::string, Expected> expected = {
      {"gdal_crs_epsg27700_property_named_type.json", {false, 0, "'name'"}},  // read, in BNG
      {"gdal_esrijson_trailing_commas_not_geojson.json", {false, 0, "Esri JSON, not GeoJSON"}},
      {"gdal_nullvalues_geometrycollection_with_features.geojson",
       {false, 0, "GDAL says: Invalid GeometryCollection object"}},
      {"gdal_bare_geometrycollection_epsg26915.geojson", {false, 0, "'name'"}},
      {"gdal_featuretype_crs_urn_4326.json", {false, 0, "'name'"}},
      {"gdal_ids_null_and_duplicate.json", {false, 0, "'name'"}},
      {"gdal_sparse_fields.geojson", {false, 0, "'name'"}},
      {"gpkg_null_values_fixture.gpkg", {false, 0, "'name'"}},
  };
  for (const auto& entry : fs::directory_iterator(kShared + "geo/")) {
    const std::string name = entry.path().filename().string();
    SetUp();
    auto report = Import({entry.path().string()}, {.kind = ImportKind::kGeo, .dry_run = true});
    auto it = expected.find(name);
    if (it == expected.end()) {
      ADD_FAILURE() << name << ": not in this test's copy of EXPECTED.md";
      continue;
    }
    Check(name, report, it->second);
    // A point layer needs no country column: only the name is asked for.
    if (!report && it->second.says == "'name'") {
      EXPECT_EQ(report.error().message().find("'country'"), std::string::npos)
          << report.error().message();
    }
  }
}

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
