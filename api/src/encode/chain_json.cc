#include "isvgraph/api/encode/chain_json.h"

namespace isvgraph::api {

nlohmann::json ChainExposureJson(const graph::ChainExposure& exposure,
                                 const std::string& methodology, i18n::Language lang) {
  nlohmann::json sites = nlohmann::json::array();
  for (const graph::ExposedSite& site : exposure.sites) {
    nlohmann::json path = nlohmann::json::array();
    for (std::string_view step : site.worst_path) path.push_back(step);
    sites.push_back({{"site_id", site.site_id},
                     {"tier", site.tier},
                     {"score", site.score_milli / 1000.0},
                     {"flagged", site.flagged},
                     {"worst_path", path},
                     {"explanation", site.explanation.In(lang)}});
  }
  return {{"contract_id", exposure.contract_id},
          {"tier1_site_id", exposure.tier1_site_id},
          {"methodology", methodology},
          {"reachable", exposure.reachable},
          {"flagged", exposure.flagged},
          {"max_score", exposure.max_score_milli / 1000.0},
          {"sites", sites}};
}

}  // namespace isvgraph::api
