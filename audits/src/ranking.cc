#include "ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "isvgraph/audits/records.h"
#include "isvgraph/audits/types.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"

namespace isvgraph::audits {

i18n::Text ThemeLabel(const riskdata::KnowledgeBase& kb, const std::string& theme_id) {
  const std::optional<riskdata::Theme> theme = riskdata::ThemeFromId(theme_id);
  return theme ? kb.theme(*theme).label() : i18n::Text::Same(theme_id);
}

std::string Fixed(double value, int digits) {
  char out[32];
  std::snprintf(out, sizeof out, "%.*f", digits, value);
  return out;
}

Result<std::vector<Ranked>> Rank(const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
                                 const std::string& organisation, const std::string& group,
                                 const std::string& today, size_t limit) {
  const graph::ChainStore& store = chains.store();
  auto org = store.GetOrganisation(organisation);
  if (!org || !IsMember(*org, group)) {
    return Status::NotFound("no audit group '" + group + "' of " + organisation);
  }
  std::set<std::string> members;
  ISV_RETURN_IF_ERROR(store.ScanOrganisations([&](graph::Organisation&& other) {
    if (IsMember(other, group)) members.insert(other.id);
  }));
  auto audits = ListAudits(chains, organisation);
  if (!audits) return audits.error();
  std::vector<Ranked> ranked;
  for (graph::JointAuditCandidate& c :
       chains.JointAuditCandidates({.organisation = organisation},
                                   graph::CandidateQuery{.limit = 100000, .member_values = true})) {
    Ranked r;
    for (const auto& [member, value] : c.member_values) {
      if (members.count(member)) r.member_values[member] = value;
    }
    if (r.member_values.size() < 2) continue;  // shared with another circle, not this group
    bool counted = false;
    i18n::Text why_not;                          // why the latest audit does not count
    for (const graph::Audit& audit : *audits) {  // newest first
      if (audit.site_id != c.site_id) continue;
      if (r.shown.last_audit_id.empty()) {
        r.shown.last_audit_id = audit.id;
        using i18n::Msg;
        why_not =
            audit.valid_until < today
                ? i18n::Say(Msg::kAuditWhyExpired, {{"date", i18n::LongDate(audit.valid_until)}})
            : audit.date > today
                ? i18n::Say(Msg::kAuditWhyDatedAfter, {{"date", i18n::LongDate(today)}})
                : i18n::Say(Msg::kAuditWhyLowerClause,
                            {{"level", audit.clause_level}, {"own", org->clause_level}});
      }
      counted = counted || AuditCounts(audit, *org, today);
    }
    if (counted) continue;
    r.why_not = std::move(why_not);
    auto site = store.GetSite(c.site_id);
    if (!site) continue;
    r.shown.site = std::move(site).value();
    r.shown.score = c.score_milli / 1000.0;
    r.shown.members = static_cast<int>(r.member_values.size());
    r.shown.own = r.member_values.count(organisation) > 0;
    r.shown.own_value_eur = r.shown.own ? r.member_values[organisation] : 0;
    for (const auto& [member, value] : r.member_values) r.combined += value;
    r.shown.leverage = r.shown.members * (static_cast<double>(r.combined) / 1e6);
    auto risk =
        kb.AssessSite({.country = r.shown.site.country,
                       .region = r.shown.site.region,
                       .sector = kb.FindSector(r.shown.site.sector) ? r.shown.site.sector : "",
                       .name = r.shown.site.name});
    if (const riskdata::ThemeRisk* worst = risk ? riskdata::WorstTheme(*risk) : nullptr) {
      r.shown.worst_theme = std::string(riskdata::ThemeId(worst->theme));
    }
    ranked.push_back(std::move(r));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.shown.leverage != b.shown.leverage) return a.shown.leverage > b.shown.leverage;
    if (a.shown.score != b.shown.score) return a.shown.score > b.shown.score;
    return a.shown.site.id < b.shown.site.id;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  // Leverage is shown relative to the first candidate's: the ranking without the values.
  const double top = ranked.empty() ? 1 : std::max(ranked.front().shown.leverage, 1e-9);
  for (size_t i = 0; i < ranked.size(); ++i) {
    AuditCandidate& c = ranked[i].shown;
    c.rank = static_cast<int>(i + 1);
    c.leverage = std::round(c.leverage / top * 100) / 100;
    using i18n::Msg;
    const i18n::Text risk =
        c.worst_theme.empty()
            ? i18n::Decimal(c.score, 2)
            : i18n::Say(Msg::kAuditRiskWithTheme, {{"score", i18n::Decimal(c.score, 2)},
                                                   {"theme", ThemeLabel(kb, c.worst_theme)}});
    const i18n::Text audited =
        c.last_audit_id.empty()
            ? i18n::Say(Msg::kAuditNeverAudited)
            : i18n::Say(Msg::kAuditLastNotCounting,
                        {{"audit", c.last_audit_id}, {"why", ranked[i].why_not}});
    // In tens of percent: finer would hint at the other members' values, and it reads better.
    const int percent = static_cast<int>(std::round(c.leverage * 10)) * 10;
    c.leverage_words =
        i == 0 ? i18n::Say(Msg::kAuditLeverageFirst)
        : percent >= 100
            ? i18n::Say(Msg::kAuditLeverageAsMuch, {{"first", ranked.front().shown.site.name}})
        : percent == 0
            ? i18n::Say(Msg::kAuditLeverageLittle, {{"first", ranked.front().shown.site.name}})
            : i18n::Say(Msg::kAuditLeverageShare, {{"percent", std::to_string(percent)},
                                                   {"first", ranked.front().shown.site.name}});
    c.explanation =
        i18n::Say(Msg::kAuditCandidateExplanation, {{"rank", std::to_string(c.rank)},
                                                    {"members", std::to_string(c.members)},
                                                    {"total", std::to_string(members.size())},
                                                    {"leverage", c.leverage_words},
                                                    {"risk", risk},
                                                    {"audited", audited}});
  }
  return ranked;
}

}  // namespace isvgraph::audits
