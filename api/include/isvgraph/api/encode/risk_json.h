#pragma once

// JSON encodings of the risk knowledge base's answers, shared by the REST handlers and the
// CLI's --json output (through isvgraph/api/risk_report.h). Every answer names its methodology
// and, for every number, the layer and edition or the publication it comes from.

#include <nlohmann/json.hpp>

#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::api {

nlohmann::json ThemesJson(const riskdata::KnowledgeBase& kb);
nlohmann::json LayersJson(const riskdata::KnowledgeBase& kb);
nlohmann::json CountryRiskJson(const riskdata::KnowledgeBase& kb,
                               const riskdata::CountryRisk& risk);
nlohmann::json SiteRiskJson(const riskdata::KnowledgeBase& kb, const riskdata::SiteRisk& risk);
nlohmann::json CpvJson(const riskdata::KnowledgeBase& kb,
                       const riskdata::CpvResolution& resolution);
nlohmann::json ProductGroupJson(const riskdata::KnowledgeBase& kb,
                                const riskdata::ProductGroup& group, bool full);
nlohmann::json SectorsJson(const riskdata::KnowledgeBase& kb);
// The tender check: ranked themes with reasons, sources, measures and questions; the ISV
// clause; the scored template tiers (places with their theme scores).
nlohmann::json RedFlagsJson(const riskdata::KnowledgeBase& kb,
                            const std::vector<riskdata::RedFlag>& flags);
nlohmann::json TierAdviceJson(const riskdata::KnowledgeBase& kb, const riskdata::TierAdvice& tier);
nlohmann::json IsvAdviceJson(const riskdata::KnowledgeBase& kb, const riskdata::IsvAdvice& isv);
nlohmann::json TenderAdviceJson(const riskdata::KnowledgeBase& kb,
                                const riskdata::TenderAdvice& advice);

}  // namespace isvgraph::api
