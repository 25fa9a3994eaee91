#include "site_matcher.h"

#include <algorithm>

#include "isvgraph/base/utf8.h"

namespace isvgraph::importers {

SiteMatcher::SiteMatcher(const graph::ChainStore& store, const graph::SiteNames& registry)
    : store_(store), registry_(registry) {
  bool any = false;
  (void)store_.ScanSitesAfter("", [&](graph::Site&&) {
    any = true;
    return false;
  });
  registry_empty_ = !any;
}

SiteMatcher::Candidate SiteMatcher::Prepare(const std::string& name) const {
  return {imported_.Prepare(graph::NormaliseCompanyName(name))};
}

bool SiteMatcher::Known(const std::string& id) const {
  return taken_ids_.contains(id) || (!registry_empty_ && store_.GetSite(id));
}

void SiteMatcher::Reserve(size_t sites) { taken_ids_.reserve(taken_ids_.size() + sites); }

void SiteMatcher::Remember(const graph::Site& site, const Candidate& candidate,
                           const std::string& id) {
  imported_.Add(id, site, candidate.prepared);
  taken_ids_.insert(id);
  for (const auto& [scheme, value] : site.external_ids) {
    external_[scheme + '\0' + value] = id;
  }
}

SiteMatcher::Match SiteMatcher::Find(const graph::Site& site, const Candidate& candidate) {
  for (const char* scheme : {"os_id", "rmi_cid", "lei", "duns"}) {
    auto value = site.external_ids.find(scheme);
    if (value == site.external_ids.end() || value->second.empty()) continue;
    if (auto it = external_.find(std::string(scheme) + '\0' + value->second);
        it != external_.end()) {
      return {it->second, scheme, 1.0};
    }
    if (registry_empty_) continue;
    std::vector<std::string> ids = store_.SitesByExternalId(scheme, value->second);
    if (!ids.empty()) return {ids.front(), scheme, 1.0};
  }
  if (!site.id.empty() && Known(site.id)) return {site.id, "id", 1.0};
  const std::string& name = candidate.prepared.name;
  if (name.empty()) return {};
  graph::NameMatch registry;
  if (!registry_empty_) {
    registry = registry_.Find(site.country, name, site.lat, site.lon);
    if (registry.rule == "name+country") return {registry.site_id, registry.rule, registry.score};
  }
  graph::NameMatch imported = imported_.Find(site.country, candidate.prepared, site.lat, site.lon);
  const graph::NameMatch& best =
      imported.rule == "name+country" || imported.score > registry.score ? imported : registry;
  return {best.site_id, best.site_id.empty() ? "" : best.rule, best.score};
}

std::string SiteMatcher::NewId(const graph::Site& site, const Candidate& candidate) {
  std::string name = candidate.prepared.name;
  std::replace(name.begin(), name.end(), ' ', '-');
  name = std::string(Utf8Prefix(name, 48));
  // "unknown-…" for a site whose country is not known: an id never starts with "-".
  const std::string slug = (site.country.empty() ? std::string("unknown") : site.country) + "-" +
                           (name.empty() ? std::string("site") : name);
  std::string id = slug;
  for (int n = 2; Known(id); ++n) id = slug + "-" + std::to_string(n);
  taken_ids_.insert(id);
  return id;
}

}  // namespace isvgraph::importers
