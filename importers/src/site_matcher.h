#pragma once

// SiteMatcher: finds the registry site an input row describes. Rules, in order: an external id
// (os_id, rmi_cid, lei, duns) the registry knows; the same site id; then by name in the same
// country (graph::SiteNames: the same normalised name, else a similar one; distance rules).
// Sites created earlier in the same import are candidates too (Remember): the registry's
// name match wins over this import's, and a similar name in this import only when it scores
// higher. One per import. Prepare may run on any thread; Find, Remember and NewId on one.
//
// The registry's names come from the graph's SiteNames (loaded once per country and kept
// current by writes), so matching against a large registry costs the candidates, not the
// country.

#include <string>
#include <unordered_map>

#include "isvgraph/base/flat_hash.h"
#include "isvgraph/graph/chain_store.h"
#include "isvgraph/graph/site_names.h"
#include "isvgraph/importers/record_import.h"

namespace isvgraph::importers {

class SiteMatcher {
 public:
  SiteMatcher(const graph::ChainStore& store, const graph::SiteNames& registry);

  // A site name prepared for matching: normalised, its words numbered for this import's own
  // sites. Any thread (the reading thread prepares while the matching thread matches).
  struct Candidate {
    graph::SiteNames::PreparedName prepared;  // .name: graph::NormaliseCompanyName(name)
  };
  Candidate Prepare(const std::string& name) const;

  struct Match {
    std::string site_id;  // "" when nothing matched
    std::string rule;
    double score = 0;
  };
  // Requires: site.country is ISO alpha-2; candidate = Prepare(site.name).
  Match Find(const graph::Site& site, const Candidate& candidate);
  // Makes `site`, stored under `id`, a candidate for later rows of the import.
  void Remember(const graph::Site& site, const Candidate& candidate, const std::string& id);
  // An id for a new site without one: COUNTRY-name-words, unique in the store and this import.
  std::string NewId(const graph::Site& site, const Candidate& candidate);
  // The id is a site of the registry or of this import.
  bool Known(const std::string& id) const;
  // Room for about `sites` more sites of this import.
  void Reserve(size_t sites);

 private:
  const graph::ChainStore& store_;
  const graph::SiteNames& registry_;
  bool registry_empty_;  // the store had no sites when the import began: skip its lookups
  graph::SiteNames imported_{nullptr};                     // this import's new sites
  std::unordered_map<std::string, std::string> external_;  // "scheme\0value" → id, this import
  FlatStringSet taken_ids_;
};

}  // namespace isvgraph::importers
