#include "index_change.h"

#include <set>
#include <tuple>

#include "codec.h"

namespace isvgraph::graph {

IndexChange DescribeIndexChange(const WriteBatch& batch, const IndexDelta* delta) {
  IndexChange change;
  change.tokens = !batch.tokens().empty();
  const bool indexed =
      batch.size() > batch.tokens().size() + batch.audits().size() + batch.proposals().size();
  if (!indexed) return change;
  if (delta == nullptr || !batch.deleted_sites().empty()) {
    change.kind = IndexChange::Kind::kRebuild;
    return change;
  }
  change.kind = IndexChange::Kind::kPatch;
  for (const Site& site : batch.sites()) change.sites.push_back(site.id);
  for (size_t i = 0; i < batch.link_count(); ++i) {
    const WriteBatch::LinkView link = batch.link_view(i);
    change.links.push_back({.organisation = std::string(link.organisation),
                            .supplier_id = std::string(link.supplier_id),
                            .customer_id = std::string(link.customer_id),
                            .product = std::string(link.product)});
  }
  for (const SupplyLink& link : batch.deleted_links()) {
    change.links.push_back({.organisation = link.organisation,
                            .supplier_id = link.supplier_id,
                            .customer_id = link.customer_id,
                            .product = link.product});
  }
  change.link_records_added = delta->link_records_added;
  for (const Contract& contract : batch.contracts()) {
    change.contracts.emplace_back(contract.organisation, contract.id);
  }
  for (const auto& deleted : batch.deleted_contracts()) change.contracts.push_back(deleted);
  for (const Organisation& organisation : batch.organisations()) {
    change.organisations.push_back(organisation.id);
  }
  return change;
}

Result<std::optional<IndexDelta>> ResolveIndexChanges(const std::vector<IndexChange>& changes,
                                                      const ChainStore& store, size_t limit) {
  // The keys of every change, once each: the store's record now is what the index must show.
  std::set<std::string> sites, organisations;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> links;
  std::set<std::pair<std::string, std::string>> contracts;
  IndexDelta delta;
  size_t keys = 0;
  for (const IndexChange& change : changes) {
    if (change.kind == IndexChange::Kind::kRebuild) return std::optional<IndexDelta>();
    keys += change.sites.size() + change.links.size() + change.contracts.size() +
            change.organisations.size();
    if (keys > limit) return std::optional<IndexDelta>();
    sites.insert(change.sites.begin(), change.sites.end());
    organisations.insert(change.organisations.begin(), change.organisations.end());
    for (const SupplyLink& link : change.links) {
      links.emplace(link.organisation, link.supplier_id, link.customer_id, link.product);
    }
    contracts.insert(change.contracts.begin(), change.contracts.end());
    delta.link_records_added += change.link_records_added;
  }
  // Organisations and sites are never deleted by a patchable write: one that is gone was removed
  // by a later write (a site deletion), which the next catch-up rebuilds for; rebuild now.
  for (const std::string& id : organisations) {
    Result<Organisation> organisation = store.GetOrganisation(id);
    if (!organisation && organisation.error().code() == StatusCode::kNotFound) {
      return std::optional<IndexDelta>();
    }
    if (!organisation) return organisation.error();
    delta.organisations.push_back(std::move(organisation).value());
  }
  for (const std::string& id : sites) {
    Result<Site> site = store.GetSite(id);
    if (!site && site.error().code() == StatusCode::kNotFound) return std::optional<IndexDelta>();
    if (!site) return site.error();
    delta.sites.push_back(std::move(site).value());
  }
  for (const auto& [organisation, supplier, customer, product] : links) {
    Result<SupplyLink> link = store.GetLink({.organisation = organisation,
                                             .supplier_id = supplier,
                                             .customer_id = customer,
                                             .product = product});
    if (!link && link.error().code() != StatusCode::kNotFound) return link.error();
    (link ? delta.links_put : delta.links_deleted).push_back({organisation, customer, supplier});
  }
  for (const auto& [organisation, id] : contracts) {
    Result<Contract> contract = store.GetContract(organisation, id);
    if (!contract && contract.error().code() != StatusCode::kNotFound) return contract.error();
    if (contract) {
      delta.contracts_put.push_back(std::move(contract).value());
    } else {
      delta.contracts_deleted.emplace_back(organisation, id);
    }
  }
  return std::optional<IndexDelta>(std::move(delta));
}

}  // namespace isvgraph::graph
