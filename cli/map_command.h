#pragma once

// `isvgraph map …`: locate a point, check the registry's coordinates, and write country-risk
// and chain maps (GeoJSON, GeoPackage, KML, PNG, SVG). Flags only; the work is the api's.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace isvgraph::cli {

struct MapFlags {
  std::string db;
  std::string data;      // risk data directory
  std::string map_data;  // boundary directory
  double lat = 0, lon = 0;
  std::string country, theme, contract, organisation, format, out;
  int width = 1200, height = 700;
  bool json = false;
};

// Adds `map` and its subcommands to the app; RunMap runs whichever was parsed (returns
// nullopt when none was).
void AddMapCommand(CLI::App& app, MapFlags& flags);
std::optional<int> RunMap(const CLI::App& app, const MapFlags& flags);

}  // namespace isvgraph::cli
