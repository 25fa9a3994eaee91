#pragma once

// REST handlers for an organisation's chains (issue 4). The organisation comes from the bearer
// token; scoping itself is the chain engine's (graph::Viewer), not these handlers'.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// GET /v1/contracts/{id}/chain[?all_sites=true]: 404 for another organisation's contract.
HttpResponse GetContractChain(const Service& service, const HttpRequest& request);
// GET /v1/chains/flags: one summary per contract of the caller's organisation.
// GET /v1/contracts/{id}/assessment: chain risk per theme with assumed tiers, ISV flags.
HttpResponse GetContractAssessment(const Service& service, const HttpRequest& request);
// GET /v1/contracts/{id}/report.html: the assessment as a self-contained printable page (its
// JSON is /assessment).
HttpResponse GetContractReportHtml(const Service& service, const HttpRequest& request);
HttpResponse ListChainFlags(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
