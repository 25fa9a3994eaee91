#pragma once

// SiteMatcher: finds the registry site an input row describes. Rules, in order: an external id
// (os_id, rmi_cid, lei, duns) the registry knows; the same site id; the same normalised name in
// the same country; a similar name (word overlap ≥ 0.75, words with digits equal) in the same
// country. When both sides have coordinates, a name match farther apart than 25 km is not a
// match (two factories of one company), and one within 1 km scores higher. Sites created earlier in the same import are
// candidates too (Remember). Not thread-safe; one per import.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "isvgraph/graph/chain_store.h"
#include "isvgraph/importers/record_import.h"

namespace isvgraph::importers {

class SiteMatcher {
 public:
  explicit SiteMatcher(const graph::ChainStore& store) : store_(store) {}

  struct Match {
    std::string site_id;  // "" when nothing matched
    std::string rule;
    double score = 0;
  };
  // Requires: site.country is ISO alpha-2.
  Match Find(const graph::Site& site);
  // A site this import creates or updates, so that later rows can match it.
  void Remember(const graph::Site& site);
  // An id for a new site without one: COUNTRY-name-words, unique in the store and this import.
  std::string NewId(const graph::Site& site);

 private:
  struct Entry {
    std::string id;
    std::string name;  // normalised
    std::vector<std::string> words;
    std::optional<double> lat, lon;
  };
  struct CountrySites {
    std::vector<Entry> entries;
    std::unordered_map<std::string, std::vector<size_t>> by_name;
    std::unordered_map<std::string, std::vector<size_t>> by_word;
  };
  CountrySites& Load(const std::string& country);
  void Add(CountrySites& sites, const graph::Site& site);

  const graph::ChainStore& store_;
  std::map<std::string, CountrySites> countries_;
  std::unordered_map<std::string, std::string> external_;  // "scheme\0value" → id, this import
  std::unordered_map<std::string, bool> taken_ids_;
};

}  // namespace isvgraph::importers
