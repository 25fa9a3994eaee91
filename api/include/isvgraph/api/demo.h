#pragma once

// The demo and training data set (examples/demo): fictional companies at real places in the
// chains of docs/domain.md, five contracting authorities, two audit groups and two audits. Loaded
// into an empty store by `isvgraph demo` (and `make demo`), and by the web UI's browser tests.

#include <string>
#include <vector>

#include "isvgraph/api/service.h"

namespace isvgraph::api {

// Where the demo files live in the source tree (examples/demo).
std::string DefaultDemoDir();

struct DemoTokens {
  std::vector<std::pair<std::string, std::string>> viewers;  // (organisation, read-only token)
  std::string admin_organisation, admin;                     // one administrator's token
};

// Imports the demo into the service's store, which must hold no sites yet (FailedPrecondition
// otherwise: the demo is never mixed into real data), and issues the tokens. Progress lines
// go to `log` when given.
Result<DemoTokens> LoadDemo(Service& service, const std::string& demo_dir,
                            const std::function<void(const std::string&)>& log = {});

}  // namespace isvgraph::api
