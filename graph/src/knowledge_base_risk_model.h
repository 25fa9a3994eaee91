#pragma once

// The chain engine's site score from the knowledge base: methodology isvgraph-risk-v2 applied
// to a site's country, region and sector (docs/methodology.md); the score is the highest theme.
// Results are cached per (country, region, sector), since many sites share them.
// Thread-safety: safe from many threads (the cache is guarded by a mutex).

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/graph/risk_model.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::graph {

class KnowledgeBaseRiskModel final : public SiteRiskModel {
 public:
  explicit KnowledgeBaseRiskModel(std::shared_ptr<const riskdata::KnowledgeBase> kb);

  SiteScore Score(const Site& site) const override;
  i18n::Text Explain(const Site& site) const override;
  const std::vector<std::string>& themes() const override { return themes_; }
  std::string id() const override { return riskdata::kMethodologyId; }

 private:
  // The site as the knowledge base sees it; a sector it does not know is left out (the score
  // then rests on the country) and said so in the explanation.
  Result<riskdata::SiteRisk> Assess(const Site& site) const;

  std::shared_ptr<const riskdata::KnowledgeBase> kb_;
  std::vector<std::string> themes_;
  mutable std::mutex mutex_;
  // country \0 region \0 sector → score
  mutable std::map<std::string, SiteScore, std::less<>> cache_;  // GUARDED_BY(mutex_)
};

}  // namespace isvgraph::graph
