#pragma once

// A contract's chain exposure rendered for people (text) or machines (JSON), for
// `isvgraph chain`. With an organisation, its contract seen through its own and public links;
// without, the administrative view (every organisation's links; the first contract of that id).

#include <string>

#include "isvgraph/api/risk_report.h"
#include "isvgraph/api/service.h"
#include "isvgraph/base/result.h"

namespace isvgraph::api {

struct ChainReportOptions {
  std::string contract_id;   // required
  std::string organisation;  // whose contract; "" = administrative view
  bool all_sites = false;    // list every reached site, not only the flagged ones
  OutputFormat format = OutputFormat::kText;
};

// NotFound for an unknown contract; the chain engine's errors otherwise.
Result<std::string> ReportChain(const Service& service, const ChainReportOptions& options);

}  // namespace isvgraph::api
