#pragma once

// Risk-data editions on a running server (the operator's routes; docs/operations.md, "Updating
// the risk data"). The server reads its risk data from one directory (serve --data); an operator
// puts a new edition there, asks what it would change, then has the server switch to it — by
// this route or by SIGHUP — without a restart. Paths never travel over HTTP.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// GET /v1/risk-data/changes[?organisation=ID]: the data directory as it is on disk now, against
// the edition in use: the layers whose edition or rows differ, and per organisation the contracts
// whose flags or ISV verdict would change, with the causes (api/data_diff.h). 409 when the
// directory does not load (the reason names the file and line).
HttpResponse GetRiskDataChanges(const Service& service, const HttpRequest& request);

// POST /v1/risk-data/reload: switches to the data directory as it is on disk now; answers the
// layers that changed and how long loading and rescoring the chain index took. 409, keeping the
// edition in use, when the directory does not load.
HttpResponse PostRiskDataReload(Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
