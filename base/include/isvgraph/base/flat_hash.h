#pragma once

// Insert-only hash tables kept in one array each, for the import's hot path: a table of 200k
// ids or names as std::unordered_map is 200k separately allocated nodes, and each look-up a
// chain of pointers through cold memory (the import spent about a quarter of its matching
// thread in them). Here a look-up is one probe sequence through one array, an insert allocates
// nothing until the table doubles. Neither removes: the tables that use them only grow (a removed
// name stays in place, dead, until its table is rebuilt).
//
//   FlatIntMap<K, V>  — K an unsigned integer (a word number, a 64-bit hash).
//   FlatStringMap<V>  — keys are strings, copied into one pool; look-ups take string_view.
//   FlatStringSet     — the same without values.
//
// Open addressing with linear probing, at most half full. Pointers to values stay valid until
// the next insert.

#include <bit>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "isvgraph/base/check.h"

namespace isvgraph {
namespace flat_hash_detail {

// Spreads a key over the table's positions (Fibonacci hashing: keys that are small consecutive
// numbers, like word numbers, land far apart).
inline size_t Position(uint64_t hash, int bits) {
  return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

// Moves the used slots of `slots` into a new array of `capacity` (a power of two) slots.
template <typename Slot, typename HashOf>
void Rehash(std::vector<Slot>& slots, size_t capacity, int& bits, const HashOf& hash_of) {
  std::vector<Slot> old = std::move(slots);
  slots.assign(capacity, Slot{});
  bits = std::countr_zero(capacity);
  for (Slot& slot : old) {
    if (!slot.used) continue;
    size_t at = Position(hash_of(slot), bits);
    while (slots[at].used) at = (at + 1) & (capacity - 1);
    slots[at] = std::move(slot);
  }
}

}  // namespace flat_hash_detail

template <typename K, typename V>
class FlatIntMap {
  static_assert(std::is_unsigned_v<K>, "keys are unsigned integers");

 public:
  // The value of `key`, or nullptr.
  const V* find(K key) const {
    if (size_ == 0) return nullptr;
    for (size_t at = flat_hash_detail::Position(key, bits_);; at = (at + 1) & mask()) {
      const Slot& slot = slots_[at];
      if (!slot.used) return nullptr;
      if (slot.key == key) return &slot.value;
    }
  }
  V* find(K key) { return const_cast<V*>(std::as_const(*this).find(key)); }

  // The value of `key`, made from `args` if it was not there; second: whether it was made.
  template <typename... Args>
  std::pair<V*, bool> try_emplace(K key, Args&&... args) {
    if (2 * (size_ + 1) > slots_.size()) Grow(std::max<size_t>(16, 2 * slots_.size()));
    size_t at = flat_hash_detail::Position(key, bits_);
    for (; slots_[at].used; at = (at + 1) & mask()) {
      if (slots_[at].key == key) return {&slots_[at].value, false};
    }
    Slot& slot = slots_[at];
    slot.key = key;
    slot.value = V(std::forward<Args>(args)...);
    slot.used = true;
    ++size_;
    return {&slot.value, true};
  }

  // Room for `count` keys without growing.
  void reserve(size_t count) {
    if (2 * count > slots_.size()) Grow(std::bit_ceil(std::max<size_t>(16, 2 * count)));
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    slots_.clear();
    size_ = 0;
    bits_ = 0;
  }

 private:
  struct Slot {
    K key{};
    V value{};
    bool used = false;
  };
  size_t mask() const { return slots_.size() - 1; }
  void Grow(size_t capacity) {
    flat_hash_detail::Rehash(slots_, capacity, bits_, [](const Slot& slot) { return slot.key; });
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
  int bits_ = 0;
};

template <typename V>
class FlatStringMap {
 public:
  const V* find(std::string_view key) const {
    if (size_ == 0) return nullptr;
    const uint64_t hash = std::hash<std::string_view>{}(key);
    for (size_t at = flat_hash_detail::Position(hash, bits_);; at = (at + 1) & mask()) {
      const Slot& slot = slots_[at];
      if (!slot.used) return nullptr;
      if (slot.hash == hash && Key(slot) == key) return &slot.value;
    }
  }
  V* find(std::string_view key) { return const_cast<V*>(std::as_const(*this).find(key)); }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  template <typename... Args>
  std::pair<V*, bool> try_emplace(std::string_view key, Args&&... args) {
    ISV_CHECK(key.size() <= UINT32_MAX && pool_.size() + key.size() <= UINT32_MAX);
    if (2 * (size_ + 1) > slots_.size()) Grow(std::max<size_t>(16, 2 * slots_.size()));
    const uint64_t hash = std::hash<std::string_view>{}(key);
    size_t at = flat_hash_detail::Position(hash, bits_);
    for (; slots_[at].used; at = (at + 1) & mask()) {
      if (slots_[at].hash == hash && Key(slots_[at]) == key) return {&slots_[at].value, false};
    }
    Slot& slot = slots_[at];
    slot.hash = hash;
    slot.key_at = static_cast<uint32_t>(pool_.size());
    slot.key_size = static_cast<uint32_t>(key.size());
    slot.value = V(std::forward<Args>(args)...);
    slot.used = true;
    pool_ += key;
    ++size_;
    return {&slot.value, true};
  }

  // Room for `count` keys of about `key_bytes` bytes in all without growing.
  void reserve(size_t count, size_t key_bytes = 0) {
    if (2 * count > slots_.size()) Grow(std::bit_ceil(std::max<size_t>(16, 2 * count)));
    pool_.reserve(key_bytes);
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    slots_.clear();
    pool_.clear();
    size_ = 0;
    bits_ = 0;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t key_at = 0, key_size = 0;  // pool_[key_at, +key_size)
    V value{};
    bool used = false;
  };
  std::string_view Key(const Slot& slot) const {
    return std::string_view(pool_).substr(slot.key_at, slot.key_size);
  }
  size_t mask() const { return slots_.size() - 1; }
  void Grow(size_t capacity) {
    flat_hash_detail::Rehash(slots_, capacity, bits_, [](const Slot& slot) { return slot.hash; });
  }
  std::vector<Slot> slots_;
  std::string pool_;
  size_t size_ = 0;
  int bits_ = 0;
};

// A set of strings: FlatStringMap without values.
class FlatStringSet {
 public:
  // False when `key` was there already.
  bool insert(std::string_view key) { return keys_.try_emplace(key).second; }
  bool contains(std::string_view key) const { return keys_.contains(key); }
  void reserve(size_t count, size_t key_bytes = 0) { keys_.reserve(count, key_bytes); }
  size_t size() const { return keys_.size(); }

 private:
  struct Nothing {};
  FlatStringMap<Nothing> keys_;
};

}  // namespace isvgraph
