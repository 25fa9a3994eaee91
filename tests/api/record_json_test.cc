// The site writer of GET /v1/sites/{id} against the JSON value it stands in for: byte for byte
// the same text for awkward names, every control character, external ids and many doubles.

#include "isvgraph/api/encode/record_json.h"

#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

namespace isvgraph::api {
namespace {

std::string ViaValue(const graph::Site& site) {
  return SiteJson(site).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(SiteJsonText, SameTextAsTheJsonValue) {
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  controls += "\x7f\"\\/";
  const std::vector<graph::Site> sites = {
      {.id = "S1", .name = "Plain", .country = "IN"},
      {.id = "S2",
       .name = "Quarry \"Nord\", Ltd.\nUnit 2 — Kṛṣṇagiri",
       .country = "IN",
       .region = "IN-TN",
       .sector = "quarrying_stone",
       .role = "quarry",
       .lat = 12.52,
       .lon = 78.21,
       .external_ids = {{"os_id", "IN2020ABC"}, {"duns", "12\t34"}, {"lei", ""}}},
      {.id = controls, .name = controls, .country = "BD", .lat = 78.0, .lon = -0.0},
      {.id = "S4", .name = "Bad \xff bytes", .country = "CN", .lat = 1e-7, .lon = 1e21},
      // Escapes first, last and between plain runs.
      {.id = "\"S6", .name = "\"a\"b\\\nc\\", .country = "NL", .region = "\t", .role = "x\x01"},
      {.id = "S5",
       .name = "N",
       .country = "CN",
       .lat = std::nan(""),
       .lon = std::numeric_limits<double>::infinity()},
  };
  for (const graph::Site& site : sites) EXPECT_EQ(SiteJsonText(site), ViaValue(site)) << site.id;

  std::mt19937_64 random(20261128);
  std::uniform_real_distribution<double> degrees(-180, 180);
  std::uniform_int_distribution<int> decimals(0, 12), exponent(-300, 300);
  for (int i = 0; i < 20000; ++i) {
    const double scale = std::pow(10.0, decimals(random));
    graph::Site site{.id = "R",
                     .name = "R",
                     .country = "NL",
                     .lat = std::round(degrees(random) * scale) / scale,
                     .lon = degrees(random) * std::pow(10.0, exponent(random))};
    ASSERT_EQ(SiteJsonText(site), ViaValue(site)) << *site.lat << " " << *site.lon;
  }
}

}  // namespace
}  // namespace isvgraph::api
