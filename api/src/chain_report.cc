#include "isvgraph/api/chain_report.h"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

namespace isvgraph::api {
namespace {

std::string Score(uint16_t milli) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%u.%03u", milli / 1000u, milli % 1000u);
  return buffer;
}

std::string Path(const std::vector<std::string_view>& path) {
  std::string out;
  for (std::string_view step : path) {
    if (!out.empty()) out += " <- ";
    out += step;
  }
  return out;
}

}  // namespace

Result<std::string> ReportChain(const Service& service, const ChainReportOptions& options) {
  auto exposure = service.chains().Exposure({.all = true}, options.contract_id,
                                            {.all_sites = options.all_sites, .explain = true});
  if (!exposure) return exposure.error();
  const std::string model = service.chains().model().id();
  if (options.format == OutputFormat::kJson) {
    nlohmann::json sites = nlohmann::json::array();
    for (const graph::ExposedSite& site : exposure->sites) {
      nlohmann::json path = nlohmann::json::array();
      for (std::string_view step : site.worst_path) path.push_back(step);
      sites.push_back({{"site_id", site.site_id},
                       {"tier", site.tier},
                       {"score", site.score_milli / 1000.0},
                       {"flagged", site.flagged},
                       {"worst_path", path},
                       {"explanation", site.explanation}});
    }
    return nlohmann::json{{"contract_id", exposure->contract_id},
                          {"tier1_site_id", exposure->tier1_site_id},
                          {"methodology", model},
                          {"reachable", exposure->reachable},
                          {"flagged", exposure->flagged},
                          {"max_score", exposure->max_score_milli / 1000.0},
                          {"sites", sites}}
        .dump(2);
  }
  std::ostringstream out;
  out << "Contract " << exposure->contract_id << ", tier-1 site " << exposure->tier1_site_id
      << " (scored by " << model << ")\n"
      << exposure->reachable << " sites within tier 8, " << exposure->flagged
      << " flagged, highest score " << Score(exposure->max_score_milli) << "\n\n";
  for (const graph::ExposedSite& site : exposure->sites) {
    out << (site.flagged ? "! " : "  ") << site.site_id << "  tier " << site.tier << "  score "
        << Score(site.score_milli) << "\n      worst path: " << Path(site.worst_path) << "\n";
    if (!site.explanation.empty()) out << "      why: " << site.explanation << "\n";
  }
  return out.str();
}

}  // namespace isvgraph::api
