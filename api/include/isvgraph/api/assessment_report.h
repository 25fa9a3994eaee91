#pragma once

// Contract assessments rendered for people (text) or machines (JSON): `isvgraph assess` and
// GET /v1/contracts/{id}/assessment answer with the same JSON.

#include <string>

#include <nlohmann/json.hpp>

#include "isvgraph/api/assessment.h"
#include "isvgraph/api/risk_report.h"

namespace isvgraph::api {

nlohmann::json ContractAssessmentJson(const riskdata::KnowledgeBase& kb,
                                      const ContractAssessment& assessment);
std::string ContractAssessmentText(const riskdata::KnowledgeBase& kb,
                                   const ContractAssessment& assessment);

}  // namespace isvgraph::api
