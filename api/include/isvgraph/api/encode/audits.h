#pragma once

// Encoders of joint audits, shared by REST and the CLI: JSON of audits, candidates, plans and
// alerts; the plan as a table, CSV, printable HTML and XLSX; and the decoder of an audit from a
// request body or file.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isvgraph/audits/alerts.h"
#include "isvgraph/audits/candidates.h"
#include "isvgraph/audits/plan.h"
#include "isvgraph/base/result.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::api {

nlohmann::json AuditJson(const graph::Audit& audit);
// An audit from a request body or file. InvalidArgument naming the field for wrong types or
// unknown fields; the values themselves are checked by audits::RecordAudit.
Result<graph::Audit> AuditFromJson(const nlohmann::json& body);
nlohmann::json CandidatesJson(const std::vector<audits::AuditCandidate>& candidates,
                              i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json AuditPlanJson(const audits::AuditPlan& plan,
                             i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json AlertsJson(const std::vector<audits::Alert>& alerts,
                          i18n::Language lang = i18n::Language::kEnglish);
// The answer of GET /v1/joint-audit/candidates: the sites shared within the viewer's circle.
nlohmann::json SharedSitesJson(const std::string& organisation, const std::string& methodology,
                               const std::vector<audits::SharedSite>& sites,
                               i18n::Language lang = i18n::Language::kEnglish);

// The plan as a table: a header row, then a row per site (trip, lead, shares, rank, site, why).
std::vector<std::vector<std::string>> AuditPlanTable(
    const audits::AuditPlan& plan, i18n::Language lang = i18n::Language::kEnglish);
std::string AuditPlanCsv(const audits::AuditPlan& plan,
                         i18n::Language lang = i18n::Language::kEnglish);
// In `lang`, with <html lang> set.
std::string AuditPlanHtml(const audits::AuditPlan& plan,
                          i18n::Language lang = i18n::Language::kEnglish);
// The plan as an XLSX workbook's bytes (one sheet, the CSV's columns).
Result<std::string> AuditPlanXlsx(const audits::AuditPlan& plan,
                                  i18n::Language lang = i18n::Language::kEnglish);

}  // namespace isvgraph::api
