#include "rest/chain_handlers.h"

#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/api/encode/chain_json.h"
#include "isvgraph/base/base64url.h"
#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"
#include "rest/paging.h"

namespace isvgraph::api::rest {

HttpResponse GetContractChain(const Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  auto all = request.query.find("all_sites");
  if (all != request.query.end() && all->second != "true" && all->second != "false") {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorAllSitesBoolean),
                         {{"field", "all_sites"}});
  }
  // The sites come in pages (large contracts reach tens of thousands); the counts are whole.
  PageRequest page;
  if (auto bad = ParsePageRequest(request, &page)) return *bad;
  auto exposure =
      service.Exposure(ViewerOf(request), id,
                       {.all_sites = all != request.query.end() && all->second == "true",
                        .explain = true,
                        .after = page.after,
                        .limit = page.limit});
  if (!exposure) return ErrorResponse(exposure.error());
  nlohmann::json answer = ChainExposureJson(*exposure, service.MethodologyId(), request.language);
  answer["next_cursor"] = exposure->next_after.empty()
                              ? nlohmann::json(nullptr)
                              : nlohmann::json(Base64UrlEncode(exposure->next_after));
  return JsonResponse(answer);
}

HttpResponse GetContractAssessment(const Service& service, const HttpRequest& request) {
  auto assessment = service.AssessContract(ViewerOf(request), request.path_params.at("id"));
  if (!assessment) return ErrorResponse(assessment.error());
  return JsonResponse(
      ContractAssessmentJson(*assessment->risk_data, *assessment, request.language));
}

HttpResponse GetContractReportHtml(const Service& service, const HttpRequest& request) {
  auto assessment = service.AssessContract(ViewerOf(request), request.path_params.at("id"));
  if (!assessment) return ErrorResponse(assessment.error());
  const std::string map = service.ChainMapPng(*assessment, request.language);
  return HttpResponse{.status = 200,
                      .content_type = "text/html; charset=utf-8",
                      .body = ContractAssessmentHtml(*assessment->risk_data, *assessment, map,
                                                     request.language, service.Today())};
}

HttpResponse ListChainFlags(const Service& service, const HttpRequest& request) {
  nlohmann::json chains = nlohmann::json::array();
  service.ForEachExposure(ViewerOf(request), [&](const graph::ChainExposure& e) {
    chains.push_back({{"contract_id", e.contract_id},
                      {"tier1_site_id", e.tier1_site_id},
                      {"reachable", e.reachable},
                      {"flagged", e.flagged},
                      {"max_score", e.max_score_milli / 1000.0}});
  });
  return JsonResponse({{"organisation", request.principal->organisation},
                       {"methodology", service.MethodologyId()},
                       {"chains", chains}});
}

}  // namespace isvgraph::api::rest
