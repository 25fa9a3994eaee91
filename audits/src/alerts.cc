#include "isvgraph/audits/alerts.h"

#include <algorithm>
#include <set>

#include "isvgraph/audits/records.h"
#include "isvgraph/audits/types.h"
#include "isvgraph/base/dates.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "ranking.h"

namespace isvgraph::audits {
namespace {

// The sites an organisation's own contracts reach.
std::set<std::string> ReachedSites(const graph::ChainGraph& chains,
                                   const std::string& organisation) {
  std::set<std::string> reached;
  std::string after;
  const graph::Viewer viewer{.organisation = organisation};
  do {
    auto page = chains.ListContracts(viewer, after, 500);
    if (!page) break;
    for (const graph::Contract& contract : page->items) {
      auto exposure = chains.Exposure(viewer, contract.id, {.all_sites = true});
      if (!exposure) continue;
      for (const graph::ExposedSite& site : exposure->sites) reached.emplace(site.site_id);
    }
    after = page->next_after;
  } while (!after.empty());
  return reached;
}

}  // namespace

Result<std::vector<Alert>> Alerts(const graph::ChainGraph& chains,
                                  const riskdata::KnowledgeBase& kb,
                                  const std::string& organisation, const AlertOptions& options) {
  const std::string& today = options.today;
  const auto today_day = DayNumber(today);
  if (!today_day) return Status::InvalidArgument("today: '" + today + "' is not a date");
  auto audits = ListAudits(chains, organisation);
  if (!audits) return audits.error();
  const std::set<std::string> reached = ReachedSites(chains, organisation);
  std::vector<Alert> alerts;
  for (const graph::Audit& audit : *audits) {
    if (audit.organisation != organisation && !reached.count(audit.site_id)) continue;
    auto site = chains.store().GetSite(audit.site_id);
    const std::string name = site ? site->name : audit.site_id;
    for (const graph::CorrectiveAction& action : audit.actions) {
      const auto status = kCapStatuses.FromName(action.status);
      if ((status && IsClosed(*status)) || action.deadline >= today) continue;
      const graph::AuditFinding& finding = audit.findings[static_cast<size_t>(action.finding)];
      alerts.push_back({.kind = "overdue_action",
                        .audit_id = audit.id,
                        .site_id = audit.site_id,
                        .site_name = name,
                        .date = action.deadline,
                        .text = i18n::Say(action.owner.empty() ? i18n::Msg::kAlertOverdueNoOwner
                                                               : i18n::Msg::kAlertOverdue,
                                          {{"deadline", i18n::LongDate(action.deadline)},
                                           {"status", action.status},
                                           {"owner", action.owner},
                                           {"action", action.action},
                                           {"grade", finding.grade},
                                           {"theme", ThemeLabel(kb, finding.theme)}})});
    }
    const auto audit_day = DayNumber(audit.date);
    if (!audit_day || *today_day - *audit_day > options.severe_days || *audit_day > *today_day)
      continue;
    for (const graph::AuditFinding& finding : audit.findings) {
      if (!SevereFinding(finding)) continue;
      const std::string due = DateOfDay(*audit_day + options.severe_days);
      alerts.push_back({.kind = "severe_finding",
                        .audit_id = audit.id,
                        .site_id = audit.site_id,
                        .site_name = name,
                        .date = audit.date,
                        .due = due,
                        .text = i18n::Say(i18n::Msg::kAlertSevereFinding,
                                          {{"grade", finding.grade},
                                           {"theme", ThemeLabel(kb, finding.theme)},
                                           {"site", name},
                                           {"type", audit.type},
                                           {"date", i18n::LongDate(audit.date)},
                                           {"finding", finding.text},
                                           {"due", i18n::LongDate(due)}})});
    }
  }
  std::sort(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
    return a.kind != b.kind ? a.kind > b.kind : a.date < b.date;  // severe first, oldest first
  });
  return alerts;
}

}  // namespace isvgraph::audits
