#include "isvgraph/bench/workload.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>

#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/importers/benchmark_data.h"

namespace isvgraph::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// Resident memory now, in MB (VmRSS of /proc/self/status), for the progress lines.
double CurrentRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
}

// "0.902": thousandths with exactly three decimals (docs/benchmark.md).
void AppendMilli(std::string* out, uint16_t milli) {
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "%u.%03u", milli / 1000u, milli % 1000u);
  *out += buffer;
}

void AppendExposureLine(std::string* out, const graph::ChainExposure& e) {
  *out += "{\"contract_id\":\"";
  *out += e.contract_id;
  *out += "\",\"reachable\":";
  *out += std::to_string(e.reachable);
  *out += ",\"flagged\":";
  *out += std::to_string(e.flagged);
  *out += ",\"max_score\":";
  AppendMilli(out, e.max_score_milli);
  *out += ",\"flagged_sites\":[";
  for (size_t i = 0; i < e.sites.size(); ++i) {
    if (i) *out += ',';
    *out += "[\"";
    out->append(e.sites[i].site_id);
    *out += "\",";
    *out += std::to_string(e.sites[i].tier);
    *out += ']';
  }
  *out += "]}\n";
}

// A directory is a RocksDB store, a connection string a PostgreSQL one (as everywhere else).
Result<std::unique_ptr<graph::ChainStore>> OpenStore(const std::string& location, bool create) {
  if (graph::IsPostgresUrl(location)) {
    return graph::OpenPostgresStore({.url = location, .create_if_missing = create});
  }
  return graph::OpenRocksStore({.path = location, .create_if_missing = create});
}

// The run measures an import into an empty store; a database that holds sites already would
// measure something else (and the run would add to someone's data).
Status RequireEmpty(const graph::ChainStore& store, const std::string& location) {
  bool any = false;
  ISV_RETURN_IF_ERROR(store.ScanSitesAfter("", [&](graph::Site&&) {
    any = true;
    return false;
  }));
  if (!any) return Status::Ok();
  return Status::InvalidArgument("benchmark store " + graph::RedactPostgresUrl(location) +
                                 " already holds sites: the run imports into an empty database "
                                 "(create one with createdb)");
}

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return out ? Status::Ok() : Status::IoError("cannot write " + path);
}

}  // namespace

Result<BenchmarkReport> RunBenchmark(const BenchmarkOptions& options) {
  if (options.data_dir.empty() || options.db_dir.empty() || options.out_dir.empty()) {
    return Status::InvalidArgument("benchmark needs --data, --db and --out");
  }
  if (options.threads < 1 || options.threads > 64) {
    return Status::InvalidArgument("threads must be between 1 and 64");
  }
  std::error_code ec;
  const bool postgres = graph::IsPostgresUrl(options.db_dir);
  if (!postgres && std::filesystem::exists(options.db_dir, ec) &&
      !std::filesystem::is_empty(options.db_dir, ec)) {
    return Status::InvalidArgument("benchmark store " + options.db_dir +
                                   " must not exist yet: the run imports into a fresh store");
  }
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return Status::IoError("cannot create " + options.out_dir + ": " + ec.message());
  auto say = [&](const std::string& line) {
    if (!options.progress) return;
    char memory[64];
    std::snprintf(memory, sizeof(memory), " [rss %.0f MB, peak %.0f MB]", CurrentRssMb(),
                  PeakRssMb());
    options.progress(line + memory);
  };
  BenchmarkReport report{.threads = options.threads};
  const graph::ChainGraphOptions graph_options{
      .max_tier = 8, .flag_milli = 600, .threads = options.threads};

  // Import: from the first read of the CSVs until queries can run.
  std::shared_ptr<const graph::SiteRiskModel> model;
  std::vector<std::string> sample;
  {
    say("import: reading " + options.data_dir);
    const Clock::time_point start = Clock::now();
    auto data = importers::ReadBenchmarkData(options.data_dir, say);
    if (!data) return data.error();
    auto table = graph::RiskTable::FromRows(data->risk, "benchmark risk.csv");
    if (!table) return table.error();
    model = std::move(table).value();
    auto store = OpenStore(options.db_dir, true);
    if (!store) return store.error();
    if (postgres) ISV_RETURN_IF_ERROR(RequireEmpty(**store, options.db_dir));
    auto graph = graph::ChainGraph::Open(std::move(store).value(), model, graph_options);
    if (!graph) return graph.error();
    say("import: read in " + std::to_string(Seconds(start)) + " s; writing " +
        std::to_string(data->batch.size()) + " records in one batch");
    sample = std::move(data->q1_sample);
    ISV_RETURN_IF_ERROR((*graph)->Apply(std::move(data->batch)));
    say("import: index " + std::to_string((*graph)->stats().build_ms / 1000) + " s");
    report.import_s = Seconds(start);
    report.edge_rows = data->edge_rows;
    say("import: " + std::to_string(report.import_s) + " s");
    const Clock::time_point close = Clock::now();
    graph->reset();  // closes the store (flushing its memtables)
    say("close: " + std::to_string(Seconds(close)) + " s (not part of any figure)");
  }
  if (options.load_only) return report;

  // Reopen: open the store and rebuild the index from it.
  const Clock::time_point reopen = Clock::now();
  auto store = OpenStore(options.db_dir, false);
  if (!store) return store.error();
  say("reopen: store opened in " + std::to_string(Seconds(reopen)) + " s");
  auto opened = graph::ChainGraph::Open(std::move(store).value(), model, graph_options);
  if (!opened) return opened.error();
  std::unique_ptr<graph::ChainGraph> graph = std::move(opened).value();
  report.reopen_s = Seconds(reopen);
  const graph::IndexStats stats = graph->stats();
  report.sites = stats.sites;
  report.edges = stats.edges;
  report.contracts = stats.contracts;
  say("reopen: " + std::to_string(report.reopen_s) + " s (index " +
      std::to_string(stats.build_ms / 1000) + " s)");

  const graph::Viewer everyone{.all = true};

  // Q1: each sample contract separately; latency to the finished line in memory.
  std::vector<double> latencies;
  std::string q1;
  for (const std::string& contract : sample) {
    const Clock::time_point start = Clock::now();
    auto exposure = graph->Exposure(everyone, contract);
    if (!exposure) return exposure.error();
    std::string line;
    AppendExposureLine(&line, *exposure);
    latencies.push_back(Seconds(start) * 1000);
    q1 += line;
  }
  ISV_RETURN_IF_ERROR(WriteFile(options.out_dir + "/q1.jsonl", q1));
  std::vector<double> sorted = latencies;
  std::sort(sorted.begin(), sorted.end());
  if (!sorted.empty()) {
    report.q1_median_ms = sorted.size() % 2
                              ? sorted[sorted.size() / 2]
                              : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
    report.q1_p99_ms = sorted[std::min(sorted.size(), size_t{99}) - 1];
  }

  // Q2: every contract, including writing q2.jsonl.
  {
    const Clock::time_point start = Clock::now();
    std::ofstream out(options.out_dir + "/q2.jsonl", std::ios::binary | std::ios::trunc);
    std::string buffer;
    graph->ForEachExposure(everyone, [&](const graph::ChainExposure& exposure) {
      AppendExposureLine(&buffer, exposure);
      if (buffer.size() > (1 << 20)) {
        out << buffer;
        buffer.clear();
      }
    });
    out << buffer;
    out.close();
    if (!out) return Status::IoError("cannot write q2.jsonl");
    report.q2_s = Seconds(start);
  }

  // Q3: joint-audit candidates from the loaded data, including writing q3.jsonl.
  {
    const Clock::time_point start = Clock::now();
    std::string q3;
    for (const graph::JointAuditCandidate& c : graph->JointAuditCandidates(everyone, 100)) {
      q3 += "{\"rank\":" + std::to_string(c.rank) + ",\"site_id\":\"" + c.site_id +
            "\",\"buyers\":" + std::to_string(c.organisations) + ",\"score\":";
      AppendMilli(&q3, c.score_milli);
      q3 += ",\"value_eur\":" + std::to_string(c.value_eur) + "}\n";
    }
    ISV_RETURN_IF_ERROR(WriteFile(options.out_dir + "/q3.jsonl", q3));
    report.q3_s = Seconds(start);
  }
  report.peak_rss_mb = PeakRssMb();
  return report;
}

std::string BenchmarkTable(const BenchmarkReport& r) {
  char buffer[1024];
  std::snprintf(buffer, sizeof(buffer),
                "sites %zu, edge rows %zu (%zu distinct edges), contracts %zu, threads %d\n"
                "%-12s %12s\n%-12s %12.3f s\n%-12s %12.3f s\n%-12s %12.3f ms\n%-12s %12.3f ms\n"
                "%-12s %12.3f s\n%-12s %12.3f s\n%-12s %12.1f MB\n",
                r.sites, r.edge_rows, r.edges, r.contracts, r.threads, "measure", "value", "import",
                r.import_s, "reopen", r.reopen_s, "Q1 median", r.q1_median_ms, "Q1 p99",
                r.q1_p99_ms, "Q2", r.q2_s, "Q3", r.q3_s, "peak RSS", r.peak_rss_mb);
  return buffer;
}

std::string BenchmarkJson(const BenchmarkReport& r) {
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer),
                "{\"import_s\":%.3f,\"reopen_s\":%.3f,\"q1_median_ms\":%.4f,\"q1_p99_ms\":%.4f,"
                "\"q2_s\":%.3f,\"q3_s\":%.4f,\"peak_rss_mb\":%.1f,\"threads\":%d}",
                r.import_s, r.reopen_s, r.q1_median_ms, r.q1_p99_ms, r.q2_s, r.q3_s, r.peak_rss_mb,
                r.threads);
  return buffer;
}

}  // namespace isvgraph::bench
