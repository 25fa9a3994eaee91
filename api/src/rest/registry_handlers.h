#pragma once

// The shared registry's accountability over HTTP: a site's history, and the proposals that wait
// when an organisation changes a site other organisations' chains use. The operator's token
// reaches these routes as the operator (sees and decides every proposal).

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// GET /v1/sites/{id}/history: {"site_id", "entries": [JournalEntryJson…]}, oldest first.
HttpResponse GetSiteHistory(const Service& service, const HttpRequest& request);
// GET /v1/proposals?state=pending&site=ID: {"proposals": [SiteProposalJson…]}, newest first.
HttpResponse ListProposals(const Service& service, const HttpRequest& request);
// POST /v1/proposals/{id}/accept and …/reject: the proposal as it now stands.
HttpResponse AcceptProposal(Service& service, const HttpRequest& request);
HttpResponse RejectProposal(Service& service, const HttpRequest& request);

// The answer to a site write (PUT /v1/sites/{id}): 200 with the site when written or unchanged,
// 202 with the proposal when it waits for other organisations.
HttpResponse SiteWriteResponse(const graph::Site& site, const SiteWriteOutcome& outcome);

}  // namespace isvgraph::api::rest
