#include "rest/registry_handlers.h"

#include <charconv>

#include "isvgraph/api/encode/record_json.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

// The operator decides for public links and sees every proposal: an `all` viewer.
graph::Viewer RegistryViewer(const HttpRequest& request) {
  graph::Viewer viewer = ViewerOf(request);
  viewer.all = request.principal->role == Role::kOperator;
  return viewer;
}

HttpResponse Decide(Service& service, const HttpRequest& request, bool accept) {
  const std::string& text = request.path_params.at("id");
  uint64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id == 0) {
    return ErrorResponse(Status::NotFound("proposal '" + text + "' not found"));
  }
  auto decided = service.DecideProposal(RegistryViewer(request), id, accept);
  if (!decided) return ErrorResponse(decided.error());
  return JsonResponse(SiteProposalJson(*decided));
}

}  // namespace

HttpResponse GetSiteHistory(const Service& service, const HttpRequest& request) {
  const std::string& id = request.path_params.at("id");
  auto history = service.SiteHistory(id);
  if (!history) return ErrorResponse(history.error());
  nlohmann::json entries = nlohmann::json::array();
  for (const graph::JournalEntry& entry : *history) entries.push_back(JournalEntryJson(entry));
  return JsonResponse({{"site_id", id}, {"entries", std::move(entries)}});
}

HttpResponse ListProposals(const Service& service, const HttpRequest& request) {
  ProposalQuery query{.state = QueryOr(request, "state"), .site_id = QueryOr(request, "site")};
  if (!query.state.empty() && !graph::kProposalStates.FromName(query.state)) {
    return ErrorResponse(
        Status::InvalidArgument("state must be " + graph::kProposalStates.Alternatives()));
  }
  auto proposals = service.ListProposals(RegistryViewer(request), query);
  if (!proposals) return ErrorResponse(proposals.error());
  nlohmann::json out = nlohmann::json::array();
  for (const graph::SiteProposal& p : *proposals) out.push_back(SiteProposalJson(p));
  return JsonResponse({{"proposals", std::move(out)}});
}

HttpResponse AcceptProposal(Service& service, const HttpRequest& request) {
  return Decide(service, request, /*accept=*/true);
}

HttpResponse RejectProposal(Service& service, const HttpRequest& request) {
  return Decide(service, request, /*accept=*/false);
}

HttpResponse SiteWriteResponse(const graph::Site& site, const SiteWriteOutcome& outcome) {
  if (outcome.kind != SiteWriteOutcome::Kind::kProposed) return JsonResponse(SiteJson(site));
  const graph::SiteProposal& proposal = *outcome.proposal;
  std::string waits;
  for (const std::string& organisation : proposal.consent) {
    waits += (waits.empty() ? "" : ", ") + (organisation == graph::kPublicOrganisation
                                                ? std::string("the operator (public links)")
                                                : organisation);
  }
  return JsonResponse(
      {{"message", "site '" + site.id +
                       "' is used in the chains of other organisations; the "
                       "change is proposal " +
                       std::to_string(proposal.id) + " and waits for " + waits + " to accept it"},
       {"proposal", SiteProposalJson(proposal)}},
      202);
}

}  // namespace isvgraph::api::rest
