#include "site_matcher.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string_view>
#include <utility>

namespace isvgraph::importers {
namespace {

constexpr double kSameSiteKm = 1;
constexpr double kOtherSiteKm = 25;
constexpr double kSimilarWords = 0.75;
// A word shared by more sites of a country than this says nothing about which one is meant.
constexpr size_t kCommonWord = 2000;

// Legal forms and filler words that do not tell companies apart.
bool IsNoise(std::string_view word) {
  static const std::unordered_set<std::string_view> words = {
      "ltd", "limited", "co",   "company", "corp", "corporation", "inc",  "incorporated",
      "llc", "plc",     "gmbh", "ag",      "bv",   "nv",          "sa",   "sas",
      "srl", "spa",     "pvt",  "private", "pt",   "tbk",         "fze",  "fzco",
      "jsc", "ojsc",    "cv",   "the",     "and",  "of",          "sdn",  "bhd",
      "kg",  "oy",      "ab",   "as",      "llp",  "lp",          "group"};
  return words.count(word) > 0;
}

bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
}

// |a ∩ b| / |a ∪ b| of two sorted, unique lists.
double Jaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || b.empty()) return 0;
  size_t both = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++both, ++i, ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadians = M_PI / 180;
  const double dlat = (lat2 - lat1) * kRadians, dlon = (lon2 - lon1) * kRadians;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRadians) * std::cos(lat2 * kRadians) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace

std::string NormaliseCompanyName(const std::string& name) {
  std::string out;
  out.reserve(name.size());
  std::string word;
  auto flush = [&]() {
    if (!word.empty() && !IsNoise(word)) {
      if (!out.empty()) out += ' ';
      out += word;
    }
    word.clear();
  };
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (c != '.' && c != '\'') {  // "F.Z.E." → "fze", "O'Neil" → "oneil"
      flush();
    }
  }
  flush();
  return out;
}

SiteMatcher::SiteMatcher(const graph::ChainStore& store) : store_(store) {
  bool any = false;
  (void)store_.ScanSitesAfter("", [&](graph::Site&&) {
    any = true;
    return false;
  });
  registry_empty_ = !any;
}

uint32_t SiteMatcher::Intern(std::string_view word) {
  auto [it, added] = words_.try_emplace(std::string(word), static_cast<uint32_t>(words_.size()));
  if (added) word_numbered_.push_back(HasDigit(word));
  return it->second;
}

SiteMatcher::Candidate SiteMatcher::Prepare(const std::string& name) {
  Candidate candidate{.name = NormaliseCompanyName(name)};
  std::lock_guard lock(words_mutex_);
  std::string_view rest = candidate.name;
  while (!rest.empty()) {
    const size_t space = rest.find(' ');
    const uint32_t word = Intern(rest.substr(0, space));
    candidate.words.push_back(word);
    if (word_numbered_[word]) candidate.numbered.push_back(word);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  for (std::vector<uint32_t>* list : {&candidate.words, &candidate.numbered}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  return candidate;
}

void SiteMatcher::Add(CountrySites& sites, const graph::Site& site, const Candidate& candidate,
                      const std::string& id) {
  const auto at = static_cast<uint32_t>(sites.entries.size());
  Entry entry{.id = id, .lat = site.lat, .lon = site.lon};
  entry.words_at = static_cast<uint32_t>(sites.pool.size());
  entry.words = static_cast<uint32_t>(candidate.words.size());
  sites.pool.insert(sites.pool.end(), candidate.words.begin(), candidate.words.end());
  entry.numbered_at = static_cast<uint32_t>(sites.pool.size());
  entry.numbered = static_cast<uint32_t>(candidate.numbered.size());
  sites.pool.insert(sites.pool.end(), candidate.numbered.begin(), candidate.numbered.end());
  sites.name_at.push_back(static_cast<uint32_t>(sites.names.size()));
  sites.names += candidate.name;
  sites.names += '\n';
  if (!candidate.name.empty()) {
    auto [head, added] = sites.by_name.try_emplace(std::hash<std::string>{}(candidate.name), at);
    if (!added) {  // keep the first entry first: it is the one a later row should match
      uint32_t last = head->second;
      while (sites.entries[last].same_name != kEnd) last = sites.entries[last].same_name;
      sites.entries[last].same_name = at;
    }
  }
  for (uint32_t word : candidate.words) {
    auto& [first, count] = sites.by_word.try_emplace(word, kEnd, 0).first->second;
    sites.postings.push_back({at, first});
    first = static_cast<uint32_t>(sites.postings.size() - 1);
    ++count;
  }
  sites.entries.push_back(std::move(entry));
}

SiteMatcher::CountrySites& SiteMatcher::Load(const std::string& country) {
  auto it = countries_.find(country);
  if (it != countries_.end()) return it->second;
  CountrySites& sites = countries_[country];
  if (registry_empty_) return sites;
  for (const std::string& id : store_.SitesInCountry(country)) {
    if (auto site = store_.GetSite(id)) Add(sites, *site, Prepare(site->name), site->id);
  }
  return sites;
}

bool SiteMatcher::Known(const std::string& id) const {
  return taken_ids_.count(id) || (!registry_empty_ && store_.GetSite(id));
}

void SiteMatcher::Remember(const graph::Site& site, const Candidate& candidate,
                           const std::string& id) {
  Add(Load(site.country), site, candidate, id);
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
  if (candidate.name.empty()) return {};
  CountrySites& sites = Load(site.country);
  auto distance_ok = [&](const Entry& e, double* bonus) {
    *bonus = 0;
    if (!site.lat || !site.lon || !e.lat || !e.lon) return true;
    const double km = DistanceKm(*site.lat, *site.lon, *e.lat, *e.lon);
    if (km > kOtherSiteKm) return false;
    if (km <= kSameSiteKm) *bonus = 0.05;
    return true;
  };
  if (auto it = sites.by_name.find(std::hash<std::string>{}(candidate.name));
      it != sites.by_name.end()) {
    for (uint32_t at = it->second; at != kEnd; at = sites.entries[at].same_name) {
      const size_t end =
          at + 1 < sites.name_at.size() ? sites.name_at[at + 1] - 1 : sites.names.size() - 1;
      const std::string_view name(sites.names.data() + sites.name_at[at], end - sites.name_at[at]);
      double bonus = 0;
      if (name == candidate.name && distance_ok(sites.entries[at], &bonus)) {
        return {sites.entries[at].id, "name+country", 0.95 + bonus};
      }
    }
  }
  // Similar names. Prefix filter: a name whose word overlap with this one is at least t shares
  // one of this name's |w| - ceil(t·|w|) + 1 rarest words, so only those words' sites are
  // candidates. A name with a numbered word only matches names with the same one, so that
  // word's sites are all the candidates there are.
  const std::vector<uint32_t>& words = candidate.words;
  std::vector<std::pair<uint32_t, uint32_t>> lists;  // (count, first posting)
  auto sites_with = [&](uint32_t word) {
    auto it = sites.by_word.find(word);
    return it == sites.by_word.end() ? std::pair<uint32_t, uint32_t>(0, kEnd)
                                     : std::pair(it->second.second, it->second.first);
  };
  size_t prefix = 1;
  if (!candidate.numbered.empty()) {
    lists.push_back(sites_with(candidate.numbered.front()));
  } else {
    for (uint32_t word : words) lists.push_back(sites_with(word));
    std::sort(lists.begin(), lists.end());
    prefix = words.size() - static_cast<size_t>(std::ceil(kSimilarWords * words.size())) + 1;
  }
  std::vector<uint32_t> candidates;
  for (size_t i = 0; i < std::min(prefix, lists.size()); ++i) {
    if (lists[i].first > kCommonWord) continue;
    for (uint32_t p = lists[i].second; p != kEnd; p = sites.postings[p].next) {
      candidates.push_back(sites.postings[p].entry);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  Match best;
  const std::span<const uint32_t> numbered(candidate.numbered);
  for (uint32_t at : candidates) {
    const Entry& entry = sites.entries[at];
    const std::span<const uint32_t> pool(sites.pool);
    const double overlap = Jaccard(words, pool.subspan(entry.words_at, entry.words));
    const auto entry_numbered = pool.subspan(entry.numbered_at, entry.numbered);
    double bonus = 0;
    if (overlap < kSimilarWords ||
        !std::equal(numbered.begin(), numbered.end(), entry_numbered.begin(),
                    entry_numbered.end()) ||
        !distance_ok(entry, &bonus)) {
      continue;
    }
    const double score = std::round((0.9 * overlap + bonus) * 1000) / 1000;
    if (score > best.score) best = {entry.id, "similar name+country", score};
  }
  return best;
}

std::string SiteMatcher::NewId(const graph::Site& site, const Candidate& candidate) {
  std::string name = candidate.name;
  std::replace(name.begin(), name.end(), ' ', '-');
  if (name.size() > 48) name.resize(48);
  const std::string slug = site.country + "-" + (name.empty() ? std::string("site") : name);
  std::string id = slug;
  for (int n = 2; Known(id); ++n) id = slug + "-" + std::to_string(n);
  taken_ids_.insert(id);
  return id;
}

}  // namespace isvgraph::importers
