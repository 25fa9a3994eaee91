#include "isvgraph/graph/site_names.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "isvgraph/base/flat_hash.h"
#include "isvgraph/base/geo.h"

namespace isvgraph::graph {
namespace {

constexpr uint32_t kEnd = UINT32_MAX;
// Words that no table holds get numbers from here on, one per word of the query: they match
// nothing, and the query needs no write lock to number them.
constexpr uint32_t kUnknownWord = 0x80000000u;
// Plain numbers (1 to 9 digits, no leading zero) are numbered by value from here: the row
// numbers in many lists' names would otherwise fill the dictionary with words seen once.
constexpr uint32_t kNumberWord = 0x40000000u;

// The number of a plain-number word, or 0 when it is not one.
uint32_t NumberWord(std::string_view word) {
  if (word.empty() || word.size() > 9 || (word[0] == '0' && word.size() > 1)) return 0;
  uint32_t value = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  return kNumberWord + value;
}

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

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// A normalised name as word numbers: all its words and those with digits, each sorted, unique.
struct Key {
  std::vector<uint32_t> words, numbered;
};
// A Key's lists where they already are (a Key, a PreparedName, a table's pool): tables take
// this, so that neither adding nor finding copies them.
struct KeyView {
  KeyView(std::span<const uint32_t> w, std::span<const uint32_t> n) : words(w), numbered(n) {}
  KeyView(const Key& key) : words(key.words), numbered(key.numbered) {}  // NOLINT: a view
  std::span<const uint32_t> words, numbered;
};

// `number(word, has_digit)` gives each word's number.
template <typename Number>
Key MakeKey(std::string_view name, Number&& number) {
  Key key;
  while (!name.empty()) {
    const size_t space = name.find(' ');
    const std::string_view word = name.substr(0, space);
    const bool digits = HasDigit(word);
    const uint32_t n = number(word, digits);
    key.words.push_back(n);
    if (digits) key.numbered.push_back(n);
    name = space == std::string_view::npos ? std::string_view() : name.substr(space + 1);
  }
  for (std::vector<uint32_t>* list : {&key.words, &key.numbered}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  return key;
}

// The sites of one country. Entries keep their words in one pool and their names in one
// string, and the indexes are chains through the entries (head per key, next per entry or
// posting): a table of 200k sites is a few large arrays, not 200k small vectors. A removed
// entry stays in place, dead, until the table is compacted. Entries are found by id only for
// Remove and Holds; that index is built the first time one of them is called, so a table that
// only grows (an import's own new sites) never pays for it.
class Table {
 public:
  // Replaces a live entry of the same id when the id index exists; without it, the caller
  // vouches that the id is not here (SiteNames::Add's contract).
  void Add(std::string_view id, std::string_view name, KeyView key, std::optional<double> lat,
           std::optional<double> lon);
  // False when `id` is not (alive) here.
  bool Remove(std::string_view id);
  // `id` is here with this name and place already.
  bool Holds(std::string_view id, std::string_view name, std::optional<double> lat,
             std::optional<double> lon);
  NameMatch Find(std::string_view name, KeyView key, std::optional<double> lat,
                 std::optional<double> lon) const;
  // Many dead entries: worth building again from the live ones.
  bool Sparse() const { return dead_ > 1024 && dead_ * 2 > entries_.size(); }
  // The live entries, in the order they were added.
  template <typename Visit>
  void ForEachLive(Visit&& visit) const {
    const std::span<const uint32_t> pool(pool_);
    for (const Entry& e : entries_) {
      if (!e.alive) continue;
      visit(Id(e), Name(e),
            KeyView(pool.subspan(e.words_at, e.words), pool.subspan(e.numbered_at, e.numbered)),
            e.lat, e.lon);
    }
  }

 private:
  struct Entry {
    uint32_t id_at = 0, id_size = 0;         // ids_[id_at, +id_size)
    uint32_t name_at = 0, name_size = 0;     // names_[name_at, +name_size)
    uint32_t words_at = 0, words = 0;        // pool_[words_at, +words): sorted, unique
    uint32_t numbered_at = 0, numbered = 0;  // pool_[numbered_at, +numbered)
    uint32_t same_name = kEnd;               // next entry with the same name hash
    uint32_t same_id = kEnd;                 // next entry with the same id hash (by_id_)
    bool alive = true;
    std::optional<double> lat, lon;
  };
  struct Posting {
    uint32_t entry, next;
  };
  std::string_view Name(const Entry& e) const {
    return std::string_view(names_).substr(e.name_at, e.name_size);
  }
  std::string_view Id(const Entry& e) const {
    return std::string_view(ids_).substr(e.id_at, e.id_size);
  }
  // The live entry of `id`, or kEnd; builds the id index on first use.
  uint32_t LiveEntry(std::string_view id);
  void IndexId(uint32_t at);

  std::vector<Entry> entries_;
  std::vector<uint32_t> pool_;
  std::vector<Posting> postings_;
  std::string names_, ids_;
  FlatIntMap<uint64_t, uint32_t> by_name_;                       // name hash → first entry
  FlatIntMap<uint32_t, std::pair<uint32_t, uint32_t>> by_word_;  // → (posting, count)
  FlatIntMap<uint64_t, uint32_t> by_id_;  // id hash → first entry; once ids_indexed_
  bool ids_indexed_ = false;
  size_t dead_ = 0;
};

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

}  // namespace

std::string NormaliseCompanyName(std::string_view name) {
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

struct SiteNames::State {
  // One write, as Put, Add or Delete give it.
  struct ChangeView {
    std::string_view id, country, name;
    std::optional<double> lat, lon;
    bool deleted = false;
    bool fresh = false;          // the id is nowhere yet (Add)
    std::optional<KeyView> key;  // the name's words, already numbered here (PreparedName)
  };
  // One write to replay onto a table that was being read from the store when it happened.
  struct Change {
    std::string id, country, name;
    std::optional<double> lat, lon;
    bool deleted = false;
  };

  const ChainStore* store = nullptr;
  // Readers and writers pass `turnstile` on their way to `mutex`, so a waiting writer holds
  // back new readers: glibc's shared mutex prefers readers, and a stream of matches would
  // starve the writes otherwise.
  mutable std::mutex turnstile;
  mutable std::shared_mutex mutex;  // everything below
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables;
  // `words` (taken after `mutex` when both are held): shared by the look-ups of matches, which
  // only read it; exclusive for numbering new words.
  mutable std::shared_mutex words_mutex;
  StringMap<uint32_t> words;  // interned words, numbered from 0
  std::string loading;        // the country being read from the store, "" for none
  std::vector<Change> pending;
  uint64_t generation = 0;           // Forget calls: a load that began before one is dropped
  std::mutex load_mutex;             // one load at a time; the others wait for it
  std::atomic<int> urgent_loads{0};  // Finds waiting for load_mutex: Preload lets them go first

  std::shared_lock<std::shared_mutex> ReadLock() const {
    std::lock_guard pass(turnstile);
    return std::shared_lock(mutex);
  }
  std::unique_lock<std::shared_mutex> WriteLock() const {
    std::lock_guard pass(turnstile);
    return std::unique_lock(mutex);
  }

  // Requires words_mutex.
  uint32_t Intern(std::string_view word) {
    if (const uint32_t number = NumberWord(word)) return number;
    return words.try_emplace(std::string(word), static_cast<uint32_t>(words.size())).first->second;
  }
  Key InternedKey(std::string_view name) {
    std::lock_guard lock(words_mutex);
    return MakeKey(name, [&](std::string_view word, bool) { return Intern(word); });
  }
  Key LookupKey(std::string_view name) const {
    uint32_t unknown = kUnknownWord;
    std::shared_lock lock(words_mutex);
    return MakeKey(name, [&](std::string_view word, bool) {
      if (const uint32_t number = NumberWord(word)) return number;
      auto it = words.find(word);
      return it == words.end() ? unknown++ : it->second;
    });
  }
  // Requires the write lock.
  void AddTo(Table& table, std::string_view id, std::string_view name, std::optional<double> lat,
             std::optional<double> lon) {
    table.Add(id, name, InternedKey(name), lat, lon);
  }
  void Compact(std::unique_ptr<Table>& table) {
    auto fresh = std::make_unique<Table>();
    table->ForEachLive([&](std::string_view id, std::string_view name, KeyView key,
                           std::optional<double> lat,
                           std::optional<double> lon) { fresh->Add(id, name, key, lat, lon); });
    table = std::move(fresh);
  }
  void Apply(const ChangeView& change) {
    auto home = change.deleted ? tables.end() : tables.find(change.country);
    if (home != tables.end() && !change.fresh &&
        home->second->Holds(change.id, change.name, change.lat, change.lon)) {
      return;  // a write that changed something else (sector, role, …)
    }
    if (!change.fresh) {  // an id is in one table at most
      for (auto& [country, table] : tables) {
        if (!table->Remove(change.id)) continue;
        if (table->Sparse()) Compact(table);
        break;
      }
    }
    if (home == tables.end() && !store && !change.deleted) {  // a table of its own: grows
      home = tables.emplace(std::string(change.country), std::make_unique<Table>()).first;
    }
    if (home == tables.end()) return;
    if (change.key) {
      home->second->Add(change.id, change.name, *change.key, change.lat, change.lon);
    } else {
      AddTo(*home->second, change.id, change.name, change.lat, change.lon);
    }
  }
  void Write(const ChangeView& change) {
    auto lock = WriteLock();
    Apply(change);
    if (loading.empty()) return;
    pending.push_back({std::string(change.id), std::string(change.country),
                       std::string(change.name), change.lat, change.lon, change.deleted});
  }
  // `urgent`: a Find waits for it (Preload's loads are not).
  void Load(const std::string& country, bool urgent);
};

void SiteNames::State::Load(const std::string& country, bool urgent) {
  if (urgent) {
    ++urgent_loads;
  } else {
    // std::mutex is not fair: a preload taking the next country at once would starve a match.
    while (urgent_loads.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  std::unique_lock one_load(load_mutex);
  if (urgent) --urgent_loads;
  uint64_t began = 0;
  {
    auto lock = WriteLock();
    if (tables.count(country)) return;  // another thread loaded it while this one waited
    loading = country;
    pending.clear();
    began = generation;
  }
  // Read without the lock, so matches in other countries go on; writes meanwhile are applied
  // to the loaded tables and kept in `pending` for this one.
  struct Row {
    std::string id, name;
    std::optional<double> lat, lon;
  };
  std::vector<Row> rows;
  for (const std::string& id : store->SitesInCountry(country)) {
    if (auto site = store->GetSite(id)) {
      rows.push_back({std::move(site->id), NormaliseCompanyName(site->name), site->lat, site->lon});
    }
  }
  auto lock = WriteLock();
  loading.clear();
  if (began != generation) {  // a bulk write came in between: this read may be stale
    pending.clear();
    return;
  }
  auto table = std::make_unique<Table>();
  for (const Row& row : rows) AddTo(*table, row.id, row.name, row.lat, row.lon);
  for (const Change& change : pending) {
    table->Remove(change.id);
    if (!change.deleted && change.country == country) {
      AddTo(*table, change.id, change.name, change.lat, change.lon);
    }
  }
  pending.clear();
  tables.emplace(country, std::move(table));
}

SiteNames::SiteNames(const ChainStore* store) : state_(std::make_unique<State>()) {
  state_->store = store;
}

SiteNames::~SiteNames() = default;

NameMatch SiteNames::Find(std::string_view country, std::string_view name,
                          std::optional<double> lat, std::optional<double> lon) const {
  if (name.empty()) return {};
  // A Forget between the load and the look may drop the table again; try a few times.
  for (int attempt = 0; attempt < 3; ++attempt) {
    {
      auto lock = state_->ReadLock();
      if (auto it = state_->tables.find(country); it != state_->tables.end()) {
        return it->second->Find(name, state_->LookupKey(name), lat, lon);
      }
      if (!state_->store) return {};
    }
    state_->Load(std::string(country), /*urgent=*/true);
  }
  return {};
}

void SiteNames::Preload(const std::function<bool()>& stop) const {
  if (!state_->store) return;
  std::string country = "AA";
  for (char first = 'A'; first <= 'Z'; ++first) {
    for (char second = 'A'; second <= 'Z'; ++second) {
      if (stop()) return;
      country[0] = first, country[1] = second;
      state_->Load(country, /*urgent=*/false);  // returns at once when loaded
    }
  }
}

void SiteNames::Put(std::string_view id, const Site& site, std::string_view name) {
  state_->Write(
      {.id = id, .country = site.country, .name = name, .lat = site.lat, .lon = site.lon});
}

void SiteNames::Add(std::string_view id, const Site& site, std::string_view name) {
  state_->Write({.id = id,
                 .country = site.country,
                 .name = name,
                 .lat = site.lat,
                 .lon = site.lon,
                 .fresh = true});
}

SiteNames::PreparedName SiteNames::Prepare(std::string normalised_name) const {
  Key key = state_->InternedKey(normalised_name);
  return {std::move(normalised_name), std::move(key.words), std::move(key.numbered)};
}

NameMatch SiteNames::Find(std::string_view country, const PreparedName& name,
                          std::optional<double> lat, std::optional<double> lon) const {
  if (name.name.empty()) return {};
  if (state_->store) return Find(country, std::string_view(name.name), lat, lon);
  auto lock = state_->ReadLock();
  auto it = state_->tables.find(country);
  if (it == state_->tables.end()) return {};
  return it->second->Find(name.name, KeyView(name.words, name.numbered), lat, lon);
}

void SiteNames::Add(std::string_view id, const Site& site, const PreparedName& name) {
  state_->Write({.id = id,
                 .country = site.country,
                 .name = name.name,
                 .lat = site.lat,
                 .lon = site.lon,
                 .fresh = true,
                 .key = KeyView(name.words, name.numbered)});
}

void SiteNames::Delete(std::string_view id) { state_->Write({.id = id, .deleted = true}); }

void SiteNames::Forget() {
  auto lock = state_->WriteLock();
  state_->tables.clear();
  {
    std::lock_guard words_lock(state_->words_mutex);
    state_->words.clear();
  }
  state_->pending.clear();
  ++state_->generation;
}

size_t SiteNames::loaded_countries() const {
  auto lock = state_->ReadLock();
  return state_->tables.size();
}

}  // namespace isvgraph::graph
