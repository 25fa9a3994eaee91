#include "rest/routes.h"

#include "rest/audit_handlers.h"
#include "rest/backup_handlers.h"
#include "rest/chain_handlers.h"
#include "rest/handlers.h"
#include "rest/import_handlers.h"
#include "rest/map_handlers.h"
#include "rest/openapi.h"
#include "rest/record_handlers.h"
#include "rest/registry_handlers.h"
#include "rest/risk_data_handlers.h"
#include "rest/risk_handlers.h"
#include "rest/token_handlers.h"
#include "rest/web_handlers.h"

namespace isvgraph::api::rest {
namespace {

// Binds a handler of the form Handler([const] Service&, const HttpRequest&) to the service.
template <typename Fn>
Handler Bind(Service& service, Fn fn) {
  return [&service, fn](const HttpRequest& request) { return fn(service, request); };
}

}  // namespace

RouteTable BuildRouteTable(Service& service, const RouteOptions& options) {
  RouteTable table;
  const std::string web_dir = options.web_dir;
  table.Add({"POST", "/v1/backups",
             [&service, backup_dir = options.backup_dir](const HttpRequest&) {
               return PostBackup(service, backup_dir);
             },
             false, Access::kOperator});
  table.Add({"GET", "/v1/risk-data/changes", Bind(service, GetRiskDataChanges), false,
             Access::kOperator});
  table.Add({"POST", "/v1/risk-data/reload", Bind(service, PostRiskDataReload), false,
             Access::kOperator});
  table.Add({"GET", "/", [web_dir](const HttpRequest&) { return WebFile(web_dir, "index.html"); }});
  table.Add({"GET", "/ui/{file}", [web_dir](const HttpRequest& request) {
               return WebFile(web_dir, request.path_params.at("file"));
             }});
  table.Add({"GET", "/v1/health", Bind(service, GetHealth)});
  if (options.metrics) {
    // Public like /v1/health: on loopback for the scraper; the shipped proxy does not pass it.
    table.Add({"GET", "/metrics", [&service, metrics = options.metrics](const HttpRequest&) {
                 return HttpResponse{.status = 200,
                                     .content_type = "text/plain; version=0.0.4; charset=utf-8",
                                     .body = metrics->Exposition(service)};
               }});
  }
  if (!options.demo_sign_ins.empty()) {
    // The demo's training sign-ins, public like the demo itself (see ServerOptions).
    table.Add({"GET", "/v1/demo/sign-ins",
               [&service, sign_ins = options.demo_sign_ins](const HttpRequest&) {
                 nlohmann::json out = nlohmann::json::array();
                 for (const auto& [organisation, token] : sign_ins) {
                   auto org = service.GetOrganisation(organisation);
                   // What the trainee will find there: the titles of its (fictional) contracts.
                   nlohmann::json contracts = nlohmann::json::array();
                   if (auto page = service.ListContracts({.organisation = organisation}, "", 10)) {
                     for (const graph::Contract& c : page->items) contracts.push_back(c.title);
                   }
                   out.push_back({{"organisation", organisation},
                                  {"name", org && !org->name.empty() ? org->name : organisation},
                                  {"contracts", contracts},
                                  {"token", token}});
                 }
                 return JsonResponse({{"sign_ins", out}});
               }});
  }
  table.Add({"GET", "/v1/version", Bind(service, GetVersion)});
  table.Add({"GET", "/v1/openapi.json", [&service](const HttpRequest&) {
               return JsonResponse(OpenApiDocument(service.Version()));
             }});
  table.Add({"GET", "/v1/risk/themes", Bind(service, GetRiskThemes)});
  table.Add({"GET", "/v1/risk/layers", Bind(service, GetRiskLayers)});
  table.Add({"GET", "/v1/risk/sectors", Bind(service, GetRiskSectors)});
  table.Add({"GET", "/v1/risk/countries/{code}", Bind(service, GetCountryRisk)});
  table.Add({"GET", "/v1/risk/sites", Bind(service, GetSiteRisk)});
  table.Add({"POST", "/v1/risk/sites", Bind(service, PostSiteRisks), /*takes_json=*/true});
  table.Add({"GET", "/v1/cpv", Bind(service, SearchCpv)});
  table.Add({"GET", "/v1/cpv/{code}", Bind(service, GetCpv)});
  table.Add({"GET", "/v1/product-groups", Bind(service, ListProductGroups)});
  table.Add({"GET", "/v1/tender-check", Bind(service, GetTenderCheck)});
  table.Add({"GET", "/v1/product-groups/{id}", Bind(service, GetProductGroup)});
  table.Add(
      {"GET", "/v1/contracts/{id}/chain", Bind(service, GetContractChain), false, Access::kViewer});
  table.Add(
      {"GET", "/v1/contracts/{id}/followup", Bind(service, GetFollowUp), false, Access::kViewer});
  table.Add(
      {"POST", "/v1/contracts/{id}/followup", Bind(service, AddFollowUp), true, Access::kBuyer});
  table.Add({"GET", "/v1/contracts/{id}/report.html", Bind(service, GetContractReportHtml), false,
             Access::kViewer});
  table.Add({"GET", "/v1/contracts/{id}/assessment", Bind(service, GetContractAssessment), false,
             Access::kViewer});
  table.Add({"GET", "/v1/chains/flags", Bind(service, ListChainFlags), false, Access::kViewer});
  table.Add({"GET", "/v1/joint-audit/candidates", Bind(service, ListJointAuditCandidates), false,
             Access::kViewer});

  table.Add({"GET", "/v1/tokens", Bind(service, ListTokens), false, Access::kAdmin});
  table.Add({"DELETE", "/v1/tokens/{id}", Bind(service, RevokeToken), false, Access::kAdmin});

  table.Add({"GET", "/v1/audit-groups", Bind(service, ListAuditGroups), false, Access::kViewer});
  table.Add({"POST", "/v1/audit-groups/{group}/members", Bind(service, JoinAuditGroup), false,
             Access::kAdmin});
  table.Add({"GET", "/v1/audit-groups/{group}/candidates", Bind(service, ListAuditCandidates),
             false, Access::kViewer});
  table.Add({"GET", "/v1/audit-groups/{group}/plan", Bind(service, GetAuditPlan), false,
             Access::kViewer});
  table.Add(
      {"PUT", "/v1/organisation", Bind(service, PutOrganisationProfile), true, Access::kAdmin});
  table.Add({"POST", "/v1/audits", Bind(service, PostAudit), true, Access::kAuditor});
  table.Add({"GET", "/v1/audits", Bind(service, ListAudits), false, Access::kViewer});
  table.Add({"GET", "/v1/audits/{id}", Bind(service, GetAudit), false, Access::kViewer});
  table.Add({"GET", "/v1/alerts", Bind(service, ListAlerts), false, Access::kViewer});

  table.Add({"GET", "/v1/locate", Bind(service, GetLocate)});
  for (const char* format : {"geojson", "gpkg", "kml"}) {
    table.Add({"GET", std::string("/v1/maps/countries.") + format, Bind(service, GetCountryLayer)});
  }
  auto rendered = std::make_shared<RenderedMaps>();
  table.Add({"GET", "/v1/maps/risk/{file}", [&service, rendered](const HttpRequest& request) {
               return GetRiskMap(service, *rendered, request);
             }});
  table.Add({"GET", "/v1/maps/chains/{file}", Bind(service, GetChainMap), false, Access::kViewer});
  table.Add(
      {"GET", "/v1/sites/{id}/location", Bind(service, GetSiteLocation), false, Access::kViewer});

  table.Add({"POST", "/v1/imports", Bind(service, PostImport), false, Access::kBuyer,
             /*takes_file=*/true});
  table.Add({"GET", "/v1/imports/templates/{file}", Bind(service, GetImportTemplate)});
  table.Add({"POST", "/v1/sites/match", Bind(service, MatchSites), true, Access::kViewer});

  table.Add({"GET", "/v1/sites", Bind(service, ListSites), false, Access::kViewer});
  table.Add({"POST", "/v1/sites", Bind(service, CreateSite), true, Access::kBuyer});
  table.Add({"GET", "/v1/sites/{id}", Bind(service, GetSite), false, Access::kViewer});
  table.Add({"PUT", "/v1/sites/{id}", Bind(service, ReplaceSite), true, Access::kBuyer});
  table.Add({"DELETE", "/v1/sites/{id}", Bind(service, DeleteSite), false, Access::kAdmin});
  table.Add({"GET", "/v1/sites/{id}/history", Bind(service, GetSiteHistory), false,
             Access::kRegistryRead});
  table.Add({"GET", "/v1/proposals", Bind(service, ListProposals), false, Access::kRegistryRead});
  table.Add({"POST", "/v1/proposals/{id}/accept", Bind(service, AcceptProposal), false,
             Access::kRegistryDecide});
  table.Add({"POST", "/v1/proposals/{id}/reject", Bind(service, RejectProposal), false,
             Access::kRegistryDecide});

  table.Add({"GET", "/v1/links", Bind(service, ListLinks), false, Access::kViewer});
  table.Add({"POST", "/v1/links", Bind(service, CreateLink), true, Access::kBuyer});
  table.Add({"GET", "/v1/links/{id}", Bind(service, GetLink), false, Access::kViewer});
  table.Add({"PUT", "/v1/links/{id}", Bind(service, ReplaceLink), true, Access::kBuyer});
  table.Add({"DELETE", "/v1/links/{id}", Bind(service, DeleteLink), false, Access::kBuyer});

  table.Add({"GET", "/v1/contracts", Bind(service, ListContracts), false, Access::kViewer});
  table.Add({"POST", "/v1/contracts", Bind(service, CreateContract), true, Access::kBuyer});
  table.Add({"GET", "/v1/contracts/{id}", Bind(service, GetContract), false, Access::kViewer});
  table.Add({"PUT", "/v1/contracts/{id}", Bind(service, ReplaceContract), true, Access::kBuyer});
  table.Add({"DELETE", "/v1/contracts/{id}", Bind(service, DeleteContract), false, Access::kBuyer});
  return table;
}

}  // namespace isvgraph::api::rest
