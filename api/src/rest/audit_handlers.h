#pragma once

// REST handlers for joint audits (issue 8): audit groups, ranked candidates, the audit plan,
// audit records and alerts. The organisation is always the token's.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

HttpResponse ListAuditGroups(const Service& service, const HttpRequest& request);
// POST /v1/audit-groups/{group}/members (admin): the token's organisation joins the group.
HttpResponse JoinAuditGroup(Service& service, const HttpRequest& request);
// PUT /v1/organisation (admin): {"authority": central|sub_central, "clause_level": basic|advanced}.
HttpResponse PutOrganisationProfile(Service& service, const HttpRequest& request);
HttpResponse ListAuditCandidates(const Service& service, const HttpRequest& request);
// GET /v1/audit-groups/{group}/plan[?format=json|csv|html|xlsx&candidates=&radius_km=&max_sites=]
HttpResponse GetAuditPlan(const Service& service, const HttpRequest& request);
// POST /v1/audits (auditor): 201 with the audit as recorded.
HttpResponse PostAudit(Service& service, const HttpRequest& request);
HttpResponse ListAudits(const Service& service, const HttpRequest& request);
HttpResponse GetAudit(const Service& service, const HttpRequest& request);
// GET /v1/alerts[?days=14]
HttpResponse ListAlerts(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
