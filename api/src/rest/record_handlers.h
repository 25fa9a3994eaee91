#pragma once

// REST handlers of the chain records: CRUD for /v1/sites (a shared registry), /v1/links and
// /v1/contracts (the token's organisation's own), cursor-paged lists, and
// /v1/joint-audit/candidates. Decode → graph → encode; the ownership rule lives in the graph.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

HttpResponse ListSites(const Service& service, const HttpRequest& request);
HttpResponse GetSite(const Service& service, const HttpRequest& request);
HttpResponse CreateSite(Service& service, const HttpRequest& request);
HttpResponse ReplaceSite(Service& service, const HttpRequest& request);
HttpResponse DeleteSite(Service& service, const HttpRequest& request);

HttpResponse ListLinks(const Service& service, const HttpRequest& request);
HttpResponse GetLink(const Service& service, const HttpRequest& request);
HttpResponse CreateLink(Service& service, const HttpRequest& request);
HttpResponse ReplaceLink(Service& service, const HttpRequest& request);
HttpResponse DeleteLink(Service& service, const HttpRequest& request);

HttpResponse ListContracts(const Service& service, const HttpRequest& request);
HttpResponse GetContract(const Service& service, const HttpRequest& request);
HttpResponse CreateContract(Service& service, const HttpRequest& request);
HttpResponse ReplaceContract(Service& service, const HttpRequest& request);
HttpResponse DeleteContract(Service& service, const HttpRequest& request);

// GET/POST /v1/contracts/{id}/followup: the ISV follow-up steps of the organisation's contract.
HttpResponse GetFollowUp(const Service& service, const HttpRequest& request);
HttpResponse AddFollowUp(Service& service, const HttpRequest& request);

HttpResponse ListJointAuditCandidates(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
