#pragma once

// The benchmark generator's CSVs (docs/benchmark.md) as a graph write batch: sites,
// one organisation per buyer, links visible to all (kPublicOrganisation), contracts owned by
// their buyer; plus the risk table and the Q1 sample. Read through GDAL/OGR's CSV driver, which
// handles RFC 4180 quoting (names and products contain commas and doubled quotes).

#include <functional>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_store.h"
#include "isvgraph/graph/risk_model.h"

namespace isvgraph::importers {

struct BenchmarkData {
  graph::WriteBatch batch;
  std::vector<graph::RiskTable::Row> risk;  // risk.csv
  std::vector<std::string> q1_sample;       // q1_sample.csv, in file order
  size_t site_rows = 0;
  size_t edge_rows = 0;
  size_t contract_rows = 0;
};

// Called with a short line of progress ("edges.csv: 1000000 rows").
using Progress = std::function<void(const std::string&)>;

// Reads sites.csv, edges.csv, contracts.csv, risk.csv and q1_sample.csv from `dir`.
// NotFound for a missing file; DataLoss "file:line: column 'c': reason" for a malformed row.
Result<BenchmarkData> ReadBenchmarkData(const std::string& dir, const Progress& progress = {});

}  // namespace isvgraph::importers
