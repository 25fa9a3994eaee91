// A malformed or missing data file stops loading with file, line and reason.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "isvgraph/riskdata/knowledge_base.h"
#include "support/temp_dir.h"

namespace isvgraph::riskdata {
namespace {

namespace fs = std::filesystem;
using isvgraph::testing::TempDir;

class LoadErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.Sub("data");
    fs::copy(ISVGRAPH_RISKDATA_DIR, data_, fs::copy_options::recursive);
  }

  // Replaces the first occurrence of `from` in a data file.
  void Edit(const std::string& file, const std::string& from, const std::string& to) {
    const std::string path = data_ + "/" + file;
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    std::string content = text.str();
    const size_t at = content.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    content.replace(at, from.size(), to);
    std::ofstream(path, std::ios::trunc) << content;
  }

  Status LoadStatus() {
    auto kb = KnowledgeBase::Load({.data_dir = data_});
    return kb ? Status::Ok() : kb.error();
  }

  TempDir dir_;
  std::string data_;
};

TEST_F(LoadErrors, CopiedDataLoads) { EXPECT_TRUE(LoadStatus().ok()); }

TEST_F(LoadErrors, MissingFileNamesIt) {
  fs::remove(data_ + "/layers/wgi_2023.csv");
  Status s = LoadStatus();
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("layers/wgi_2023.csv: file not found"), std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, MalformedNumberNamesFileLineAndColumn) {
  // Afghanistan is the second data row of the WGI file: line 3.
  Edit("layers/wgi_2023.csv", "AFG,AFG,Afghanistan,2023,-1.85,2.0,0.13,9,-2.48",
       "AFG,AFG,Afghanistan,2023,-1.85,2.0,0.13,9,minus");
  Status s = LoadStatus();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("layers/wgi_2023.csv:3: column 'pv_estimate': 'minus' is not a "
                             "number"),
            std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, UnknownCountryCodeIsRejected) {
  Edit("layers/sdg_8_8_2_labour_rights.csv", "AFG,AF,004", "ZZZ,AF,004");
  Status s = LoadStatus();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("sdg_8_8_2_labour_rights.csv:2: column 'iso3': unknown ISO 3166 "
                             "alpha-3 code 'ZZZ'"),
            std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, MissingColumnIsRejected) {
  Edit("layers/vdem_v14_2023.csv", "v2xcl_slave,", "v2xcl_slave_renamed,");
  Status s = LoadStatus();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("vdem_v14_2023.csv:1: missing column 'v2xcl_slave'"),
            std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, CuratedReferenceMustExist) {
  Edit("curated/products.csv", "Stones|Sandstone", "Stonez|Sandstone");
  Status s = LoadStatus();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("curated/products.csv:2: column 'dol_goods': not a DOL good: "
                             "'Stonez'"),
            std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, SectorTableMustBeComplete) {
  Edit("curated/sector_theme_risk.csv", "logistics,conflict,low", "logistics,conflict,severe");
  Status s = LoadStatus();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("column 'level': must be low, medium or high"), std::string::npos)
      << s.message();
}

// Methodology v2's place-bound sector evidence: a code that is no country, or "dol" on a theme
// the DOL list does not cover, stops loading with the line that says it.
TEST_F(LoadErrors, SectorEvidencePlacesMustBeCountriesOrDol) {
  Edit("curated/sector_theme_risk.csv", "discriminatie op grond van kaste van groevearbeiders,IN",
       "discriminatie op grond van kaste van groevearbeiders,India");
  Status s = LoadStatus();
  EXPECT_NE(s.message().find("'India' is not an ISO alpha-2 code"), std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, DolEvidenceOnlyForChildAndForcedLabour) {
  Edit("curated/sector_theme_risk.csv", "discriminatie op grond van kaste van groevearbeiders,IN",
       "discriminatie op grond van kaste van groevearbeiders,dol");
  Status s = LoadStatus();
  EXPECT_NE(s.message().find("'dol' applies to child and forced labour only"), std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, TenderActionsNeedAKnownKindAndGroup) {
  Edit("curated/group_actions.csv", "natural_stone,initiative,", "natural_stone,certificate,");
  Status s = LoadStatus();
  EXPECT_NE(s.message().find("group_actions.csv"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("contract_element, initiative or living_wage"), std::string::npos)
      << s.message();
}

TEST_F(LoadErrors, MeasuresForAnUnknownGroupAreRejected) {
  Edit("curated/theme_measures.csv", "child_labour,natural_stone,", "child_labour,granite,");
  Status s = LoadStatus();
  EXPECT_NE(s.message().find("unknown product group granite"), std::string::npos) << s.message();
}

TEST_F(LoadErrors, CountryAliasMustNameAKnownCountryOnce) {
  Edit("curated/country_aliases.csv", "Burma,MM,", "Burma,XX,");
  Status s = LoadStatus();
  EXPECT_NE(s.message().find("country_aliases.csv"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("unknown country code 'XX'"), std::string::npos) << s.message();
}

TEST_F(LoadErrors, UnknownIsicCodeIsRejected) {
  Edit("curated/sectors.csv", ",0810,", ",0819,");
  Status s = LoadStatus();
  EXPECT_NE(s.message().find("unknown ISIC Rev.4 0819"), std::string::npos) << s.message();
}

TEST_F(LoadErrors, OptionalCahraLayerMayBeAbsent) {
  fs::remove(data_ + "/optional/eu_cahra_indicative_2026_06.csv");
  auto kb = KnowledgeBase::Load({.data_dir = data_});
  ASSERT_TRUE(kb) << kb.error().ToString();
  for (const LayerInfo& layer : (*kb)->layers()) {
    EXPECT_EQ(layer.loaded, layer.id != "eu_cahra") << layer.id;
  }
  auto site = (*kb)->AssessSite({.country = "CD", .region = "CD-NK"});
  ASSERT_TRUE(site);
  ASSERT_FALSE(site->notes.empty());
  EXPECT_NE(site->notes[0].en.find("eu_cahra"), std::string::npos);
}

TEST_F(LoadErrors, BadOptions) {
  EXPECT_EQ(KnowledgeBase::Load({.data_dir = ""}).error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(KnowledgeBase::Load({.data_dir = dir_.Sub("absent")}).error().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(KnowledgeBase::Load({.data_dir = data_, .flag_threshold = 0}).error().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace isvgraph::riskdata
