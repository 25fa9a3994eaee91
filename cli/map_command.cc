// `isvgraph map locate|check|risk|chain`: where a point lies, the registry's coordinates
// checked, and country-risk and chain maps (GeoJSON, GeoPackage, KML, PNG, SVG).

#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.h"
#include "isvgraph/api/encode/map_json.h"
#include "isvgraph/maps/export.h"
#include "isvgraph/maps/render.h"

namespace isvgraph::cli {
namespace {

struct MapFlags {
  std::string db;
  std::string data = api::DefaultRiskDataDir();      // risk data directory
  std::string map_data = maps::DefaultMapDataDir();  // boundary directory
  double lat = 0, lon = 0;
  std::string country, theme, contract, organisation, format, out;
  int width = 1200, height = 700;
  bool json = false;
  std::string lang;
  i18n::Language language = i18n::Language::kEnglish;  // from --lang, else the locale
};

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) return Status::IoError("cannot write " + path);
  std::fprintf(stderr, "isvgraph: wrote %s (%zu bytes)\n", path.c_str(), bytes.size());
  return Status::Ok();
}

// The file's format: --format, else the extension of --out.
std::string FormatOf(const MapFlags& flags) {
  if (!flags.format.empty()) return flags.format;
  std::string extension = std::filesystem::path(flags.out).extension().string();
  return extension.empty() ? extension : extension.substr(1);
}

// Writes a map in any of the five formats: vector exports or rendered images.
Status WriteMap(const MapFlags& flags,
                const std::function<Result<std::string>(maps::VectorFormat)>& vector,
                const std::function<Result<std::string>(maps::ImageFormat)>& image) {
  const std::string format = FormatOf(flags);
  Result<std::string> bytes = Status::InvalidArgument(
      "--format (or the --out extension) must be geojson, gpkg, kml, png or svg; got '" + format +
      "'");
  if (auto v = maps::VectorFormatFromName(format)) bytes = vector(*v);
  if (auto i = maps::ImageFormatFromName(format)) bytes = image(*i);
  if (!bytes) return bytes.error();
  return WriteFile(flags.out, *bytes);
}

int RunLocate(const MapFlags& flags) {
  auto boundaries = maps::Boundaries::Load({.data_dir = flags.map_data});
  if (!boundaries) return Fail(boundaries.error());
  if (!flags.country.empty()) {
    auto kb = riskdata::KnowledgeBase::Load({.data_dir = flags.data});
    if (!kb) return Fail(kb.error());
    auto country = (*kb)->FindCountry(flags.country);
    if (!country) return Fail(country.error());
    auto check = (*boundaries)->CheckCountry(country->iso2, flags.lat, flags.lon);
    if (!check) return Fail(check.error());
    if (flags.json) {
      std::cout
          << api::CountryCheckJson(*check, (*boundaries)->tolerance_km(), flags.language).dump(2)
          << "\n";
    } else {
      std::cout << maps::AgreementName(check->agreement) << ": " << check->text.In(flags.language)
                << "\n";
    }
    return check->agreement == maps::Agreement::kDisagrees ? 3 : 0;
  }
  auto location = (*boundaries)->Locate(flags.lat, flags.lon);
  if (!location) return Fail(location.error());
  if (flags.json) {
    std::cout << api::LocationJson(*location, flags.language).dump(2) << "\n";
  } else if (location->country.empty()) {
    std::cout << "at sea, " << static_cast<int>(location->boundary_km) << " km from "
              << location->nearest_country << "\n";
  } else {
    std::cout << location->country_name << " (" << location->country << ")";
    if (!location->region.empty())
      std::cout << ", " << location->region_name << " (" << location->region << ")";
    if (!location->possible_regions.empty()) {
      std::cout << ", " << location->region_name << " (" << location->drawn_region
                << ", before 2015; now one of";
      for (const auto& [code, name] : location->possible_regions) std::cout << " " << code;
      std::cout << ")";
    }
    std::cout << "; " << static_cast<int>(location->boundary_km)
              << " km from its border or coast\n";
  }
  return 0;
}

int RunRiskMap(const MapFlags& flags) {
  const auto theme = riskdata::ThemeFromId(flags.theme);
  if (!theme) return Fail(Status::InvalidArgument("unknown theme '" + flags.theme + "'"));
  auto kb = riskdata::KnowledgeBase::Load({.data_dir = flags.data});
  if (!kb) return Fail(kb.error());
  auto boundaries = maps::Boundaries::Load({.data_dir = flags.map_data});
  if (!boundaries) return Fail(boundaries.error());
  const maps::Choropleth map = api::CountryRiskMap(**kb, **boundaries, *theme, flags.language);
  const Status written = WriteMap(
      flags, [&](maps::VectorFormat f) { return maps::ExportCountries(**boundaries, map, f); },
      [&](maps::ImageFormat f) {
        return maps::RenderChoropleth(
            **boundaries, map, f,
            {.width = flags.width, .height = flags.height, .language = flags.language});
      });
  return written.ok() ? 0 : Fail(written);
}

Result<std::unique_ptr<api::Service>> OpenStore(const MapFlags& flags) {
  return OpenExisting(
      {.db_path = flags.db, .risk_data_dir = flags.data, .map_data_dir = flags.map_data});
}

int RunChainMap(const MapFlags& flags) {
  auto service = OpenStore(flags);
  if (!service) return Fail(service.error());
  const graph::Viewer viewer{.organisation = flags.organisation, .all = flags.organisation.empty()};
  auto map = (*service)->ContractMap(viewer, flags.contract, flags.language);
  if (!map) return Fail(map.error());
  auto boundaries = (*service)->boundaries();
  if (!boundaries) return Fail(boundaries.error());
  const Status written = WriteMap(
      flags, [&](maps::VectorFormat f) { return maps::ExportChain(**boundaries, *map, f); },
      [&](maps::ImageFormat f) {
        return maps::RenderChain(
            **boundaries, *map, f,
            {.width = flags.width, .height = flags.height, .language = flags.language});
      });
  return written.ok() ? 0 : Fail(written);
}

int RunCheck(const MapFlags& flags) {
  auto service = OpenStore(flags);
  if (!service) return Fail(service.error());
  auto survey = (*service)->SurveySiteLocations();
  if (!survey) return Fail(survey.error());
  const double tolerance = (*(*service)->boundaries())->tolerance_km();
  if (flags.json) {
    nlohmann::json conflicts = nlohmann::json::array();
    for (const auto& [id, check] : survey->conflicts) {
      nlohmann::json item = api::CountryCheckJson(check, tolerance, flags.language);
      item["site_id"] = id;
      conflicts.push_back(std::move(item));
    }
    std::cout << nlohmann::json{{"sites", survey->sites},
                                {"with_coordinates", survey->with_coordinates},
                                {"agree", survey->agree},
                                {"near_border", survey->near_border},
                                {"conflicts", conflicts}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << survey->sites << " site(s), " << survey->with_coordinates
              << " with coordinates: " << survey->agree << " agree, " << survey->near_border
              << " near the border (within " << tolerance << " km), " << survey->conflicts.size()
              << " conflict(s)\n";
    for (const auto& [id, check] : survey->conflicts)
      std::cout << "  " << id << ": " << check.text.In(flags.language) << "\n";
  }
  return survey->conflicts.empty() ? 0 : 3;
}

class MapCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    MapFlags& flags = flags_;
    map_ = app.add_subcommand("map", "Where sites are, and maps of country risk and of chains");
    CLI::App* map = map_;
    map->require_subcommand(1);
    CLI::App* locate = map->add_subcommand(
        "locate",
        "Country and province of a point; with --country, check that country against it "
        "(exit 3 when they disagree)");
    locate->add_option("--lat", flags.lat, "Latitude, WGS 84")->required();
    locate->add_option("--lon", flags.lon, "Longitude, WGS 84")->required();
    locate->add_option("--country", flags.country, "Declared country to check (alpha-2/3 or name)");
    CLI::App* check = map->add_subcommand(
        "check",
        "Check every registry site's coordinates against its country (exit 3 on conflicts)");
    check->add_option("--db", flags.db, "Store directory")->required();
    CLI::App* risk = map->add_subcommand(
        "risk",
        "A theme's country risk: choropleth (png, svg) or polygon layer (geojson, gpkg, kml)");
    risk->add_option("--theme", flags.theme, "Theme id, e.g. forced_labour")->required();
    CLI::App* chain = map->add_subcommand(
        "chain",
        "A contract's chain: sites, links and assumed tiers (geojson, gpkg, kml, png, svg)");
    chain->add_option("--db", flags.db, "Store directory")->required();
    chain->add_option("--contract", flags.contract, "Contract id")->required();
    chain->add_option("--org", flags.organisation,
                      "Whose contract it is (default: administrative view)");
    for (CLI::App* drawing : {risk, chain}) {
      drawing->add_option("--out,-o", flags.out, "File to write")->required();
      drawing->add_option("--format", flags.format,
                          "geojson, gpkg, kml, png or svg (default: from --out)");
      drawing->add_option("--width", flags.width, "Image width in pixels")->capture_default_str();
      drawing->add_option("--height", flags.height, "Image height in pixels")
          ->capture_default_str();
    }
    for (CLI::App* sub : {locate, check, risk, chain}) {
      sub->add_option("--data", flags.data, "Risk data directory")->capture_default_str();
      sub->add_option("--map-data", flags.map_data, "Boundary data directory")
          ->capture_default_str();
    }
    for (CLI::App* sub : {locate, check}) sub->add_flag("--json", flags.json, "Print JSON");
    for (CLI::App* sub : {locate, check, risk, chain}) AddLanguageOption(sub, &flags.lang);
  }

  std::optional<int> Run() override {
    if (!map_->parsed()) return std::nullopt;
    auto language = CommandLanguage(flags_.lang);
    if (!language) return Fail(language.error());
    flags_.language = *language;
    if (map_->get_subcommand("locate")->parsed()) return RunLocate(flags_);
    if (map_->get_subcommand("check")->parsed()) return RunCheck(flags_);
    if (map_->get_subcommand("risk")->parsed()) return RunRiskMap(flags_);
    if (map_->get_subcommand("chain")->parsed()) return RunChainMap(flags_);
    return std::nullopt;
  }

 private:
  CLI::App* map_ = nullptr;
  MapFlags flags_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewMapCommands() { return std::make_unique<MapCommands>(); }

}  // namespace isvgraph::cli
