// Organisation-scoped access to the records behind the chains: what REST CRUD and the CLI
// list, read and write. The ownership rule (docs/architecture.md, "Domain model") is enforced here,
// not in handlers.

#include <algorithm>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::graph {
namespace {

// Scoped reads need an organisation; an `all` viewer names one to read its records.
Status NeedsOrganisation(const Viewer& viewer) {
  if (viewer.organisation.empty() || viewer.organisation == kPublicOrganisation) {
    return Status::InvalidArgument("an organisation is needed to read its links and contracts");
  }
  return Status::Ok();
}

// A visitor that fills `page` with up to `limit` records, then, at the next one, records where
// the page ended and stops the scan.
template <typename Record, typename KeyOf>
auto PageFiller(Page<Record>& page, size_t limit, KeyOf key_of) {
  return [&page, limit, key_of](Record&& record) {
    if (page.items.size() == limit) {
      page.next_after = key_of(page.items.back());
      return false;
    }
    page.items.push_back(std::move(record));
    return true;
  };
}

std::string IdOf(const Site& site) { return site.id; }
std::string IdOf(const Contract& contract) { return contract.id; }

}  // namespace

Status ChainGraph::ApplyAs(const Viewer& writer, WriteBatch batch,
                           std::vector<WriteProblem>* problems_out) {
  std::vector<WriteProblem> problems;
  if (!writer.all) {
    auto own = [&](std::string_view organisation) { return organisation == writer.organisation; };
    for (size_t i = 0; i < batch.link_count(); ++i) {
      if (!own(batch.link_view(i).organisation)) {
        problems.push_back({"link " + std::to_string(i + 1), "organisation",
                            "may only be the writer's own organisation"});
      }
    }
    for (const SupplyLink& link : batch.deleted_links()) {
      if (!own(link.organisation)) {
        problems.push_back({"deleted link", "organisation", "is not the writer's"});
      }
    }
    for (const Contract& contract : batch.contracts()) {
      if (!own(contract.organisation)) {
        problems.push_back({"contract " + contract.id, "organisation",
                            "may only be the writer's own organisation"});
      }
    }
    for (const auto& [organisation, id] : batch.deleted_contracts()) {
      if (!own(organisation)) {
        problems.push_back({"deleted contract " + id, "organisation", "is not the writer's"});
      }
    }
    if (!batch.organisations().empty() || !batch.tokens().empty()) {
      problems.push_back({"batch", "", "organisations and tokens are written by the service"});
    }
  }
  if (!problems.empty()) {
    std::string message = "the write touches records of others; nothing was written: ";
    for (size_t i = 0; i < problems.size(); ++i) {
      message += (i ? "; " : "") + problems[i].ToString();
    }
    if (problems_out) *problems_out = std::move(problems);
    return Status::InvalidArgument(message);
  }
  if (batch.author() == Author{}) {
    batch.set_author({.organisation = writer.all ? "" : writer.organisation,
                      .token_id = writer.token_id,
                      .what = writer.what});
  }
  return Apply(std::move(batch), problems_out);
}

Result<Page<Site>> ChainGraph::ListSites(const SiteFilter& filter, const std::string& after,
                                         size_t limit) const {
  Page<Site> page;
  if (filter.country.empty() && filter.sector.empty()) {
    ISV_RETURN_IF_ERROR(store_->ScanSitesAfter(
        after, PageFiller(page, limit, [](const Site& s) { return IdOf(s); })));
    return page;
  }
  // By secondary index: the ids of one country or sector, intersected with the other.
  std::vector<std::string> ids = filter.country.empty() ? store_->SitesInSector(filter.sector)
                                                        : store_->SitesInCountry(filter.country);
  if (!filter.country.empty() && !filter.sector.empty()) {
    std::vector<std::string> in_sector = store_->SitesInSector(filter.sector);
    std::vector<std::string> both;
    std::set_intersection(ids.begin(), ids.end(), in_sector.begin(), in_sector.end(),
                          std::back_inserter(both));
    ids = std::move(both);
  }
  auto fill = PageFiller(page, limit, [](const Site& s) { return IdOf(s); });
  auto it = after.empty() ? ids.begin() : std::upper_bound(ids.begin(), ids.end(), after);
  for (; it != ids.end(); ++it) {
    Result<Site> site = store_->GetSite(*it);
    if (!site) return site.error();
    if (!fill(std::move(site).value())) break;
  }
  return page;
}

Result<Contract> ChainGraph::GetContract(const Viewer& viewer, const std::string& id) const {
  ISV_RETURN_IF_ERROR(NeedsOrganisation(viewer));
  return store_->GetContract(viewer.organisation, id);
}

Result<Page<Contract>> ChainGraph::ListContracts(const Viewer& viewer, const std::string& after,
                                                 size_t limit) const {
  ISV_RETURN_IF_ERROR(NeedsOrganisation(viewer));
  Page<Contract> page;
  ISV_RETURN_IF_ERROR(
      store_->ScanContractsOf(viewer.organisation, after,
                              PageFiller(page, limit, [](const Contract& c) { return IdOf(c); })));
  return page;
}

Result<SupplyLink> ChainGraph::GetLink(const Viewer& viewer, SupplyLink key) const {
  ISV_RETURN_IF_ERROR(NeedsOrganisation(viewer));
  key.organisation = viewer.organisation;
  return store_->GetLink(key);
}

Result<Page<SupplyLink>> ChainGraph::ListLinks(const Viewer& viewer, const std::string& after,
                                               size_t limit) const {
  ISV_RETURN_IF_ERROR(NeedsOrganisation(viewer));
  Page<SupplyLink> page;
  ISV_RETURN_IF_ERROR(store_->ScanLinksOf(
      viewer.organisation, after,
      PageFiller(page, limit, [](const SupplyLink& l) { return LinkPageKey(l); })));
  return page;
}

}  // namespace isvgraph::graph
