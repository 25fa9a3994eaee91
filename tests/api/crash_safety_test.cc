// Crash safety: the real binary is killed with SIGKILL at a random moment, round after round —
// while it imports a large site list, and while it serves a stream of API writes. After each
// kill the store must open, every batch must have landed whole or not at all, every write the
// server acknowledged must be there, and the in-memory index must agree with the store.
// ISVGRAPH_CRASH_ROUNDS sets the number of rounds of each test (default 6; the note's figures
// use 50).

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "api/service_internals.h"
#include "isvgraph/api/service.h"
#include "support/http_client.h"
#include "support/serve_process.h"
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

int Rounds() {
  const char* rounds_env = std::getenv("ISVGRAPH_CRASH_ROUNDS");
  return rounds_env ? std::atoi(rounds_env) : 6;
}

TEST(CrashSafety, KilledImportsLandWholeOrNotAtAllAndTheIndexAgrees) {
  const int rounds = Rounds();
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
    ASSERT_TRUE(ServiceInternals::Store(**service)
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
    EXPECT_EQ((*service)->Stats().sites, stored)
        << "round " << round << ": index and store disagree";
    (of_this_round ? completed : killed_before) += 1;
  }
  std::printf(
      "crash safety: one import takes %lld ms; %d round(s); %d import(s) landed whole, %d killed "
      "before the write; %zu sites in the store\n",
      static_cast<long long>(full_ms), rounds, completed, killed_before, expected);
}

// `isvgraph serve` on the store, quiet; its pid once it answers, or -1.
pid_t Serve(const std::string& db, uint16_t* port) {
  return isvgraph::testing::StartServeProcess(ISVGRAPH_BINARY, {"--db", db, "--quiet"}, port);
}

// What the client saw: writes answered 2xx (they must survive any kill), and every import
// batch it sent (acknowledged or not: each must be whole or absent).
struct Acknowledged {
  std::set<std::string> sites;    // single POST /v1/sites
  std::set<std::string> imports;  // id prefixes of the import batches acknowledged
  std::vector<std::string> sent_imports;
  int refused = 0;  // answers other than 2xx before the kill (must stay 0)
};

constexpr int kSitesPerApiImport = 400;  // small: the memtable path of ordinary writes

// Sends writes one after another until `stop`: four single sites, then an import of 400.
void WriteUntilStopped(uint16_t port, const std::string& token, int round,
                       const std::atomic<bool>& stop, Acknowledged* seen) {
  const std::string auth = "Authorization: Bearer " + token + "\r\n";
  for (int n = 0; !stop; ++n) {
    if (n % 5 != 4) {
      const std::string id = "W" + std::to_string(round) + "-" + std::to_string(n);
      const std::string body = R"({"id":")" + id + R"(","name":"Crash test works )" + id +
                               R"(","country":"PK","sector":"manufacture_of_medical_instruments"})";
      auto r = isvgraph::testing::HttpRequest(port, "POST", "/v1/sites", body,
                                              auth + "Content-Type: application/json\r\n");
      if (r.status == 201) {
        seen->sites.insert(id);
      } else if (r.status != 0 && !stop) {
        ++seen->refused;
      }
      continue;
    }
    const std::string prefix = "I" + std::to_string(round) + "-" + std::to_string(n) + "-";
    std::ostringstream csv;
    csv << "id,name,country,sector,lat,lon\n";
    for (int i = 0; i < kSitesPerApiImport; ++i) {
      // Kilometres apart, so that no row matches another by name and place.
      csv << prefix << i << ",Batch works " << prefix << i << ",IN,stone_processing,"
          << 12 + (i % 20) * 0.05 << ',' << 75 + (i / 20) * 0.05 + (n % 50) * 0.02 << '\n';
    }
    seen->sent_imports.push_back(prefix);
    auto r = isvgraph::testing::HttpRequest(port, "POST", "/v1/imports?kind=sites", csv.str(),
                                            auth + "Content-Type: text/csv\r\n");
    if (r.status == 200) {
      seen->imports.insert(prefix);
    } else if (r.status != 0 && !stop) {
      ++seen->refused;
    }
  }
}

TEST(CrashSafety, KilledServerKeepsEveryAcknowledgedWriteAndEveryBatchWhole) {
  const int rounds = Rounds();
  isvgraph::testing::TempDir dir;
  const std::string db = dir.Sub("db");
  std::string token;
  {
    auto service = Service::Open({.db_path = db});
    ASSERT_TRUE(service) << service.error().ToString();
    auto created = (*service)->CreateToken({.organisation = "crash", .role = Role::kBuyer});
    ASSERT_TRUE(created);
    token = *created;
  }
  std::mt19937 random(20261129);
  size_t acknowledged_total = 0, in_flight_landed = 0, batches_whole = 0;
  for (int round = 0; round < rounds; ++round) {
    uint16_t port = 0;
    const pid_t server = Serve(db, &port);
    ASSERT_GT(server, 0) << "round " << round << ": the server did not start";
    std::atomic<bool> stop{false};
    Acknowledged seen;
    std::thread client(WriteUntilStopped, port, token, round, std::cref(stop), &seen);
    // Long enough for imports to land (the first loads the boundaries: 3 s under ASan).
    std::this_thread::sleep_for(std::chrono::milliseconds(500 + random() % 7500));
    kill(server, SIGKILL);
    stop = true;
    waitpid(server, nullptr, 0);
    client.join();
    EXPECT_EQ(seen.refused, 0) << "round " << round;

    auto service = Service::Open({.db_path = db});
    ASSERT_TRUE(service) << "round " << round << ": " << service.error().ToString();
    const graph::ChainStore& store = ServiceInternals::Store(**service);
    for (const std::string& id : seen.sites) {
      EXPECT_TRUE(static_cast<bool>(store.GetSite(id)))
          << "round " << round << ": acknowledged " << id << " lost";
    }
    std::map<std::string, size_t> per_batch;
    size_t stored = 0, singles = 0;
    const std::string single_prefix = "W" + std::to_string(round) + "-";
    ASSERT_TRUE(store
                    .ScanSites([&](graph::Site&& site) {
                      ++stored;
                      if (site.id.rfind(single_prefix, 0) == 0) ++singles;
                      const size_t dash = site.id.rfind('-');
                      if (site.id[0] == 'I') ++per_batch[site.id.substr(0, dash + 1)];
                    })
                    .ok());
    for (const std::string& prefix : seen.sent_imports) {
      const size_t landed = per_batch.count(prefix) ? per_batch[prefix] : 0;
      EXPECT_TRUE(landed == 0 || landed == kSitesPerApiImport)
          << "round " << round << ": batch " << prefix << " has " << landed << " sites";
      if (seen.imports.count(prefix)) {
        EXPECT_EQ(landed, static_cast<size_t>(kSitesPerApiImport)) << prefix << " acknowledged";
      }
      if (landed) ++batches_whole;
    }
    EXPECT_EQ((*service)->Stats().sites, stored)
        << "round " << round << ": index and store disagree";
    acknowledged_total += seen.sites.size() + seen.imports.size();
    if (singles > seen.sites.size()) in_flight_landed += singles - seen.sites.size();
  }
  std::printf(
      "crash safety (API writes): %d round(s), server killed in each; %zu acknowledged write(s), "
      "none lost; %zu import batch(es) of %d landed whole, none partial; %zu write(s) in flight "
      "at the kill landed\n",
      rounds, acknowledged_total, batches_whole, kSitesPerApiImport, in_flight_landed);
}

}  // namespace
}  // namespace isvgraph::api
