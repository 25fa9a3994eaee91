// SiteNames: the name rules on a table of its own, and the registry's tables that ChainGraph
// keeps current: loaded from the store on first use, patched by small writes (new, renamed,
// moved and deleted sites), forgotten by a bulk write, and read by many threads while written.

#include "isvgraph/graph/site_names.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::graph {
namespace {

Site Named(const std::string& id, const std::string& name, const std::string& country,
           std::optional<double> lat = std::nullopt, std::optional<double> lon = std::nullopt) {
  return Site{
      .id = id, .name = name, .country = country, .sector = "plain", .lat = lat, .lon = lon};
}

void PutNamed(SiteNames& names, const Site& site) {
  names.Put(site.id, site, NormaliseCompanyName(site.name));
}

NameMatch FindNamed(const SiteNames& names, const std::string& country, const std::string& name,
                    std::optional<double> lat = std::nullopt,
                    std::optional<double> lon = std::nullopt) {
  return names.Find(country, NormaliseCompanyName(name), lat, lon);
}

TEST(NormaliseCompanyName, DropsCaseLegalFormsAndPunctuation) {
  EXPECT_EQ(NormaliseCompanyName("Indigo Garments FZE"), "indigo garments");
  EXPECT_EQ(NormaliseCompanyName("INDIGO GARMENTS F.Z.E."), "indigo garments");
  EXPECT_EQ(NormaliseCompanyName("O'Neil & Sons (Pvt) Ltd"), "oneil sons");
  EXPECT_EQ(NormaliseCompanyName("Ltd."), "");
}

TEST(SiteNames, SameNameThenSimilarNameWithinTheCountry) {
  SiteNames names(nullptr);
  PutNamed(names, Named("S1", "Shanti Granite Exports Pvt Ltd", "IN", 12.52, 78.21));
  PutNamed(names, Named("S2", "Dhaka Knit Composite Mills Ltd", "BD"));
  PutNamed(names, Named("S3", "Unit 7 Weaving", "BD"));

  NameMatch same = FindNamed(names, "IN", "SHANTI GRANITE EXPORTS", 12.521, 78.211);
  EXPECT_EQ(same.site_id, "S1");
  EXPECT_EQ(same.rule, "name+country");
  EXPECT_DOUBLE_EQ(same.score, 1.0);  // within 1 km

  NameMatch similar = FindNamed(names, "BD", "Dhaka Knit Composite Mills Textile");
  EXPECT_EQ(similar.site_id, "S2");
  EXPECT_EQ(similar.rule, "similar name+country");
  EXPECT_DOUBLE_EQ(similar.score, 0.72);  // 0.9 × 4/5

  EXPECT_EQ(FindNamed(names, "BD", "Shanti Granite Exports").site_id, "");  // other country
  EXPECT_EQ(FindNamed(names, "IN", "Shanti Granite Exports", 13.5, 78.2).site_id, "")
      << "110 km apart: another site of the same company";
  EXPECT_EQ(FindNamed(names, "BD", "Unit 8 Weaving").site_id, "") << "numbered words differ";
  EXPECT_EQ(FindNamed(names, "BD", "Completely Unknown Words").site_id, "");
  EXPECT_EQ(names.Find("BD", "", std::nullopt, std::nullopt).site_id, "");
}

TEST(SiteNames, PutReplacesDeleteRemovesAndTheFirstOfEqualNamesWins) {
  SiteNames names(nullptr);
  PutNamed(names, Named("A", "Kaveri Stone", "IN"));
  PutNamed(names, Named("B", "Kaveri Stone", "IN"));
  EXPECT_EQ(FindNamed(names, "IN", "Kaveri Stone").site_id, "A");

  PutNamed(names, Named("A", "Godavari Stone", "IN"));  // renamed
  EXPECT_EQ(FindNamed(names, "IN", "Kaveri Stone").site_id, "B");
  EXPECT_EQ(FindNamed(names, "IN", "Godavari Stone").site_id, "A");

  PutNamed(names, Named("A", "Godavari Stone", "CN"));  // moved to another country
  EXPECT_EQ(FindNamed(names, "IN", "Godavari Stone").site_id, "");
  EXPECT_EQ(FindNamed(names, "CN", "Godavari Stone").site_id, "A");

  names.Delete("B");
  EXPECT_EQ(FindNamed(names, "IN", "Kaveri Stone").site_id, "");
}

TEST(SiteNames, ManyRenamesOfOneSiteLeaveOnlyItsLastName) {
  SiteNames names(nullptr);
  PutNamed(names, Named("KEEP", "Steady Spinning", "PK"));
  for (int i = 0; i < 5000; ++i) {  // enough dead entries to compact the table several times
    PutNamed(names, Named("CHURN", "Churn Textiles " + std::to_string(i % 2 ? 1 : 2), "PK"));
  }
  EXPECT_EQ(FindNamed(names, "PK", "Churn Textiles 1").site_id, "CHURN");
  EXPECT_EQ(FindNamed(names, "PK", "Churn Textiles 2").site_id, "");
  EXPECT_EQ(FindNamed(names, "PK", "Steady Spinning").site_id, "KEEP");
}

std::shared_ptr<const SiteRiskModel> Model() {
  return RiskTable::FromRows(
             {{"IN", "plain", "corruption", 100}, {"BD", "plain", "corruption", 100}}, "test-table")
      .value();
}

class RegistryNamesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto graph = ChainGraph::Open(NewMemoryStore(), Model(), {});
    ASSERT_TRUE(graph) << graph.error().ToString();
    graph_ = std::move(graph).value();
    WriteBatch batch;
    batch.PutSite(Named("IN-1", "Kaveri Granite", "IN"));
    batch.PutSite(Named("BD-1", "Meghna Knitwear", "BD"));
    ASSERT_TRUE(graph_->Apply(std::move(batch)).ok());
  }
  const SiteNames& names() const { return graph_->site_names(); }
  void Write(WriteBatch batch) {
    Status status = graph_->Apply(std::move(batch));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  std::unique_ptr<ChainGraph> graph_;
};

TEST_F(RegistryNamesTest, LoadsACountryOnFirstUseAndFollowsSmallWrites) {
  EXPECT_EQ(names().loaded_countries(), 0u);
  EXPECT_EQ(FindNamed(names(), "IN", "Kaveri Granite").site_id, "IN-1");
  EXPECT_EQ(names().loaded_countries(), 1u);

  WriteBatch add;
  add.PutSite(Named("IN-2", "Tungabhadra Granite", "IN"));
  add.PutSite(Named("IN-1", "Kaveri Black Granite", "IN"));  // renamed
  Write(std::move(add));
  EXPECT_EQ(FindNamed(names(), "IN", "Tungabhadra Granite").site_id, "IN-2");
  EXPECT_EQ(FindNamed(names(), "IN", "Kaveri Black Granite").site_id, "IN-1");
  EXPECT_EQ(FindNamed(names(), "IN", "Kaveri Granite").site_id, "") << "renamed (overlap 2/3)";

  WriteBatch remove;
  remove.DeleteSite("IN-2");
  Write(std::move(remove));
  EXPECT_EQ(FindNamed(names(), "IN", "Tungabhadra Granite").site_id, "");
  EXPECT_EQ(names().loaded_countries(), 1u) << "a small write patches, it does not drop";
}

TEST_F(RegistryNamesTest, PreloadReadsEveryCountryUntilStopped) {
  names().Preload([] { return true; });
  EXPECT_EQ(names().loaded_countries(), 0u);
  int asked = 0;
  names().Preload([&] { return ++asked > 3; });
  EXPECT_EQ(names().loaded_countries(), 3u);  // AA, AB, AC
  names().Preload([] { return false; });
  EXPECT_EQ(names().loaded_countries(), 26u * 26u);
  EXPECT_EQ(FindNamed(names(), "BD", "Meghna Knitwear").site_id, "BD-1");
}

TEST_F(RegistryNamesTest, ABulkWriteIsReadFromTheStoreAgain) {
  EXPECT_EQ(FindNamed(names(), "BD", "Meghna Knitwear").site_id, "BD-1");
  WriteBatch bulk;
  for (size_t i = 0; i <= ChainGraph::kPatchLimit; ++i) {
    bulk.PutSite(Named("BD-BULK-" + std::to_string(i), "Bulk Mill " + std::to_string(i), "BD"));
  }
  Write(std::move(bulk));
  EXPECT_EQ(names().loaded_countries(), 0u);
  EXPECT_EQ(FindNamed(names(), "BD", "Bulk Mill 7777").site_id, "BD-BULK-7777");
  EXPECT_EQ(FindNamed(names(), "BD", "Meghna Knitwear").site_id, "BD-1");
}

TEST_F(RegistryNamesTest, ReadersOnManyThreadsWhileSitesAreWritten) {
  std::atomic<bool> done{false};
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&]() {
      while (!done) {
        // The site that is never written must always be found, whatever else happens.
        if (FindNamed(names(), "BD", "Meghna Knitwear").site_id != "BD-1") ++wrong;
        (void)FindNamed(names(), "BD", "Writer Mill 3");
      }
    });
  }
  for (int i = 0; i < 300; ++i) {
    WriteBatch batch;
    batch.PutSite(Named("BD-W" + std::to_string(i % 10), "Writer Mill " + std::to_string(i), "BD"));
    Write(std::move(batch));
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(FindNamed(names(), "BD", "Writer Mill 299").site_id, "BD-W9");
  EXPECT_EQ(FindNamed(names(), "BD", "Writer Mill 3").site_id, "") << "renamed since";
}

}  // namespace
}  // namespace isvgraph::graph
