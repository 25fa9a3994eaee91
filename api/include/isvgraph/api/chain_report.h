#pragma once

// A contract's chain exposure rendered for people (text) or machines (JSON), for
// `isvgraph chain`. Administrative view: every organisation's links are followed.

#include <string>

#include "isvgraph/api/risk_report.h"
#include "isvgraph/api/service.h"
#include "isvgraph/base/result.h"

namespace isvgraph::api {

struct ChainReportOptions {
  std::string contract_id;  // required
  bool all_sites = false;   // list every reached site, not only the flagged ones
  OutputFormat format = OutputFormat::kText;
};

// NotFound for an unknown contract; the chain engine's errors otherwise.
Result<std::string> ReportChain(const Service& service, const ChainReportOptions& options);

}  // namespace isvgraph::api
