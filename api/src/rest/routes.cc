#include "rest/routes.h"

#include "rest/chain_handlers.h"
#include "rest/handlers.h"
#include "rest/openapi.h"
#include "rest/risk_handlers.h"

namespace isvgraph::api::rest {
namespace {

// Binds a handler of the form Handler(const Service&, const HttpRequest&) to the service.
template <typename Fn>
Handler Bind(const Service& service, Fn fn) {
  return [&service, fn](const HttpRequest& request) { return fn(service, request); };
}

}  // namespace

RouteTable BuildRouteTable(const Service& service) {
  RouteTable table;
  table.Add({"GET", "/v1/health", Bind(service, GetHealth)});
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
  table.Add({"GET", "/v1/cpv/{code}", Bind(service, GetCpv)});
  table.Add({"GET", "/v1/product-groups", Bind(service, ListProductGroups)});
  table.Add({"GET", "/v1/product-groups/{id}", Bind(service, GetProductGroup)});
  table.Add(
      {"GET", "/v1/contracts/{id}/chain", Bind(service, GetContractChain), false, Access::kViewer});
  table.Add({"GET", "/v1/chains/flags", Bind(service, ListChainFlags), false, Access::kViewer});
  return table;
}

}  // namespace isvgraph::api::rest
