#pragma once

// Maps of the service: where a point or a registry site lies, a contract's chain as a map, and
// one theme's country risk as a choropleth, built from the assessment and the knowledge base
// and handed to maps/ for exports and rendering.

#include <string>

#include "isvgraph/api/assessment.h"
#include "isvgraph/api/service.h"
#include "isvgraph/maps/boundaries.h"
#include "isvgraph/maps/map_layers.h"

namespace isvgraph::api {

// The locating step of imports (ImportOptions::locate): the region from the coordinates when
// the site has none (CN-XJ from Ürümqi's), and a disagreement when the coordinates lie in
// another country beyond the tolerance (with its sentence when `explain`).
importers::SiteLocating LocateSite(const maps::Boundaries& boundaries, graph::Site& site,
                                   bool explain = true);

// A registry site against its declared country. NotFound for an unknown site,
// FailedPrecondition for one without coordinates.
Result<maps::CountryCheck> CheckSiteLocation(const Service& service, const std::string& site_id);

// Every registry site with coordinates checked against its declared country (the "on demand"
// check of imports done before this was in place, or of sites written through the API).
struct LocationSurvey {
  size_t sites = 0;             // in the registry
  size_t with_coordinates = 0;  // of which checked
  size_t agree = 0, near_border = 0;
  std::vector<std::pair<std::string, maps::CountryCheck>> conflicts;  // (site id, check)
};
Result<LocationSurvey> SurveySiteLocations(const Service& service);

// The chain a viewer sees of a contract: disclosed sites with their scores and the links
// followed, then the template's assumed tiers at their typical places (marked assumed, linked
// from the deepest disclosed tier). NotFound as AssessContract.
Result<maps::ChainMap> ContractMap(const Service& service, const graph::Viewer& viewer,
                                   const std::string& contract_id);
// The same from an assessment already made.
maps::ChainMap ChainMapOf(const ContractAssessment& assessment);
// The chain map as PNG for the contract report; "" (and a note in the assessment) when none of
// its sites can be placed or the boundaries are missing.
std::string ChainMapPng(const Service& service, ContractAssessment& assessment);

// Every country's score for one theme, with the indicators behind it in the text.
maps::Choropleth CountryRiskMap(const riskdata::KnowledgeBase& kb,
                                const maps::Boundaries& boundaries, riskdata::Theme theme);

}  // namespace isvgraph::api
