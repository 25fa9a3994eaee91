#include "rest/record_handlers.h"

#include "isvgraph/api/encode/audits.h"
#include "isvgraph/api/encode/record_json.h"
#include "isvgraph/contracts/followup.h"
#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"
#include "rest/paging.h"
#include "rest/registry_handlers.h"

namespace isvgraph::api::rest {
namespace {

HttpResponse BodyProblems(const std::vector<graph::WriteProblem>& problems) {
  return ErrorResponse(
      400, "invalid_argument",
      i18n::Say(i18n::Msg::kErrorProblemsInBody, {{"count", std::to_string(problems.size())}}),
      ProblemsJson(problems));
}

// The answer to a write: `done` when it landed; the problems of a refused one; for a create
// whose record exists, a 409 that names it and says how to replace it (`replace_hint`).
HttpResponse Written(const Status& s, const std::vector<graph::WriteProblem>& problems,
                     HttpResponse done, const std::string& id = "",
                     const std::string& exists_message = "") {
  if (s.code() == StatusCode::kInvalidArgument) return ErrorResponse(s, ProblemsJson(problems));
  if (s.code() == StatusCode::kAlreadyExists) {
    return ErrorResponse(409, "already_exists", exists_message, {{"id", id}});
  }
  if (!s.ok()) return ErrorResponse(s);
  return done;
}

HttpResponse Created(const nlohmann::json& body, const std::string& location) {
  HttpResponse response = JsonResponse(body, 201);
  response.headers.emplace_back("Location", location);
  return response;
}

HttpResponse NoContent() { return HttpResponse{.status = 204, .content_type = "", .body = ""}; }

// A copy of the body with the fields the URL fixes taken from it where the body lacks them; a
// problem for each one the body gives another value.
nlohmann::json WithUrlFields(const HttpRequest& request,
                             const std::vector<std::pair<const char*, std::string>>& fields,
                             const std::string& record,
                             std::vector<graph::WriteProblem>* problems) {
  nlohmann::json body = request.json;
  if (!body.is_object()) return body;
  for (const auto& [field, value] : fields) {
    auto it = body.find(field);
    if (it == body.end()) {
      body[field] = value;
    } else if (!it->is_string() || it->get<std::string>() != value) {
      problems->push_back({record, field, "must match the URL ('" + value + "') or be left out"});
    }
  }
  return body;
}

}  // namespace

// --- sites -------------------------------------------------------------------------------------

HttpResponse ListSites(const Service& service, const HttpRequest& request) {
  PageRequest page_request;
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  graph::SiteFilter filter;
  if (auto it = request.query.find("country"); it != request.query.end())
    filter.country = it->second;
  if (auto it = request.query.find("sector"); it != request.query.end()) filter.sector = it->second;
  auto page = service.ListSites(filter, page_request.after, page_request.limit);
  if (!page) return ErrorResponse(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const graph::Site& site : page->items) items.push_back(SiteJson(site));
  return JsonResponse(PageJson(std::move(items), page->next_after));
}

HttpResponse GetSite(const Service& service, const HttpRequest& request) {
  auto site = service.GetSite(request.path_params.at("id"));
  if (!site) return ErrorResponse(site.error());
  return HttpResponse{
      .status = 200, .content_type = "application/json", .body = SiteJsonText(*site)};
}

HttpResponse CreateSite(Service& service, const HttpRequest& request) {
  std::vector<graph::WriteProblem> problems;
  graph::Site site;
  if (!SiteFromJson(request.json, "site", &site, &problems)) return BodyProblems(problems);
  Status s = service.CreateSite(ViewerOf(request), site, &problems);
  return Written(s, problems, Created(SiteJson(site), "/v1/sites/" + site.id), site.id,
                 "site '" + site.id + "' exists; PUT /v1/sites/{id} replaces it");
}

HttpResponse ReplaceSite(Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  std::vector<graph::WriteProblem> problems;
  nlohmann::json body = WithUrlFields(request, {{"id", id}}, "site " + id, &problems);
  graph::Site site;
  if (!SiteFromJson(body, "site " + id, &site, &problems) || !problems.empty()) {
    return BodyProblems(problems);
  }
  auto outcome = service.ReplaceSite(ViewerOf(request), site, &problems);
  if (!outcome) return Written(outcome.error(), problems, {});
  return SiteWriteResponse(site, *outcome);
}

HttpResponse DeleteSite(Service& service, const HttpRequest& request) {
  Status s = service.DeleteSite(ViewerOf(request), request.path_params.at("id"));
  return Written(s, {}, NoContent());
}

// --- links -------------------------------------------------------------------------------------

HttpResponse ListLinks(const Service& service, const HttpRequest& request) {
  PageRequest page_request;
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  auto page = service.ListLinks(ViewerOf(request), page_request.after, page_request.limit);
  if (!page) return ErrorResponse(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const graph::SupplyLink& link : page->items) items.push_back(LinkJson(link));
  return JsonResponse(PageJson(std::move(items), page->next_after));
}

namespace {

// The link key of a /v1/links/{id} URL, or a 404 (a malformed id names no link).
std::optional<HttpResponse> LinkKeyOf(const HttpRequest& request, graph::SupplyLink* key) {
  const std::string& id = request.path_params.at("id");
  if (!ParseLinkId(id, key)) {
    return ErrorResponse(404, "not_found", i18n::Say(i18n::Msg::kErrorNoLink, {{"id", id}}),
                         {{"id", id}});
  }
  key->organisation = request.principal->organisation;
  return std::nullopt;
}

}  // namespace

HttpResponse GetLink(const Service& service, const HttpRequest& request) {
  graph::SupplyLink key;
  if (auto bad = LinkKeyOf(request, &key)) return *bad;
  auto link = service.GetLink(ViewerOf(request), key);
  if (!link) return ErrorResponse(link.error());
  return JsonResponse(LinkJson(*link));
}

HttpResponse CreateLink(Service& service, const HttpRequest& request) {
  std::vector<graph::WriteProblem> problems;
  graph::SupplyLink link;
  if (!LinkFromJson(request.json, "link", &link, &problems)) return BodyProblems(problems);
  link.organisation = request.principal->organisation;
  Status s = service.CreateLink(ViewerOf(request), link, &problems);
  return Written(s, problems, Created(LinkJson(link), "/v1/links/" + LinkId(link)), LinkId(link),
                 "this link exists; PUT /v1/links/" + LinkId(link) + " replaces it");
}

HttpResponse ReplaceLink(Service& service, const HttpRequest& request) {
  graph::SupplyLink key;
  if (auto bad = LinkKeyOf(request, &key)) return *bad;
  std::vector<graph::WriteProblem> problems;
  const std::string record = "link " + request.path_params.at("id");
  nlohmann::json body = WithUrlFields(request,
                                      {{"supplier_id", key.supplier_id},
                                       {"customer_id", key.customer_id},
                                       {"product", key.product}},
                                      record, &problems);
  graph::SupplyLink link;
  if (!LinkFromJson(body, record, &link, &problems) || !problems.empty()) {
    return BodyProblems(problems);
  }
  link.organisation = key.organisation;
  Status s = service.ReplaceLink(ViewerOf(request), link, &problems);
  return Written(s, problems, JsonResponse(LinkJson(link)));
}

HttpResponse DeleteLink(Service& service, const HttpRequest& request) {
  graph::SupplyLink key;
  if (auto bad = LinkKeyOf(request, &key)) return *bad;
  Status s = service.DeleteLink(ViewerOf(request), key);
  return Written(s, {}, NoContent());
}

// --- contracts ---------------------------------------------------------------------------------

HttpResponse ListContracts(const Service& service, const HttpRequest& request) {
  PageRequest page_request;
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  auto page = service.ListContracts(ViewerOf(request), page_request.after, page_request.limit);
  if (!page) return ErrorResponse(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const graph::Contract& contract : page->items) items.push_back(ContractJson(contract));
  return JsonResponse(PageJson(std::move(items), page->next_after));
}

HttpResponse GetContract(const Service& service, const HttpRequest& request) {
  auto contract = service.GetContract(ViewerOf(request), request.path_params.at("id"));
  if (!contract) return ErrorResponse(contract.error());
  return JsonResponse(ContractJson(*contract));
}

HttpResponse CreateContract(Service& service, const HttpRequest& request) {
  std::vector<graph::WriteProblem> problems;
  graph::Contract contract;
  if (!ContractFromJson(request.json, "contract", &contract, &problems)) {
    return BodyProblems(problems);
  }
  contract.organisation = request.principal->organisation;
  Status s = service.CreateContract(ViewerOf(request), contract, &problems);
  return Written(s, problems, Created(ContractJson(contract), "/v1/contracts/" + contract.id),
                 contract.id,
                 "contract '" + contract.id + "' exists; PUT /v1/contracts/{id} replaces it");
}

HttpResponse ReplaceContract(Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  std::vector<graph::WriteProblem> problems;
  nlohmann::json body = WithUrlFields(request, {{"id", id}}, "contract " + id, &problems);
  graph::Contract contract;
  if (!ContractFromJson(body, "contract " + id, &contract, &problems) || !problems.empty()) {
    return BodyProblems(problems);
  }
  auto stored = service.ReplaceContract(ViewerOf(request), std::move(contract), &problems);
  if (!stored) return Written(stored.error(), problems, {});
  return JsonResponse(ContractJson(*stored));
}

HttpResponse DeleteContract(Service& service, const HttpRequest& request) {
  Status s = service.DeleteContract(ViewerOf(request), request.path_params.at("id"));
  return Written(s, {}, NoContent());
}

// --- ISV follow-up -----------------------------------------------------------------------------

namespace {

nlohmann::json FollowUpJson(const graph::Contract& contract) {
  nlohmann::json steps = nlohmann::json::array();
  for (const graph::FollowUpStep& step : contract.followup) {
    steps.push_back({{"step", step.step},
                     {"date", step.date},
                     {"note", step.note},
                     {"tier", step.tier},
                     {"escalation", contracts::IsEscalation(step.step)}});
  }
  const std::string stage = contracts::EscalationStage(contract);
  return {{"contract_id", contract.id},
          {"steps", steps},
          {"escalation_stage", stage.empty() ? nlohmann::json() : nlohmann::json(stage)},
          {"ladder", contracts::kFollowUpSteps.names}};
}

}  // namespace

HttpResponse GetFollowUp(const Service& service, const HttpRequest& request) {
  auto contract = service.GetContract(ViewerOf(request), request.path_params.at("id"));
  if (!contract) return ErrorResponse(contract.error());
  return JsonResponse(FollowUpJson(*contract));
}

HttpResponse AddFollowUp(Service& service, const HttpRequest& request) {
  const nlohmann::json& body = request.json;
  std::vector<graph::WriteProblem> problems;
  graph::FollowUpStep step;
  if (!body.is_object()) {
    problems.push_back({"followup", "", "the body must be an object"});
  } else {
    for (const auto& [key, value] : body.items()) {
      if (key == "step" || key == "date" || key == "note") {
        if (!value.is_string()) {
          problems.push_back({"followup", key, "must be text"});
        } else {
          (key == "step"   ? step.step
           : key == "date" ? step.date
                           : step.note) = value.get<std::string>();
        }
      } else if (key == "tier") {
        if (!value.is_number_integer()) {
          problems.push_back({"followup", key, "must be 0, 1 or 2"});
        } else {
          step.tier = value.get<int>();
        }
      } else {
        problems.push_back({"followup", key, "unknown field; use step, date, note and tier"});
      }
    }
  }
  if (!problems.empty()) return BodyProblems(problems);
  auto contract = service.RecordFollowUp(request.principal->organisation,
                                         request.path_params.at("id"), std::move(step));
  if (!contract) return ErrorResponse(contract.error());
  return JsonResponse(FollowUpJson(*contract), 201);
}

// --- joint audits ------------------------------------------------------------------------------

HttpResponse ListJointAuditCandidates(const Service& service, const HttpRequest& request) {
  PageRequest page_request;  // only the limit applies: the ranking is one list
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  return JsonResponse(SharedSitesJson(request.principal->organisation, service.MethodologyId(),
                                      service.SharedSites(ViewerOf(request), page_request.limit),
                                      request.language));
}

}  // namespace isvgraph::api::rest
