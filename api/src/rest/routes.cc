#include "rest/routes.h"

#include "rest/handlers.h"

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
  return table;
}

}  // namespace isvgraph::api::rest
