// Imports of real-shaped files: part of the Open Supply Hub sample, site lists with other
// spellings of the headers and countries (CSV and an XLSX built here with GDAL), links and
// contracts with the mistakes people make. Rejected rows are reported by file, line and column;
// with any of them nothing is written unless partial imports are accepted.

#include "import_fixture.h"

namespace isvgraph::importers {
namespace {

using RecordImportTest = ImportTest;

TEST_F(RecordImportTest, OpenSupplyHubSampleImportsAndReimportsAsMatches) {
  const std::string file = std::string(ISVGRAPH_TEST_DATA) + "/importers/osh_sample_200.csv";
  auto first = Import({file}, {.kind = ImportKind::kOpenSupplyHub});
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->rows, 200u);
  EXPECT_TRUE(first->rejected.empty());
  EXPECT_TRUE(first->written);
  EXPECT_EQ(first->created + first->matched, 200u);
  EXPECT_GT(first->created, 150u);
  EXPECT_EQ(graph_->stats().sites, first->created);
  // The first row: Indigo Garments FZE, Sharjah (UAE → AE), apparel → garment_making.
  const SiteMatch& indigo = first->matches.front();
  EXPECT_EQ(indigo.line, 2);
  auto site = graph_->store().GetSite(indigo.site_id);
  ASSERT_TRUE(site);
  EXPECT_EQ(site->country, "AE");
  EXPECT_EQ(site->sector, "garment_making");
  EXPECT_NEAR(*site->lat, 25.3323584, 1e-9);

  // The same list again creates nothing: every row finds its site by name and country.
  auto again = Import({file}, {.kind = ImportKind::kOpenSupplyHub});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->created, 0u);
  EXPECT_EQ(again->matched, 200u);
  EXPECT_EQ(graph_->stats().sites, first->created);
  for (const SiteMatch& m : again->matches) EXPECT_GE(m.score, 0.675) << m.input_name;
}

TEST_F(RecordImportTest, HeadersAndCountriesAreReadTolerantly) {
  const std::string file = Write("suppliers.csv",
                                 "Facility Name;LAND;Latitude;lng;OS ID;Sector\n"
                                 "Sri Ganesh Granites Pvt. Ltd.;India;12.97;77.59;IN2024X;quarry\n"
                                 "Mill Two;bgd;;;;garments\n"
                                 "Quarry Three;in;;;;Quarrying stone\n");
  auto report = Import({file}, {.kind = ImportKind::kSites});
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->rejected.empty()) << ImportReportText(*report);
  ASSERT_EQ(report->created, 3u);
  auto ganesh = graph_->store().GetSite(report->matches[0].site_id);
  ASSERT_TRUE(ganesh);
  EXPECT_EQ(ganesh->id, "IN-sri-ganesh-granites");
  EXPECT_EQ(ganesh->sector, "quarrying_stone");  // a unique prefix of a taxonomy id
  EXPECT_EQ(ganesh->external_ids.at("os_id"), "IN2024X");
  EXPECT_EQ(graph_->store().GetSite(report->matches[1].site_id)->country, "BD");
  EXPECT_EQ(graph_->store().GetSite(report->matches[1].site_id)->sector, "garment_making");

  // Another spelling of the same company, its OS ID, or a numbered branch.
  const std::string second = Write("more.csv",
                                   "name,country,os_id\n"
                                   "SRI GANESH GRANITES PRIVATE LIMITED,IND,\n"
                                   "Some trader,IN,IN2024X\n"
                                   "Mill Two Unit 2,BD,\n");
  auto matched = Import({second}, {.kind = ImportKind::kSites, .dry_run = true});
  ASSERT_TRUE(matched);
  EXPECT_EQ(matched->matches[0].rule, "name+country");
  EXPECT_EQ(matched->matches[0].site_id, "IN-sri-ganesh-granites");
  EXPECT_EQ(matched->matches[1].rule, "os_id");
  EXPECT_EQ(matched->matches[2].rule, "new");  // "unit 2" is not "Mill Two"
  EXPECT_FALSE(matched->written);
  EXPECT_EQ(graph_->stats().sites, 3u);  // a dry run writes nothing
}

TEST_F(RecordImportTest, RejectedRowsNameFileLineAndColumnAndStopTheWrite) {
  const std::string file = Write("sites.csv",
                                 "id,name,country,lat,lon\n"
                                 "A,Good one,NL,52.1,5.1\n"
                                 "B,Nowhere,Atlantis,,\n"
                                 "C,,IN,,\n"
                                 "D,Off the map,IN,95,77\n"
                                 "E,Good two,IN,,\n");
  auto report = Import({file}, {.kind = ImportKind::kSites});
  ASSERT_TRUE(report);
  ASSERT_EQ(report->rejected.size(), 3u) << ImportReportText(*report);
  EXPECT_EQ(report->rejected[0].line, 3);
  EXPECT_EQ(report->rejected[0].column, "country");
  EXPECT_EQ(report->rejected[1].line, 4);
  EXPECT_EQ(report->rejected[1].column, "name");
  EXPECT_EQ(report->rejected[2].column, "lat");
  EXPECT_EQ(report->rejected[2].file, file);
  EXPECT_FALSE(report->written);
  EXPECT_EQ(graph_->stats().sites, 0u);
  EXPECT_NE(ImportReportText(*report).find("sites.csv:4: name: is required"), std::string::npos)
      << ImportReportText(*report);

  auto partial = Import({file}, {.kind = ImportKind::kSites, .accept_partial = true});
  ASSERT_TRUE(partial);
  EXPECT_TRUE(partial->written);
  EXPECT_EQ(graph_->stats().sites, 2u);  // exactly A and E
  EXPECT_TRUE(graph_->store().GetSite("E"));
}

TEST_F(RecordImportTest, SpreadsheetsAreReadThroughGdal) {
  const std::string path = dir_.Sub("sites.xlsx");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("XLSX");
  ASSERT_NE(driver, nullptr);
  {
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_NE(ds, nullptr);
    OGRLayer* notes = ds->CreateLayer("Instructions", nullptr, wkbNone, nullptr);
    OGRFieldDefn text("Read me", OFTString);
    ASSERT_EQ(notes->CreateField(&text), OGRERR_NONE);
    OGRLayer* layer = ds->CreateLayer("Suppliers", nullptr, wkbNone, nullptr);
    for (const char* name : {"Company Name", "Country", "Role"}) {
      OGRFieldDefn field(name, OFTString);
      ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
    }
    for (auto [name, country] :
         {std::pair{"Xiamen Stone Trading", "China"}, std::pair{"Bad Country Co", "Narnia"}}) {
      OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
      feature->SetField(0, name);
      feature->SetField(1, country);
      feature->SetField(2, "processor");
      ASSERT_EQ(layer->CreateFeature(feature.get()), OGRERR_NONE);
    }
  }
  auto report = Import({path}, {.kind = ImportKind::kSites});
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_EQ(report->rejected[0].sheet, "Suppliers");
  EXPECT_EQ(report->rejected[0].line, 3);  // spreadsheet row 3: the header is row 1
  EXPECT_EQ(report->rejected[0].column, "country");
  bool skipped = false;
  for (const i18n::Text& w : report->warnings) {
    skipped = skipped || w.en.find("Instructions: no sites columns") != std::string::npos;
  }
  EXPECT_TRUE(skipped);
}

TEST_F(RecordImportTest, LinksAndContractsBelongToTheImportingOrganisation) {
  ASSERT_TRUE(Import({Write("s.csv", "id,name,country\nT,Trader,NL\nQ,Quarry,IN\n")},
                     {.kind = ImportKind::kSites})
                  ->written);
  const std::string links = Write("links.csv",
                                  "Supplier,Customer,Product,Share\n"
                                  "Q,T,granite,60%\n"
                                  "Ghost,T,sand,0.2\n"
                                  "Q,T,gravel,1.5\n");
  EXPECT_EQ(Import({links}, {.kind = ImportKind::kLinks}).error().code(),
            StatusCode::kInvalidArgument);  // no organisation
  auto report =
      Import({links}, {.kind = ImportKind::kLinks, .organisation = "rws", .accept_partial = true});
  ASSERT_TRUE(report);
  ASSERT_EQ(report->rejected.size(), 2u);
  EXPECT_EQ(report->rejected[0].column, "supplier_id");
  EXPECT_EQ(report->rejected[1].column, "share");
  auto link = graph_->store().GetLink(
      {.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "granite"});
  ASSERT_TRUE(link);
  EXPECT_DOUBLE_EQ(link->share, 0.6);
  EXPECT_EQ(link->source, links);

  const std::string contracts = Write("contracts.csv",
                                      "Kenmerk,Opdrachtnemer,CPV,Waarde\n"
                                      "2026-001,T,44912400,\"1.250.000\"\n"
                                      "2026-002,T,99999999,10\n");
  auto written = Import({contracts}, {.kind = ImportKind::kContracts, .organisation = "rws"});
  ASSERT_TRUE(written);
  ASSERT_EQ(written->rejected.size(), 1u);
  EXPECT_EQ(written->rejected[0].column, "cpv");
  EXPECT_FALSE(written->written);
  written = Import({contracts},
                   {.kind = ImportKind::kContracts, .organisation = "rws", .accept_partial = true});
  auto contract = graph_->store().GetContract("rws", "2026-001");
  ASSERT_TRUE(contract);
  EXPECT_EQ(contract->value_eur, 1250000);
  EXPECT_EQ(contract->cpv.substr(0, 8), "44912400");
  auto chain = graph_->Exposure({.organisation = "rws"}, "2026-001");
  ASSERT_TRUE(chain);
  EXPECT_EQ(chain->reachable, 2);  // T and, through rws's link, Q
}

TEST_F(RecordImportTest, MissingRequiredColumnsAreOneClearError) {
  auto report = Import({Write("x.csv", "title,amount\nKerbs,10\n")},
                       {.kind = ImportKind::kContracts, .organisation = "rws"});
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message().find("missing required column(s) 'id' 'tier1_site_id'"),
            std::string::npos)
      << report.error().message();
  EXPECT_EQ(Import({dir_.Sub("none.csv")}, {}).error().code(), StatusCode::kNotFound);
  EXPECT_EQ(ImportKindFromName("xml").error().code(), StatusCode::kInvalidArgument);
}

// Headers nobody foresaw: refused with what is needed and what is there (never an exit 0 that
// imported nothing), then imported once the user says which is which; a banner above the
// header is skipped and said to be; a row without a country is an unknown country.
TEST_F(RecordImportTest, UnrecognisedHeadersBannersAndColumnMapping) {
  const std::string mines = Write("mines.csv",
                                  "Mine Name,Country / Area,Output\n"
                                  "Karara,Australia,5\n"
                                  "Mina Sur,,3\n");
  auto refused = Import({mines}, {.kind = ImportKind::kSites});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.error().message().find("it needs 'name', 'country'"), std::string::npos)
      << refused.error().ToString();
  EXPECT_NE(refused.error().message().find("'Mine Name', 'Country / Area'"), std::string::npos)
      << refused.error().ToString();
  EXPECT_EQ(graph_->stats().sites, 0u);

  auto mapping = ParseColumnMapping(R"(name=Mine Name, country="Country / Area")");
  ASSERT_TRUE(mapping) << mapping.error().ToString();
  auto mapped = Import({mines}, {.kind = ImportKind::kSites, .columns = *mapping});
  ASSERT_TRUE(mapped) << mapped.error().ToString();
  EXPECT_TRUE(mapped->written) << ImportReportText(*mapped);
  EXPECT_EQ(mapped->created, 2u);
  EXPECT_EQ(mapped->unknown_country_rows, 1u);  // Mina Sur: unknown, not rejected
  EXPECT_FALSE(ParseColumnMapping("name"));
  EXPECT_FALSE(ParseColumnMapping("name=a,name=b"));
  EXPECT_FALSE(ParseColumnMapping(R"(name="open)"));
  EXPECT_FALSE(Import({mines}, {.kind = ImportKind::kSites, .columns = {{"nmae", "Mine Name"}}}));
  EXPECT_FALSE(Import({mines}, {.kind = ImportKind::kSites, .columns = {{"name", "Mine"}}}));

  auto banner = Import({Write("brand.csv",
                              "Brand X supplier list,,\n"
                              "Published 1 March 2026,,\n"
                              ",,\n"
                              "Facility Name,Country,Address\n"
                              "Dhaka Knit,Bangladesh,Road 1\n")},
                       {.kind = ImportKind::kOpenSupplyHub});
  ASSERT_TRUE(banner) << banner.error().ToString();
  const std::string text = ImportReportText(*banner);
  EXPECT_TRUE(banner->written) << text;
  EXPECT_EQ(banner->created, 1u) << text;
  EXPECT_NE(text.find("the header is on line 4"), std::string::npos) << text;
  EXPECT_EQ(text.find("sheet skipped"), std::string::npos) << text;
  EXPECT_EQ(banner->matches.at(0).line, 5) << text;
}

// A list saved by Excel as Windows-1252 or as UTF-16 is decoded, and the report says how.
TEST_F(RecordImportTest, CsvInLatin1OrUtf16IsDecodedAndSaidSo) {
  auto latin1 = Import({Write("latin1.csv",
                              "id,name,country\nL1,Soci\xe9t\xe9 G\xe9n\xe9rale,"
                              "France\nL2,M\xfcller Steinbruch,Deutschland\n")},
                       {.kind = ImportKind::kSites});
  ASSERT_TRUE(latin1) << latin1.error().ToString();
  const std::string text = ImportReportText(*latin1);
  ASSERT_TRUE(latin1->written) << text;
  EXPECT_EQ(graph_->store().GetSite("L1")->name, "Société Générale");
  EXPECT_NE(text.find("read as ISO-8859-1"), std::string::npos) << text;

  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("id,name,country\nW1,Dhaka Knit,BD\n")) utf16 += {c, '\0'};
  auto wide = Import({Write("wide.csv", utf16)}, {.kind = ImportKind::kSites});
  ASSERT_TRUE(wide) << wide.error().ToString();
  EXPECT_TRUE(wide->written) << ImportReportText(*wide);
  EXPECT_EQ(graph_->store().GetSite("W1")->country, "BD");
}

TEST_F(RecordImportTest, EveryTemplateImportsCleanly) {
  // The templates users download must import as they are (with the sites they refer to).
  ASSERT_TRUE(Import({Write("s.csv", "id,name,country\nT-001,Trader,NL\nP-001,Plant,IN\n")},
                     {.kind = ImportKind::kSites})
                  ->written);
  for (ImportKind kind : {ImportKind::kSites, ImportKind::kLinks, ImportKind::kContracts}) {
    auto report = Import(
        {Write(std::string(ImportKindName(kind)) + "_template.csv", TemplateCsv(kind).value())},
        {.kind = kind, .organisation = "rws"});
    ASSERT_TRUE(report) << report.error().ToString();
    EXPECT_TRUE(report->rejected.empty()) << ImportReportText(*report);
    EXPECT_TRUE(report->written) << ImportKindName(kind);
  }
}

}  // namespace
}  // namespace isvgraph::importers
