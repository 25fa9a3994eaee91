// `isvgraph bench`: the benchmark workload of docs/benchmark.md on generator output.

#include "command.h"
#include "isvgraph/bench/workload.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::cli {
namespace {

class BenchCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    bench_ = app.add_subcommand(
        "bench",
        "Run the benchmark workload (docs/benchmark.md) on generator output: import, reopen, Q1, "
        "Q2, Q3");
    bench_->add_option("--data", options_.data_dir, "Generator output directory")->required();
    bench_
        ->add_option("--db,--store", options_.db_dir,
                     "Fresh store: a directory that does not exist yet, or a PostgreSQL "
                     "connection string of an empty database (docs/scaling.md)")
        ->required();
    bench_->add_option("--out", options_.out_dir, "Where q1/q2/q3.jsonl are written")->required();
    bench_->add_flag("--load-only", options_.load_only,
                     "Only import into --db (a store to serve, e.g. for scripts/load-test.sh)");
    bench_->add_option("--threads", options_.threads, "Threads for Q2 and Q3")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
  }

  std::optional<int> Run() override {
    if (!bench_->parsed()) return std::nullopt;
    options_.progress = [](const std::string& line) {
      std::fprintf(stderr, "isvgraph bench: %s\n", line.c_str());
    };
    auto report = bench::RunBenchmark(options_);
    if (!report) return Fail(report.error());
    if (options_.load_only) {
      std::printf("loaded %s into %s in %.1f s (%zu edge rows)\n", options_.data_dir.c_str(),
                  graph::RedactPostgresUrl(options_.db_dir).c_str(), report->import_s,
                  report->edge_rows);
      return 0;
    }
    std::fputs(bench::BenchmarkTable(*report).c_str(), stdout);
    std::printf("%s\n", bench::BenchmarkJson(*report).c_str());
    return 0;
  }

 private:
  CLI::App* bench_ = nullptr;
  bench::BenchmarkOptions options_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewBenchCommands() { return std::make_unique<BenchCommands>(); }

}  // namespace isvgraph::cli
