// Imports over real HTTP: a CSV body answered with the import report, rejected rows as 422 with
// the store untouched, a body over the limit as 413, templates as CSV and XLSX, and
// POST /v1/sites/match scoring candidates against the registry without writing.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpResult;
using nlohmann::json;

class ImportRoutesTest : public LiveServerTest {
 protected:
  ImportRoutesTest() { max_body_bytes_ = 1 << 20; }

  void SetUp() override {
    LiveServerTest::SetUp();
    buyer_ = service_->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
    viewer_ = service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  }
  HttpResult Post(const std::string& target, const std::string& body,
                  const std::string& content_type, const std::string& token) {
    return isvgraph::testing::HttpRequest(
        port_, "POST", target, body,
        "Authorization: Bearer " + token + "\r\nContent-Type: " + content_type + "\r\n");
  }
  size_t Sites() { return service_->Stats().sites; }

  std::string buyer_, viewer_;
};

TEST_F(ImportRoutesTest, CsvBodyIsImportedAndAnsweredWithTheReport) {
  const std::string csv =
      "Facility Name,Country,Sector\nSri Ganesh Granites Pvt Ltd,India,quarrying_stone\n"
      "Kerb Works,NL,stone_processing\n";
  HttpResult r = Post("/v1/imports?kind=sites&filename=quarries.csv", csv, "text/csv", buyer_);
  ASSERT_EQ(r.status, 200) << r.body;
  json report = json::parse(r.body);
  EXPECT_EQ(report["created"], 2);
  EXPECT_TRUE(report["written"]);
  EXPECT_EQ(report["files"][0], "quarries.csv");  // never the server's temporary path
  EXPECT_EQ(Sites(), 2u);

  // A dry run of another spelling matches by name and country and writes nothing.
  r = Post("/v1/imports?kind=sites&format=csv&dry_run=true",
           "name,country\nSRI GANESH GRANITES PRIVATE LIMITED,IND\n", "application/octet-stream",
           buyer_);
  ASSERT_EQ(r.status, 200) << r.body;
  report = json::parse(r.body);
  EXPECT_EQ(report["matches"][0]["rule"], "name+country");
  EXPECT_EQ(report["matched"], 1);
  EXPECT_FALSE(report["written"]);
  EXPECT_EQ(Sites(), 2u);

  // Coordinates in the sea off the declared country are flagged, naming the upload as the
  // client did: the server's temporary directory appears nowhere in the answer (it did in
  // location_flags, found by the crash-safety test).
  r = Post("/v1/imports?kind=sites&dry_run=true",
           "name,country,lat,lon\nOffshore Works,IN,12.0,75.0\n", "text/csv", buyer_);
  ASSERT_EQ(r.status, 200) << r.body;
  report = json::parse(r.body);
  ASSERT_EQ(report["location_flags"].size(), 1u) << r.body;
  EXPECT_EQ(report["location_flags"][0]["file"], "upload.csv");
  EXPECT_EQ(r.body.find("isvgraph-upload"), std::string::npos) << r.body;
}

TEST_F(ImportRoutesTest, RejectedRowsAre422AndWriteNothing) {
  HttpResult r = Post("/v1/imports?kind=sites&filename=list.csv",
                      "id,name,country\nA,Good,NL\nB,Bad,Atlantis\n", "text/csv", buyer_);
  ASSERT_EQ(r.status, 422) << r.body;
  json report = json::parse(r.body);
  ASSERT_EQ(report["rejected"].size(), 1u);
  EXPECT_EQ(report["rejected"][0]["file"], "list.csv");
  EXPECT_EQ(report["rejected"][0]["line"], 3);
  EXPECT_EQ(report["rejected"][0]["column"], "country");
  EXPECT_EQ(Sites(), 0u);
  // accept_partial writes exactly the good row.
  r = Post("/v1/imports?kind=sites&accept_partial=true",
           "id,name,country\nA,Good,NL\nB,Bad,Atlantis\n", "text/csv", buyer_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Sites(), 1u);
}

TEST_F(ImportRoutesTest, TheReportSpeaksTheLanguageAsked) {
  const std::string body = "id,name,country,colour\nA,Good,NL,red\nB,Bad,Atlantis,blue\n";
  HttpResult dutch = isvgraph::testing::HttpRequest(
      port_, "POST", "/v1/imports?kind=sites&filename=lijst.csv", body,
      "Authorization: Bearer " + buyer_ + "\r\nContent-Type: text/csv\r\nAccept-Language: nl\r\n");
  ASSERT_EQ(dutch.status, 422) << dutch.body;
  const json report = json::parse(dutch.body);
  EXPECT_EQ(report["rejected"][0]["column"], "country");  // column names stay as they are
  EXPECT_EQ(report["rejected"][0]["reason"], "'Atlantis' is geen bekend land");
  EXPECT_EQ(report["warnings"][0], "lijst.csv: kolom 'colour' wordt niet gebruikt");
  EXPECT_EQ(report["outcome"],
            "er is niets weggeschreven: 1 probleem/problemen; los ze op of importeer met "
            "--accept-partial");
  const json english =
      json::parse(Post("/v1/imports?kind=sites&filename=lijst.csv", body, "text/csv", buyer_).body);
  EXPECT_EQ(english["rejected"][0]["reason"], "'Atlantis' is not a known country");
  EXPECT_EQ(english["rejected"].size(), report["rejected"].size());
  EXPECT_EQ(Sites(), 0u);
}

TEST_F(ImportRoutesTest, BadRequestsGetClearErrors) {
  EXPECT_EQ(Post("/v1/imports?kind=sites", "id,name,country\n", "text/csv", viewer_).status,
            403);  // viewers read
  EXPECT_EQ(Post("/v1/imports", "x,y\n", "text/csv", buyer_).status, 400);
  EXPECT_EQ(Post("/v1/imports?kind=sites", "x,y\n", "text/plain", buyer_).status, 415);
  HttpResult unreadable = Post("/v1/imports?kind=sites&format=xlsx", "not a zip", "", buyer_);
  EXPECT_EQ(unreadable.status, 400) << unreadable.body;
  EXPECT_NE(unreadable.body.find("upload.xlsx: not a zip archive"), std::string::npos)
      << unreadable.body;
  // Links name the organisation's sites; the token decides whose links they are.
  HttpResult links =
      Post("/v1/imports?kind=links", "supplier_id,customer_id\nX,Y\n", "text/csv", buyer_);
  EXPECT_EQ(links.status, 422) << links.body;
  // Over the server's body limit (1 MiB here; 32 MiB by default): 413, nothing stored.
  HttpResult big = Post("/v1/imports?kind=sites", "id,name,country\n" + std::string(2 << 20, 'x'),
                        "text/csv", buyer_);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Sites(), 0u);
}

TEST_F(ImportRoutesTest, TemplatesComeAsCsvAndXlsx) {
  HttpResult csv = isvgraph::testing::HttpRequest(port_, "GET", "/v1/imports/templates/links.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("supplier_id,customer_id,product,share", 0), 0u) << csv.body;
  HttpResult xlsx =
      isvgraph::testing::HttpRequest(port_, "GET", "/v1/imports/templates/sites.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip archive
  EXPECT_GT(xlsx.body.size(), 1000u);
  // The workbook imports as it is (its example row).
  HttpResult imported =
      Post("/v1/imports?kind=sites&format=xlsx", xlsx.body, "application/octet-stream", buyer_);
  EXPECT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Sites(), 1u);
  EXPECT_EQ(isvgraph::testing::HttpRequest(port_, "GET", "/v1/imports/templates/cmrt.csv").status,
            404);
  EXPECT_EQ(isvgraph::testing::HttpRequest(port_, "GET", "/v1/imports/templates/sites.pdf").status,
            404);
}

TEST_F(ImportRoutesTest, SitesMatchScoresCandidatesWithoutWriting) {
  ASSERT_EQ(Post("/v1/imports?kind=osh",
                 "name,country,os_id,lat,lng\nIndigo Garments FZE,AE,AE2020ABC,25.33,55.41\n",
                 "text/csv", buyer_)
                .status,
            200);
  const json body = {
      {"sites",
       {{{"name", "INDIGO GARMENTS F.Z.E."}, {"country", "ARE"}},
        {{"name", "Someone else"}, {"country", "AE"}, {"os_id", "AE2020ABC"}},
        {{"name", "Indigo Garments"}, {"country", "AE"}, {"lat", 24.0}, {"lon", 54.0}},
        {{"name", "Nobody"}, {"country", "Narnia"}}}}};
  HttpResult r = Post("/v1/sites/match", body.dump(), "application/json", viewer_);
  ASSERT_EQ(r.status, 200) << r.body;
  json matches = json::parse(r.body)["matches"];
  ASSERT_EQ(matches.size(), 4u);
  EXPECT_EQ(matches[0]["rule"], "name+country");
  EXPECT_EQ(matches[0]["site"]["external_ids"]["os_id"], "AE2020ABC");
  EXPECT_EQ(matches[1]["rule"], "os_id");
  EXPECT_EQ(matches[1]["score"], 1.0);
  EXPECT_TRUE(matches[2]["site_id"].is_null());  // 150 km away: another site
  EXPECT_EQ(matches[3]["problem"], "'Narnia' is not a known country");
  EXPECT_EQ(Sites(), 1u);

  HttpResult bad = Post("/v1/sites/match", R"({"sites":[{"name":1,"colour":"red"}]})",
                        "application/json", viewer_);
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["error"]["details"]["fields"].size(), 2u);
}

TEST_F(ImportRoutesTest, SitesMatchFollowsEveryWriteAtOnce) {
  auto match_of = [&](const std::string& name) {
    const json body = {{"sites", {{{"name", name}, {"country", "IN"}}}}};
    HttpResult r = Post("/v1/sites/match", body.dump(), "application/json", viewer_);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["matches"][0];
  };
  EXPECT_TRUE(match_of("Tungabhadra Granite")["site_id"].is_null());  // loads India's names
  auto put = [&](const std::string& method, const json& site) {
    return isvgraph::testing::HttpRequest(
               port_, method, method == "POST" ? "/v1/sites" : "/v1/sites/TG-1", site.dump(),
               "Authorization: Bearer " + buyer_ + "\r\nContent-Type: application/json\r\n")
        .status;
  };
  ASSERT_EQ(put("POST", {{"id", "TG-1"},
                         {"name", "Tungabhadra Granite"},
                         {"country", "IN"},
                         {"sector", "quarrying_stone"}}),
            201);
  EXPECT_EQ(match_of("Tungabhadra Granite Pvt Ltd")["site_id"], "TG-1");
  ASSERT_EQ(put("PUT", {{"name", "Hampi Stone"}, {"country", "IN"}, {"sector", "quarrying_stone"}}),
            200);
  EXPECT_TRUE(match_of("Tungabhadra Granite")["site_id"].is_null()) << "renamed";
  EXPECT_EQ(match_of("Hampi Stone")["site_id"], "TG-1");
}

}  // namespace
}  // namespace isvgraph::api
