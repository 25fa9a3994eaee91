// Import throughput for plain CSV site lists (issue 5: ≥ 100k rows/s), against a floor in the
// same run: reading the file and splitting it into cells by hand, which any importer has to do.
// The list is synthetic but shaped like the lists buyers hold: id, name, country, sector, lat,
// lon; names of three to five words with a number, twenty countries, known and unknown sectors.
// Run with `make bench` (release build); figures go in notes, never into assertions.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <benchmark/benchmark.h>

#include "isvgraph/api/service.h"
#include "isvgraph/importers/record_import.h"
#include "isvgraph/importers/table_file.h"

namespace {

namespace fs = std::filesystem;
using isvgraph::api::Service;
using isvgraph::importers::ImportKind;

constexpr int kRows = 200000;

fs::path WorkDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("isvgraph-import-bench-" + std::to_string(getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// The site list, written once per process.
const std::string& SiteList() {
  static const std::string path = [] {
    const std::string file = (WorkDir() / "sites.csv").string();
    std::ofstream out(file);
    const char* words[] = {"Green",   "Global", "Star",  "Works", "Stone",  "Textile", "Sun",
                           "Royal",   "Delta",  "Ocean", "Prime", "Golden", "Apparel", "Granite",
                           "Eastern", "Unity",  "Lotus", "Crown", "Silver", "Metro"};
    const char* countries[] = {"IN", "VN", "CN", "BD", "TR", "PK", "KH", "ID", "MM", "LK",
                               "ET", "MA", "CD", "BR", "MX", "TH", "MY", "PH", "EG", "NL"};
    const char* sectors[] = {"garment_making",       "quarrying_stone", "Apparel",
                             "electronics_assembly", "spinning",        "stone_processing"};
    std::mt19937 random(7);
    out << "id,name,country,sector,lat,lon\n";
    for (int i = 0; i < kRows; ++i) {
      std::ostringstream name;
      const int n = 2 + static_cast<int>(random() % 3);
      for (int w = 0; w < n; ++w) name << words[random() % 20] << ' ';
      name << i << " Ltd";
      out << 'X' << i << ',' << name.str() << ',' << countries[random() % 20] << ','
          << sectors[random() % 6] << ',' << (random() % 1600000) / 10000.0 - 80 << ','
          << (random() % 3600000) / 10000.0 - 180 << '\n';
    }
    return file;
  }();
  return path;
}

// The floor: the file's bytes split into rows of cells, nothing checked.
void BM_SplitCsvFloor(benchmark::State& state) {
  const std::string& file = SiteList();
  for (auto _ : state) {
    std::ifstream in(file);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> cells;
      std::istringstream split(line);
      for (std::string cell; std::getline(split, cell, ',');) cells.push_back(cell);
      rows.push_back(std::move(cells));
    }
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_SplitCsvFloor)->Unit(benchmark::kMillisecond);

void BM_ReadTableFile(benchmark::State& state) {
  const std::string& file = SiteList();
  for (auto _ : state) {
    auto sheets = isvgraph::importers::ReadTableFile(file);
    if (!sheets) state.SkipWithError(sheets.error().ToString().c_str());
    benchmark::DoNotOptimize(sheets);
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_ReadTableFile)->Unit(benchmark::kMillisecond);

// The whole import as `isvgraph import --kind sites` runs it, into a new RocksDB store each
// time: read, validate, match, score, write in one batch, index. Arg 1 = dry run.
void BM_ImportSites(benchmark::State& state) {
  const std::string& file = SiteList();
  const bool dry_run = state.range(0) == 1;
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path db = WorkDir() / ("db" + std::to_string(round++));
    auto service = Service::Open({.db_path = db.string()});
    if (!service) state.SkipWithError(service.error().ToString().c_str());
    state.ResumeTiming();
    auto report = (*service)->Import({file}, {.kind = ImportKind::kSites, .dry_run = dry_run});
    if (!report || report->accepted != kRows) state.SkipWithError("import failed");
    state.PauseTiming();
    service->reset();
    fs::remove_all(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetLabel(dry_run ? "dry run" : "written");
}
BENCHMARK(BM_ImportSites)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(WorkDir());
  return 0;
}
