#pragma once

// The route table of the REST API: every endpoint, in one place.

#include "isvgraph/api/service.h"
#include "rest/route_table.h"

namespace isvgraph::api::rest {

// Requires: service outlives the returned table (handlers borrow it). The web UI's files are
// served from `web_dir` ("" = no UI).
RouteTable BuildRouteTable(Service& service, const std::string& web_dir = "");

}  // namespace isvgraph::api::rest
