#include "rest/handlers.h"

#include <nlohmann/json.hpp>

namespace isvgraph::api::rest {

HttpResponse GetHealth(const Service& service, const HttpRequest& /*request*/) {
  const HealthReport health = service.Health();
  return JsonResponse({{"status", health.ok ? "ok" : "unavailable"},
                       {"store", {{"path", health.store_path}, {"format", health.store_format}}},
                       {"site_names_ready", health.site_names_ready}},
                      health.ok ? 200 : 503);
}

HttpResponse GetVersion(const Service& service, const HttpRequest& /*request*/) {
  const BuildInfo build = service.Version();
  nlohmann::json editions = nlohmann::json::object();
  for (const riskdata::LayerInfo& layer : service.risk().layers()) {
    editions[layer.id] = layer.loaded ? nlohmann::json(layer.edition) : nlohmann::json(nullptr);
  }
  return JsonResponse({{"name", build.name},
                       {"methodology", riskdata::kMethodologyId},
                       {"data_editions", editions},
                       {"version", build.version},
                       {"git_commit", build.git_commit},
                       {"build_type", build.build_type},
                       {"compiler", build.compiler},
                       {"sanitizers", build.sanitizers}});
}

}  // namespace isvgraph::api::rest
