// Benchmarks of the risk knowledge base: loading it whole, and the questions asked of it.
// Run with `make bench` (release build). Figures go in notes, never into assertions.

#include <benchmark/benchmark.h>

#include "isvgraph/riskdata/knowledge_base.h"

namespace {

using isvgraph::riskdata::KnowledgeBase;

const KnowledgeBase& Shared() {
  static const KnowledgeBase* kb =
      KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR}).value().release();
  return *kb;
}

void BM_LoadKnowledgeBase(benchmark::State& state) {
  for (auto _ : state) {
    auto kb = KnowledgeBase::Load({.data_dir = ISVGRAPH_RISKDATA_DIR});
    if (!kb) state.SkipWithError(kb.error().ToString().c_str());
    benchmark::DoNotOptimize(kb);
  }
}
BENCHMARK(BM_LoadKnowledgeBase)->Unit(benchmark::kMillisecond);

void BM_AssessCountry(benchmark::State& state) {
  const KnowledgeBase& kb = Shared();
  for (auto _ : state) benchmark::DoNotOptimize(kb.AssessCountry("IN"));
}
BENCHMARK(BM_AssessCountry)->Unit(benchmark::kMicrosecond);

void BM_AssessSite(benchmark::State& state) {
  const KnowledgeBase& kb = Shared();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        kb.AssessSite({.country = "IN", .sector = "quarrying_stone", .product = "stones"}));
  }
}
BENCHMARK(BM_AssessSite)->Unit(benchmark::kMicrosecond);

void BM_ResolveCpv(benchmark::State& state) {
  const KnowledgeBase& kb = Shared();
  for (auto _ : state) benchmark::DoNotOptimize(kb.ResolveCpv("18100000-0"));
}
BENCHMARK(BM_ResolveCpv)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
