#pragma once

// The route table of the REST API: every endpoint, in one place.

#include <string>
#include <utility>
#include <vector>

#include "isvgraph/api/service.h"
#include "rest/metrics.h"
#include "rest/route_table.h"

namespace isvgraph::api::rest {

struct RouteOptions {
  std::string web_dir;     // the web UI's files; "" = no UI
  std::string backup_dir;  // where POST /v1/backups writes; "" = off
  // What GET /metrics reports; nullptr = no such route.
  std::shared_ptr<const Metrics> metrics;
  // (organisation, read-only token) of the demo; empty = no GET /v1/demo/sign-ins.
  std::vector<std::pair<std::string, std::string>> demo_sign_ins;
};

// Requires: service outlives the returned table (handlers borrow it).
RouteTable BuildRouteTable(Service& service, const RouteOptions& options = {});

}  // namespace isvgraph::api::rest
