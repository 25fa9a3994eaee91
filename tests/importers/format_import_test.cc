// The other formats users hold: a CMRT workbook (built here with GDAL, shaped like RMI's 6.x
// template, with smelters the supplier could not identify), an OCDS release package with two
// awards and the same tender as JSON lines, GeoJSON and GeoPackage point layers; then broken
// files of every kind, each of which must get a clear answer and leave the store untouched.

#include <cpl_vsi.h>

#include "import_fixture.h"

namespace isvgraph::importers {
namespace {

using FormatImportTest = ImportTest;

// A CMRT 6.x-shaped workbook: Revision and Instructions tabs, the Declaration with labels in
// column B and answers in column D, the Smelter List with its header on row 4.
std::string WriteCmrt(const std::string& path, const std::string& address) {
  GDALDatasetUniquePtr workbook = ImportTest::Create("XLSX", path);
  EXPECT_NE(workbook, nullptr);
  ImportTest::AddSheet(*workbook, "Revision",
                       {{"Conflict Minerals Reporting Template"}, {"Revision 6.31"}});
  ImportTest::AddSheet(*workbook, "Declaration",
                       {{"A", "B", "C", "D"},
                        {"", "Company Information", "", ""},
                        {"", "Company Name (*):", "", "Formosa Board Assembly Co., Ltd."},
                        {"", "Declaration Scope or Class (*):", "", "A. Company"},
                        {"", "Company Unique ID:", "", "TW-12345678"},
                        {"", "Address:", "", address},
                        {"", "Effective Date (*):", "", "15-Mar-2026"}});
  ImportTest::AddSheet(*workbook, "Smelter List",
                       {{"Smelter List", "F2", "F3", "F4", "F5", "F6", "F7"},
                        {"Instructions: list every smelter", "", "", "", "", "", ""},
                        {"", "", "", "", "", "", ""},
                        {"Smelter Identification Number Input Column", "Metal (*)",
                         "Smelter Look-up (*)", "Smelter Name (1)", "Smelter Country (*)",
                         "Smelter Identification", "Source of Smelter Identification Number"},
                        {"CID001070", "Tin", "Yunnan Tin Company Limited",
                         "Yunnan Tin Company Limited", "CHINA", "CID002180", "RMI"},
                        {"", "Gold", "Metalor Technologies (Suisse) SA",
                         "Metalor Technologies (Suisse) SA", "SWITZERLAND", "CID001153", "RMI"},
                        {"", "Tin", "Smelter not yet identified", "", "INDONESIA", "", ""},
                        {"", "Tantalum", "Smelter not listed", "Kivu Minerals Processing",
                         "CONGO, DEMOCRATIC "
                         "REPUBLIC OF THE",
                         "", ""},
                        {"", "Tungsten", "Smelter not yet identified", "", "", "", ""},
                        {"", "Lead", "Some lead smelter", "Some lead smelter", "CHINA", "", ""}});
  return path;
}

TEST_F(FormatImportTest, CmrtSmeltersBecomeSitesUpstreamOfTheDeclaringCompany) {
  const std::string path = WriteCmrt(dir_.Sub("cmrt.xlsx"), "No. 5, Keyan Rd, Hsinchu, Taiwan");
  auto report =
      Import({path}, {.kind = ImportKind::kCmrt, .organisation = "rws", .accept_partial = true});
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ImportReportText(*report);
  // Lead is not a CMRT metal: the one rejected row, on the row where it stands.
  ASSERT_EQ(report->rejected.size(), 1u) << text;
  EXPECT_EQ(report->rejected[0].sheet, "Smelter List");
  EXPECT_EQ(report->rejected[0].line, 10) << text;
  EXPECT_EQ(report->rejected[0].column, "metal");
  ASSERT_TRUE(report->written) << text;

  // The declaring company (Taiwan from its address), two identified smelters, the smelter
  // "not listed" by RMI but named, and an unidentified tin smelter in Indonesia.
  EXPECT_EQ(report->created, 5u) << text;
  EXPECT_EQ(report->links, 4u) << text;
  const SiteMatch& company = report->matches.front();
  auto declaring = graph_->store().GetSite(company.site_id);
  ASSERT_TRUE(declaring);
  EXPECT_EQ(declaring->country, "TW");
  std::vector<std::string> cids = graph_->store().SitesByExternalId("rmi_cid", "CID002180");
  ASSERT_EQ(cids.size(), 1u);
  auto yunnan = graph_->store().GetSite(cids[0]);
  EXPECT_EQ(yunnan->country, "CN");
  EXPECT_EQ(yunnan->sector, "smelting_refining");
  auto tin = graph_->store().GetLink({.organisation = "rws",
                                      .supplier_id = yunnan->id,
                                      .customer_id = declaring->id,
                                      .product = "tin"});
  ASSERT_TRUE(tin) << text;
  EXPECT_EQ(tin->confidence, "declared");

  // Three explicit unknowns, never dropped: two in the chain, one only in the report.
  ASSERT_EQ(report->unknowns.size(), 3u) << text;
  int in_chain = 0;
  for (const UnknownSupplier& u : report->unknowns) {
    EXPECT_EQ(u.customer_id, declaring->id);
    if (!u.site_id.empty()) {
      ++in_chain;
      EXPECT_TRUE(graph_->store().GetSite(u.site_id)) << u.site_id;
    }
  }
  EXPECT_EQ(in_chain, 2);
  EXPECT_EQ(report->unknowns[0].product, "tin");
  EXPECT_EQ(report->unknowns[0].country, "ID");
  auto placeholder = graph_->store().GetSite(report->unknowns[0].site_id);
  EXPECT_EQ(placeholder->role, "unidentified_smelter");
  EXPECT_EQ(graph_->store()
                .GetLink({.organisation = "rws",
                          .supplier_id = placeholder->id,
                          .customer_id = declaring->id,
                          .product = "tin"})
                ->confidence,
            "assumed");
  EXPECT_EQ(report->unknowns[2].product, "tungsten");
  EXPECT_TRUE(report->unknowns[2].site_id.empty());
  EXPECT_NE(text.find("smelter not yet identified (no country: not in the chain)"),
            std::string::npos)
      << text;

  // The same workbook again: smelters are found by CID, the company by name and country.
  auto again = Import(
      {path},
      {.kind = ImportKind::kCmrt, .organisation = "rws", .dry_run = true, .accept_partial = true});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->created, 0u) << ImportReportText(*again);
  bool by_cid = false;
  for (const SiteMatch& m : again->matches) by_cid = by_cid || m.rule == "rmi_cid";
  EXPECT_TRUE(by_cid);
}

TEST_F(FormatImportTest, CmrtDeclaringCompanyWithoutACountryIsKeptWithAnUnknownOne) {
  // One declaring company without a country used to reject every smelter row with it.
  const std::string path = WriteCmrt(dir_.Sub("cmrt.xlsx"), "Somewhere street 1");
  auto report =
      Import({path}, {.kind = ImportKind::kCmrt, .organisation = "rws", .accept_partial = true});
  ASSERT_TRUE(report);
  const std::string text = ImportReportText(*report);
  EXPECT_TRUE(report->written) << text;
  EXPECT_EQ(report->links, 4u) << text;
  auto company = graph_->store().GetSite(report->matches.front().site_id);
  ASSERT_TRUE(company);
  EXPECT_EQ(company->country, "");
  EXPECT_NE(text.find("imported with an unknown country"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown country"), std::string::npos) << text;

  // A US address without a country: the state and ZIP code say US.
  auto us = Import({WriteCmrt(dir_.Sub("cmrt-us.xlsx"), "115 Tabor Road Morris Plains NJ 07950")},
                   {.kind = ImportKind::kCmrt, .organisation = "rws", .accept_partial = true});
  ASSERT_TRUE(us);
  EXPECT_EQ(graph_->store().GetSite(us->matches.front().site_id)->country, "US")
      << ImportReportText(*us);

  // Given the site that sent it, the smelters hang below that site.
  ASSERT_TRUE(Import({Write("tier1.csv", "id,name,country\nT1,Formosa Board,TW\n")},
                     {.kind = ImportKind::kSites})
                  ->written);
  auto given = Import({path}, {.kind = ImportKind::kCmrt,
                               .organisation = "rws",
                               .declaring_site = "T1",
                               .accept_partial = true});
  ASSERT_TRUE(given);
  EXPECT_TRUE(given->written) << ImportReportText(*given);
  for (const UnknownSupplier& u : given->unknowns) EXPECT_EQ(u.customer_id, "T1");
}

// A release package with two awards of one tender: one with its contract, one without.
constexpr const char* kPackage = R"({
  "uri": "https://example.org/package.json", "version": "1.1", "publishedDate": "2026-03-01T00:00:00Z",
  "releases": [{
    "ocid": "ocds-xyz-2026-0042", "id": "r1", "date": "2026-03-01T00:00:00Z", "tag": ["award", "contract"],
    "initiationType": "tender",
    "buyer": {"id": "NL-OIN-00000001234567890000", "name": "Gemeente Utrecht"},
    "parties": [
      {"id": "NL-OIN-00000001234567890000", "name": "Gemeente Utrecht", "roles": ["buyer"],
       "address": {"countryName": "Netherlands", "locality": "Utrecht"}},
      {"id": "NL-KVK-11111111", "name": "Werkkleding Nederland B.V.", "roles": ["supplier"],
       "address": {"countryName": "Netherlands"}},
      {"id": "BD-RJSC-222", "name": "Dhaka Uniform Works Ltd", "roles": ["supplier"],
       "identifier": {"scheme": "XI-LEI", "id": "5493001KJTIIGC8Y1R12"},
       "address": {"countryName": "Bangladesh"}}
    ],
    "tender": {"id": "T-42", "title": "Workwear for the city's field staff",
               "items": [{"id": "1", "classification": {"scheme": "CPV", "id": "18100000"}}]},
    "awards": [
      {"id": "A1", "status": "active", "suppliers": [{"id": "NL-KVK-11111111", "name": "Werkkleding Nederland B.V."}],
       "value": {"amount": 480000, "currency": "EUR"}},
      {"id": "A2", "status": "active", "suppliers": [{"id": "BD-RJSC-222", "name": "Dhaka Uniform Works Ltd"}],
       "value": {"amount": 120000, "currency": "EUR"}}
    ],
    "contracts": [{"id": "C1", "awardID": "A1", "title": "Lot 1: trousers and jackets",
                   "value": {"amount": 475000, "currency": "EUR"}}]
  }]
})";

TEST_F(FormatImportTest, OcdsAwardsBecomeContractsOfTheBuyerWithTier1Sites) {
  const std::string path = Write("tenderned.json", kPackage);
  auto report = Import({path}, {.kind = ImportKind::kOcds});
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ImportReportText(*report);
  ASSERT_TRUE(report->rejected.empty()) << text;
  ASSERT_TRUE(report->written) << text;
  EXPECT_EQ(report->contracts, 2u) << text;
  EXPECT_EQ(report->created, 3u) << text;  // the buyer and two suppliers
  const std::string org = "NL-OIN-00000001234567890000";
  ASSERT_TRUE(graph_->store().GetOrganisation(org));
  auto c1 = graph_->store().GetContract(org, "ocds-xyz-2026-0042/C1");
  ASSERT_TRUE(c1) << text;
  EXPECT_EQ(c1->value_eur, 475000);
  EXPECT_EQ(c1->cpv, "18100000-0");
  EXPECT_EQ(c1->title, "Lot 1: trousers and jackets");
  EXPECT_EQ(graph_->store().GetSite(c1->tier1_site_id)->country, "NL");
  EXPECT_EQ(graph_->store().GetSite(c1->buyer_site_id)->sector, "public_administration");
  auto a2 = graph_->store().GetContract(org, "ocds-xyz-2026-0042/A2");
  ASSERT_TRUE(a2) << text;
  EXPECT_EQ(a2->value_eur, 120000);
  auto dhaka = graph_->store().GetSite(a2->tier1_site_id);
  EXPECT_EQ(dhaka->country, "BD");
  EXPECT_EQ(dhaka->external_ids.at("lei"), "5493001KJTIIGC8Y1R12");

  // The same tender as JSON lines: the tender release, then the award release of one ocid,
  // merged like a compiled release. Suppliers now match the sites made above.
  const std::string lines =
      R"({"ocid":"ocds-xyz-2026-0099","id":"t","buyer":{"id":"NL-OIN-00000001234567890000","name":"Gemeente Utrecht"},"tender":{"title":"Gloves","items":[{"classification":{"scheme":"CPV","id":"18141000-9"}}]}})"
      "\n"
      R"({"ocid":"ocds-xyz-2026-0099","id":"a","parties":[{"id":"S","name":"Dhaka Uniform Works Ltd.","address":{"countryName":"BGD"}}],"awards":[{"id":"A9","suppliers":[{"id":"S"}],"value":{"amount":"5000","currency":"EUR"}}]})"
      "\n";
  auto merged = Import({Write("tenders.jsonl", lines)}, {.kind = ImportKind::kOcds});
  ASSERT_TRUE(merged) << merged.error().ToString();
  ASSERT_TRUE(merged->written) << ImportReportText(*merged);
  auto gloves = graph_->store().GetContract(org, "ocds-xyz-2026-0099/A9");
  ASSERT_TRUE(gloves) << ImportReportText(*merged);
  EXPECT_EQ(gloves->cpv, "18141000-9");
  EXPECT_EQ(gloves->tier1_site_id, dhaka->id);  // matched by name and country
  EXPECT_EQ(merged->created, 0u);
}

// As published: a CPV code with a spreadsheet's ".0" (or as a JSON number), a country by its
// English name, and an award
// recorded before its supplier. The release imports; the supplier-less award is a warning.
TEST_F(FormatImportTest, OcdsNumericCpvAndAwardsWithoutSupplier) {
  const std::string release = Write("published.json", R"({"releases": [{
    "ocid": "ocds-xyz-2026-0100", "id": "r", "date": "2026-04-01T00:00:00Z",
    "buyer": {"id": "B", "name": "Rijkswaterstaat"},
    "parties": [{"id": "S", "name": "Leeds Stone Ltd", "address": {"countryName": "United Kingdom"}},
                {"id": "B", "name": "Rijkswaterstaat", "address": {"countryName": "Netherlands"}}],
    "awards": [{"id": "A1", "suppliers": [{"id": "S"}], "date": "2024-01-02",
                "value": {"amount": 1095600, "currency": "USD"},
                "items": [{"classification": {"scheme": "CPV", "id": "44912400.0"}}]},
               {"id": "A2", "items": [{"classification": {"scheme": "CPV", "id": 3000000}}]}]}]})");
  auto report = Import({release}, {.kind = ImportKind::kOcds});
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->written) << ImportReportText(*report);
  EXPECT_TRUE(report->rejected.empty()) << ImportReportText(*report);
  const std::string text = ImportReportText(*report);
  EXPECT_NE(text.find("award 'A2' names no supplier"), std::string::npos) << text;
  EXPECT_EQ(report->contracts, 1u) << text;
  auto contract = graph_->store().GetContract("B", "ocds-xyz-2026-0100/A1");  // the buyer's id
  ASSERT_TRUE(contract) << text;
  EXPECT_EQ(contract->cpv, "44912400-0");
  // USD at the ECB rate of the award's date (1.0956 per euro on 2024-01-02), and said so.
  EXPECT_NEAR(contract->value_eur, 1000000, 0.01) << text;
  EXPECT_NE(text.find("converted to EUR 1000000.00 at the ECB euro reference rate of 2024-01-02"),
            std::string::npos)
      << text;
  // The contract keeps what was converted, at which rate and date.
  EXPECT_EQ(contract->value_note,
            "1095600 USD at the ECB euro reference rate of 2024-01-02 (1.0956 USD per euro)");
  auto supplier = graph_->store().GetSite(contract->tier1_site_id);
  ASSERT_TRUE(supplier);
  EXPECT_EQ(supplier->country, "GB");
}

TEST_F(FormatImportTest, GeoJsonAndGeoPackagePointLayersGiveSitesWithCoordinates) {
  const std::string geojson =
      Write("quarries.geojson", R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [77.5946, 12.9716]},
     "properties": {"name": "Bengaluru Granite Quarry", "country": "IN", "sector": "quarrying_stone"}},
    {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[78.0, 12.0], [78.2, 12.0], [78.2, 12.2], [78.0, 12.2], [78.0, 12.0]]]},
     "properties": {"name": "Krishnagiri Quarry Field", "country": "India"}}]})");
  auto report = Import({geojson}, {.kind = ImportKind::kGeo});
  ASSERT_TRUE(report) << report.error().ToString();
  ASSERT_TRUE(report->written) << ImportReportText(*report);
  auto quarry = graph_->store().GetSite(report->matches[0].site_id);
  EXPECT_NEAR(*quarry->lat, 12.9716, 1e-6);
  EXPECT_NEAR(*quarry->lon, 77.5946, 1e-6);
  auto field = graph_->store().GetSite(report->matches[1].site_id);
  EXPECT_NEAR(*field->lat, 12.1, 1e-6);  // a polygon's centroid
  EXPECT_NEAR(*field->lon, 78.1, 1e-6);

  // A GeoPackage in Web Mercator: coordinates come back as WGS 84 degrees.
  const std::string gpkg = dir_.Sub("sites.gpkg");
  {
    GDALDatasetUniquePtr ds = Create("GPKG", gpkg);
    ASSERT_NE(ds, nullptr);
    OGRSpatialReference mercator;
    mercator.importFromEPSG(3857);
    OGRLayer* layer = ds->CreateLayer("mills", &mercator, wkbPoint, nullptr);
    for (const char* name : {"name", "country"}) {
      OGRFieldDefn field(name, OFTString);
      ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
    }
    OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    feature->SetField("name", "Gazipur Knit Mill");
    feature->SetField("country", "BD");
    OGRPoint point(10044642.0, 2867318.0);  // 24.931 N, 90.233 E
    feature->SetGeometry(&point);
    ASSERT_EQ(layer->CreateFeature(feature.get()), OGRERR_NONE);
  }
  auto mills = Import({gpkg}, {.kind = ImportKind::kGeo});
  ASSERT_TRUE(mills) << mills.error().ToString();
  ASSERT_TRUE(mills->written) << ImportReportText(*mills);
  EXPECT_EQ(mills->matches[0].sheet, "mills");
  auto mill = graph_->store().GetSite(mills->matches[0].site_id);
  EXPECT_NEAR(*mill->lat, 24.9314, 0.001);
  EXPECT_NEAR(*mill->lon, 90.2326, 0.001);
}

// Every broken file gets a clear answer, and the store is as it was.
TEST_F(FormatImportTest, BrokenFilesGetClearAnswersAndLeaveTheStoreUntouched) {
  ASSERT_TRUE(
      Import({Write("base.csv", "id,name,country\nB1,Base one,NL\n")}, {.kind = ImportKind::kSites})
          ->written);
  auto untouched = [&]() {
    EXPECT_EQ(graph_->stats().sites, 1u);
    EXPECT_EQ(graph_->stats().links, 0u);
    EXPECT_EQ(graph_->stats().contracts, 0u);
  };
  // (file, kind, options) → either an error whose message contains `expect`, or a report that
  // wrote nothing and whose text contains it.
  struct Case {
    std::string name;
    std::string path;
    ImportKind kind;
    std::string expect;
  };
  std::string bomb = dir_.Sub("bomb.xlsx");
  {
    // 64 MiB of one byte squeezed into a tiny zip posing as a workbook.
    VSILFILE* entry = VSIFOpenL(("/vsizip/" + bomb + "/xl/worksheets/sheet1.xml").c_str(), "wb");
    ASSERT_NE(entry, nullptr);
    const std::string chunk(1 << 20, ' ');
    for (int i = 0; i < 64; ++i) VSIFWriteL(chunk.data(), 1, chunk.size(), entry);
    VSIFCloseL(entry);
  }
  std::string huge = dir_.Sub("huge.csv");
  {
    std::ofstream out(huge, std::ios::binary);
    out << "id,name,country\nH1,";
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 50; ++i) out << chunk;  // a 50 MB name
    out << ",NL\n";
  }
  const std::string big_cell =
      Write("cell.csv", "id,name,country\nH2," + std::string(100000, 'y') + ",NL\n");
  std::string utf8_rows;  // 70 KB of UTF-8 rows: the encoding is judged by the first 64 KiB
  for (int i = 0; i < 20; ++i)
    utf8_rows += "U" + std::to_string(i) + "," + std::string(3500, 'a') + ",NL\n";
  const std::vector<Case> cases = {
      {"latin-1 after 64 KiB of UTF-8",
       Write("latin1.csv",
             "id,name,country\n" + utf8_rows + "L1,Soci\xe9t\xe9 G\xe9n\xe9rale,FR\n"),
       ImportKind::kSites, "not UTF-8 text"},
      {"no column recognised", Write("cols.csv", "mijn,plaats\nX,Y\n"), ImportKind::kSites,
       "no sites columns recognised; it needs 'name', 'country'"},
      {"missing columns", Write("cols2.csv", "name,plaats\nX,Y\n"), ImportKind::kSites,
       "missing required column(s) 'country'"},
      {"one column", Write("one.csv", "naam\nX\n"), ImportKind::kSites, "at least two columns"},
      {"100 kB cell", big_cell, ImportKind::kSites, "bytes; the limit is 4096"},
      {"bad country", Write("country.csv", "id,name,country\nC1,Acme,XQ\n"), ImportKind::kSites,
       "'XQ' is not a known country"},
      {"duplicate ids", Write("dup.csv", "id,name,country\nD1,One,NL\nD1,Two,NL\n"),
       ImportKind::kSites, "the same id as line 2"},
      {"unknown link ends", Write("links.csv", "supplier_id,customer_id\nNOPE,B1\n"),
       ImportKind::kLinks, "'NOPE' is not a site of the registry or of this import"},
      {"empty", Write("empty.csv", ""), ImportKind::kSites, "the file is empty"},
      {"50 MB", huge, ImportKind::kSites, "line 2 is longer than 1 MiB"},
      {"zip bomb", bomb, ImportKind::kSites, "likely a zip bomb"},
      {"not a zip", Write("fake.xlsx", "id,name\n"), ImportKind::kSites, "not a zip archive"},
      {"not JSON", Write("bad.json", "{\"ocid\": "), ImportKind::kOcds, "not JSON"},
      {"JSON, not OCDS", Write("other.json", "{\"hello\": 1}"), ImportKind::kOcds,
       "not an OCDS release"},
      // Strings and nulls where OCDS has objects (found by fuzz_import_ocds: json::value() threw
      // and ended the process).
      {"OCDS with a string tender and supplier",
       Write("strings.json",
             R"({"ocid":"o-1","id":"r","tender":"gloves","awards":[{"id":"A","suppliers":["S"],)"
             R"("value":7}],"parties":[{"id":"S","address":null,"identifier":"x"}]})"),
       ImportKind::kOcds, "name"},
      {"JSON nested 100,000 deep", Write("deep.json", std::string(100000, '[')), ImportKind::kOcds,
       "nests deeper than 64 levels"},
      {"no smelter list", Write("notcmrt.csv", "a,b\n1,2\n"), ImportKind::kCmrt,
       "no 'Smelter List' sheet"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto report = Import({c.path}, {.kind = c.kind, .organisation = "rws"});
    if (!report) {
      EXPECT_NE(report.error().message().find(c.expect), std::string::npos)
          << report.error().ToString();
    } else {
      EXPECT_FALSE(report->written);
      EXPECT_NE(ImportReportText(*report).find(c.expect), std::string::npos)
          << ImportReportText(*report);
    }
    untouched();
  }
}

}  // namespace
}  // namespace isvgraph::importers
