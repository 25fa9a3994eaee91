#include "rest/heap.h"

#include <ctime>
#include <fstream>
#include <malloc.h>
#include <unistd.h>

#include "build_info.h"
#include "rest/periodic_thread.h"

namespace isvgraph::api {

HeapUsage ReadHeap() {
  // mallinfo2 walks every arena under its lock: microseconds. Not in sanitizer builds:
  // AddressSanitizer's allocator replaces glibc's, whose arenas are then never set up, and
  // mallinfo2 read the main arena's unset top chunk (a SEGV at 0x8, seen in ServerTest).
  if (ISVGRAPH_ALLOCATOR_REPLACED == 1) return {};
  const struct mallinfo2 heap = mallinfo2();
  return {.in_use_bytes = heap.uordblks + heap.hblkhd, .free_held_bytes = heap.fordblks};
}

uint64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size_pages = 0, resident_pages = 0;
  if (!(statm >> size_pages >> resident_pages)) return 0;
  return resident_pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

bool IdleTrimPolicy::Due(std::chrono::nanoseconds cpu_used, std::chrono::nanoseconds elapsed,
                         uint64_t free_held_bytes) {
  const bool idle =
      elapsed.count() > 0 && static_cast<double>(cpu_used.count()) <
                                 options_.idle_below * static_cast<double>(elapsed.count());
  if (!idle) {
    trimmed_since_busy_ = false;
    return false;
  }
  if (trimmed_since_busy_ || free_held_bytes < options_.min_free_held_bytes) return false;
  trimmed_since_busy_ = true;
  return true;
}

HeapTrim TrimHeap() {
  HeapTrim trim{.free_held_bytes = ReadHeap().free_held_bytes, .resident_before = ResidentBytes()};
  if (ISVGRAPH_ALLOCATOR_REPLACED != 1) malloc_trim(0);
  trim.resident_after = ResidentBytes();
  return trim;
}

namespace {

std::chrono::nanoseconds ProcessCpuTime() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

}  // namespace

IdleHeapTrimmer::IdleHeapTrimmer(IdleTrimOptions options,
                                 std::function<void(const HeapTrim&)> trimmed) {
  if (ISVGRAPH_ALLOCATOR_REPLACED == 1) return;
  thread_ = std::make_unique<PeriodicThread>(
      options.interval,
      [policy = IdleTrimPolicy(options), cpu_before = ProcessCpuTime(),
       clock_before = std::chrono::steady_clock::now(), trimmed = std::move(trimmed)]() mutable {
        if (policy.Due(ProcessCpuTime() - cpu_before,
                       std::chrono::steady_clock::now() - clock_before,
                       ReadHeap().free_held_bytes)) {
          const HeapTrim trim = TrimHeap();
          if (trimmed) trimmed(trim);
        }
        // The trim's own CPU time belongs to this interval, not to the next one.
        cpu_before = ProcessCpuTime();
        clock_before = std::chrono::steady_clock::now();
      });
}

IdleHeapTrimmer::~IdleHeapTrimmer() = default;

}  // namespace isvgraph::api
