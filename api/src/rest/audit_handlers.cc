#include "rest/audit_handlers.h"

#include <cstdlib>

#include "isvgraph/api/encode/audits.h"
#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

using nlohmann::json;

const std::string& Organisation(const HttpRequest& request) {
  return request.principal->organisation;
}

// A whole-number query parameter within [low, high], or `fallback` when absent.
Result<long> IntParam(const HttpRequest& request, const std::string& key, long fallback, long low,
                      long high) {
  const std::string text = QueryOr(request, key);
  if (text.empty()) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || value < low || value > high) {
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorParameterWholeRange,
                      {{"name", key},
                       {"low", std::to_string(low)},
                       {"high", std::to_string(high)},
                       {"value", text}});
  }
  return value;
}

}  // namespace

HttpResponse ListAuditGroups(const Service& service, const HttpRequest& request) {
  auto groups = service.ListAuditGroups(Organisation(request));
  if (!groups) return ErrorResponse(groups.error());
  json out = json::array();
  for (const audits::AuditGroupInfo& g : *groups) {
    out.push_back({{"id", g.id}, {"members", g.members}, {"member_organisations", g.member_ids}});
  }
  return JsonResponse({{"organisation", Organisation(request)}, {"audit_groups", out}});
}

HttpResponse JoinAuditGroup(Service& service, const HttpRequest& request) {
  const std::string& group = request.path_params.at("group");
  // Over HTTP an organisation may found a new group, not walk into an existing one
  // (audits::FoundAuditGroup). Found by the isolation sweep (tests/api/isolation_test.cc).
  Status joined = service.FoundAuditGroup(Organisation(request), group);
  if (!joined.ok()) return ErrorResponse(joined);
  return JsonResponse({{"organisation", Organisation(request)}, {"audit_group", group}}, 201);
}

HttpResponse PutOrganisationProfile(Service& service, const HttpRequest& request) {
  std::string authority, clause_level;
  for (auto it = request.json.begin(); request.json.is_object() && it != request.json.end(); ++it) {
    if (it.key() != "authority" && it.key() != "clause_level") {
      return ErrorResponse(400, "invalid_argument",
                           i18n::Say(i18n::Msg::kErrorUnknownField, {{"name", it.key()}}));
    }
    if (!it->is_string())
      return ErrorResponse(400, "invalid_argument",
                           i18n::Say(i18n::Msg::kErrorFieldNotString, {{"name", it.key()}}));
    (it.key() == "authority" ? authority : clause_level) = it->get<std::string>();
  }
  if (!request.json.is_object())
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorBodyNotObject));
  Status set = service.SetOrganisationProfile(Organisation(request), authority, clause_level);
  if (!set.ok()) return ErrorResponse(set);
  auto org = service.GetOrganisation(Organisation(request));
  if (!org) return ErrorResponse(org.error());
  return JsonResponse({{"organisation", org->id},
                       {"authority", org->authority.empty() ? "central" : org->authority},
                       {"clause_level", org->clause_level.empty() ? "basic" : org->clause_level}});
}

HttpResponse ListAuditCandidates(const Service& service, const HttpRequest& request) {
  auto limit = IntParam(request, "limit", 50, 1, 1000);
  if (!limit) return ErrorResponse(limit.error());
  const std::string& group = request.path_params.at("group");
  auto candidates = service.RankAuditCandidates(Organisation(request), group,
                                                {.limit = static_cast<size_t>(*limit)});
  if (!candidates) return ErrorResponse(candidates.error());
  return JsonResponse(
      {{"audit_group", group}, {"candidates", CandidatesJson(*candidates, request.language)}});
}

HttpResponse GetAuditPlan(const Service& service, const HttpRequest& request) {
  auto candidates = IntParam(request, "candidates", 12, 1, 200);
  auto radius = IntParam(request, "radius_km", 300, 1, 20000);
  auto max_sites = IntParam(request, "max_sites", 4, 1, 50);
  for (const auto* param : {&candidates, &radius, &max_sites}) {
    if (!*param) return ErrorResponse(param->error());
  }
  const std::string format =
      QueryOr(request, "format").empty() ? "json" : QueryOr(request, "format");
  if (format != "json" && format != "csv" && format != "html" && format != "xlsx") {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorPlanFormat));
  }
  auto plan = service.PlanAudits(Organisation(request), request.path_params.at("group"),
                                 {.candidates = static_cast<size_t>(*candidates),
                                  .radius_km = static_cast<double>(*radius),
                                  .max_sites = static_cast<size_t>(*max_sites)});
  if (!plan) return ErrorResponse(plan.error());
  if (format == "csv")
    return {.status = 200,
            .content_type = "text/csv; charset=utf-8",
            .body = AuditPlanCsv(*plan, request.language)};
  if (format == "html") {
    return {.status = 200,
            .content_type = "text/html; charset=utf-8",
            .body = AuditPlanHtml(*plan, request.language)};
  }
  if (format == "xlsx") {
    auto bytes = AuditPlanXlsx(*plan, request.language);
    if (!bytes) return ErrorResponse(bytes.error());
    return {.status = 200,
            .content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            .body = std::move(bytes).value()};
  }
  return JsonResponse(AuditPlanJson(*plan, request.language));
}

HttpResponse PostAudit(Service& service, const HttpRequest& request) {
  auto audit = AuditFromJson(request.json);
  if (!audit) return ErrorResponse(audit.error());
  auto recorded = service.RecordAudit(Organisation(request), std::move(audit).value());
  if (!recorded) return ErrorResponse(recorded.error());
  return JsonResponse(AuditJson(*recorded), 201);
}

HttpResponse ListAudits(const Service& service, const HttpRequest& request) {
  auto found = service.ListAudits(Organisation(request), QueryOr(request, "site"));
  if (!found) return ErrorResponse(found.error());
  json out = json::array();
  for (const graph::Audit& audit : *found) out.push_back(AuditJson(audit));
  return JsonResponse({{"audits", out}});
}

HttpResponse GetAudit(const Service& service, const HttpRequest& request) {
  auto audit = service.GetAudit(Organisation(request), request.path_params.at("id"));
  if (!audit) return ErrorResponse(audit.error());
  return JsonResponse(AuditJson(*audit));
}

HttpResponse ListAlerts(const Service& service, const HttpRequest& request) {
  auto days = IntParam(request, "days", 14, 1, 365);
  if (!days) return ErrorResponse(days.error());
  auto alerts = service.Alerts(Organisation(request), {.severe_days = static_cast<int>(*days)});
  if (!alerts) return ErrorResponse(alerts.error());
  return JsonResponse({{"organisation", Organisation(request)},
                       {"today", service.Today()},
                       {"alerts", AlertsJson(*alerts, request.language)}});
}

}  // namespace isvgraph::api::rest
