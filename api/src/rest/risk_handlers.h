#pragma once

// REST handlers for the risk knowledge base (issue 3): themes, layers, sectors, countries,
// site scoring, CPV codes and product groups.

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

HttpResponse GetRiskThemes(const Service& service, const HttpRequest& request);
HttpResponse GetRiskLayers(const Service& service, const HttpRequest& request);
HttpResponse GetRiskSectors(const Service& service, const HttpRequest& request);
// GET /v1/risk/countries/{code}: ISO alpha-2 or alpha-3, any case.
HttpResponse GetCountryRisk(const Service& service, const HttpRequest& request);
// GET /v1/risk/sites?country=&region=&sector=&product=&name=
HttpResponse GetSiteRisk(const Service& service, const HttpRequest& request);
// POST /v1/risk/sites {"sites":[{country, region, sector, product, name}, …]} — all or nothing.
HttpResponse PostSiteRisks(const Service& service, const HttpRequest& request);
// GET /v1/cpv/{code}: with or without check digit.
// GET /v1/cpv?q=: CPV codes by words (EN or NL) or leading digits, product groups first.
HttpResponse SearchCpv(const Service& service, const HttpRequest& request);
HttpResponse GetCpv(const Service& service, const HttpRequest& request);
// GET /v1/tender-check?cpv=CODE[,CODE][&countries=ISO2,…][&value=EUR][&authority=…][&date=…]
HttpResponse GetTenderCheck(const Service& service, const HttpRequest& request);
HttpResponse ListProductGroups(const Service& service, const HttpRequest& request);
HttpResponse GetProductGroup(const Service& service, const HttpRequest& request);

}  // namespace isvgraph::api::rest
