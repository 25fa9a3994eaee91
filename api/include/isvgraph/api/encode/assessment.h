#pragma once

// Contract assessments rendered for people (text, HTML report) or machines (JSON): `isvgraph
// assess [--html FILE]`, GET /v1/contracts/{id}/assessment and /report.html|.json.

#include <string>

#include <nlohmann/json.hpp>

#include "isvgraph/contracts/assessment.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::api {

nlohmann::json ContractAssessmentJson(const riskdata::KnowledgeBase& kb,
                                      const contracts::ContractAssessment& assessment,
                                      i18n::Language lang = i18n::Language::kEnglish);
// The contract report: one self-contained, printable HTML page (no scripts, no external files)
// with the flags, themes, flagged sites, assumed tiers, methodology, data editions and sources;
// `chain_map_png`, when given, is shown as the chain map (embedded as a data: URI).
// In `lang`, with `<html lang>` set; `today` (YYYY-MM-DD), when given, is shown as the report's
// date.
std::string ContractAssessmentHtml(const riskdata::KnowledgeBase& kb,
                                   const contracts::ContractAssessment& assessment,
                                   const std::string& chain_map_png = "",
                                   i18n::Language lang = i18n::Language::kEnglish,
                                   const std::string& today = "");
std::string ContractAssessmentText(const riskdata::KnowledgeBase& kb,
                                   const contracts::ContractAssessment& assessment,
                                   i18n::Language lang = i18n::Language::kEnglish);

}  // namespace isvgraph::api
