#include "isvgraph/api/encode/chain_text.h"

#include <cstdio>
#include <sstream>

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

std::string ChainExposureText(const graph::ChainExposure& exposure, const std::string& model,
                              i18n::Language lang) {
  std::ostringstream out;
  out << "Contract " << exposure.contract_id << ", tier-1 site " << exposure.tier1_site_id
      << " (scored by " << model << ")\n"
      << exposure.reachable << " sites within tier 8, " << exposure.flagged
      << " flagged, highest score " << Score(exposure.max_score_milli) << "\n\n";
  for (const graph::ExposedSite& site : exposure.sites) {
    out << (site.flagged ? "! " : "  ") << site.site_id << "  tier " << site.tier << "  score "
        << Score(site.score_milli) << "\n      worst path: " << Path(site.worst_path) << "\n";
    if (!site.explanation.empty()) out << "      why: " << site.explanation.In(lang) << "\n";
  }
  return out.str();
}

}  // namespace isvgraph::api
