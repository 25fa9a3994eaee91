// The checks of a write batch against the index and itself, before anything is written:
// ChainGraph::Apply validates here, then writes and refreshes the index.

#include "batch_validation.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>

namespace isvgraph::graph {
namespace {

bool IsIdText(std::string_view id) { return !id.empty() && id.find('\0') == std::string::npos; }

void ValidateSite(const Site& site, std::vector<WriteProblem>& problems) {
  const std::string record = "site " + site.id;
  if (!IsIdText(site.id)) problems.push_back({record, "id", "must be non-empty text"});
  if (site.country.size() != 2 || !std::isupper(static_cast<unsigned char>(site.country[0])) ||
      !std::isupper(static_cast<unsigned char>(site.country[1]))) {
    problems.push_back(
        {record, "country", "'" + site.country + "' is not an ISO 3166-1 alpha-2 code"});
  }
  if (site.lat && !(*site.lat >= -90 && *site.lat <= 90)) {
    problems.push_back({record, "lat", "must be between -90 and 90"});
  }
  if (site.lon && !(*site.lon >= -180 && *site.lon <= 180)) {
    problems.push_back({record, "lon", "must be between -180 and 180"});
  }
  for (const std::string* text : {&site.name, &site.region, &site.sector, &site.role}) {
    if (text->find('\0') != std::string::npos) {
      problems.push_back({record, "", "text with a NUL byte"});
    }
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
    if (!IsIdText(org.id)) {
      problems.push_back({"organisation " + org.id, "id", "must be non-empty text"});
    }
    new_orgs.insert(org.id);
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
    for (std::string_view text : {link.product, link.source}) {
      if (text.find('\0') != std::string_view::npos) {
        problems.push_back({record, "", "text with a NUL byte"});
      }
    }
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
