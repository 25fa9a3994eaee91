#pragma once

// The name table of one country, behind SiteNames (site_names.cc): normalised names as sorted
// word numbers, exact and similar-name look-ups with a distance check, in a few large arrays.
// Not thread-safe: SiteNames guards every table with its lock.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "isvgraph/base/flat_hash.h"
#include "isvgraph/graph/site_names.h"

namespace isvgraph::graph::names {

inline constexpr uint32_t kEnd = UINT32_MAX;
// Words that no table holds get numbers from here on, one per word of the query: they match
// nothing, and the query needs no write lock to number them.
inline constexpr uint32_t kUnknownWord = 0x80000000u;
// Plain numbers (1 to 9 digits, no leading zero) are numbered by value from here: the row
// numbers in many lists' names would otherwise fill the dictionary with words seen once.
inline constexpr uint32_t kNumberWord = 0x40000000u;

// The number of a plain-number word, or 0 when it is not one.
inline uint32_t NumberWord(std::string_view word) {
  if (word.empty() || word.size() > 9 || (word[0] == '0' && word.size() > 1)) return 0;
  uint32_t value = 0;
  for (char c : word) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  return kNumberWord + value;
}

// Legal forms and filler words that do not tell companies apart ("ltd", "gmbh", "the", …).
bool IsNoise(std::string_view word);

inline bool HasDigit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
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

}  // namespace isvgraph::graph::names
