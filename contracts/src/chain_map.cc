#include "isvgraph/contracts/chain_map.h"

#include <algorithm>
#include <string>
#include <vector>

#include "isvgraph/i18n/messages.h"

namespace isvgraph::contracts {

maps::ChainMap ChainMapOf(const ContractAssessment& assessment, i18n::Language language) {
  using i18n::Msg;
  using i18n::Say;
  maps::ChainMap map;
  map.title = (assessment.contract.title.empty()
                   ? Say(Msg::kMapContractTitle, {{"id", assessment.contract.id}})
                   : Say(Msg::kMapContractTitleNamed,
                         {{"id", assessment.contract.id}, {"title", assessment.contract.title}}))
                  .In(language);
  int deepest = 0;
  for (const ChainSite& scored : assessment.sites) {
    const graph::Site& site = scored.site;
    deepest = std::max(deepest, scored.tier);
    map.sites.push_back({.id = site.id,
                         .name = site.name,
                         .country = site.country,
                         .region = site.region,
                         .sector = site.sector,
                         .role = site.role,
                         .lat = site.lat,
                         .lon = site.lon,
                         .tier = scored.tier,
                         .score = scored.score,
                         .worst_theme = scored.worst_theme
                                            ? std::string(riskdata::ThemeId(*scored.worst_theme))
                                            : "",
                         .flagged = scored.flagged,
                         .reason = scored.reason.In(language)});
  }
  for (const auto& [supplier, customer] : assessment.links) {
    map.links.push_back({.supplier_id = supplier,
                         .customer_id = customer,
                         .confidence = std::string(
                             graph::kLinkConfidences.Name(graph::LinkConfidence::kDeclared))});
  }
  // Assumed tiers: each typical place is a site. Each is linked to the main place (largest
  // share) of the tier below, or to the deepest disclosed sites: enough to read the chain's
  // direction without a line between every pair of places.
  std::vector<std::string> below;
  for (const maps::MapSite& site : map.sites) {
    if (site.tier == deepest) below.push_back(site.id);
  }
  for (const AssumedTier& tier : assessment.assumed_tiers) {
    std::string main_place;
    double main_share = -1;
    for (const riskdata::TierPlace& place : tier.prior.places) {
      const std::string where = place.region.empty() ? place.country : place.region;
      // Two template tiers may share a chain tier (cobalt and 3TG mines): the role keeps
      // their places apart.
      maps::MapSite site{
          .id = "assumed:" + std::to_string(tier.tier) + ":" + tier.prior.role.en + ":" + where,
          .name = tier.prior.role.In(language) + " " + where,
          .country = place.country,
          .region = place.region,
          .sector = tier.prior.sector,
          .role = tier.prior.role.In(language),
          .tier = tier.tier,
          .flagged = place.risk.flagged,
          .assumed = true};
      const riskdata::ThemeRisk* worst = riskdata::WorstTheme(place.risk);
      if (worst && *worst->score > 0) {
        site.score = *worst->score;
        site.worst_theme = std::string(riskdata::ThemeId(worst->theme));
        site.reason =
            Say(Msg::kMapAssumedReason, {{"explanation", worst->explanation}}).In(language);
      }
      for (const std::string& customer : below) {
        map.links.push_back({.supplier_id = site.id,
                             .customer_id = customer,
                             .confidence = std::string(
                                 graph::kLinkConfidences.Name(graph::LinkConfidence::kAssumed))});
      }
      if (place.share > main_share) {
        main_share = place.share;
        main_place = site.id;
      }
      map.sites.push_back(std::move(site));
    }
    if (!main_place.empty()) below = {main_place};
  }
  map.credits.push_back(
      Say(Msg::kMapRiskCredit, {{"methodology", riskdata::kMethodologyId}}).In(language));
  return map;
}

}  // namespace isvgraph::contracts
