#pragma once

// JSON of joint audits, shared by REST and the CLI.

#include <nlohmann/json.hpp>

#include "isvgraph/api/audits.h"

namespace isvgraph::api {

nlohmann::json AuditJson(const graph::Audit& audit);
// An audit from a request body or file. InvalidArgument naming the field for wrong types or
// unknown fields; the values themselves are checked by RecordAudit.
Result<graph::Audit> AuditFromJson(const nlohmann::json& body);
nlohmann::json CandidatesJson(const std::vector<AuditCandidate>& candidates);
nlohmann::json AuditPlanJson(const AuditPlan& plan);
nlohmann::json AlertsJson(const std::vector<Alert>& alerts);
// The plan as an XLSX workbook's bytes (one sheet, the CSV's columns).
Result<std::string> AuditPlanXlsx(const AuditPlan& plan);

}  // namespace isvgraph::api
