#include "knowledge_base_risk_model.h"

#include <cmath>

namespace isvgraph::graph {

KnowledgeBaseRiskModel::KnowledgeBaseRiskModel(std::shared_ptr<const riskdata::KnowledgeBase> kb)
    : kb_(std::move(kb)) {
  for (riskdata::Theme theme : riskdata::kAllThemes) {
    themes_.emplace_back(riskdata::ThemeId(theme));
  }
}

Result<riskdata::SiteRisk> KnowledgeBaseRiskModel::Assess(const Site& site) const {
  riskdata::SiteQuery query{.country = site.country, .region = site.region, .sector = site.sector};
  if (!query.sector.empty() && kb_->FindSector(query.sector) == nullptr) query.sector.clear();
  return kb_->AssessSite(query);
}

SiteScore KnowledgeBaseRiskModel::Score(const Site& site) const {
  // The key is built in a buffer each thread keeps: an index rebuild scores every site, and
  // allocating a key per site cost as much as the look-up.
  thread_local std::string key;
  key.assign(site.country).append(1, '\0').append(site.region).append(1, '\0').append(site.sector);
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(std::string_view(key)); it != cache_.end()) return it->second;
  }
  SiteScore score;
  if (auto risk = Assess(site)) {
    for (size_t i = 0; i < risk->themes.size(); ++i) {
      if (!risk->themes[i].score) continue;
      const auto milli = static_cast<uint16_t>(std::lround(*risk->themes[i].score * 1000));
      if (milli > score.milli) score = {milli, static_cast<uint8_t>(i)};
    }
  }
  std::lock_guard lock(mutex_);
  cache_.emplace(key, score);
  return score;
}

i18n::Text KnowledgeBaseRiskModel::Explain(const Site& site) const {
  using i18n::Msg;
  auto risk = Assess(site);
  if (!risk) return i18n::Say(Msg::kGraphNotScored, {{"reason", risk.error().message()}});
  std::vector<i18n::Text> parts;
  for (const riskdata::ThemeRisk& theme : risk->themes) {
    if (theme.flagged) parts.push_back(theme.explanation);
  }
  if (!site.sector.empty() && risk->sector == nullptr) {
    parts.push_back(i18n::Say(Msg::kGraphSectorNotInTaxonomy, {{"sector", site.sector}}));
  }
  return parts.empty() ? i18n::Say(Msg::kGraphNoThemeFlagged) : i18n::Join(parts, " | ");
}

std::shared_ptr<const SiteRiskModel> NewKnowledgeBaseRiskModel(
    std::shared_ptr<const riskdata::KnowledgeBase> kb) {
  return std::make_shared<KnowledgeBaseRiskModel>(std::move(kb));
}

}  // namespace isvgraph::graph
