#include "isvgraph/api/maps.h"

#include <cstdio>
#include <map>
#include <set>

#include "isvgraph/api/assessment.h"
#include "isvgraph/maps/render.h"

namespace isvgraph::api {
namespace {

std::string Fixed2(double v) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  return buffer;
}

// The editions of the layers a theme's country scores rest on, for the map's credits.
std::vector<std::string> LayerCredits(const riskdata::KnowledgeBase& kb,
                                      const std::set<std::string>& layer_ids) {
  std::vector<std::string> credits;
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    if (!layer_ids.count(layer.id)) continue;
    credits.push_back(layer.title + " (" + layer.publisher + ", " + layer.edition + "; " +
                      layer.licence + ")");
  }
  return credits;
}

}  // namespace

importers::SiteLocating LocateSite(const maps::Boundaries& boundaries, graph::Site& site,
                                   bool explain) {
  importers::SiteLocating out;
  if (!site.lat || !site.lon) return out;
  auto check = boundaries.CheckCountry(site.country, *site.lat, *site.lon, explain);
  if (!check) return out;  // a country Natural Earth does not draw: nothing to say
  if (check->agreement == maps::Agreement::kDisagrees) {
    out.disagrees = true;
    out.disagreement = std::move(check->text);
    return out;
  }
  const maps::Location& at = check->location;
  if (site.region.empty() && at.country == site.country && !at.region.empty()) {
    site.region = at.region;
    out.region_from_coordinates = true;
  }
  return out;
}

Result<maps::CountryCheck> CheckSiteLocation(const Service& service, const std::string& site_id) {
  auto site = service.chains().store().GetSite(site_id);
  if (!site) return site.error();
  if (!site->lat || !site->lon) {
    return Status::FailedPrecondition("site " + site_id + " has no coordinates");
  }
  auto boundaries = service.boundaries();
  if (!boundaries) return boundaries.error();
  return (*boundaries)->CheckCountry(site->country, *site->lat, *site->lon);
}

Result<LocationSurvey> SurveySiteLocations(const Service& service) {
  auto boundaries = service.boundaries();
  if (!boundaries) return boundaries.error();
  LocationSurvey survey;
  std::string after;
  do {
    auto page = service.chains().ListSites({}, after, 1000);
    if (!page) return page.error();
    for (const graph::Site& site : page->items) {
      ++survey.sites;
      if (!site.lat || !site.lon) continue;
      auto check = (*boundaries)->CheckCountry(site.country, *site.lat, *site.lon);
      if (!check) continue;  // a country Natural Earth does not draw
      ++survey.with_coordinates;
      switch (check->agreement) {
        case maps::Agreement::kAgrees:
          ++survey.agree;
          break;
        case maps::Agreement::kNearBorder:
          ++survey.near_border;
          break;
        case maps::Agreement::kDisagrees:
          survey.conflicts.emplace_back(site.id, *std::move(check));
          break;
      }
    }
    after = page->next_after;
  } while (!after.empty());
  return survey;
}

Result<maps::ChainMap> ContractMap(const Service& service, const graph::Viewer& viewer,
                                   const std::string& contract_id) {
  auto assessment = AssessContract(service, viewer, contract_id);
  if (!assessment) return assessment.error();
  return ChainMapOf(*assessment);
}

std::string ChainMapPng(const Service& service, ContractAssessment& assessment) {
  auto boundaries = service.boundaries();
  if (!boundaries) {
    assessment.notes.push_back("no chain map: " + boundaries.error().message());
    return "";
  }
  auto png = maps::RenderChain(**boundaries, ChainMapOf(assessment), maps::ImageFormat::kPng,
                               {.width = 960, .height = 560});
  if (!png) {
    assessment.notes.push_back("no chain map: " + png.error().message());
    return "";
  }
  return std::move(png).value();
}

maps::ChainMap ChainMapOf(const ContractAssessment& assessment) {
  maps::ChainMap map;
  map.title = "Contract " + assessment.contract.id +
              (assessment.contract.title.empty() ? "" : ": " + assessment.contract.title);
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
                         .reason = scored.reason});
  }
  for (const auto& [supplier, customer] : assessment.links) {
    map.links.push_back(
        {.supplier_id = supplier, .customer_id = customer, .confidence = "declared"});
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
          .id = "assumed:" + std::to_string(tier.tier) + ":" + tier.prior.role + ":" + where,
          .name = tier.prior.role + " " + where,
          .country = place.country,
          .region = place.region,
          .sector = tier.prior.sector,
          .role = tier.prior.role,
          .tier = tier.tier,
          .flagged = place.risk.flagged,
          .assumed = true};
      const riskdata::ThemeRisk* worst = riskdata::WorstTheme(place.risk);
      if (worst && *worst->score > 0) {
        site.score = *worst->score;
        site.worst_theme = std::string(riskdata::ThemeId(worst->theme));
        site.reason = "assumed from the product-group template: " + worst->explanation;
      }
      for (const std::string& customer : below) {
        map.links.push_back(
            {.supplier_id = site.id, .customer_id = customer, .confidence = "assumed"});
      }
      if (place.share > main_share) {
        main_share = place.share;
        main_place = site.id;
      }
      map.sites.push_back(std::move(site));
    }
    if (!main_place.empty()) below = {main_place};
  }
  map.credits.push_back("Risk: isvgraph knowledge base, methodology " +
                        std::string(riskdata::kMethodologyId) +
                        "; scores are the worst theme per site, never discounted by tier");
  return map;
}

maps::Choropleth CountryRiskMap(const riskdata::KnowledgeBase& kb,
                                const maps::Boundaries& boundaries, riskdata::Theme theme) {
  maps::Choropleth map{.title = kb.theme(theme).name_en + ": country risk",
                       .theme = std::string(riskdata::ThemeId(theme))};
  std::set<std::string> layers;
  std::set<std::string> done;
  for (const maps::CountryShape& shape : boundaries.countries()) {
    if (shape.iso2.empty() || !done.insert(shape.iso2).second) continue;
    auto risk = kb.AssessCountry(shape.iso2);
    if (!risk) continue;  // not in the ISO list the knowledge base uses (e.g. Kosovo's XK)
    const riskdata::CountryThemeRisk& t = risk->themes[static_cast<size_t>(theme)];
    maps::CountryValue value{.iso2 = shape.iso2, .value = t.score};
    value.text = t.score ? Fixed2(*t.score) : "no data";
    std::string basis;
    for (const riskdata::IndicatorValue& indicator : t.indicators) {
      if (indicator.stale) continue;
      layers.insert(indicator.layer);
      basis += (basis.empty() ? "" : "; ") + indicator.label + " " + indicator.year;
    }
    if (!basis.empty()) value.text += " (" + basis + ")";
    map.values.push_back(std::move(value));
  }
  map.credits = LayerCredits(kb, layers);
  map.credits.insert(map.credits.begin(),
                     "Country score: mean of the theme's normalised indicators "
                     "(methodology " +
                         std::string(riskdata::kMethodologyId) + ")");
  return map;
}

}  // namespace isvgraph::api
