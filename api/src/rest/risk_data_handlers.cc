#include "rest/risk_data_handlers.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "isvgraph/api/data_diff.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

nlohmann::json LayersJson(const std::vector<LayerChange>& layers) {
  nlohmann::json out = nlohmann::json::array();
  for (const LayerChange& layer : layers) {
    out.push_back({{"layer", layer.layer}, {"before", layer.before}, {"after", layer.after}});
  }
  return out;
}

}  // namespace

HttpResponse GetRiskDataChanges(const Service& service, const HttpRequest& request) {
  const std::string organisation = QueryOr(request, "organisation");
  if (!organisation.empty()) {
    if (auto known = service.GetOrganisation(organisation); !known)
      return ErrorResponse(known.error());
  }
  const std::shared_ptr<const riskdata::KnowledgeBase> in_use = service.risk();
  auto on_disk = LoadKnowledgeBase(service.risk_data_dir(), in_use->flag_threshold());
  if (!on_disk) {
    // The operator (the only caller) needs the file and line to mend it.
    return ErrorResponse(409, "failed_precondition",
                         "the risk data directory does not load, so there is nothing to compare: " +
                             on_disk.error().message());
  }
  auto diff = DiffRiskData(service, *in_use, **on_disk, organisation);
  if (!diff) return ErrorResponse(diff.error());
  nlohmann::json contracts = nlohmann::json::array();
  for (const ContractDiff& contract : diff->contracts) {
    nlohmann::json changes = nlohmann::json::array();
    for (const ContractChange& change : contract.changes) {
      changes.push_back({{"what", change.what},
                         {"before", change.before},
                         {"after", change.after},
                         {"causes", change.causes}});
    }
    contracts.push_back({{"organisation", contract.organisation},
                         {"contract_id", contract.contract_id},
                         {"title", contract.title},
                         {"changes", std::move(changes)}});
  }
  return JsonResponse({{"layers", LayersJson(diff->layers)},
                       {"contracts_checked", diff->contracts_checked},
                       {"contracts", std::move(contracts)}});
}

HttpResponse PostRiskDataReload(Service& service, const HttpRequest& /*request*/) {
  auto reload = service.ReloadRiskData();
  if (!reload) {
    // FailedPrecondition (409) when the directory does not load: the edition in use stays.
    spdlog::warn("risk data not reloaded: {}", reload.error().ToString());
    return ErrorResponse(reload.error());
  }
  const std::vector<LayerChange> layers = CompareLayers(*reload->before, *reload->after);
  nlohmann::json editions = nlohmann::json::object();
  for (const riskdata::LayerInfo& layer : reload->after->layers()) {
    editions[layer.id] = layer.loaded ? nlohmann::json(layer.edition) : nlohmann::json(nullptr);
  }
  return JsonResponse({{"layers", LayersJson(layers)},
                       {"data_editions", std::move(editions)},
                       {"load_seconds", reload->load_ms / 1000},
                       {"rescore_seconds", reload->rescore_ms / 1000}});
}

}  // namespace isvgraph::api::rest
