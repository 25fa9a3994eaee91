#pragma once

// The benchmark run of docs/benchmark.md: import the generator's CSVs into a fresh store
// (timed), close, reopen (timed: index rebuild), then Q1 for the 100 sample contracts, Q2 and
// Q3, writing q1.jsonl, q2.jsonl and q3.jsonl in the exact format the workload's checker reads.
// The risk table is the generator's risk.csv.

#include <functional>
#include <string>

#include "isvgraph/base/result.h"

namespace isvgraph::bench {

struct BenchmarkOptions {
  std::string data_dir;  // generator output (sites.csv, edges.csv, …). Required.
  // The store: a directory that must not exist yet (or be empty), or a PostgreSQL connection
  // string of a database that holds no sites yet. Required.
  std::string db_dir;
  std::string out_dir;     // where q1.jsonl, q2.jsonl, q3.jsonl go; created. Required.
  int threads = 2;         // threads for Q2 and Q3 (Q1 is one call at a time)
  bool load_only = false;  // import into db_dir and stop: a store for `serve` (the load test)
  std::function<void(const std::string&)> progress;  // progress lines; may be empty
};

struct BenchmarkReport {
  double import_s = 0;
  double reopen_s = 0;
  double q1_median_ms = 0;
  double q1_p99_ms = 0;  // nearest rank: the 99th smallest of 100
  double q2_s = 0;
  double q3_s = 0;
  double peak_rss_mb = 0;
  int threads = 0;
  size_t sites = 0;
  size_t edge_rows = 0;
  size_t edges = 0;  // distinct indexed edges
  size_t contracts = 0;
};

// InvalidArgument for bad options or a store that is not empty; the readers' and store's errors.
Result<BenchmarkReport> RunBenchmark(const BenchmarkOptions& options);

// A readable table of the report.
std::string BenchmarkTable(const BenchmarkReport& report);
// {"import_s":…,"reopen_s":…,"q1_median_ms":…,"q1_p99_ms":…,"q2_s":…,"q3_s":…,
//  "peak_rss_mb":…,"threads":…} on one line.
std::string BenchmarkJson(const BenchmarkReport& report);

}  // namespace isvgraph::bench
