// Exports reopen with the same features and attributes; rendered maps have the asked size and
// show what they should where they should.

#include <array>
#include <cmath>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "boundaries_fixture.h"
#include "isvgraph/maps/export.h"
#include "isvgraph/maps/render.h"

namespace isvgraph::maps {
namespace {

// A stone chain: Indian quarry → processor in Xiamen → Dutch importer, one tier assumed.
ChainMap StoneChain() {
  ChainMap map{.title = "Contract RWS-2026-014: granite kerbstones"};
  map.sites = {
      {.id = "NL1",
       .name = "Stenen Import BV",
       .country = "NL",
       .lat = 51.92,
       .lon = 4.48,
       .tier = 1,
       .score = 0.12,
       .worst_theme = "corruption",
       .reason = "low country risk"},
      {.id = "CN1",
       .name = "Xiamen Stone Works",
       .country = "CN",
       .lat = 24.48,
       .lon = 118.09,
       .tier = 2,
       .score = 0.87,
       .worst_theme = "freedom_of_association",
       .flagged = true,
       .reason = "V-Dem"},
      {.id = "IN1",
       .name = "Krishnagiri Granite Quarry",
       .country = "IN",
       .region = "IN-TN",
       .tier = 3,
       .score = 1.0,
       .worst_theme = "child_labour",
       .flagged = true,
       .assumed = true,
       .reason = "US DOL List of Goods: Granite from India"},
  };
  map.links = {{"CN1", "NL1", "kerbstones", "declared"},
               {"IN1", "CN1", "granite blocks", "assumed"}};
  map.credits = {"Risk: isvgraph knowledge base (methodology isv-2026.1)"};
  return map;
}

Choropleth ForcedLabour() {
  Choropleth map{.title = "Forced labour: country risk", .theme = "forced_labour"};
  map.values = {{"IN", 0.9, "0.90 (test)"},
                {"NL", 0.1, "0.10 (test)"},
                {"CN", 0.8, "0.80 (test)"},
                {"BR", 0.4, "0.40 (test)"},
                {"MY", 0.6, "0.60 (test)"}};
  map.credits = {"Test values"};
  return map;
}

struct DatasetCloser {
  void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

// The bytes as a GDAL dataset in memory (the file is unlinked when the test ends).
Dataset Reopen(const std::string& bytes, const std::string& name, unsigned flags) {
  const std::string path = "/vsimem/test-" + name;
  VSIFCloseL(VSIFileFromMemBuffer(path.c_str(),
                                  reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                  bytes.size(), FALSE));
  GDALAllRegister();
  return Dataset(GDALDataset::Open(path.c_str(), flags | GDAL_OF_READONLY));
}

TEST(ExportTest, GeoPackageReopensWithTheSameFeaturesAndAttributes) {
  auto bytes = ExportChain(SharedBoundaries(), StoneChain(), VectorFormat::kGeoPackage);
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  Dataset dataset = Reopen(*bytes, "chain.gpkg", GDAL_OF_VECTOR);
  ASSERT_TRUE(dataset);
  OGRLayer* sites = dataset->GetLayerByName("sites");
  OGRLayer* links = dataset->GetLayerByName("links");
  ASSERT_TRUE(sites && links);
  EXPECT_EQ(sites->GetFeatureCount(), 3);
  EXPECT_EQ(links->GetFeatureCount(), 2);
  std::set<std::string> seen;
  for (auto& feature : *sites) {
    seen.insert(feature->GetFieldAsString("id"));
    const OGRPoint* point = feature->GetGeometryRef()->toPoint();
    if (std::string(feature->GetFieldAsString("id")) == "CN1") {
      EXPECT_DOUBLE_EQ(point->getX(), 118.09);
      EXPECT_DOUBLE_EQ(point->getY(), 24.48);
      EXPECT_DOUBLE_EQ(feature->GetFieldAsDouble("score"), 0.87);
      EXPECT_STREQ(feature->GetFieldAsString("risk_class"), "0.7 - 1 very high");
      EXPECT_STREQ(feature->GetFieldAsString("position"), "coordinates");
      EXPECT_EQ(feature->GetFieldAsInteger("tier"), 2);
    }
    if (std::string(feature->GetFieldAsString("id")) == "IN1") {
      // No coordinates: drawn inside India, and the attribute says so.
      EXPECT_STREQ(feature->GetFieldAsString("position"), "country");
      EXPECT_EQ(feature->GetFieldAsInteger("assumed"), 1);
      auto location = SharedBoundaries().Locate(point->getY(), point->getX());
      ASSERT_TRUE(location);
      EXPECT_EQ(location->country, "IN");
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"CN1", "IN1", "NL1"}));
  for (auto& feature : *links) {
    EXPECT_EQ(wkbFlatten(feature->GetGeometryRef()->getGeometryType()), wkbLineString);
  }
}

TEST(ExportTest, GeoJsonKmlAndCountriesOpen) {
  for (VectorFormat format : {VectorFormat::kGeoJson, VectorFormat::kKml}) {
    auto bytes = ExportChain(SharedBoundaries(), StoneChain(), format);
    ASSERT_TRUE(bytes) << bytes.error().ToString();
    Dataset dataset =
        Reopen(*bytes, format == VectorFormat::kKml ? "c.kml" : "c.geojson", GDAL_OF_VECTOR);
    ASSERT_TRUE(dataset);
    GIntBig features = 0;
    for (int i = 0; i < dataset->GetLayerCount(); ++i)
      features += dataset->GetLayer(i)->GetFeatureCount();
    EXPECT_EQ(features, 5);  // 3 sites + 2 links
  }
  auto countries = ExportCountries(SharedBoundaries(), ForcedLabour(), VectorFormat::kGeoJson);
  ASSERT_TRUE(countries);
  Dataset dataset = Reopen(*countries, "countries.geojson", GDAL_OF_VECTOR);
  ASSERT_TRUE(dataset);
  OGRLayer* layer = dataset->GetLayer(0);
  EXPECT_EQ(layer->GetFeatureCount(), static_cast<GIntBig>(SharedBoundaries().countries().size()));
  layer->SetAttributeFilter("iso2 = 'IN'");
  auto india = std::unique_ptr<OGRFeature>(layer->GetNextFeature());
  ASSERT_TRUE(india);
  EXPECT_DOUBLE_EQ(india->GetFieldAsDouble("value"), 0.9);
  EXPECT_STREQ(india->GetFieldAsString("theme"), "forced_labour");
}

std::array<int, 3> PixelAt(GDALDataset& png, int x, int y) {
  std::array<int, 3> rgb{};
  for (int band = 1; band <= 3; ++band) {
    GByte value = 0;
    EXPECT_EQ(png.GetRasterBand(band)->RasterIO(GF_Read, x, y, 1, 1, &value, 1, 1, GDT_Byte, 0, 0),
              CE_None);
    rgb[band - 1] = value;
  }
  return rgb;
}

// The colour of the PNG pixel that shows `p` on the world choropleth (plate carrée, 1200×700,
// frame 10..1190 × 40..604, window 180°W..180°E × 58°S..84°N).
std::array<int, 3> WorldPixel(GDALDataset& png, LonLat p) {
  const double scale = std::min(1180.0 / 360, 564.0 / 142);
  const double x = 600 + p.lon * scale, y = (40 + 604) / 2.0 - (p.lat - 13) * scale;
  return PixelAt(png, static_cast<int>(x), static_cast<int>(y));
}

TEST(RenderTest, ChoroplethPngHasTheSizeAndColoursWhereTheyBelong) {
  auto png = RenderChoropleth(SharedBoundaries(), ForcedLabour(), ImageFormat::kPng);
  ASSERT_TRUE(png) << png.error().ToString();
  ASSERT_GT(png->size(), 8u);
  EXPECT_EQ(png->substr(1, 3), "PNG");
  Dataset image = Reopen(*png, "map.png", GDAL_OF_RASTER);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->GetRasterXSize(), 1200);
  EXPECT_EQ(image->GetRasterYSize(), 700);
  EXPECT_EQ(image->GetRasterCount(), 3);
  const std::array<int, 3> very_high{0xd7, 0x30, 0x27}, no_data{0xcf, 0xcf, 0xcf};
  EXPECT_EQ(WorldPixel(*image, {78.0, 22.0}), very_high);  // central India
  EXPECT_EQ(WorldPixel(*image, {-100.0, 40.0}), no_data);  // the United States: no value given
  EXPECT_EQ(WorldPixel(*image, {-55.0, -10.0}), (std::array<int, 3>{0xfe, 0xe0, 0x8b}));  // Brazil
  // Non-trivial content: sea, land classes, borders and text make many colours.
  std::set<std::array<int, 3>> colours;
  for (int y = 0; y < 700; y += 7) {
    for (int x = 0; x < 1200; x += 7) colours.insert(PixelAt(*image, x, y));
  }
  EXPECT_GE(colours.size(), 6u);
}

TEST(RenderTest, LegendSymbolsAndAttributionInDutch) {
  auto svg = RenderChain(SharedBoundaries(), StoneChain(), ImageFormat::kSvg,
                         {.width = 900, .height = 600, .language = i18n::Language::kDutch});
  ASSERT_TRUE(svg) << svg.error().ToString();
  for (const char* dutch : {">0,7 - 1 zeer hoog<", ">geen gegevens<",
                            ">gestippeld: aangenomen schakel of leveringsrelatie (niet opgegeven)<",
                            "Grenzen: Natural Earth", "(schakel 2)"}) {
    EXPECT_NE(svg->find(dutch), std::string::npos) << dutch;
  }
  EXPECT_EQ(svg->find("very high"), std::string::npos);
  EXPECT_EQ(svg->find("dashed:"), std::string::npos);
}

TEST(RenderTest, ChainMapsInBothFormats) {
  auto svg = RenderChain(SharedBoundaries(), StoneChain(), ImageFormat::kSvg,
                         {.width = 900, .height = 600});
  ASSERT_TRUE(svg) << svg.error().ToString();
  EXPECT_NE(svg->find("width=\"900\" height=\"600\""), std::string::npos);
  EXPECT_NE(svg->find(">T2 Xiamen Stone Works<"), std::string::npos);
  EXPECT_NE(svg->find(">T3 IN-TN<"), std::string::npos);        // an assumed place: tier and place
  EXPECT_NE(svg->find("stroke-dasharray"), std::string::npos);  // the assumed link and site
  // The flagged processor is a diamond (shape beside colour), the importer a circle; the legend
  // says so.
  const size_t diamond = svg->find("<path class=\"diamond\"");
  ASSERT_NE(diamond, std::string::npos);
  EXPECT_EQ(svg->find("<title>Xiamen Stone Works", diamond),
            svg->find("<title>Xiamen Stone Works"));
  EXPECT_LT(svg->find("<title>Xiamen Stone Works", diamond), svg->find("</path>", diamond));
  EXPECT_NE(svg->find("<title>Stenen Import BV"), std::string::npos);
  EXPECT_LT(svg->rfind("<circle", svg->find("<title>Stenen Import BV")),
            svg->find("<title>Stenen Import BV"));
  EXPECT_NE(svg->find(">diamond: flagged site<"), std::string::npos);
  // The assumed quarry's dashed ring is drawn in the darker shade of its class (4.5:1 on land),
  // not in the fill colour (under 3:1).
  EXPECT_NE(svg->find("fill=\"white\" stroke=\"#a50f15\" stroke-width=\"2.5\""), std::string::npos);
  EXPECT_NE(svg->find("Natural Earth"), std::string::npos);  // attribution
  EXPECT_NE(svg->find("isv-2026.1"), std::string::npos);     // the credits given
  auto png = RenderChain(SharedBoundaries(), StoneChain(), ImageFormat::kPng,
                         {.width = 900, .height = 600});
  ASSERT_TRUE(png) << png.error().ToString();
  Dataset image = Reopen(*png, "chain.png", GDAL_OF_RASTER);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->GetRasterXSize(), 900);

  ChainMap nowhere{.title = "nowhere"};
  nowhere.sites = {{.id = "X", .name = "X", .country = "QQ"}};
  EXPECT_EQ(RenderChain(SharedBoundaries(), nowhere, ImageFormat::kPng).error().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderChoropleth(SharedBoundaries(), ForcedLabour(), ImageFormat::kPng, {.width = 10})
                .error()
                .code(),
            StatusCode::kInvalidArgument);
}

// The circles and text boxes of a chain map's frame (the legend below it left out).
struct Drawn {
  std::vector<std::array<double, 3>> circles;  // cx, cy, r
  std::vector<std::array<double, 4>> texts;    // x, top, width, height
};
Drawn DrawnIn(const std::string& svg, double frame_bottom) {
  Drawn drawn;
  static const std::regex kCircle(R"re(<circle cx="([-0-9.]+)" cy="([-0-9.]+)" r="([0-9.]+)")re");
  static const std::regex kText(
      R"re(<text x="([-0-9.]+)" y="([-0-9.]+)"[^>]*textLength="([0-9.]+)")re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kCircle);
       it != std::sregex_iterator(); ++it) {
    const double cx = std::stod((*it)[1]), cy = std::stod((*it)[2]), r = std::stod((*it)[3]);
    if (cy < frame_bottom && r > 2) drawn.circles.push_back({cx, cy, r});
  }
  // A flagged site's diamond: "M x,top L right,y …" stands for a symbol of reach right - x.
  static const std::regex kDiamond(
      R"re(<path class="diamond" d="M([-0-9.]+),([-0-9.]+) L([-0-9.]+),([-0-9.]+))re");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kDiamond);
       it != std::sregex_iterator(); ++it) {
    const double cx = std::stod((*it)[1]), cy = std::stod((*it)[4]);
    if (cy < frame_bottom) drawn.circles.push_back({cx, cy, std::stod((*it)[3]) - cx});
  }
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kText); it != std::sregex_iterator();
       ++it) {
    const double top = std::stod((*it)[2]) - 7;
    if (top > 40 && top < frame_bottom)
      drawn.texts.push_back({std::stod((*it)[1]), top, std::stod((*it)[3]), 9});
  }
  return drawn;
}

bool BoxesOverlap(const std::array<double, 4>& a, const std::array<double, 4>& b) {
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
}

TEST(RenderTest, SitesInOneTownAreToldApartAndNoLabelHidesAnother) {
  ChainMap map = StoneChain();
  // Three more works in Xiamen at the processor's very coordinates, and a second Indian quarry
  // without coordinates (both Indian quarries at India's label point).
  for (const char* name : {"Xiamen Polishing Co", "Xiamen Cutting Ltd", "Xiamen Export Yard"}) {
    map.sites.push_back({.id = name,
                         .name = name,
                         .country = "CN",
                         .lat = 24.48,
                         .lon = 118.09,
                         .tier = 3,
                         .score = 0.6});
    map.links.push_back({name, "CN1", "stone", "declared"});
  }
  map.sites.push_back(
      {.id = "IN2", .name = "Second quarry", .country = "IN", .tier = 4, .score = 0.9});
  map.sites[2].region.clear();
  auto svg = RenderChain(SharedBoundaries(), map, ImageFormat::kSvg, {.width = 900, .height = 600});
  ASSERT_TRUE(svg) << svg.error().ToString();
  const Drawn drawn = DrawnIn(*svg, 600 - 96);
  ASSERT_EQ(drawn.circles.size(), map.sites.size());
  for (size_t i = 0; i < drawn.circles.size(); ++i) {
    for (size_t j = i + 1; j < drawn.circles.size(); ++j) {
      const auto& a = drawn.circles[i];
      const auto& b = drawn.circles[j];
      EXPECT_GE(std::hypot(a[0] - b[0], a[1] - b[1]), a[2] + b[2] + 2)
          << "symbols " << i << " and " << j << " touch";
    }
  }
  ASSERT_EQ(drawn.texts.size(), map.sites.size());
  for (size_t i = 0; i < drawn.texts.size(); ++i) {
    for (size_t j = i + 1; j < drawn.texts.size(); ++j) {
      EXPECT_FALSE(BoxesOverlap(drawn.texts[i], drawn.texts[j])) << "labels " << i << " and " << j;
    }
    for (const auto& c : drawn.circles) {
      EXPECT_FALSE(BoxesOverlap(drawn.texts[i], {c[0] - c[2], c[1] - c[2], 2 * c[2], 2 * c[2]}))
          << "label " << i << " over a symbol";
    }
  }
  for (const char* name : {"Xiamen Polishing Co", "Xiamen Cutting Ltd", "Xiamen Export Yard"}) {
    EXPECT_NE(svg->find(std::string(">T3 ") + name + "<"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace isvgraph::maps
