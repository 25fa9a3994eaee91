// Crash safety: the real binary imports a large site list and is killed with SIGKILL at a
// random moment, round after round; after each kill the store must open, the import must have
// landed whole or not at all, and the in-memory index must agree with the store.
// ISVGRAPH_CRASH_ROUNDS sets the number of rounds (default 6; the note's figures use 50).

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "isvgraph/api/service.h"
#include "support/temp_dir.h"

namespace isvgraph::api {
namespace {

constexpr int kSitesPerImport = 30000;  // ~4.5 MB encoded: the ingested-SST path of large writes

std::string WriteSiteList(const std::string& path, int round) {
  std::ofstream out(path);
  out << "id,name,country,sector,lat,lon\n";
  for (int i = 0; i < kSitesPerImport; ++i) {
    // Names and places that no other row resembles, so every row is a new site.
    out << 'R' << round << 'S' << i << ",Works r" << round << "x" << i << ",IN,stone_processing,"
        << 8 + round * 0.5 + (i % 200) * 0.002 << ',' << 70 + (i / 200) * 0.05 << '\n';
  }
  return path;
}

// Runs `isvgraph import` and kills it after `delay`; true when it finished before the kill.
bool ImportAndKill(const std::string& db, const std::string& file,
                   std::chrono::milliseconds delay) {
  const pid_t child = fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(ISVGRAPH_BINARY, ISVGRAPH_BINARY, "import", "--db", db.c_str(), "--kind", "sites",
          file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + delay;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(child, &status, WNOHANG) == child)
      return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  return false;
}

TEST(CrashSafety, KilledImportsLandWholeOrNotAtAllAndTheIndexAgrees) {
  const char* rounds_env = std::getenv("ISVGRAPH_CRASH_ROUNDS");
  const int rounds = rounds_env ? std::atoi(rounds_env) : 6;
  isvgraph::testing::TempDir dir;
  const std::string db = dir.Sub("db");
  { ASSERT_TRUE(Service::Open({.db_path = db})); }  // an empty store to begin with
  std::mt19937 random(20261128);
  size_t expected = 0;
  int completed = 0, killed_before = 0;
  int64_t full_ms = 0;
  for (int round = 0; round < rounds; ++round) {
    const std::string file =
        WriteSiteList(dir.Sub("sites" + std::to_string(round) + ".csv"), round);
    // Round 0 runs to the end and times an import; later rounds are killed anywhere from
    // 5% to 300% of that time (imports slow down as the store grows), so that kills fall before,
    // during and after the write.
    const auto started = std::chrono::steady_clock::now();
    const auto delay = round == 0
                           ? std::chrono::milliseconds(600000)
                           : std::chrono::milliseconds(full_ms * (50 + random() % 2950) / 1000);
    const bool finished = ImportAndKill(db, file, delay);
    if (round == 0) {
      ASSERT_TRUE(finished) << "the first import must run to the end";
      full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
    }
    auto service = Service::Open({.db_path = db});
    ASSERT_TRUE(service) << "round " << round << ": " << service.error().ToString();
    size_t stored = 0, of_this_round = 0;
    const std::string prefix = "R" + std::to_string(round) + "S";
    ASSERT_TRUE((*service)
                    ->chains()
                    .store()
                    .ScanSites([&](graph::Site&& site) {
                      ++stored;
                      if (site.id.rfind(prefix, 0) == 0) ++of_this_round;
                    })
                    .ok());
    // All or nothing: this round's sites are all there or none is.
    EXPECT_TRUE(of_this_round == 0 || of_this_round == kSitesPerImport)
        << "round " << round << ": " << of_this_round << " of " << kSitesPerImport << " sites";
    if (finished) {
      EXPECT_EQ(of_this_round, static_cast<size_t>(kSitesPerImport)) << "round " << round;
    }
    expected += of_this_round;
    EXPECT_EQ(stored, expected) << "round " << round;
    EXPECT_EQ((*service)->chains().stats().sites, stored)
        << "round " << round << ": index and store disagree";
    (of_this_round ? completed : killed_before) += 1;
  }
  std::printf(
      "crash safety: one import takes %lld ms; %d round(s); %d import(s) landed whole, %d killed "
      "before the write; %zu sites in the store\n",
      static_cast<long long>(full_ms), rounds, completed, killed_before, expected);
}

}  // namespace
}  // namespace isvgraph::api
