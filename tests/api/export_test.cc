// Export → import round trip: the demo plus records with awkward text and numbers, exported to
// CSV and imported into an empty store, come back as the same sites, links and contracts.

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "api/service_internals.h"
#include "isvgraph/api/demo.h"
#include "isvgraph/api/service.h"
#include "isvgraph/importers/record_import.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

struct ChainData {
  std::vector<graph::Site> sites;
  std::vector<graph::SupplyLink> links;
  std::vector<graph::Contract> contracts;
};

ChainData Everything(const Service& service) {
  ChainData data;
  const graph::ChainStore& store = ServiceInternals::Store(service);
  EXPECT_TRUE(store.ScanSites([&](graph::Site&& s) { data.sites.push_back(std::move(s)); }).ok());
  EXPECT_TRUE(
      store.ScanLinks([&](graph::SupplyLink&& l) { data.links.push_back(std::move(l)); }).ok());
  EXPECT_TRUE(store
                  .ScanContracts([&](graph::Contract&& c) {
                    c.followup.clear();  // follow-up steps are not in any import format
                    data.contracts.push_back(std::move(c));
                  })
                  .ok());
  auto by_text = [](const auto& a, const auto& b) {
    return std::tie(a.organisation, a.supplier_id, a.customer_id, a.product) <
           std::tie(b.organisation, b.supplier_id, b.customer_id, b.product);
  };
  std::sort(data.links.begin(), data.links.end(), by_text);
  return data;
}

TEST(ExportTest, ExportThenImportGivesTheSameSitesLinksAndContracts) {
  isvgraph::testing::TempDir dir;
  auto a = Service::Open({.db_path = dir.Sub("a")});
  ASSERT_TRUE(a) << a.error().ToString();
  ASSERT_TRUE(LoadDemo(**a, DefaultDemoDir()));
  // Text a CSV writer can get wrong, and numbers that need all their digits.
  graph::WriteBatch batch;
  batch.PutSite({.id = "IN-QUARRY-7",
                 .name = "Quarry \"Nord\", Ltd.; Unit 2 — Kṛṣṇagiri",
                 .country = "IN",
                 .region = "IN-TN",
                 .sector = "quarrying_stone",
                 .role = "raw_material",
                 .lat = 12.519876543210123,
                 .lon = 78.21345678901234,
                 .external_ids = {{"lei", "5493001KJTIIGC8Y1R12"}, {"os_id", "IN2026001QRY"}}});
  batch.PutLink({.organisation = "rws",
                 .supplier_id = "IN-QUARRY-7",
                 .customer_id = "IN-EXPORT",
                 .product = "raw granite, \"black galaxy\"",
                 .share = 1.0 / 3,
                 .confidence = "verified",
                 .source = "audit 2026-11, p. 4"});
  batch.PutContract({.id = "RWS-2026-099",
                     .organisation = "rws",
                     .tier1_site_id = "NL-KERB",
                     .title = "Kerbs, setts; \"Zuid\" lot",
                     .cpv = "44912400-0",
                     .value_eur = 987654321098765,  // all 15 digits the importer allows
                     .chain_type = "natural_stone"});
  // Names a spreadsheet would run as formulas (OWASP's CSV injection): written neutralised,
  // imported back as they were.
  batch.PutSite({.id = "FORMULA-1", .name = "=HYPERLINK(\"http://x\",\"click\")", .country = "NL"});
  batch.PutSite(
      {.id = "FORMULA-2", .name = "@SUM(1)", .country = "NL", .lat = -33.92, .lon = 18.42});
  Status written = (*a)->WriteAsOperator(std::move(batch));
  ASSERT_TRUE(written.ok()) << written.ToString();

  auto exported = (*a)->Export({.out_dir = dir.Sub("export")});
  {
    std::ifstream sites(exported->files[0]);
    const std::string text((std::istreambuf_iterator<char>(sites)), {});
    EXPECT_NE(text.find("\"'=HYPERLINK("), std::string::npos);
    EXPECT_NE(text.find(",'@SUM(1),"), std::string::npos);
    EXPECT_NE(text.find(",-33.92,"), std::string::npos);  // a number stays a number
    EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos);
  }
  ASSERT_TRUE(exported) << exported.error().ToString();
  const ChainData before = Everything(**a);
  EXPECT_EQ(exported->sites, before.sites.size());
  EXPECT_EQ(exported->links, before.links.size());
  EXPECT_EQ(exported->contracts, before.contracts.size());

  // Import into an empty store: the registry first, then each organisation's files.
  auto b = Service::Open({.db_path = dir.Sub("b")});
  ASSERT_TRUE(b) << b.error().ToString();
  auto import = [&](const std::string& file, importers::ImportKind kind, const std::string& org) {
    auto report = (*b)->Import({file}, {.kind = kind, .organisation = org});
    ASSERT_TRUE(report) << file << ": " << report.error().ToString();
    EXPECT_TRUE(report->written) << importers::ImportReportText(*report);
    EXPECT_TRUE(report->rejected.empty()) << importers::ImportReportText(*report);
  };
  import(exported->files[0], importers::ImportKind::kSites, "");
  for (const std::string& file : exported->files) {
    const std::string name = std::filesystem::path(file).stem().string();
    for (auto [prefix, kind] : {std::pair{"links-", importers::ImportKind::kLinks},
                                std::pair{"contracts-", importers::ImportKind::kContracts}}) {
      if (name.rfind(prefix, 0) == 0) import(file, kind, name.substr(std::string(prefix).size()));
    }
  }
  const ChainData after = Everything(**b);
  EXPECT_EQ(after.sites, before.sites);
  EXPECT_EQ(after.links, before.links);
  EXPECT_EQ(after.contracts, before.contracts);
  EXPECT_GT(before.sites.size(), 20u);
  EXPECT_GT(before.links.size(), 20u);

  // One organisation's export has only its own links and contracts, and the whole registry.
  auto rws = (*a)->Export({.out_dir = dir.Sub("rws"), .organisation = "rws"});
  ASSERT_TRUE(rws);
  EXPECT_EQ(rws->sites, before.sites.size());
  EXPECT_EQ(rws->files.size(), 3u);
  EXPECT_EQ((*a)->Export({.out_dir = dir.Sub("x"), .organisation = "nobody"}).error().code(),
            StatusCode::kNotFound);
}

TEST(ExportTest, ColumnsAreCanonicalImportColumns) {
  for (auto [columns, kind] :
       {std::pair{&ExportSiteColumns(), importers::ImportKind::kSites},
        std::pair{&ExportLinkColumns(), importers::ImportKind::kLinks},
        std::pair{&ExportContractColumns(), importers::ImportKind::kContracts}}) {
    for (const std::string& column : *columns) {
      const auto& specs = importers::Columns(kind);
      EXPECT_TRUE(std::any_of(specs.begin(), specs.end(),
                              [&](const importers::ColumnSpec& s) { return s.name == column; }))
          << column << " is not a column of " << importers::ImportKindName(kind);
    }
  }
}

}  // namespace
}  // namespace isvgraph::api
