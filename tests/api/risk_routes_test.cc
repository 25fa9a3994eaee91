// The risk knowledge base over real HTTP: /v1/risk/*, /v1/cpv/*, /v1/product-groups.

#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

class RiskRoutesTest : public LiveServerTest {
 protected:
  RiskRoutesTest() { max_body_bytes_ = 1 << 20; }
};

TEST_F(RiskRoutesTest, ThemesAndLayersCiteTheirBasis) {
  auto themes = Get("/v1/risk/themes");
  ASSERT_EQ(themes.status, 200) << themes.error;
  json t = JsonOf(themes);
  EXPECT_EQ(t["methodology"], "isvgraph-risk-v2");
  ASSERT_EQ(t["themes"].size(), 9u);
  EXPECT_EQ(t["themes"][0]["id"], "child_labour");
  EXPECT_FALSE(t["themes"][0]["sources"].empty());

  auto layers = Get("/v1/risk/layers");
  ASSERT_EQ(layers.status, 200);
  json l = JsonOf(layers);
  bool saw_vdem = false;
  for (const json& layer : l["layers"]) {
    if (layer["id"] == "vdem") {
      saw_vdem = true;
      EXPECT_EQ(layer["licence"], "CC-BY-SA-4.0");
      EXPECT_EQ(layer["edition"], "v14 (data 2023)");
      EXPECT_GT(layer["countries"].get<int>(), 150);
    }
  }
  EXPECT_TRUE(saw_vdem);
}

TEST_F(RiskRoutesTest, CountryByAlpha3AnyCase) {
  auto r = Get("/v1/risk/countries/ind");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = JsonOf(r);
  EXPECT_EQ(body["country"]["iso2"], "IN");
  EXPECT_EQ(body["themes"][0]["theme"], "child_labour");
  EXPECT_EQ(body["themes"][0]["indicators"][0]["source"]["layer"], "sdg_8_7_1");
  // By name, in English or Dutch, as the tender check takes countries.
  EXPECT_EQ(JsonOf(Get("/v1/risk/countries/India"))["country"]["iso2"], "IN");
  EXPECT_EQ(JsonOf(Get("/v1/risk/countries/Turkije"))["country"]["iso2"], "TR");
  EXPECT_EQ(Get("/v1/risk/countries/Atlantis").status, 404);
  // China has no child-labour country data: null, not 0.
  json china = JsonOf(Get("/v1/risk/countries/CN"));
  EXPECT_TRUE(china["themes"][0]["score"].is_null());
}

TEST_F(RiskRoutesTest, CountryErrors) {
  auto unknown = Get("/v1/risk/countries/XQ");
  ASSERT_EQ(unknown.status, 404);
  json error = ErrorOf(unknown);
  EXPECT_EQ(error["code"], "not_found");
  EXPECT_NE(error["message"].get<std::string>().find("alpha-2"), std::string::npos);
  auto malformed = Get("/v1/risk/countries/12");
  ASSERT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorOf(malformed)["details"]["hint"], "e.g. IN or IND");
}

TEST_F(RiskRoutesTest, SiteScoreWithFlagsAndExplanations) {
  auto r = Get("/v1/risk/sites?country=CD&sector=cobalt_mining");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = JsonOf(r);
  EXPECT_TRUE(body["flagged"].get<bool>());
  json child = body["themes"][0];
  EXPECT_TRUE(child["flagged"].get<bool>());
  EXPECT_EQ(child["flags"][0]["rule"], "dol_child_labour");
  EXPECT_EQ(child["flags"][0]["source"]["edition"], "2022");
  EXPECT_EQ(child["sector"]["source"]["id"], "amnesty_2016");
  EXPECT_FALSE(child["explanation"].get<std::string>().empty());
}

TEST_F(RiskRoutesTest, SiteErrors) {
  EXPECT_EQ(Get("/v1/risk/sites").status, 400);
  EXPECT_EQ(Get("/v1/risk/sites?country=IN&colour=red").status, 400);
  auto sector = Get("/v1/risk/sites?country=IN&sector=nope");
  ASSERT_EQ(sector.status, 404);
  EXPECT_NE(ErrorOf(sector)["message"].get<std::string>().find("quarrying_stone"),
            std::string::npos);
}

TEST_F(RiskRoutesTest, BatchScoring) {
  auto r = Post("/v1/risk/sites", R"({"sites":[{"country":"IN","sector":"quarrying_stone",
      "product":"stones"},{"country":"NL","sector":"public_administration"}]})");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = JsonOf(r);
  ASSERT_EQ(body["results"].size(), 2u);
  EXPECT_TRUE(body["results"][0]["flagged"].get<bool>());
  EXPECT_FALSE(body["results"][1]["flagged"].get<bool>());
}

TEST_F(RiskRoutesTest, BatchWithABadSiteScoresNothing) {
  auto r = Post("/v1/risk/sites",
                R"({"sites":[{"country":"IN"},{"country":"Atlantis"},{"country":7}]})");
  ASSERT_EQ(r.status, 400) << r.body;
  json error = ErrorOf(r);
  ASSERT_EQ(error["details"]["errors"].size(), 2u);
  EXPECT_EQ(error["details"]["errors"][0]["index"], 1);
  EXPECT_EQ(error["details"]["errors"][1]["message"], "country must be a string");
}

TEST_F(RiskRoutesTest, MalformedJsonIs400) {
  auto r = Post("/v1/risk/sites", R"({"sites":[{"country":"IN"})");
  ASSERT_EQ(r.status, 400) << r.body;
  json error = ErrorOf(r);
  EXPECT_EQ(error["code"], "invalid_argument");
  EXPECT_EQ(error["message"], "malformed JSON in request body");
  EXPECT_TRUE(error["details"].contains("byte"));
  auto wrong_shape = Post("/v1/risk/sites", R"([1,2,3])");
  EXPECT_EQ(wrong_shape.status, 400);
}

TEST_F(RiskRoutesTest, CpvWithAndWithoutCheckDigit) {
  auto workwear = Get("/v1/cpv/18100000-0");
  ASSERT_EQ(workwear.status, 200) << workwear.body;
  json w = JsonOf(workwear);
  EXPECT_EQ(w["product_group"]["id"], "workwear_textiles");
  EXPECT_EQ(w["product_group"]["isv_category"], "Bedrijfskleding");
  EXPECT_EQ(w["nl"], "Beroepskleding, speciale werkkleding en toebehoren");
  json granite = JsonOf(Get("/v1/cpv/44912100"));
  EXPECT_EQ(granite["code"], "44912100-7");
  EXPECT_EQ(granite["product_group"]["id"], "natural_stone");
}

TEST_F(RiskRoutesTest, CpvErrors) {
  auto malformed = Get("/v1/cpv/1810");
  ASSERT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrorOf(malformed)["code"], "invalid_argument");
  auto check = Get("/v1/cpv/18100000-5");
  EXPECT_EQ(check.status, 400);
  auto unknown = Get("/v1/cpv/44912199");
  ASSERT_EQ(unknown.status, 404);
  EXPECT_NE(ErrorOf(unknown)["message"].get<std::string>().find("44912100-7"), std::string::npos);
}

TEST_F(RiskRoutesTest, ProductGroups) {
  json list = JsonOf(Get("/v1/product-groups"));
  ASSERT_GE(list["product_groups"].size(), 15u);
  auto stone = Get("/v1/product-groups/natural_stone");
  ASSERT_EQ(stone.status, 200);
  json s = JsonOf(stone);
  EXPECT_EQ(s["template_chain"].back()["sector"], "quarrying_stone");
  EXPECT_EQ(s["template_chain"].back()["origins"][0]["country"], "IN");
  auto missing = Get("/v1/product-groups/caviar");
  ASSERT_EQ(missing.status, 404);
  EXPECT_EQ(ErrorOf(missing)["details"]["product_groups"].size(), list["product_groups"].size());
}

TEST_F(RiskRoutesTest, VersionNamesDataEditions) {
  json v = JsonOf(Get("/v1/version"));
  EXPECT_EQ(v["methodology"], "isvgraph-risk-v2");
  EXPECT_EQ(v["data_editions"]["dol_goods"], "2022");
  EXPECT_EQ(v["data_editions"]["wgi"], "2024 update (data 2023)");
}

TEST_F(RiskRoutesTest, TenderCheckRanksThemesAndDecidesTheClause) {
  auto r = Get("/v1/tender-check?cpv=18100000-0&countries=BD,CN&value=500000&date=2025-06-01");
  ASSERT_EQ(r.status, 200) << r.body;
  json advice = JsonOf(r);
  EXPECT_EQ(advice["product_group"]["id"], "workwear_textiles");
  EXPECT_TRUE(advice["isv"]["mandatory"]);
  EXPECT_EQ(advice["isv"]["threshold_source"]["id"], "eu_thresholds_2024");
  std::vector<std::string> top;
  for (int i = 0; i < 4; ++i) top.push_back(advice["themes"][i]["theme"]);
  EXPECT_NE(std::find(top.begin(), top.end(), "forced_labour"), top.end());
  EXPECT_NE(std::find(top.begin(), top.end(), "freedom_of_association"), top.end());
  EXPECT_FALSE(advice["themes"][0]["sources"].empty());
  EXPECT_FALSE(advice["themes"][0]["questions"].empty());

  auto unknown = Get("/v1/tender-check?cpv=18100009");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("nearest codes: 18100000-0"), std::string::npos) << unknown.body;
  EXPECT_EQ(Get("/v1/tender-check").status, 400);
  EXPECT_EQ(Get("/v1/tender-check?cpv=18100000&value=lots").status, 400);
  auto generic = JsonOf(Get("/v1/tender-check?cpv=39000000&countries=PK"));
  EXPECT_TRUE(generic["generic"]);
  EXPECT_TRUE(generic["product_group"].is_null());
}

}  // namespace
}  // namespace isvgraph::api
