#pragma once

// Export: the store's chain data as the files `isvgraph import` reads (the column schema of
// importers::Columns), so that importing them into an empty store gives the same sites, links
// and contracts. The layout is examples/demo's: sites.csv (the whole registry, which all
// organisations share), links-<organisation>.csv and contracts-<organisation>.csv.
//
// Not carried, because no import format has them: organisation profiles, audit groups, audits,
// contract follow-up steps and tokens (a RocksDB backup keeps everything: backup.h).

#include <string>
#include <vector>

#include "isvgraph/api/service.h"

namespace isvgraph::api {

struct ExportOptions {
  std::string out_dir;       // created when missing; files in it are replaced. Required.
  std::string organisation;  // whose links and contracts; "" = every organisation's
};

struct ExportReport {
  size_t sites = 0, links = 0, contracts = 0;
  std::vector<std::string> files;  // in the order written
};

// InvalidArgument without out_dir, NotFound for an unknown organisation, IoError when a file
// cannot be written; the store's read errors.
Result<ExportReport> ExportChainData(const Service& service, const ExportOptions& options);

// The columns of each file, in order: canonical import columns (importers::Columns).
const std::vector<std::string>& ExportSiteColumns();
const std::vector<std::string>& ExportLinkColumns();
const std::vector<std::string>& ExportContractColumns();

}  // namespace isvgraph::api
