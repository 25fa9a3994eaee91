#pragma once
// The C heap of this process (glibc's allocator): what it holds, and handing freed memory back
// to the system while the server is idle.
//
// Why: glibc keeps freed memory for reuse. A 1M-site server holds ~50 MB freed after its start
// (the index build, the site-name preload) and ~160 MB after heavy answers (registry pages, chain
// reports); on a small self-hosted machine that is memory nobody uses. malloc_trim returns the
// free pages of every arena, but it walks all of them under their locks, so it runs only when the
// process has been idle for a while — never on a request's path.
//
// Sanitizer builds (the dev and fuzz trees) replace glibc's allocator: there the heap reads as
// zero and nothing is ever trimmed.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace isvgraph::api {

class PeriodicThread;

struct HeapUsage {
  uint64_t in_use_bytes = 0;     // handed out by malloc (arenas and mmapped blocks)
  uint64_t free_held_bytes = 0;  // freed, kept by the allocator; a trim does not change it
};
HeapUsage ReadHeap();

// The process's resident memory, from /proc/self/statm; 0 when it cannot be read.
uint64_t ResidentBytes();

// When to trim, decided once per interval from what the interval looked like. Pure, so that
// tests can drive it; IdleHeapTrimmer feeds it the process's CPU time and the heap.
struct IdleTrimOptions {
  // How often the process is looked at; an interval is the unit of "idle".
  std::chrono::milliseconds interval{10'000};
  // An interval counts as idle when the whole process (HTTP threads, RocksDB's background work,
  // the site-name preload) used less than this share of one core during it.
  double idle_below = 0.02;
  // Trim only when the heap holds at least this much freed memory.
  uint64_t min_free_held_bytes = 32ull << 20;
};

class IdleTrimPolicy {
 public:
  explicit IdleTrimPolicy(IdleTrimOptions options) : options_(options) {}

  // True when the interval just ended was idle, enough freed memory is held, and nothing has
  // been trimmed since the process was last busy (freed memory only changes while it is busy,
  // so a second trim in one idle stretch would find nothing). Returning true counts as trimmed.
  bool Due(std::chrono::nanoseconds cpu_used, std::chrono::nanoseconds elapsed,
           uint64_t free_held_bytes);

 private:
  IdleTrimOptions options_;
  bool trimmed_since_busy_ = false;
};

// What one trim did, for the server's log.
struct HeapTrim {
  uint64_t free_held_bytes = 0;  // freed memory the heap held when it was trimmed
  uint64_t resident_before = 0;  // the process's resident memory before and after
  uint64_t resident_after = 0;
};

// Returns freed heap memory to the system (malloc_trim) and measures what that did.
HeapTrim TrimHeap();

// Runs IdleTrimPolicy on a thread of its own, from construction until destruction, and calls
// `trimmed` after each trim (on that thread). Does nothing in sanitizer builds.
class IdleHeapTrimmer {
 public:
  IdleHeapTrimmer(IdleTrimOptions options, std::function<void(const HeapTrim&)> trimmed);
  ~IdleHeapTrimmer();  // stops the thread (at once, not at the end of an interval) and joins it
  IdleHeapTrimmer(const IdleHeapTrimmer&) = delete;
  IdleHeapTrimmer& operator=(const IdleHeapTrimmer&) = delete;

 private:
  std::unique_ptr<PeriodicThread> thread_;  // none in sanitizer builds
};

}  // namespace isvgraph::api
