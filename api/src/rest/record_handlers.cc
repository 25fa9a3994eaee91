#include "rest/record_handlers.h"

#include "isvgraph/api/followup.h"
#include "record_json.h"
#include "rest/error_envelope.h"
#include "rest/paging.h"

namespace isvgraph::api::rest {
namespace {

HttpResponse BodyProblems(const std::vector<graph::WriteProblem>& problems) {
  return ErrorResponse(400, "invalid_argument",
                       std::to_string(problems.size()) + " problem(s) in the request body",
                       ProblemsJson(problems));
}

// Writes the batch as the token's organisation; `done` is the answer when it lands.
HttpResponse Write(Service& service, const HttpRequest& request, graph::WriteBatch batch,
                   HttpResponse done) {
  std::vector<graph::WriteProblem> problems;
  Status s = service.chains().ApplyAs(ViewerOf(request), std::move(batch), &problems);
  if (s.code() == StatusCode::kInvalidArgument) {
    return ErrorResponse(s, ProblemsJson(problems));
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
  auto page = service.chains().ListSites(filter, page_request.after, page_request.limit);
  if (!page) return ErrorResponse(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const graph::Site& site : page->items) items.push_back(SiteJson(site));
  return JsonResponse(PageJson(std::move(items), page->next_after));
}

HttpResponse GetSite(const Service& service, const HttpRequest& request) {
  auto site = service.chains().store().GetSite(request.path_params.at("id"));
  if (!site) return ErrorResponse(site.error());
  return HttpResponse{
      .status = 200, .content_type = "application/json", .body = SiteJsonText(*site)};
}

HttpResponse CreateSite(Service& service, const HttpRequest& request) {
  std::vector<graph::WriteProblem> problems;
  graph::Site site;
  if (!SiteFromJson(request.json, "site", &site, &problems)) return BodyProblems(problems);
  if (service.chains().store().GetSite(site.id)) {
    return ErrorResponse(409, "already_exists",
                         "site '" + site.id + "' exists; PUT /v1/sites/{id} replaces it",
                         {{"id", site.id}});
  }
  graph::WriteBatch batch;
  batch.PutSite(site);
  return Write(service, request, std::move(batch), Created(SiteJson(site), "/v1/sites/" + site.id));
}

HttpResponse ReplaceSite(Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  std::vector<graph::WriteProblem> problems;
  nlohmann::json body = WithUrlFields(request, {{"id", id}}, "site " + id, &problems);
  graph::Site site;
  if (!SiteFromJson(body, "site " + id, &site, &problems) || !problems.empty()) {
    return BodyProblems(problems);
  }
  graph::WriteBatch batch;
  batch.PutSite(site);
  return Write(service, request, std::move(batch), JsonResponse(SiteJson(site)));
}

HttpResponse DeleteSite(Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  if (auto site = service.chains().store().GetSite(id); !site) return ErrorResponse(site.error());
  graph::WriteBatch batch;
  batch.DeleteSite(id);
  return Write(service, request, std::move(batch), NoContent());
}

// --- links -------------------------------------------------------------------------------------

HttpResponse ListLinks(const Service& service, const HttpRequest& request) {
  PageRequest page_request;
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  auto page = service.chains().ListLinks(ViewerOf(request), page_request.after, page_request.limit);
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
    return ErrorResponse(404, "not_found", "no link '" + id + "'", {{"id", id}});
  }
  key->organisation = request.principal->organisation;
  return std::nullopt;
}

}  // namespace

HttpResponse GetLink(const Service& service, const HttpRequest& request) {
  graph::SupplyLink key;
  if (auto bad = LinkKeyOf(request, &key)) return *bad;
  auto link = service.chains().GetLink(ViewerOf(request), key);
  if (!link) return ErrorResponse(link.error());
  return JsonResponse(LinkJson(*link));
}

HttpResponse CreateLink(Service& service, const HttpRequest& request) {
  std::vector<graph::WriteProblem> problems;
  graph::SupplyLink link;
  if (!LinkFromJson(request.json, "link", &link, &problems)) return BodyProblems(problems);
  link.organisation = request.principal->organisation;
  if (service.chains().GetLink(ViewerOf(request), link)) {
    return ErrorResponse(409, "already_exists",
                         "this link exists; PUT /v1/links/" + LinkId(link) + " replaces it",
                         {{"id", LinkId(link)}});
  }
  graph::WriteBatch batch;
  batch.PutLink(link);
  return Write(service, request, std::move(batch),
               Created(LinkJson(link), "/v1/links/" + LinkId(link)));
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
  graph::WriteBatch batch;
  batch.PutLink(link);
  return Write(service, request, std::move(batch), JsonResponse(LinkJson(link)));
}

HttpResponse DeleteLink(Service& service, const HttpRequest& request) {
  graph::SupplyLink key;
  if (auto bad = LinkKeyOf(request, &key)) return *bad;
  if (auto link = service.chains().GetLink(ViewerOf(request), key); !link) {
    return ErrorResponse(link.error());
  }
  graph::WriteBatch batch;
  batch.DeleteLink(key);
  return Write(service, request, std::move(batch), NoContent());
}

// --- contracts ---------------------------------------------------------------------------------

HttpResponse ListContracts(const Service& service, const HttpRequest& request) {
  PageRequest page_request;
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  auto page =
      service.chains().ListContracts(ViewerOf(request), page_request.after, page_request.limit);
  if (!page) return ErrorResponse(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const graph::Contract& contract : page->items) items.push_back(ContractJson(contract));
  return JsonResponse(PageJson(std::move(items), page->next_after));
}

HttpResponse GetContract(const Service& service, const HttpRequest& request) {
  auto contract = service.chains().GetContract(ViewerOf(request), request.path_params.at("id"));
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
  if (service.chains().GetContract(ViewerOf(request), contract.id)) {
    return ErrorResponse(
        409, "already_exists",
        "contract '" + contract.id + "' exists; PUT /v1/contracts/{id} replaces it",
        {{"id", contract.id}});
  }
  graph::WriteBatch batch;
  batch.PutContract(contract);
  return Write(service, request, std::move(batch),
               Created(ContractJson(contract), "/v1/contracts/" + contract.id));
}

HttpResponse ReplaceContract(Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  std::vector<graph::WriteProblem> problems;
  nlohmann::json body = WithUrlFields(request, {{"id", id}}, "contract " + id, &problems);
  graph::Contract contract;
  if (!ContractFromJson(body, "contract " + id, &contract, &problems) || !problems.empty()) {
    return BodyProblems(problems);
  }
  contract.organisation = request.principal->organisation;
  // The follow-up is its own resource (/followup): a replacement keeps it.
  if (auto existing = service.chains().GetContract(ViewerOf(request), id)) {
    contract.followup = existing->followup;
  }
  graph::WriteBatch batch;
  batch.PutContract(contract);
  return Write(service, request, std::move(batch), JsonResponse(ContractJson(contract)));
}

HttpResponse DeleteContract(Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  if (auto contract = service.chains().GetContract(ViewerOf(request), id); !contract) {
    return ErrorResponse(contract.error());
  }
  graph::WriteBatch batch;
  batch.DeleteContract(request.principal->organisation, id);
  return Write(service, request, std::move(batch), NoContent());
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
                     {"escalation", IsEscalation(step.step)}});
  }
  const std::string stage = EscalationStage(contract);
  return {{"contract_id", contract.id},
          {"steps", steps},
          {"escalation_stage", stage.empty() ? nlohmann::json() : nlohmann::json(stage)},
          {"ladder", FollowUpSteps()}};
}

}  // namespace

HttpResponse GetFollowUp(const Service& service, const HttpRequest& request) {
  auto contract = service.chains().GetContract(ViewerOf(request), request.path_params.at("id"));
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
  auto contract = RecordFollowUp(service, request.principal->organisation,
                                 request.path_params.at("id"), std::move(step));
  if (!contract) return ErrorResponse(contract.error());
  return JsonResponse(FollowUpJson(*contract), 201);
}

// --- joint audits ------------------------------------------------------------------------------

HttpResponse ListJointAuditCandidates(const Service& service, const HttpRequest& request) {
  PageRequest page_request;  // only the limit applies: the ranking is one list
  if (auto bad = ParsePageRequest(request, &page_request)) return *bad;
  const graph::ChainGraph& chains = service.chains();
  nlohmann::json candidates = nlohmann::json::array();
  for (const graph::JointAuditCandidate& c :
       chains.JointAuditCandidates(ViewerOf(request), page_request.limit)) {
    auto site = chains.store().GetSite(c.site_id);
    const double score = c.score_milli / 1000.0;
    candidates.push_back(
        {{"rank", c.rank},
         {"site_id", c.site_id},
         {"site_name", site ? site->name : ""},
         {"country", site ? site->country : ""},
         {"sector", site ? site->sector : ""},
         {"organisations", c.organisations},
         {"score", score},
         {"own_contracts", c.contracts},
         {"own_value_eur", c.value_eur},
         {"explanation", "reached by the contracts of " + std::to_string(c.organisations) +
                             " organisations of your audit groups (yours included); site score " +
                             nlohmann::json(score).dump() + " (" +
                             (site ? chains.model().Explain(*site) : c.site_id) + ")"}});
  }
  return JsonResponse({{"organisation", request.principal->organisation},
                       {"methodology", chains.model().id()},
                       {"circle",
                        "your organisation and the members of its audit groups; other members' "
                        "contracts, links and values are never shown"},
                       {"ranking", "organisations (desc), score (desc), site id"},
                       {"candidates", candidates}});
}

}  // namespace isvgraph::api::rest
