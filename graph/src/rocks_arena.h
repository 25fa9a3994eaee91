#pragma once

// The write path's working memory: each write's operations per column family packed into one
// arena, sorted by key before they reach RocksDB (as a write batch or as an ingested SST file),
// and the helper that runs the families' work on two threads for large writes.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/base/check.h"
#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"

namespace isvgraph::graph {

// Operations of one write on one column family, packed, to be applied in key order. Of
// several operations on the same key, the last one put wins.
class Arena {
 public:
  void Put(std::string_view key, std::string_view value) { Add(key, value, false); }
  void Delete(std::string_view key) { Add(key, {}, true); }
  size_t size() const { return entries_.size(); }
  size_t bytes() const { return data_.size(); }
  // Room for about this much, so that a large write does not grow (and copy) the arena by
  // doubling: at 1M sites, a doubling step held old and new buffers, 600 MB, at once.
  void Reserve(size_t entries, size_t bytes) {
    entries_.reserve(entries);
    data_.reserve(bytes);
  }

  // Sorts by key; of several operations on one key only the last put stays.
  Status Sort() {
    // Offsets grow with insertion, so they order equal keys by time without the buffer a
    // stable sort would allocate (80 MB at 1M sites).
    std::sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) {
      const int order = Key(a).compare(Key(b));
      return order != 0 ? order < 0 : a.offset < b.offset;
    });
    size_t out = 0;
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (out > 0 && Key(entries_[out - 1]) == Key(entries_[i])) {
        --out;  // a later operation on the same key replaces the earlier one
      }
      entries_[out++] = entries_[i];
    }
    entries_.resize(out);
    return Status::Ok();
  }

  // Visits the operations in their current order: (key, value, is_delete).
  template <typename Visit>
  Status ForEach(const Visit& visit) const {
    for (const Entry& e : entries_) {
      const std::string_view key(data_.data() + e.offset, e.key_size);
      const std::string_view value(data_.data() + e.offset + e.key_size, e.value_size);
      ISV_RETURN_IF_ERROR(visit(key, value, e.is_delete));
    }
    return Status::Ok();
  }

 private:
  struct Entry {
    uint64_t offset;
    uint32_t key_size;
    uint32_t value_size : 31;
    uint32_t is_delete : 1;
  };
  void Add(std::string_view key, std::string_view value, bool is_delete) {
    // value_size has 31 bits: records are kilobytes (cells and bodies are limited far below).
    ISV_CHECK(value.size() < (size_t{1} << 31) && key.size() <= UINT32_MAX);
    entries_.push_back({data_.size(), static_cast<uint32_t>(key.size()),
                        static_cast<uint32_t>(value.size()), is_delete ? 1u : 0u});
    data_ += key;
    data_ += value;
  }
  std::string_view Key(const Entry& e) const {
    return std::string_view(data_.data() + e.offset, e.key_size);
  }
  std::string data_;
  std::vector<Entry> entries_;
};

// Writes of this many records or more use a second thread (this machine's kind has two cores);
// below it, starting a thread would cost more than it saves (an API write is a few records).
constexpr size_t kParallelRecords = 4096;

struct Weighted {
  size_t weight;  // about how much work: tasks are shared out by it
  std::function<Status()> run;
};

// Runs the tasks, on this thread and (when `parallel` and there are two or more) one more,
// heaviest first, each to the lighter of the two; the first failure is the answer.
Status InParallel(bool parallel, std::vector<Weighted> tasks);

}  // namespace isvgraph::graph
