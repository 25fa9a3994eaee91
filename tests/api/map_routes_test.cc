// Maps over real HTTP: locating points, a registry site's coordinates against its country, an
// import that derives CN-XJ from coordinates and flags a country its coordinates contradict,
// country-risk layers and maps, and a contract's chain map, which another organisation cannot
// get.

#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpResult;
using nlohmann::json;

class MapRoutesTest : public LiveServerTest {
 protected:
  void SetUp() override {
    LiveServerTest::SetUp();
    buyer_ = service_->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
    other_ = service_->CreateToken({.organisation = "utrecht", .role = Role::kViewer}).value();
  }
  HttpResult Get(const std::string& target, const std::string& token = "") {
    return isvgraph::testing::HttpRequest(
        port_, "GET", target, "", token.empty() ? "" : "Authorization: Bearer " + token + "\r\n");
  }
  std::string buyer_, other_;
};

TEST_F(MapRoutesTest, LocateAnswersCountryProvinceAndChecks) {
  HttpResult r = Get("/v1/locate?lat=43.8256&lon=87.6168");
  ASSERT_EQ(r.status, 200) << r.body;
  json at = json::parse(r.body);
  EXPECT_EQ(at["country"], "CN");
  EXPECT_EQ(at["region"], "CN-XJ");
  EXPECT_GT(at["boundary_km"].get<double>(), 100);

  r = Get("/v1/locate?lat=23.8103&lon=90.4125&country=IND");
  ASSERT_EQ(r.status, 200) << r.body;
  json check = json::parse(r.body);
  EXPECT_EQ(check["agreement"], "disagrees");
  EXPECT_EQ(check["location"]["country"], "BD");

  EXPECT_EQ(Get("/v1/locate?lat=91&lon=0").status, 400);
  EXPECT_EQ(Get("/v1/locate?lat=abc&lon=0").status, 400);
  EXPECT_EQ(Get("/v1/locate?lon=0").status, 400);
  EXPECT_EQ(Get("/v1/locate?lat=0&lon=0&country=Atlantis").status, 404);
}

// The report of the three rows both import tests send: the Xinjiang site gets its region, the
// site declared in India that lies in Bangladesh (line 3) is flagged with a sentence saying so,
// and the border town is not.
void ExpectXinjiangRegionAndDhakaFlag(const json& report) {
  EXPECT_EQ(report["regions_from_coordinates"], 1);
  EXPECT_EQ(report["location_conflicts"], 1);
  ASSERT_EQ(report["location_flags"].size(), 1u);
  EXPECT_EQ(report["location_flags"][0]["line"], 3);
  EXPECT_NE(report["location_flags"][0]["text"].get<std::string>().find("Bangladesh"),
            std::string::npos);
}

TEST_F(MapRoutesTest, ImportLocatesSitesAndFlagsContradictions) {
  const std::string csv =
      "id,name,country,lat,lon\n"
      "XJ1,Aksu Cotton Ginning,CN,41.17,80.26\n"        // Xinjiang: the region is derived
      "IN1,Dhaka Granite Traders,IN,23.8103,90.4125\n"  // declared India, lies in Bangladesh
      "BD1,Benapole Stone Depot,IN,23.043,88.889\n";    // a border town: not flagged
  HttpResult r = isvgraph::testing::HttpRequest(
      port_, "POST", "/v1/imports?kind=sites", csv,
      "Authorization: Bearer " + buyer_ + "\r\nContent-Type: text/csv\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  json report = json::parse(r.body);
  ExpectXinjiangRegionAndDhakaFlag(report);
  EXPECT_TRUE(report["written"]);  // flagged, not rejected: the buyer decides
  EXPECT_EQ(service_->GetSite("XJ1")->region, "CN-XJ");

  r = Get("/v1/sites/IN1/location", buyer_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["agreement"], "disagrees");
  EXPECT_EQ(json::parse(Get("/v1/sites/BD1/location", buyer_).body)["agreement"], "near_border");
  EXPECT_EQ(Get("/v1/sites/IN1/location").status, 401);
  EXPECT_EQ(Get("/v1/sites/NOPE/location", buyer_).status, 404);
}

// Without a country column the points give the country (and region); a row whose point lies at
// sea but would lie in a country swapped is said to look swapped and keeps an unknown country;
// a row without coordinates is imported with an unknown country. Headers the import does not
// know are named with ?map=.
TEST_F(MapRoutesTest, CoordinatesGiveTheCountryWhenTheColumnIsMissing) {
  const std::string csv =
      "Facility,Latitude,Longitude\n"
      "Aksu Cotton Ginning,41.17,80.26\n"   // Xinjiang
      "Dhaka Knit Works,90.4125,23.8103\n"  // not a latitude: rejected, not located
      "Khartoum Dyeing,32.56,15.5\n"        // at sea; swapped it lies in Sudan
      "Nowhere Known Ltd,,\n";
  HttpResult r = isvgraph::testing::HttpRequest(
      port_, "POST", "/v1/imports?kind=sites&accept_partial=true&map=name%3DFacility", csv,
      "Authorization: Bearer " + buyer_ + "\r\nContent-Type: text/csv\r\n");
  ASSERT_EQ(r.status, 200) << r.body;
  json report = json::parse(r.body);
  EXPECT_EQ(report["countries_from_coordinates"], 1) << r.body;
  EXPECT_EQ(report["unknown_country_rows"], 2) << r.body;
  ASSERT_EQ(report["location_flags"].size(), 1u) << r.body;
  EXPECT_EQ(report["location_flags"][0]["line"], 4);
  EXPECT_NE(report["location_flags"][0]["text"].get<std::string>().find("swapped"),
            std::string::npos);
  ASSERT_EQ(report["rejected"].size(), 1u) << r.body;
  EXPECT_EQ(report["rejected"][0]["line"], 3);
  std::map<std::string, std::string> countries;
  for (const json& m : report["matches"]) {
    countries[m["input_name"]] = service_->GetSite(m["site_id"])->country;
  }
  EXPECT_EQ(countries["Aksu Cotton Ginning"], "CN");
  EXPECT_EQ(countries["Khartoum Dyeing"], "");
  EXPECT_EQ(countries["Nowhere Known Ltd"], "");
}

// Once the boundaries are loaded, the reading thread locates rows itself. The same rules hold:
// the region is derived, a contradiction is flagged with its sentence, and past the report's
// limit conflicts are counted but every flag within it still says why.
TEST_F(MapRoutesTest, ImportsAfterTheBoundariesLoadedLocateTheSame) {
  auto post = [&](const std::string& csv) {
    HttpResult r = isvgraph::testing::HttpRequest(
        port_, "POST", "/v1/imports?kind=sites", csv,
        "Authorization: Bearer " + buyer_ + "\r\nContent-Type: text/csv\r\n");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  };
  ASSERT_TRUE(service_->boundaries());  // as after an earlier import
  json report = post(
      "id,name,country,lat,lon\n"
      "XJ2,Korla Cotton Ginning,CN,41.17,80.26\n"
      "IN2,Dhaka Marble Traders,IN,23.8103,90.4125\n"
      "BD2,Petrapole Stone Depot,IN,23.043,88.889\n");
  ExpectXinjiangRegionAndDhakaFlag(report);
  EXPECT_EQ(service_->GetSite("XJ2")->region, "CN-XJ");

  std::string many = "id,name,country,lat,lon\n";
  const int rows = static_cast<int>(importers::ImportReport::kMaxLocationFlags) + 5;
  for (int i = 0; i < rows; ++i) {
    many += "M" + std::to_string(i) + ",Dhaka Weaving Unit " + std::to_string(i) +
            ",IN,23.8103,90.4125\n";
  }
  const std::string file = dir_.Sub("many.csv");
  std::ofstream(file) << many;
  auto imported = service_->Import({file}, {.kind = importers::ImportKind::kSites});
  ASSERT_TRUE(imported) << imported.error().ToString();
  EXPECT_EQ(imported->location_conflicts, static_cast<size_t>(rows));
  ASSERT_EQ(imported->location_flags.size(), importers::ImportReport::kMaxLocationFlags);
  for (const importers::LocationFlag& flag : imported->location_flags) {
    EXPECT_NE(flag.text.en.find("Bangladesh"), std::string::npos) << flag.line;
  }
}

TEST_F(MapRoutesTest, CountryRiskLayersAndMaps) {
  HttpResult r = Get("/v1/maps/countries.geojson?theme=forced_labour");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.headers["content-type"], "application/geo+json");
  json layer = json::parse(r.body);
  EXPECT_GT(layer["features"].size(), 200u);
  bool india = false;
  for (const json& f : layer["features"]) {
    if (f["properties"]["iso2"] != "IN") continue;
    india = true;
    EXPECT_TRUE(f["properties"]["value"].is_number());
    EXPECT_EQ(f["geometry"]["type"], "MultiPolygon");
  }
  EXPECT_TRUE(india);
  EXPECT_EQ(Get("/v1/maps/countries.gpkg?theme=child_labour").status, 200);
  EXPECT_EQ(Get("/v1/maps/countries.geojson").status, 400);
  EXPECT_EQ(Get("/v1/maps/countries.geojson?theme=happiness").status, 404);

  r = Get("/v1/maps/risk/child_labour.png?width=800&height=500");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "image/png");
  EXPECT_EQ(r.body.substr(1, 3), "PNG");
  r = Get("/v1/maps/risk/child_labour.svg");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  EXPECT_EQ(Get("/v1/maps/risk/child_labour.gif").status, 404);
  EXPECT_EQ(Get("/v1/maps/risk/child_labour.png?width=5").status, 400);
}

TEST_F(MapRoutesTest, ChainMapsBelongToTheContractsOrganisation) {
  graph::WriteBatch batch;
  batch.PutOrganisation({.id = "rws", .name = "RWS"});
  batch.PutSite({.id = "NL1",
                 .name = "Kerb Import BV",
                 .country = "NL",
                 .sector = "wholesale_trading",
                 .lat = 51.92,
                 .lon = 4.48});
  batch.PutSite(
      {.id = "IN2", .name = "Granite Quarry", .country = "IN", .sector = "quarrying_stone"});
  batch.PutLink(
      {.organisation = "rws", .supplier_id = "IN2", .customer_id = "NL1", .product = "granite"});
  batch.PutContract({.id = "K-1",
                     .organisation = "rws",
                     .tier1_site_id = "NL1",
                     .title = "Kerbstones",
                     .cpv = "44912400-6",
                     .value_eur = 300000});
  ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());

  HttpResult r = Get("/v1/maps/chains/K-1.geojson", buyer_);
  ASSERT_EQ(r.status, 200) << r.body;
  json chain = json::parse(r.body);
  int sites = 0, links = 0, assumed = 0;
  for (const json& f : chain["features"]) {
    if (f["properties"]["layer"] == "site") {
      ++sites;
      if (f["properties"]["assumed"] == 1) ++assumed;
      if (f["properties"]["id"] == "IN2") {
        EXPECT_EQ(f["properties"]["position"], "country");
      }
    } else {
      ++links;
    }
  }
  EXPECT_EQ(sites - assumed, 2);
  EXPECT_GE(links, 1);
  for (const char* format : {"gpkg", "kml", "png", "svg"}) {
    EXPECT_EQ(Get(std::string("/v1/maps/chains/K-1.") + format, buyer_).status, 200) << format;
  }
  // Another organisation learns nothing, not even that the contract exists.
  r = Get("/v1/maps/chains/K-1.png", other_);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("Kerb"), std::string::npos);
  EXPECT_EQ(Get("/v1/maps/chains/K-1.png").status, 401);
  EXPECT_EQ(Get("/v1/maps/chains/K-1.tiff", buyer_).status, 404);
}

}  // namespace
}  // namespace isvgraph::api
