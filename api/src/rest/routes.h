#pragma once

// The route table of the REST API: every endpoint, in one place.

#include "isvgraph/api/service.h"
#include "rest/route_table.h"

namespace isvgraph::api::rest {

// Requires: service outlives the returned table (handlers borrow it).
RouteTable BuildRouteTable(Service& service);

}  // namespace isvgraph::api::rest
