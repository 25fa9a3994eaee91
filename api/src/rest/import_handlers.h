#pragma once

// REST handlers of imports: POST /v1/imports (a file as the body, answered with the import
// report), GET /v1/imports/templates/{file} (sites.csv, links.xlsx, …) and POST
// /v1/sites/match (candidate sites scored against the registry, nothing written).

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

HttpResponse PostImport(Service& service, const HttpRequest& request);
HttpResponse GetImportTemplate(const Service& service, const HttpRequest& request);
HttpResponse MatchSites(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
