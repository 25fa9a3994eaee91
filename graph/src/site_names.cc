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
#include "name_table.h"

namespace isvgraph::graph {
namespace {

using names::IsNoise;
using names::Key;
using names::KeyView;
using names::kUnknownWord;
using names::MakeKey;
using names::NumberWord;
using names::StringMap;
using names::Table;

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
  bool loading = false;       // a country's table is being read from the store
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
    if (!loading) return;
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
    loading = true;
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
  loading = false;
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
