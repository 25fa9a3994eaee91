#pragma once

// ValueCache: stored values of one column family by key, in front of RocksDB for point reads.
// RocksDB's own row cache answers a repeated read, but its Get path (super-version reference,
// memtable probe, per-level file probe, row-cache key, LRU shard mutex) costs ~3 µs; a site
// lookup over HTTP costs ~90 µs in all, and that read was its largest part of our own code
// (issue 10, perf under wrk). A hash map behind a shared lock answers in a fraction of that.
//
// Contract with the store (the only writer):
//  - a reader takes generation() *before* reading the store and hands it to Insert; the value
//    is kept only if no write has been announced since;
//  - after a write is durable, the store calls Forget with every key it wrote or deleted (or
//    ForgetAll after a bulk ingest) before Write returns.
// So a reader can never put back a value that a finished write replaced, and once Write has
// returned no reader sees the old value.
// Bounded: each of the 16 shards holds at most max_entries / 16 values and is emptied when full
// (reads are spread over ids; a store of many sites keeps re-filling what is asked for).
// Thread-safe.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace isvgraph::graph {

class ValueCache {
 public:
  explicit ValueCache(size_t max_entries) : per_shard_(max_entries / kShards + 1) {}

  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  struct Usage {
    size_t entries = 0;
    size_t bytes = 0;  // keys and values; the maps' own nodes and buckets are not counted
  };
  Usage usage() const {
    Usage total;
    for (const Shard& shard : shards_) {
      std::shared_lock lock(shard.mutex);
      total.entries += shard.values.size();
      total.bytes += shard.bytes;
    }
    return total;
  }

  // Calls visit(value) under the shard's shared lock when `key` is here (a reader decodes the
  // value in place instead of copying it out); false when it is not. `visit` must not call
  // back into the cache.
  template <typename VisitValue>
  bool Visit(std::string_view key, const VisitValue& visit) const {
    const Shard& shard = ShardOf(key);
    std::shared_lock lock(shard.mutex);
    auto it = shard.values.find(key);
    if (it == shard.values.end()) return false;
    visit(std::string_view(it->second));
    return true;
  }

  // Keeps `value` unless a write was announced after `generation_before_read` was taken.
  void Insert(std::string_view key, std::string_view value, uint64_t generation_before_read) {
    Shard& shard = ShardOf(key);
    std::unique_lock lock(shard.mutex);
    if (generation() != generation_before_read) return;
    if (shard.values.size() >= per_shard_) shard.Clear();
    auto [it, inserted] = shard.values.try_emplace(std::string(key));
    if (inserted) {
      shard.bytes += key.size();
    } else {
      shard.bytes -= it->second.size();
    }
    it->second.assign(value);
    shard.bytes += value.size();
  }

  // After a write of `keys` is durable. Bumps the generation first, so that a read racing with
  // the write cannot insert what it read before the write.
  template <typename Keys>
  void Forget(const Keys& keys) {
    generation_.fetch_add(1, std::memory_order_acq_rel);
    for (std::string_view key : keys) {
      Shard& shard = ShardOf(key);
      std::unique_lock lock(shard.mutex);
      if (auto it = shard.values.find(key); it != shard.values.end()) {
        shard.bytes -= it->first.size() + it->second.size();
        shard.values.erase(it);
      }
    }
  }

  void ForgetAll() {
    generation_.fetch_add(1, std::memory_order_acq_rel);
    for (Shard& shard : shards_) {
      std::unique_lock lock(shard.mutex);
      shard.Clear();
    }
  }

 private:
  static constexpr size_t kShards = 16;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  // Shards on cache lines of their own: the HTTP threads take different shards' locks side by
  // side, and adjacent shards shared a line that every lookup's lock and unlock wrote to.
  struct alignas(64) Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> values;
    size_t bytes = 0;  // keys and values in `values`
    void Clear() {
      values.clear();
      bytes = 0;
    }
  };
  Shard& ShardOf(std::string_view key) { return shards_[Hash{}(key) % kShards]; }
  const Shard& ShardOf(std::string_view key) const { return shards_[Hash{}(key) % kShards]; }

  size_t per_shard_;
  std::atomic<uint64_t> generation_{0};
  std::array<Shard, kShards> shards_;
};

}  // namespace isvgraph::graph
