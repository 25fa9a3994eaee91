// Point-in-polygon on real places: cities, points at sea, both sides of the antimeridian, an
// enclave, provinces (Xinjiang, a pre-2015 DRC province), and the country check with its
// border tolerance.

#include "isvgraph/maps/boundaries.h"

#include <gtest/gtest.h>

#include "boundaries_fixture.h"

namespace isvgraph::maps {
namespace {

Location At(double lat, double lon) {
  auto location = SharedBoundaries().Locate(lat, lon);
  EXPECT_TRUE(location) << location.error().ToString();
  return location ? *location : Location{};
}

TEST(BoundariesTest, CitiesLieInTheirCountries) {
  struct City {
    const char* name;
    double lat, lon;
    const char* country;
  };
  const City cities[] = {
      {"Dhaka", 23.8103, 90.4125, "BD"},
      {"Fuzhou", 26.0745, 119.2965, "CN"},
      {"Sialkot", 32.4945, 74.5229, "PK"},
      {"Krishnagiri", 12.5266, 78.2150, "IN"},
      {"Kuala Lumpur", 3.1390, 101.6869, "MY"},
      {"Lubumbashi", -11.6647, 27.4794, "CD"},
      {"Amsterdam", 52.3676, 4.9041, "NL"},
      {"Ankara", 39.9334, 32.8597, "TR"},
      {"Ho Chi Minh City", 10.8231, 106.6297, "VN"},
      {"São Paulo", -23.5505, -46.6333, "BR"},
  };
  for (const City& city : cities) {
    const Location location = At(city.lat, city.lon);
    EXPECT_EQ(location.country, city.country) << city.name;
    EXPECT_GT(location.boundary_km, 0) << city.name;
  }
}

TEST(BoundariesTest, ProvincesComeFromCoordinates) {
  const Location urumqi = At(43.8256, 87.6168);
  EXPECT_EQ(urumqi.region, "CN-XJ");
  EXPECT_EQ(urumqi.region_name, "Xinjiang");
  EXPECT_EQ(At(26.0745, 119.2965).region, "CN-FJ");  // Fuzhou, Fujian
  EXPECT_EQ(At(12.5266, 78.2150).region, "IN-TN");   // Krishnagiri, Tamil Nadu
  EXPECT_EQ(At(0.1415, 29.2917).region, "CD-NK");    // Butembo, Nord-Kivu: unchanged in 2015

  // Lubumbashi: Natural Earth draws Katanga, split in 2015 into four provinces.
  const Location lubumbashi = At(-11.6647, 27.4794);
  EXPECT_EQ(lubumbashi.region, "");
  EXPECT_EQ(lubumbashi.drawn_region, "CD-KA");
  ASSERT_EQ(lubumbashi.possible_regions.size(), 4u);
  EXPECT_EQ(lubumbashi.possible_regions[0].first, "CD-HK");

  // No admin-1 is shipped for the Netherlands: no region, and no error.
  EXPECT_EQ(At(52.3676, 4.9041).region, "");
}

TEST(BoundariesTest, PointsAtSeaNameTheNearestCountry) {
  const Location gulf = At(0, 0);  // Gulf of Guinea
  EXPECT_EQ(gulf.country, "");
  EXPECT_GT(gulf.boundary_km, 300);
  EXPECT_FALSE(gulf.nearest_country.empty());

  const Location north_sea = At(53.5, 4.0);  // some 60 km off the Dutch coast
  EXPECT_EQ(north_sea.country, "");
  EXPECT_EQ(north_sea.nearest_country, "NL");
  EXPECT_GT(north_sea.boundary_km, 20);
  EXPECT_LT(north_sea.boundary_km, 120);
}

TEST(BoundariesTest, BothSidesOfTheAntimeridian) {
  EXPECT_EQ(At(67.0, 179.5).country, "RU");   // Chukotka, east of 180° …
  EXPECT_EQ(At(67.0, -179.5).country, "RU");  // … and west of it
  EXPECT_EQ(At(66.0, -172.0).country, "RU");
  EXPECT_EQ(At(-16.43, 179.38).country, "FJ");  // Labasa, Vanua Levu
  const Location date_line_sea = At(-30.0, 180.0);
  EXPECT_EQ(date_line_sea.country, "");
}

TEST(BoundariesTest, AnEnclaveIsNotItsSurroundings) {
  EXPECT_EQ(At(-29.3167, 27.4833).country, "LS");  // Maseru
  EXPECT_EQ(At(-29.6, 28.3).country, "LS");        // the middle of Lesotho
  EXPECT_EQ(At(-29.1167, 26.2167).country, "ZA");  // Bloemfontein, outside it
  EXPECT_EQ(At(43.9424, 12.4578).country, "SM");   // San Marino in Italy
  EXPECT_EQ(At(43.77, 11.25).country, "IT");       // Florence
}

TEST(BoundariesTest, CountryCheckJudgesBorderAndCoastFairly) {
  // Declared India, but in Dhaka: far from any Indian border.
  auto dhaka = SharedBoundaries().CheckCountry("IN", 23.8103, 90.4125);
  ASSERT_TRUE(dhaka);
  EXPECT_EQ(dhaka->agreement, Agreement::kDisagrees);
  EXPECT_GT(dhaka->declared_km, 50);
  EXPECT_NE(dhaka->text.en.find("Bangladesh"), std::string::npos) << dhaka->text.en;
  EXPECT_NE(
      dhaka->text.nl.find("opgegeven is India (IN), maar 23,8103 N, 90,4125 O ligt in Bangladesh"),
      std::string::npos)
      << dhaka->text.nl;

  // Benapole, on the Bangladeshi side of the Petrapole crossing, declared India: a border town.
  auto benapole = SharedBoundaries().CheckCountry("IN", 23.043, 88.889);
  ASSERT_TRUE(benapole);
  EXPECT_EQ(benapole->location.country, "BD");
  EXPECT_EQ(benapole->agreement, Agreement::kNearBorder) << benapole->text.en;
  EXPECT_LT(benapole->declared_km, 15);

  // A quay a few kilometres off Mumbai's generalised coast: at sea, yet India.
  auto quay = SharedBoundaries().CheckCountry("IN", 18.95, 72.78);
  ASSERT_TRUE(quay);
  EXPECT_NE(quay->agreement, Agreement::kDisagrees) << quay->text.en;

  // Xiamen, the stone port, is an island the 1:50m coastline leaves out.
  auto xiamen = SharedBoundaries().CheckCountry("CN", 24.4798, 118.0894);
  ASSERT_TRUE(xiamen);
  EXPECT_EQ(xiamen->location.country, "");
  EXPECT_EQ(xiamen->agreement, Agreement::kNearBorder) << xiamen->text.en;

  auto agrees = SharedBoundaries().CheckCountry("PK", 32.4945, 74.5229);
  ASSERT_TRUE(agrees);
  EXPECT_EQ(agrees->agreement, Agreement::kAgrees);
  EXPECT_EQ(agrees->declared_km, 0);
}

TEST(BoundariesTest, BadInputIsRefusedClearly) {
  EXPECT_EQ(SharedBoundaries().Locate(91, 0).error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SharedBoundaries().Locate(0, 181).error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SharedBoundaries().CheckCountry("QQ", 0, 0).error().code(), StatusCode::kNotFound);
  auto missing = Boundaries::Load({.data_dir = "/nonexistent"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.error().message().find("ne_50m_admin0_countries.geojson"), std::string::npos);
}

}  // namespace
}  // namespace isvgraph::maps
