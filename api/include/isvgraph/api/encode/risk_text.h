#pragma once

// Risk answers rendered for people (text) or machines (JSON), for the CLI's `isvgraph risk …`.
// The JSON is the same document the REST API returns for the same question.

#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::api {

enum class OutputFormat { kText, kJson };

// Each returns the rendered answer, or the knowledge base's error for bad input.
Result<std::string> ReportCountryRisk(const riskdata::KnowledgeBase& kb, const std::string& code,
                                      OutputFormat format,
                                      i18n::Language lang = i18n::Language::kEnglish);
Result<std::string> ReportSiteRisk(const riskdata::KnowledgeBase& kb,
                                   const riskdata::SiteQuery& query, OutputFormat format,
                                   i18n::Language lang = i18n::Language::kEnglish);
Result<std::string> ReportCpv(const riskdata::KnowledgeBase& kb, const std::string& code,
                              OutputFormat format);
std::string ReportLayers(const riskdata::KnowledgeBase& kb, OutputFormat format);
// `isvgraph tender`: the tender check (the same JSON as GET /v1/tender-check).
Result<std::string> ReportTender(const riskdata::KnowledgeBase& kb,
                                 const riskdata::TenderQuery& query, OutputFormat format,
                                 i18n::Language lang = i18n::Language::kEnglish);

}  // namespace isvgraph::api
