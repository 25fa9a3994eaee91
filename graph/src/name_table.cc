#include "name_table.h"

#include <cmath>
#include <unordered_set>

#include "isvgraph/base/geo.h"

namespace isvgraph::graph::names {
namespace {

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

}  // namespace

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

void Table::Add(std::string_view id, std::string_view name, KeyView key, std::optional<double> lat,
                std::optional<double> lon) {
  const auto at = static_cast<uint32_t>(entries_.size());
  if (ids_indexed_) {  // callers remove first; be safe anyway
    if (const uint32_t old = LiveEntry(id); old != kEnd) {
      entries_[old].alive = false;
      ++dead_;
    }
  }
  Entry entry{.id_at = static_cast<uint32_t>(ids_.size()),
              .id_size = static_cast<uint32_t>(id.size()),
              .name_at = static_cast<uint32_t>(names_.size()),
              .name_size = static_cast<uint32_t>(name.size()),
              .lat = lat,
              .lon = lon};
  names_ += name;
  ids_ += id;
  entry.words_at = static_cast<uint32_t>(pool_.size());
  entry.words = static_cast<uint32_t>(key.words.size());
  pool_.insert(pool_.end(), key.words.begin(), key.words.end());
  entry.numbered_at = static_cast<uint32_t>(pool_.size());
  entry.numbered = static_cast<uint32_t>(key.numbered.size());
  pool_.insert(pool_.end(), key.numbered.begin(), key.numbered.end());
  if (!name.empty()) {
    auto [head, first] = by_name_.try_emplace(std::hash<std::string_view>{}(name), at);
    if (!first) {  // keep the first entry first: it is the one a later row should match
      uint32_t last = *head;
      while (entries_[last].same_name != kEnd) last = entries_[last].same_name;
      entries_[last].same_name = at;
    }
  }
  for (uint32_t word : key.words) {
    auto& [head, count] = *by_word_.try_emplace(word, kEnd, 0).first;
    postings_.push_back({at, head});
    head = static_cast<uint32_t>(postings_.size() - 1);
    ++count;
  }
  entries_.push_back(entry);
  if (ids_indexed_) IndexId(at);
}

void Table::IndexId(uint32_t at) {
  auto [head, added] = by_id_.try_emplace(std::hash<std::string_view>{}(Id(entries_[at])), at);
  if (!added) {
    entries_[at].same_id = *head;
    *head = at;
  }
}

uint32_t Table::LiveEntry(std::string_view id) {
  if (!ids_indexed_) {
    by_id_.reserve(entries_.size());
    for (uint32_t at = 0; at < entries_.size(); ++at) {
      if (entries_[at].alive) IndexId(at);
    }
    ids_indexed_ = true;
  }
  const uint32_t* head = by_id_.find(std::hash<std::string_view>{}(id));
  if (!head) return kEnd;
  for (uint32_t at = *head; at != kEnd; at = entries_[at].same_id) {
    if (entries_[at].alive && Id(entries_[at]) == id) return at;
  }
  return kEnd;
}

bool Table::Remove(std::string_view id) {
  const uint32_t at = LiveEntry(id);
  if (at == kEnd) return false;
  entries_[at].alive = false;
  ++dead_;
  return true;
}

bool Table::Holds(std::string_view id, std::string_view name, std::optional<double> lat,
                  std::optional<double> lon) {
  const uint32_t at = LiveEntry(id);
  if (at == kEnd) return false;
  const Entry& e = entries_[at];
  return Name(e) == name && e.lat == lat && e.lon == lon;
}

NameMatch Table::Find(std::string_view name, KeyView key, std::optional<double> lat,
                      std::optional<double> lon) const {
  auto distance_ok = [&](const Entry& e, double* bonus) {
    *bonus = 0;
    if (!lat || !lon || !e.lat || !e.lon) return true;
    const double km = GreatCircleKm(*lat, *lon, *e.lat, *e.lon);
    if (km > SiteNames::kOtherSiteKm) return false;
    if (km <= SiteNames::kSameSiteKm) *bonus = 0.05;
    return true;
  };
  if (const uint32_t* head = by_name_.find(std::hash<std::string_view>{}(name))) {
    for (uint32_t at = *head; at != kEnd; at = entries_[at].same_name) {
      const Entry& e = entries_[at];
      double bonus = 0;
      if (e.alive && Name(e) == name && distance_ok(e, &bonus)) {
        return {std::string(Id(e)), "name+country", 0.95 + bonus};
      }
    }
  }
  // Similar names. Prefix filter: a name whose word overlap with this one is at least t shares
  // one of this name's |w| - ceil(t·|w|) + 1 rarest words, so only those words' sites are
  // candidates. A name with a numbered word only matches names with the same one, so that
  // word's sites are all the candidates there are.
  std::vector<std::pair<uint32_t, uint32_t>> lists;  // (count, first posting)
  auto sites_with = [&](uint32_t word) {
    const auto* found = by_word_.find(word);
    return found ? std::pair(found->second, found->first) : std::pair<uint32_t, uint32_t>(0, kEnd);
  };
  size_t prefix = 1;
  if (!key.numbered.empty()) {
    lists.push_back(sites_with(key.numbered.front()));
  } else {
    for (uint32_t word : key.words) lists.push_back(sites_with(word));
    std::sort(lists.begin(), lists.end());
    prefix = key.words.size() -
             static_cast<size_t>(std::ceil(SiteNames::kSimilarWords * key.words.size())) + 1;
  }
  std::vector<uint32_t> candidates;
  for (size_t i = 0; i < std::min(prefix, lists.size()); ++i) {
    if (lists[i].first > SiteNames::kCommonWord) continue;
    for (uint32_t p = lists[i].second; p != kEnd; p = postings_[p].next) {
      candidates.push_back(postings_[p].entry);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  NameMatch best;
  const std::span<const uint32_t> pool(pool_);
  for (uint32_t at : candidates) {
    const Entry& e = entries_[at];
    if (!e.alive) continue;
    const double overlap = Jaccard(key.words, pool.subspan(e.words_at, e.words));
    const auto numbered = pool.subspan(e.numbered_at, e.numbered);
    double bonus = 0;
    if (overlap < SiteNames::kSimilarWords ||
        !std::equal(key.numbered.begin(), key.numbered.end(), numbered.begin(), numbered.end()) ||
        !distance_ok(e, &bonus)) {
      continue;
    }
    const double score = std::round((0.9 * overlap + bonus) * 1000) / 1000;
    if (score > best.score) best = {std::string(Id(e)), "similar name+country", score};
  }
  return best;
}

}  // namespace isvgraph::graph::names
