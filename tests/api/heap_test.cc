// The C heap: the idle-trim policy (when a trim is due), the readings, and the trimmer thread
// (stops at once; in a build with glibc's allocator, trims after an idle interval and gives
// pages back).

#include "rest/heap.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "isvgraph/api/service.h"

namespace isvgraph::api {
namespace {

using std::chrono::milliseconds;

constexpr uint64_t kMiB = 1 << 20;

class IdleTrimPolicyTest : public ::testing::Test {
 protected:
  // An interval of 10 s in which the process used `cpu` of CPU time.
  bool After(milliseconds cpu, uint64_t free_held) {
    return policy_.Due(cpu, milliseconds(10'000), free_held);
  }
  IdleTrimPolicy policy_{IdleTrimOptions{
      .interval = milliseconds(10'000), .idle_below = 0.02, .min_free_held_bytes = 32 * kMiB}};
};

TEST_F(IdleTrimPolicyTest, TrimsOnceAnIntervalWasIdleAndEnoughIsHeld) {
  EXPECT_TRUE(After(milliseconds(50), 100 * kMiB));  // 0.5 % of a core: idle
}

TEST_F(IdleTrimPolicyTest, NotWhileBusy) {
  EXPECT_FALSE(After(milliseconds(200), 100 * kMiB));  // 2 % of a core: exactly the bound, busy
  EXPECT_FALSE(After(milliseconds(9'000), 500 * kMiB));
}

TEST_F(IdleTrimPolicyTest, NotWhenLittleIsHeld) {
  EXPECT_FALSE(After(milliseconds(0), 32 * kMiB - 1));
  EXPECT_TRUE(After(milliseconds(0), 32 * kMiB));
}

TEST_F(IdleTrimPolicyTest, OncePerIdleStretchAndAgainAfterBusyWork) {
  EXPECT_TRUE(After(milliseconds(10), 100 * kMiB));
  EXPECT_FALSE(After(milliseconds(10), 100 * kMiB));  // still idle: nothing new was freed
  EXPECT_FALSE(After(milliseconds(10), 120 * kMiB));
  EXPECT_FALSE(After(milliseconds(5'000), 150 * kMiB));  // busy
  EXPECT_TRUE(After(milliseconds(10), 150 * kMiB));      // idle again after it
}

TEST_F(IdleTrimPolicyTest, AnIdleIntervalWithTooLittleHeldDoesNotUseUpTheStretch) {
  EXPECT_FALSE(After(milliseconds(10), 1 * kMiB));
  EXPECT_TRUE(After(milliseconds(10), 64 * kMiB));
}

TEST_F(IdleTrimPolicyTest, AnEmptyIntervalIsNotIdle) {
  EXPECT_FALSE(policy_.Due(milliseconds(0), milliseconds(0), 100 * kMiB));
}

TEST(HeapTest, ResidentMemoryIsRead) { EXPECT_GT(ResidentBytes(), 1 * kMiB); }

TEST(HeapTest, TheHeapReadsAsZeroOnlyUnderSanitizers) {
  auto block = std::make_unique<std::vector<char>>(4 * kMiB, 'x');
  const HeapUsage heap = ReadHeap();
  if (CurrentBuild().sanitizers) {
    EXPECT_EQ(heap.in_use_bytes, 0u);
    EXPECT_EQ(heap.free_held_bytes, 0u);
  } else {
    EXPECT_GE(heap.in_use_bytes, 4 * kMiB);
  }
}

TEST(IdleHeapTrimmerTest, StopsAtOnceNotAtTheEndOfItsInterval) {
  // With an hour's interval, a destructor that waited it out would hang the test (and fail it
  // by ctest's timeout).
  auto trimmer = std::make_unique<IdleHeapTrimmer>(
      IdleTrimOptions{.interval = std::chrono::hours(1)}, [](const HeapTrim&) {});
  std::this_thread::sleep_for(milliseconds(20));
  trimmer.reset();
  SUCCEED();
}

TEST(IdleHeapTrimmerTest, GivesFreedMemoryBackAfterAnIdleInterval) {
  if (CurrentBuild().sanitizers) GTEST_SKIP() << "sanitizer builds replace glibc's allocator";
  // 64 MiB in blocks of 64 KiB (below glibc's mmap threshold, so on the heap), every other one
  // freed: 32 MiB held in holes between blocks in use, which the top of the heap cannot release
  // and only malloc_trim's page-wise return gives back.
  constexpr size_t kBlock = 64 << 10;
  std::vector<std::unique_ptr<char[]>> blocks;
  for (int i = 0; i < 1024; ++i) {
    blocks.emplace_back(new char[kBlock]);
    std::fill_n(blocks.back().get(), kBlock, 'x');
  }
  for (size_t i = 0; i < blocks.size(); i += 2) blocks[i].reset();
  std::atomic<int> trims = 0;
  HeapTrim seen;
  {
    IdleHeapTrimmer trimmer(
        IdleTrimOptions{
            .interval = milliseconds(100), .idle_below = 0.5, .min_free_held_bytes = 16 * kMiB},
        [&](const HeapTrim& trim) {
          if (trims.fetch_add(1) == 0) seen = trim;
        });
    for (int i = 0; i < 100 && trims.load() == 0; ++i)
      std::this_thread::sleep_for(milliseconds(50));
  }
  ASSERT_GE(trims.load(), 1);
  EXPECT_EQ(trims.load(), 1) << "one trim per idle stretch";
  EXPECT_GE(seen.free_held_bytes, 16 * kMiB);
  EXPECT_LT(seen.resident_after + 16 * kMiB, seen.resident_before);
}

}  // namespace
}  // namespace isvgraph::api
