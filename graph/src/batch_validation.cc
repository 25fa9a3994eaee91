// The checks of a write batch against the index and itself, before anything is written:
// ChainGraph::Apply validates here, then writes and refreshes the index.

#include "batch_validation.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

#include "isvgraph/base/text.h"

namespace isvgraph::graph {
namespace {

bool IsIdText(std::string_view id) { return !id.empty() && id.find('\0') == std::string::npos; }

// The limits of every stored text (base/text.h): length, and no control characters (line
// breaks allowed in free text).
void CheckText(const std::string& record, const char* field, std::string_view text,
               std::vector<WriteProblem>& problems, bool free_text = false) {
  if (const char* problem = TextProblem(text, free_text); *problem) {
    problems.push_back({record, field, problem});
  }
}

void ValidateSite(const Site& site, std::vector<WriteProblem>& problems) {
  const std::string record = "site " + site.id;
  if (!IsIdText(site.id)) problems.push_back({record, "id", "must be non-empty text"});
  // An empty country is an unknown one: a value, scored as missing data.
  if (!site.country.empty() &&
      (site.country.size() != 2 || !std::isupper(static_cast<unsigned char>(site.country[0])) ||
       !std::isupper(static_cast<unsigned char>(site.country[1])))) {
    problems.push_back({record, "country",
                        "'" + site.country +
                            "' is not an ISO 3166-1 alpha-2 code (or empty "
                            "for an unknown country)"});
  }
  if (site.country.empty() && !site.region.empty()) {
    problems.push_back({record, "region", "a region needs the site's country"});
  }
  if (site.lat && !(*site.lat >= -90 && *site.lat <= 90)) {
    problems.push_back({record, "lat", "must be between -90 and 90"});
  }
  if (site.lon && !(*site.lon >= -180 && *site.lon <= 180)) {
    problems.push_back({record, "lon", "must be between -180 and 180"});
  }
  CheckText(record, "id", site.id, problems);
  CheckText(record, "name", site.name, problems);
  CheckText(record, "region", site.region, problems);
  CheckText(record, "sector", site.sector, problems);
  CheckText(record, "role", site.role, problems);
  for (const auto& [scheme, value] : site.external_ids) {
    CheckText(record, "external_ids", scheme, problems);
    CheckText(record, "external_ids", value, problems);
  }
}

void ValidateContractText(const Contract& contract, const std::string& record,
                          std::vector<WriteProblem>& problems) {
  CheckText(record, "id", contract.id, problems);
  CheckText(record, "title", contract.title, problems);
  CheckText(record, "value_note", contract.value_note, problems);
  CheckText(record, "cpv", contract.cpv, problems);
  CheckText(record, "chain_type", contract.chain_type, problems);
  for (const FollowUpStep& step : contract.followup) {
    CheckText(record, "followup", step.step, problems);
    CheckText(record, "followup", step.date, problems);
    CheckText(record, "followup", step.note, problems, /*free_text=*/true);
  }
}

void ValidateAudit(const Audit& audit, std::vector<WriteProblem>& problems) {
  const std::string record = "audit " + audit.id;
  for (const std::string* text :
       {&audit.id, &audit.site_id, &audit.audit_group, &audit.type, &audit.date, &audit.valid_until,
        &audit.clause_level, &audit.auditor}) {
    CheckText(record, "", *text, problems);
  }
  CheckText(record, "summary", audit.summary, problems, /*free_text=*/true);
  for (const AuditFinding& finding : audit.findings) {
    CheckText(record, "findings", finding.theme, problems);
    CheckText(record, "findings", finding.grade, problems);
    CheckText(record, "findings", finding.text, problems, /*free_text=*/true);
  }
  for (const CorrectiveAction& action : audit.actions) {
    CheckText(record, "actions", action.action, problems, /*free_text=*/true);
    CheckText(record, "actions", action.owner, problems);
    CheckText(record, "actions", action.deadline, problems);
    CheckText(record, "actions", action.status, problems);
  }
}

}  // namespace

Status ValidateBatch(const WriteBatch& batch, const ChainIndex& index, size_t max_problems,
                     std::vector<WriteProblem>* problems_out) {
  std::vector<WriteProblem> problems;
  // The batch's own sites, for links, contracts and deletions of the same batch to refer to; a
  // batch of sites alone (an import) needs no such set (0.1 s at 200k sites).
  std::unordered_set<std::string_view> new_sites;
  const bool refers_to_sites =
      batch.link_count() > 0 || !batch.contracts().empty() || !batch.deleted_sites().empty();
  if (refers_to_sites) new_sites.reserve(batch.sites().size());
  for (const Site& site : batch.sites()) {
    ValidateSite(site, problems);
    if (refers_to_sites) new_sites.insert(site.id);
  }
  std::unordered_set<std::string_view> new_orgs;
  for (const Organisation& org : batch.organisations()) {
    const std::string record = "organisation " + org.id;
    if (!IsIdText(org.id)) problems.push_back({record, "id", "must be non-empty text"});
    CheckText(record, "id", org.id, problems);
    CheckText(record, "name", org.name, problems);
    for (const std::string& group : org.audit_groups) {
      CheckText(record, "audit_groups", group, problems);
    }
    new_orgs.insert(org.id);
  }
  for (const Audit& audit : batch.audits()) ValidateAudit(audit, problems);
  // A proposal waits to replace a site: what it proposes must be a good site already.
  for (const SiteProposal& proposal : batch.proposals()) {
    ValidateSite(proposal.proposed, problems);
    if (proposal.proposed.id != proposal.site_id) {
      problems.push_back({"proposal for site " + proposal.site_id, "site_id",
                          "must be the id of the proposed site"});
    }
    if (proposal.id == 0) {
      problems.push_back({"proposal for site " + proposal.site_id, "id", "must not be 0"});
    }
    if (!kProposalStates.FromName(proposal.state)) {
      problems.push_back({"proposal for site " + proposal.site_id, "state",
                          "must be " + kProposalStates.Alternatives()});
    }
  }
  auto site_exists = [&](std::string_view id) {
    return new_sites.count(id) > 0 || index.FindSite(id) != kNoSite;
  };
  auto org_exists = [&](const std::string& id) {
    return new_orgs.count(id) > 0 || index.FindOrganisation(id) != ChainIndex::kNoOrganisation;
  };
  std::string_view last_org;  // links often repeat their organisation: check it once
  bool last_org_ok = false;
  for (size_t i = 0; i < batch.link_count() && problems.size() < max_problems; ++i) {
    const WriteBatch::LinkView link = batch.link_view(i);
    const std::string record = "link " + std::to_string(i + 1) + " (" +
                               std::string(link.supplier_id) + " -> " +
                               std::string(link.customer_id) + ")";
    if (i == 0 || link.organisation != last_org) {
      last_org = link.organisation;
      last_org_ok = org_exists(std::string(link.organisation));
    }
    if (!last_org_ok) {
      problems.push_back({record, "organisation",
                          "'" + std::string(link.organisation) + "' is not a known organisation"});
    }
    if (!site_exists(link.supplier_id)) {
      problems.push_back(
          {record, "supplier_id", "'" + std::string(link.supplier_id) + "' is not a site"});
    }
    if (!site_exists(link.customer_id)) {
      problems.push_back(
          {record, "customer_id", "'" + std::string(link.customer_id) + "' is not a site"});
    }
    CheckText(record, "product", link.product, problems);
    CheckText(record, "source", link.source, problems);

    if (!(link.share >= 0 && link.share <= 1)) {
      problems.push_back({record, "share", "must be between 0 and 1"});
    }
    if (!kLinkConfidences.FromName(link.confidence)) {
      problems.push_back({record, "confidence", "must be " + kLinkConfidences.Alternatives()});
    }
  }
  for (const AccessToken& token : batch.tokens()) {
    if (token.hash.size() != 64) problems.push_back({"token", "hash", "must be 64 hex digits"});
    if (!org_exists(token.organisation) || token.organisation == kPublicOrganisation) {
      problems.push_back(
          {"token", "organisation", "'" + token.organisation + "' is not a known organisation"});
    }
    if (!kRoles.FromName(token.role)) {
      problems.push_back({"token", "role", "must be " + kRoles.Alternatives()});
    }
  }
  for (const Contract& contract : batch.contracts()) {
    const std::string record = "contract " + contract.id;
    if (!IsIdText(contract.id)) problems.push_back({record, "id", "must be non-empty text"});
    ValidateContractText(contract, record, problems);
    if (!org_exists(contract.organisation) || contract.organisation == kPublicOrganisation) {
      problems.push_back(
          {record, "organisation", "'" + contract.organisation + "' is not a known organisation"});
    }
    if (!site_exists(contract.tier1_site_id)) {
      problems.push_back(
          {record, "tier1_site_id", "'" + contract.tier1_site_id + "' is not a site"});
    }
    if (!contract.buyer_site_id.empty() && !site_exists(contract.buyer_site_id)) {
      problems.push_back(
          {record, "buyer_site_id", "'" + contract.buyer_site_id + "' is not a site"});
    }
    if (contract.value_eur < 0) problems.push_back({record, "value_eur", "must not be negative"});
  }
  if (!batch.deleted_sites().empty()) {
    // A site still at either end of a link or held by a contract stays: deleting it would leave
    // dangling references. The answer does not say whose.
    std::unordered_set<uint32_t> doomed;
    for (const std::string& id : batch.deleted_sites()) {
      const uint32_t number = index.FindSite(id);
      if (number != kNoSite && new_sites.count(id) == 0) doomed.insert(number);
    }
    std::unordered_set<uint32_t> referenced;
    for (uint32_t customer = 0; customer < index.site_count(); ++customer) {
      if (doomed.count(customer) && index.EdgeCount(customer) > 0) referenced.insert(customer);
      index.ForEachEdge(customer, [&](uint32_t supplier, uint16_t) {
        if (doomed.count(supplier)) referenced.insert(supplier);
      });
    }
    for (const ChainIndex::ContractEntry& contract : index.contracts) {
      if (doomed.count(contract.tier1)) referenced.insert(contract.tier1);
    }
    if (!referenced.empty() && problems.empty()) {
      std::string message = "nothing was written: ";
      std::vector<std::string> ids;
      for (uint32_t site : referenced) ids.push_back(index.site_id(site));
      std::sort(ids.begin(), ids.end());
      for (size_t i = 0; i < ids.size(); ++i) message += (i ? ", " : "") + ids[i];
      return Status::FailedPrecondition(message + (ids.size() == 1 ? " is" : " are") +
                                        " still used by links or contracts; delete those first");
    }
  }
  if (!problems.empty()) {
    const size_t count = problems.size();
    if (problems.size() > max_problems) problems.resize(max_problems);
    std::string message = std::to_string(count) + (count >= max_problems ? "+" : "") +
                          " problem(s); nothing was written: ";
    for (size_t i = 0; i < problems.size(); ++i) {
      message += (i ? "; " : "") + problems[i].ToString();
    }
    if (problems_out) *problems_out = std::move(problems);
    return Status::InvalidArgument(message);
  }
  return Status::Ok();
}

}  // namespace isvgraph::graph
