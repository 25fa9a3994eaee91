// The shared registry's accountability: a site's history from the journal, and proposals — a
// change to a site that other organisations' chains use waits for their consent instead of
// changing what their chains say (docs/rest-api.md, "Shared sites").

#include <algorithm>

#include "isvgraph/api/service.h"

namespace isvgraph::api {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Whether the viewer takes part in the proposal (and may see it).
bool TakesPart(const graph::Viewer& viewer, const graph::SiteProposal& proposal) {
  return viewer.all || proposal.organisation == viewer.organisation ||
         Contains(proposal.consent, viewer.organisation);
}

}  // namespace

Result<SiteWriteOutcome> Service::ChangeSiteLocked(const graph::Viewer& writer, graph::Site site,
                                                   std::vector<graph::WriteProblem>* problems) {
  SiteWriteOutcome outcome;
  graph::WriteBatch batch;
  auto stored = chains_->store().GetSite(site.id);
  if (!stored) {
    if (stored.error().code() != StatusCode::kNotFound) return stored.error();
    batch.PutSite(std::move(site));
    ISV_RETURN_IF_ERROR(chains_->ApplyAs(writer, std::move(batch), problems));
    outcome.kind = SiteWriteOutcome::Kind::kCreated;
    return outcome;
  }
  outcome.changes = graph::CompareSites(*stored, site);
  if (outcome.changes.empty()) return outcome;  // kUnchanged: nothing to journal either

  // The other organisations that use the site. Public links are everyone's chains: they list
  // as kPublicOrganisation, for which the operator decides.
  std::vector<std::string> consent;
  if (!writer.all) {
    auto users = chains_->SiteUsers({site.id});
    for (std::string& user : users[site.id]) {
      if (user != writer.organisation) consent.push_back(std::move(user));
    }
  }
  if (consent.empty()) {
    batch.PutSite(std::move(site));
    ISV_RETURN_IF_ERROR(chains_->ApplyAs(writer, std::move(batch), problems));
    outcome.kind = SiteWriteOutcome::Kind::kApplied;
    return outcome;
  }
  uint64_t last_id = 0;
  ISV_RETURN_IF_ERROR(chains_->store().ScanProposals(
      [&](graph::SiteProposal&& p) { last_id = std::max(last_id, p.id); }));
  graph::SiteProposal proposal{.id = last_id + 1,
                               .site_id = site.id,
                               .organisation = writer.organisation,
                               .token_id = writer.token_id,
                               .time_unix = now_unix_(),
                               .proposed = std::move(site),
                               .changes = outcome.changes,
                               .consent = std::move(consent)};
  batch.PutProposal(proposal);
  ISV_RETURN_IF_ERROR(chains_->ApplyAs(writer, std::move(batch), problems));
  outcome.kind = SiteWriteOutcome::Kind::kProposed;
  outcome.proposal = std::move(proposal);
  return outcome;
}

Result<std::vector<graph::JournalEntry>> Service::SiteHistory(const std::string& site_id) const {
  std::vector<graph::JournalEntry> entries;
  ISV_RETURN_IF_ERROR(chains_->store().ScanSiteHistory(
      site_id, [&](graph::JournalEntry&& entry) { entries.push_back(std::move(entry)); }));
  if (entries.empty()) {
    if (auto site = chains_->store().GetSite(site_id); !site) return site.error();
  }
  return entries;
}

Result<std::vector<graph::SiteProposal>> Service::ListProposals(const graph::Viewer& viewer,
                                                                const ProposalQuery& query) const {
  std::vector<graph::SiteProposal> out;
  // A store read error is the caller's: a short list would read as "nothing waits for you".
  ISV_RETURN_IF_ERROR(chains_->store().ScanProposals([&](graph::SiteProposal&& proposal) {
    if (!TakesPart(viewer, proposal)) return;
    if (!query.state.empty() && proposal.state != query.state) return;
    if (!query.site_id.empty() && proposal.site_id != query.site_id) return;
    out.push_back(std::move(proposal));
  }));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  return out;
}

Result<graph::SiteProposal> Service::DecideProposal(const graph::Viewer& decider, uint64_t id,
                                                    bool accept) {
  std::lock_guard lock(registry_mutex_);
  auto read = chains_->store().GetProposal(id);
  if (!read) return read.error();
  graph::SiteProposal proposal = std::move(read).value();
  // The same answer as for no such proposal: ids are counted, their content is not public.
  if (!TakesPart(decider, proposal)) {
    return Status::NotFound("proposal " + std::to_string(id) + " not found");
  }
  if (proposal.state != "pending") {
    return Status::FailedPrecondition("proposal " + std::to_string(id) + " is already " +
                                      proposal.state);
  }
  const bool proposer = !decider.all && proposal.organisation == decider.organisation;
  const bool consenting = !decider.all && Contains(proposal.consent, decider.organisation);
  if (accept && !decider.all && !consenting) {
    return Status::PermissionDenied(
        "a proposal is accepted by the organisations whose chains use the site or by the "
        "operator, not by the organisation that proposed it");
  }
  const std::string who = decider.all ? "operator" : decider.organisation;
  graph::WriteBatch batch;
  if (!accept) {
    proposal.state = proposer && !consenting ? "withdrawn" : "rejected";
  } else {
    if (!decider.all && !Contains(proposal.accepted, decider.organisation)) {
      proposal.accepted.push_back(decider.organisation);
    }
    const bool everyone =
        std::all_of(proposal.consent.begin(), proposal.consent.end(),
                    [&](const auto& o) { return Contains(proposal.accepted, o); });
    if (decider.all || everyone) {
      proposal.state = "accepted";
      batch.PutSite(proposal.proposed);
    }
  }
  proposal.decided_by = who;
  proposal.decided_unix = now_unix_();
  batch.PutProposal(proposal);
  ISV_RETURN_IF_ERROR(chains_->ApplyAs(decider, std::move(batch)));
  return proposal;
}

}  // namespace isvgraph::api
