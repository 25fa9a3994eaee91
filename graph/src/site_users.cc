// Who uses a site (ChainGraph::SiteUsers): what the registry needs to know before a change to a
// shared site may apply without asking anyone.

#include <algorithm>
#include <unordered_map>

#include "chain_index.h"
#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::graph {

std::map<std::string, std::vector<std::string>> ChainGraph::SiteUsers(
    const std::vector<std::string>& site_ids) const {
  std::shared_ptr<const ChainIndex> index = Snapshot();
  std::map<std::string, std::vector<std::string>> users;
  std::unordered_map<uint32_t, std::vector<uint16_t>*> wanted;  // site number → its users
  std::map<std::string, std::vector<uint16_t>> numbers;
  for (const std::string& id : site_ids) {
    users[id];
    const uint32_t site = index->FindSite(id);
    if (site != kNoSite) wanted[site] = &numbers[id];
  }
  if (!wanted.empty()) {
    // A bit per site says "wanted" without a hash lookup for each of the store's edges.
    std::vector<uint64_t> bits((index->site_count() + 63) / 64);
    for (const auto& [site, list] : wanted) bits[site >> 6] |= uint64_t{1} << (site & 63);
    auto is_wanted = [&](uint32_t site) { return (bits[site >> 6] >> (site & 63) & 1) != 0; };
    // Every edge names its customer (the row) and its supplier: one pass finds both ends.
    for (uint32_t customer = 0; customer < index->site_count(); ++customer) {
      const bool customer_wanted = is_wanted(customer);
      index->ForEachEdge(customer, [&](uint32_t supplier, uint16_t org) {
        if (customer_wanted) wanted[customer]->push_back(org);
        if (is_wanted(supplier)) wanted[supplier]->push_back(org);
      });
    }
    for (const ChainIndex::ContractEntry& contract : index->contracts) {
      if (auto it = wanted.find(contract.tier1); it != wanted.end()) {
        it->second->push_back(contract.organisation);
      }
    }
  }
  for (auto& [id, orgs] : numbers) {
    std::sort(orgs.begin(), orgs.end());
    orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
    std::vector<std::string>& names = users[id];
    for (uint16_t org : orgs) names.push_back(index->organisations[org]);
    std::sort(names.begin(), names.end());
  }
  return users;
}

}  // namespace isvgraph::graph
