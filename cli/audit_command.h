#pragma once

// `isvgraph audits …` (joint audits, Swedish model) and `isvgraph org set` (authority and
// clause level). Flags only; the work is the api's.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace isvgraph::cli {

struct AuditFlags {
  std::string db, data, organisation, group, file, format = "text", out, today;
  std::string authority, clause_level;
  size_t candidates = 12, max_sites = 4, limit = 50;
  double radius_km = 300;
  int days = 14;
};

void AddAuditCommands(CLI::App& app, AuditFlags& flags);
std::optional<int> RunAuditCommands(const CLI::App& app, const AuditFlags& flags);

}  // namespace isvgraph::cli
