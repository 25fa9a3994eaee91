#pragma once

// JSON encodings of the risk knowledge base's answers, shared by the REST handlers and the
// CLI's --json output (through isvgraph/api/risk_report.h). Every answer names its methodology
// and, for every number, the layer and edition or the publication it comes from.

#include <nlohmann/json.hpp>

#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::api {

nlohmann::json ThemesJson(const riskdata::KnowledgeBase& kb,
                          i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json LayersJson(const riskdata::KnowledgeBase& kb);
nlohmann::json CountryRiskJson(const riskdata::KnowledgeBase& kb, const riskdata::CountryRisk& risk,
                               i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json SiteRiskJson(const riskdata::KnowledgeBase& kb, const riskdata::SiteRisk& risk,
                            i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json CpvJson(const riskdata::KnowledgeBase& kb, const riskdata::CpvResolution& resolution,
                       i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json ProductGroupJson(const riskdata::KnowledgeBase& kb,
                                const riskdata::ProductGroup& group, bool full,
                                i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json SectorsJson(const riskdata::KnowledgeBase& kb,
                           i18n::Language lang = i18n::Language::kEnglish);
// The tender check: ranked themes with reasons, sources, measures and questions; the ISV
// clause; the scored template tiers (places with their theme scores).
nlohmann::json RedFlagsJson(const riskdata::KnowledgeBase& kb,
                            const std::vector<riskdata::RedFlag>& flags,
                            i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json TierAdviceJson(const riskdata::KnowledgeBase& kb, const riskdata::TierAdvice& tier,
                              i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json IsvAdviceJson(const riskdata::KnowledgeBase& kb, const riskdata::IsvAdvice& isv,
                             i18n::Language lang = i18n::Language::kEnglish);
nlohmann::json TenderAdviceJson(const riskdata::KnowledgeBase& kb,
                                const riskdata::TenderAdvice& advice,
                                i18n::Language lang = i18n::Language::kEnglish);

}  // namespace isvgraph::api
