#pragma once

// The fixture of the importer tests: an in-memory chain graph, the real knowledge base, a
// temporary directory to write files in, and GDAL helpers to build workbooks and layers.

#include <fstream>
#include <gdal_priv.h>
#include <memory>
#include <ogrsf_frmts.h>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "isvgraph/importers/record_import.h"
#include "support/temp_dir.h"

namespace isvgraph::importers {

inline std::shared_ptr<const riskdata::KnowledgeBase> Kb() {
  static std::shared_ptr<const riskdata::KnowledgeBase> kb = [] {
    auto loaded = riskdata::KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR});
    EXPECT_TRUE(loaded) << loaded.error().ToString();
    return std::shared_ptr<const riskdata::KnowledgeBase>(std::move(loaded).value());
  }();
  return kb;
}

class ImportTest : public ::testing::Test {
 public:
  void SetUp() override {
    GDALAllRegister();
    auto model =
        graph::RiskTable::FromRows({{"IN", "quarrying_stone", "child_labour", 900}}, "test-table");
    auto graph = graph::ChainGraph::Open(graph::NewMemoryStore(), std::move(model).value(), {});
    ASSERT_TRUE(graph);
    graph_ = std::move(graph).value();
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Result<ImportReport> Import(const std::vector<std::string>& files, ImportOptions options) {
    return ImportFiles(*graph_, *Kb(), files, options);
  }
  // A sheet of text cells: the first row becomes the field names (row 1 in the workbook).
  static void AddSheet(GDALDataset& workbook, const std::string& name,
                       const std::vector<std::vector<std::string>>& rows) {
    OGRLayer* layer = workbook.CreateLayer(name.c_str(), nullptr, wkbNone, nullptr);
    ASSERT_NE(layer, nullptr);
    for (const std::string& header : rows.front()) {
      OGRFieldDefn field(header.c_str(), OFTString);
      ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
    }
    for (size_t r = 1; r < rows.size(); ++r) {
      OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
      for (size_t c = 0; c < rows[r].size(); ++c) {
        if (!rows[r][c].empty()) feature->SetField(static_cast<int>(c), rows[r][c].c_str());
      }
      ASSERT_EQ(layer->CreateFeature(feature.get()), OGRERR_NONE);
    }
  }
  static GDALDatasetUniquePtr Create(const char* driver_name, const std::string& path) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    EXPECT_NE(driver, nullptr) << driver_name;
    return GDALDatasetUniquePtr(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  }

 protected:
  isvgraph::testing::TempDir dir_;
  std::unique_ptr<graph::ChainGraph> graph_;
};

}  // namespace isvgraph::importers
