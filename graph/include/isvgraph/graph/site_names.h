#pragma once

// SiteNames: sites by normalised name and by name words, one table per country, for finding
// the site an input row or a match request describes (importers, POST /v1/sites/match).
//
// Two uses. Backed by a store (ChainGraph owns one): a country's table is read from the store
// the first time it is asked for and then kept, patched by every later write (ChainGraph::Apply
// calls Put and Delete; a bulk write calls Forget), so a match costs its candidates, not its
// country. Backed by nothing: holds only what Put adds (an import's own new sites).
//
// Thread-safety: Find may run on many threads while Put, Delete and Forget run on one; a Find
// sees each write before or after, never half of it. A table is loaded by one thread while the
// others wait for it; writes during the load are replayed onto it.
//
// Memory: about 150 bytes per site of a loaded country, kept until Forget.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/graph/chain_store.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::graph {

// A company name for matching: lowercase words without punctuation and legal forms
// ("Indigo Garments FZE" and "INDIGO GARMENTS F.Z.E." both give "indigo garments").
std::string NormaliseCompanyName(std::string_view name);

struct NameMatch {
  std::string site_id;  // "" when nothing matched
  std::string rule;     // "name+country" or "similar name+country"
  double score = 0;
};

class SiteNames {
 public:
  // The name rules. A word shared by more sites of a country than kCommonWord says nothing
  // about which one is meant and picks no candidates.
  static constexpr double kSameSiteKm = 1;
  static constexpr double kOtherSiteKm = 25;
  static constexpr double kSimilarWords = 0.75;
  static constexpr size_t kCommonWord = 2000;

  // `store` may be null (a table of only what Put adds); otherwise it must outlive this.
  explicit SiteNames(const ChainStore* store);
  ~SiteNames();
  SiteNames(const SiteNames&) = delete;
  SiteNames& operator=(const SiteNames&) = delete;

  // The site of `country` (ISO alpha-2) that `name` (NormaliseCompanyName of the input's
  // name) describes: the same name (rule "name+country", 0.95; 1.0 within kSameSiteKm), else
  // the most similar one (word overlap ≥ kSimilarWords and the same words with digits; score
  // 0.9 × overlap, +0.05 within kSameSiteKm). When both sides have coordinates, a site farther
  // than kOtherSiteKm is not a match (two factories of one company). Ties go to the site put
  // first. Errors reading the store are answered as no match.
  NameMatch Find(std::string_view country, std::string_view name, std::optional<double> lat,
                 std::optional<double> lon) const;

  // A normalised name with its words numbered in this SiteNames' dictionary, for many Find
  // and Add calls on one SiteNames (an import's own sites: the reading thread prepares, the
  // matching thread finds and adds without hashing the words again). Words that are plain
  // numbers (no leading zero, up to 9 digits) are numbered by their value, not kept.
  struct PreparedName {
    std::string name;                       // NormaliseCompanyName(…)
    std::vector<uint32_t> words, numbered;  // sorted, unique; numbered: the words with digits
  };
  // Safe from any thread; takes only the dictionary's lock. Good until Forget.
  PreparedName Prepare(std::string normalised_name) const;
  NameMatch Find(std::string_view country, const PreparedName& name, std::optional<double> lat,
                 std::optional<double> lon) const;
  void Add(std::string_view id, const Site& site, const PreparedName& name);

  // `site` is stored under `id` with `name` = NormaliseCompanyName(site.name) (callers often
  // have it already). Replaces what `id` had, in whichever country.
  void Put(std::string_view id, const Site& site, std::string_view name);
  // Put for an id that is in no country yet (an import's new site): skips looking for it.
  void Add(std::string_view id, const Site& site, std::string_view name);
  void Delete(std::string_view id);
  // Loads the table of every country (ISO alpha-2: AA to ZZ) that is not loaded yet, one
  // country at a time, until `stop` answers true. A server calls it on a background thread
  // after start, so that no match waits for its country to be read (1–2 s for a country of
  // 100k–250k sites); a match meanwhile waits for one country's load at most.
  void Preload(const std::function<bool()>& stop) const;

  // Drops every table (after a write too large to patch); they load again when asked for.
  void Forget();

  // Tables in memory (every country: 26 × 26 once Preload has finished).
  size_t loaded_countries() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace isvgraph::graph
