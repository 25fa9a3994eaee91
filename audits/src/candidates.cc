#include "isvgraph/audits/candidates.h"

#include <cstdint>

#include "isvgraph/audits/groups.h"
#include "isvgraph/audits/records.h"
#include "isvgraph/audits/types.h"
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

Result<std::map<std::string, std::vector<GroupStanding>>> StandingInGroups(
    const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
    const std::string& organisation, const std::vector<std::string>& site_ids,
    const std::string& today, size_t plan_candidates) {
  auto groups = ListAuditGroups(chains, organisation);
  if (!groups) return groups.error();
  auto org = chains.store().GetOrganisation(organisation);
  if (!org) return Status::NotFound("no organisation '" + organisation + "'");
  auto audits = ListAudits(chains, organisation);
  if (!audits) return audits.error();
  std::map<std::string, std::vector<GroupStanding>> out;
  for (const std::string& site_id : site_ids) out[site_id];
  using i18n::Msg;
  for (const AuditGroupInfo& group : *groups) {
    auto ranked = Rank(chains, kb, organisation, group.id, today, SIZE_MAX);
    if (!ranked) return ranked.error();
    std::map<std::string, int> rank_of;
    for (const Ranked& r : *ranked) rank_of[r.shown.site.id] = r.shown.rank;
    for (auto& [site_id, standings] : out) {
      GroupStanding standing{.group = group.id};
      auto it = rank_of.find(site_id);
      standing.rank = it == rank_of.end() ? 0 : it->second;
      standing.in_plan = standing.rank > 0 && static_cast<size_t>(standing.rank) <= plan_candidates;
      if (standing.rank > 0) {
        standing.text =
            i18n::Say(standing.in_plan ? Msg::kAuditStandingInPlan : Msg::kAuditStandingBeyondPlan,
                      {{"group", group.id},
                       {"rank", std::to_string(standing.rank)},
                       {"plan", std::to_string(plan_candidates)}});
      } else {
        const graph::Audit* counting = nullptr;  // the newest audit that counts for the member
        for (const graph::Audit& audit : *audits) {
          if (audit.site_id == site_id && AuditCounts(audit, *org, today)) {
            counting = &audit;
            break;
          }
        }
        standing.text = counting ? i18n::Say(Msg::kAuditStandingAuditCounts,
                                             {{"group", group.id},
                                              {"audit", counting->id},
                                              {"date", i18n::LongDate(counting->date)},
                                              {"until", i18n::LongDate(counting->valid_until)}})
                                 : i18n::Say(Msg::kAuditStandingNotShared, {{"group", group.id}});
      }
      standings.push_back(std::move(standing));
    }
  }
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
