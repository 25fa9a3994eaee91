// OCDS as publishers really publish it: suppliers without an address, versioned releases,
// packages one after another over many lines, a package without releases, an OCDS spreadsheet,
// and problems located by the entry's position and ocid.

#include "import_fixture.h"

namespace isvgraph::importers {
namespace {

using PublishedOcdsTest = ImportTest;

// A release of `ocid` whose one award goes to supplier S, described by `supplier_party`.
std::string Release(const std::string& ocid, const std::string& supplier_party) {
  return R"({"ocid": ")" + ocid + R"(", "id": "r", "date": "2026-05-04T00:00:00Z",
    "buyer": {"id": "B", "name": "Gemeente Utrecht"},
    "parties": [)" +
         supplier_party + R"(],
    "awards": [{"id": "A1", "suppliers": [{"id": "S"}],
                "value": {"amount": 1000, "currency": "EUR"}}]})";
}

TEST_F(PublishedOcdsTest, SupplierWithoutAnAddressIsASiteOfUnknownCountry) {
  auto report = Import(
      {Write("no-address.json",
             R"({"releases": [)" + Release("o-1", R"({"id": "S", "name": "Acme Inc."})") + "," +
                 Release("o-2", R"({"id": "S", "name": "Morris Plains Paper", "address":
                   {"streetAddress": "115 Tabor Road", "locality": "Morris Plains",
                    "region": "NJ", "postalCode": "07950"}})") +
                 "]}")},
      {.kind = ImportKind::kOcds});
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ImportReportText(*report);
  ASSERT_TRUE(report->written) << text;
  EXPECT_TRUE(report->rejected.empty()) << text;
  EXPECT_EQ(report->contracts, 2u) << text;
  auto acme = graph_->store().GetContract("B", "o-1/A1");
  ASSERT_TRUE(acme) << text;
  EXPECT_EQ(graph_->store().GetSite(acme->tier1_site_id)->country, "");
  EXPECT_EQ(report->unknown_country_rows, 1u) << text;
  EXPECT_NE(text.find("'Acme Inc.': country unknown"), std::string::npos) << text;
  auto paper = graph_->store().GetContract("B", "o-2/A1");
  ASSERT_TRUE(paper) << text;
  EXPECT_EQ(graph_->store().GetSite(paper->tier1_site_id)->country, "US");
  EXPECT_EQ(report->countries_from_addresses, 1u) << text;
}

TEST_F(PublishedOcdsTest, ContractWithoutItsAwardIsAWarningNotARejection) {
  std::string release = Release("o-c", R"({"id": "S", "name": "Kerb Ltd", "address":
                                          {"countryName": "Portugal"}})");
  release.insert(release.rfind('}'),
                 R"(, "contracts": [{"id": "C9", "awardID": "A-gone", "value": {"amount": 5,
                                     "currency": "EUR"}}])");
  auto report = Import({Write("orphan.json", release)}, {.kind = ImportKind::kOcds});
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ImportReportText(*report);
  EXPECT_TRUE(report->rejected.empty()) << text;
  EXPECT_TRUE(report->written) << text;
  EXPECT_TRUE(graph_->store().GetContract("B", "o-c/A1")) << text;  // the award still imports
  EXPECT_NE(text.find("names award 'A-gone', which the release does not have"), std::string::npos)
      << text;
}

TEST_F(PublishedOcdsTest, VersionedReleaseImportsTheLatestValueOfEachField) {
  const std::string versioned = R"({"ocid": "o-v",
    "buyer": {"id": [{"releaseID": "1", "releaseDate": "2026-01-01", "value": "B"}],
              "name": [{"releaseID": "1", "releaseDate": "2026-01-01", "value": "Gemeente Utrecht"}]},
    "parties": [{"id": "S",
                 "name": [{"releaseID": "1", "releaseDate": "2026-01-01", "value": "Old name"},
                          {"releaseID": "2", "releaseDate": "2026-02-01", "value": "Stone Ltd"}],
                 "address": {"countryName": [{"releaseID": "1", "releaseDate": "2026-01-01",
                                               "value": "India"}]}}],
    "awards": [{"id": "A1", "suppliers": [{"id": "S"}],
                "value": {"amount": [{"releaseID": "1", "releaseDate": "2026-01-01", "value": 10},
                                     {"releaseID": "2", "releaseDate": "2026-02-01", "value": 20}],
                          "currency": [{"releaseID": "1", "releaseDate": "2026-01-01",
                                        "value": "EUR"}]}}]})";
  auto report = Import({Write("versioned.json", versioned)}, {.kind = ImportKind::kOcds});
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string text = ImportReportText(*report);
  ASSERT_TRUE(report->written) << text;
  auto contract = graph_->store().GetContract("B", "o-v/A1");
  ASSERT_TRUE(contract) << text;
  EXPECT_EQ(contract->value_eur, 20);
  auto supplier = graph_->store().GetSite(contract->tier1_site_id);
  EXPECT_EQ(supplier->name, "Stone Ltd");
  EXPECT_EQ(supplier->country, "IN");
  EXPECT_NE(text.find("a versioned release"), std::string::npos) << text;
}

TEST_F(PublishedOcdsTest, PackagesOneAfterAnotherAndProblemsByPositionAndOcid) {
  // Two arrays of packages over many lines; the third release (of the file) has no ocid.
  const std::string text = "[\n  {\"releases\": [" +
                           Release("o-1", R"({"id": "S", "name": "A", "address": {"countryName":
                             "Belgium"}})") +
                           "]}\n]\n[\n  {\"releases\": [" +
                           Release("o-2", R"({"id": "S", "name": "B", "address": {"countryName":
                             "Belgique"}})") +
                           ", {\"id\": \"x\"}]}\n]\n";
  auto report = Import({Write("concatenated.jsonl", text)},
                       {.kind = ImportKind::kOcds, .accept_partial = true});
  ASSERT_TRUE(report) << report.error().ToString();
  const std::string out = ImportReportText(*report);
  EXPECT_EQ(report->contracts, 2u) << out;
  ASSERT_EQ(report->rejected.size(), 1u) << out;
  EXPECT_EQ(report->rejected[0].line, 3) << out;
  EXPECT_NE(out.find(":releases:3: ocid: a release needs an ocid"), std::string::npos) << out;
}

TEST_F(PublishedOcdsTest, EmptyPackageAndSpreadsheetGetClearAnswers) {
  auto empty = Import({Write("none.json", R"({"uri": "https://example.org/p", "version": "1.1",
                                              "publisher": {"name": "x"}})")},
                      {.kind = ImportKind::kOcds, .organisation = "rws"});
  ASSERT_TRUE(empty) << empty.error().ToString();
  EXPECT_TRUE(empty->rejected.empty());
  EXPECT_NE(ImportReportText(*empty).find("a package without releases or records"),
            std::string::npos)
      << ImportReportText(*empty);

  GDALDatasetUniquePtr workbook = Create("XLSX", dir_.Sub("flattened.xlsx"));
  AddSheet(*workbook, "main", {{"ocid", "id"}, {"o-1", "r"}});
  workbook.reset();
  auto sheet = Import({dir_.Sub("flattened.xlsx")}, {.kind = ImportKind::kOcds});
  ASSERT_FALSE(sheet);
  EXPECT_NE(sheet.error().message().find("flatten-tool"), std::string::npos)
      << sheet.error().ToString();
  EXPECT_EQ(graph_->stats().sites, 0u);
}

}  // namespace
}  // namespace isvgraph::importers
