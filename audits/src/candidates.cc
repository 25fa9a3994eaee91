#include "isvgraph/audits/candidates.h"

#include "isvgraph/base/decimal.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "ranking.h"

namespace isvgraph::audits {

Result<std::vector<AuditCandidate>> RankCandidates(const graph::ChainGraph& chains,
                                                   const riskdata::KnowledgeBase& kb,
                                                   const std::string& organisation,
                                                   const std::string& group,
                                                   const CandidateOptions& options) {
  auto ranked = Rank(chains, kb, organisation, group, options.today, options.limit);
  if (!ranked) return ranked.error();
  std::vector<AuditCandidate> out;
  for (Ranked& r : *ranked) out.push_back(std::move(r.shown));
  return out;
}

std::vector<SharedSite> SharedSites(const graph::ChainGraph& chains, const graph::Viewer& viewer,
                                    size_t limit) {
  std::vector<SharedSite> out;
  // Explained by the model in use when asked (a reload may rescore the index meanwhile).
  const std::shared_ptr<const graph::SiteRiskModel> model = chains.model();
  for (graph::JointAuditCandidate& c : chains.JointAuditCandidates(viewer, limit)) {
    SharedSite shared{.candidate = std::move(c)};
    if (auto site = chains.store().GetSite(shared.candidate.site_id)) shared.site = *site;
    const double score = shared.candidate.score_milli / 1000.0;
    shared.explanation =
        i18n::Say(i18n::Msg::kAuditSharedSite,
                  {{"count", std::to_string(shared.candidate.organisations)},
                   {"score", i18n::Text::Same(ShortestDecimal(score))},
                   {"why", shared.site ? model->Explain(*shared.site)
                                       : i18n::Text::Same(shared.candidate.site_id)}});
    out.push_back(std::move(shared));
  }
  return out;
}

}  // namespace isvgraph::audits
