#pragma once

// SiteMatcher: finds the registry site an input row describes. Rules, in order: an external id
// (os_id, rmi_cid, lei, duns) the registry knows; the same site id; the same normalised name in
// the same country; a similar name (word overlap ≥ 0.75, words with digits equal) in the same
// country. When both sides have coordinates, a name match farther apart than 25 km is not a
// match (two factories of one company), and one within 1 km scores higher. Sites created
// earlier in the same import are candidates too (Remember). One per import. Prepare may run on
// one thread while Find, Remember and NewId run on another; nothing else is thread-safe.
//
// Speed (issue 5 asks ≥ 100k rows/s): a row's name is normalised and split once (Prepare);
// words are interned to numbers, so the per-country indexes hash integers, and the overlap of
// two names is a merge of two short sorted integer lists.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "isvgraph/graph/chain_store.h"
#include "isvgraph/importers/record_import.h"

namespace isvgraph::importers {

class SiteMatcher {
 public:
  explicit SiteMatcher(const graph::ChainStore& store);

  // A site name normalised and split into interned words.
  struct Candidate {
    std::string name;                // NormaliseCompanyName(name)
    std::vector<uint32_t> words;     // sorted, unique
    std::vector<uint32_t> numbered;  // the words with digits, sorted
  };
  Candidate Prepare(const std::string& name);

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

 private:
  // Sites of one country. Entries keep their words in one pool, and the indexes are chains
  // through the entries (head per key, next per entry or posting): an import of 200k sites
  // allocates a few large arrays, not 200k small vectors.
  static constexpr uint32_t kEnd = UINT32_MAX;
  struct Entry {
    std::string id;
    uint32_t words_at = 0, words = 0;        // pool[words_at, +words): sorted, unique
    uint32_t numbered_at = 0, numbered = 0;  // pool[numbered_at, +numbered)
    uint32_t same_name = kEnd;               // next entry with the same name hash
    std::optional<double> lat, lon;
  };
  struct Posting {
    uint32_t entry, next;
  };
  struct CountrySites {
    std::vector<Entry> entries;
    std::vector<uint32_t> pool;
    std::vector<Posting> postings;
    std::unordered_map<uint64_t, uint32_t> by_name;  // name hash → first entry
    std::unordered_map<uint32_t, std::pair<uint32_t, uint32_t>> by_word;  // → (posting, count)
    std::string names;  // the normalised names, each ended by '\n', so equal hashes can be checked
    std::vector<uint32_t> name_at;  // entry → offset in names
  };
  CountrySites& Load(const std::string& country);
  void Add(CountrySites& sites, const graph::Site& site, const Candidate& candidate,
           const std::string& id);
  uint32_t Intern(std::string_view word);

  const graph::ChainStore& store_;
  bool registry_empty_;  // the store had no sites when the import began: skip its lookups
  std::map<std::string, CountrySites> countries_;
  std::mutex words_mutex_;  // Prepare runs on the reading thread, Load's on the matching one
  std::unordered_map<std::string, uint32_t> words_;
  std::vector<bool> word_numbered_;
  std::unordered_map<std::string, std::string> external_;  // "scheme\0value" → id, this import
  std::unordered_set<std::string> taken_ids_;
};

}  // namespace isvgraph::importers
