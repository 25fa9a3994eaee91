#include "site_matcher.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <sstream>

namespace isvgraph::importers {
namespace {

constexpr double kSameSiteKm = 1;
constexpr double kOtherSiteKm = 25;
constexpr double kSimilarWords = 0.75;

// Words with digits ("MXP5", "unit 2", "plant 3") tell branches apart: names that differ in
// one are different sites, however similar the rest.
bool SameNumberedWords(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto numbered = [](const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const std::string& w : words) {
      if (std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); })) {
        out.push_back(w);
      }
    }
    return out;
  };
  return numbered(a) == numbered(b);
}

// Legal forms and filler words that do not tell companies apart.
const std::set<std::string>& Noise() {
  static const std::set<std::string> words = {
      "ltd",  "limited", "co",    "company", "corp", "corporation", "inc", "incorporated",
      "llc",  "plc",     "gmbh",  "ag",      "bv",   "nv",          "sa",  "sas",
      "srl",  "spa",     "pvt",   "private", "pt",   "tbk",         "fze", "fzco",
      "jsc",  "ojsc",    "cv",    "the",     "and",  "of",          "sdn", "bhd",
      "kg",   "oy",      "ab",    "as",      "llp",  "lp",          "group"};
  return words;
}

std::vector<std::string> Words(const std::string& normalised) {
  std::vector<std::string> words;
  std::istringstream in(normalised);
  for (std::string word; in >> word;) words.push_back(word);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<std::string> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return static_cast<double>(both.size()) / static_cast<double>(a.size() + b.size() - both.size());
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
  std::string spaced;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80) {
      spaced += static_cast<char>(std::tolower(c));
    } else if (c != '.' && c != '\'') {  // "F.Z.E." → "fze", "O'Neil" → "oneil"
      spaced += ' ';
    }
  }
  std::istringstream in(spaced);
  std::string out;
  for (std::string word; in >> word;) {
    if (Noise().count(word)) continue;
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

void SiteMatcher::Add(CountrySites& sites, const graph::Site& site) {
  Entry entry{.id = site.id, .name = NormaliseCompanyName(site.name), .lat = site.lat,
              .lon = site.lon};
  entry.words = Words(entry.name);
  const size_t at = sites.entries.size();
  if (!entry.name.empty()) sites.by_name[entry.name].push_back(at);
  for (const std::string& word : entry.words) sites.by_word[word].push_back(at);
  sites.entries.push_back(std::move(entry));
}

SiteMatcher::CountrySites& SiteMatcher::Load(const std::string& country) {
  auto it = countries_.find(country);
  if (it != countries_.end()) return it->second;
  CountrySites& sites = countries_[country];
  for (const std::string& id : store_.SitesInCountry(country)) {
    if (auto site = store_.GetSite(id)) Add(sites, *site);
  }
  return sites;
}

void SiteMatcher::Remember(const graph::Site& site) {
  Add(Load(site.country), site);
  taken_ids_[site.id] = true;
  for (const auto& [scheme, value] : site.external_ids) {
    external_[scheme + '\0' + value] = site.id;
  }
}

SiteMatcher::Match SiteMatcher::Find(const graph::Site& site) {
  for (const char* scheme : {"os_id", "rmi_cid", "lei", "duns"}) {
    auto value = site.external_ids.find(scheme);
    if (value == site.external_ids.end() || value->second.empty()) continue;
    if (auto it = external_.find(std::string(scheme) + '\0' + value->second);
        it != external_.end()) {
      return {it->second, scheme, 1.0};
    }
    std::vector<std::string> ids = store_.SitesByExternalId(scheme, value->second);
    if (!ids.empty()) return {ids.front(), scheme, 1.0};
  }
  if (!site.id.empty() && (taken_ids_.count(site.id) || store_.GetSite(site.id))) {
    return {site.id, "id", 1.0};
  }
  CountrySites& sites = Load(site.country);
  const std::string name = NormaliseCompanyName(site.name);
  if (name.empty()) return {};
  auto distance_ok = [&](const Entry& e, double* bonus) {
    *bonus = 0;
    if (!site.lat || !site.lon || !e.lat || !e.lon) return true;
    const double km = DistanceKm(*site.lat, *site.lon, *e.lat, *e.lon);
    if (km > kOtherSiteKm) return false;
    if (km <= kSameSiteKm) *bonus = 0.05;
    return true;
  };
  if (auto it = sites.by_name.find(name); it != sites.by_name.end()) {
    for (size_t at : it->second) {
      double bonus = 0;
      if (distance_ok(sites.entries[at], &bonus)) {
        return {sites.entries[at].id, "name+country", 0.95 + bonus};
      }
    }
  }
  // Similar names. Prefix filter: a name whose word overlap with this one is at least t shares
  // one of this name's |w| - ceil(t·|w|) + 1 rarest words, so only those words' sites are
  // candidates. Names usually have a rare word, which keeps the candidates few.
  const std::vector<std::string> words = Words(name);
  std::vector<std::pair<size_t, const std::vector<size_t>*>> by_rarity;
  for (const std::string& word : words) {
    auto it = sites.by_word.find(word);
    by_rarity.emplace_back(it == sites.by_word.end() ? 0 : it->second.size(),
                           it == sites.by_word.end() ? nullptr : &it->second);
  }
  std::sort(by_rarity.begin(), by_rarity.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const size_t prefix = words.size() -
                        static_cast<size_t>(std::ceil(kSimilarWords * words.size())) + 1;
  std::vector<size_t> candidates;
  // A name with a numbered word only matches names with the same one: that word's sites are
  // all the candidates there are.
  auto numbered = std::find_if(words.begin(), words.end(), [](const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c); });
  });
  if (numbered != words.end()) {
    auto it = sites.by_word.find(*numbered);
    by_rarity.clear();
    if (it != sites.by_word.end()) by_rarity.emplace_back(it->second.size(), &it->second);
  }
  for (size_t i = 0; i < std::min(prefix, by_rarity.size()); ++i) {
    if (!by_rarity[i].second || by_rarity[i].first > 2000) continue;  // too common to help
    candidates.insert(candidates.end(), by_rarity[i].second->begin(), by_rarity[i].second->end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  Match best;
  for (size_t at : candidates) {
    const double overlap = Jaccard(words, sites.entries[at].words);
    double bonus = 0;
    if (overlap < kSimilarWords || !SameNumberedWords(words, sites.entries[at].words) ||
        !distance_ok(sites.entries[at], &bonus)) {
      continue;
    }
    const double score = std::round((0.9 * overlap + bonus) * 1000) / 1000;
    if (score > best.score) best = {sites.entries[at].id, "similar name+country", score};
  }
  return best;
}

std::string SiteMatcher::NewId(const graph::Site& site) {
  std::string slug = site.country;
  std::string name = NormaliseCompanyName(site.name);
  std::replace(name.begin(), name.end(), ' ', '-');
  if (name.size() > 48) name.resize(48);
  slug += "-" + (name.empty() ? std::string("site") : name);
  std::string id = slug;
  for (int n = 2; taken_ids_.count(id) || store_.GetSite(id); ++n) {
    id = slug + "-" + std::to_string(n);
  }
  taken_ids_[id] = true;
  return id;
}

}  // namespace isvgraph::importers
