#pragma once

// The OpenAPI 3 document of the REST API, served at GET /v1/openapi.json. Written by hand (the
// descriptions are for people); tests/api/rest/openapi_test.cc keeps it true to the route table
// in both directions.

#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"

namespace isvgraph::api::rest {

nlohmann::json OpenApiDocument(const BuildInfo& build);

}  // namespace isvgraph::api::rest
