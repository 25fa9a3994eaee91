#include "isvgraph/api/audits.h"

#include <algorithm>
#include <set>

#include "audit_dates.h"

namespace isvgraph::api {
namespace {

const std::set<std::string> kTypes = {"self_assessment", "desk", "site", "follow_up"};
const std::set<std::string> kGrades = {"priority", "major", "minor"};
const std::set<std::string> kStatuses = {"open", "in_progress", "done", "verified"};

bool Member(const graph::Organisation& org, const std::string& group) {
  return std::binary_search(org.audit_groups.begin(), org.audit_groups.end(), group);
}

// Whether the organisation may see the audit: it recorded it, or it belongs to the group the
// audit is shared with.
bool Visible(const graph::Audit& audit, const graph::Organisation& org) {
  return audit.organisation == org.id ||
         (!audit.audit_group.empty() && Member(org, audit.audit_group));
}

std::string TodayOr(const Service& service, const std::string& today) {
  return today.empty() ? service.Today() : today;
}

// The sites an organisation's own contracts reach.
std::set<std::string> ReachedSites(const Service& service, const std::string& organisation) {
  std::set<std::string> reached;
  std::string after;
  const graph::Viewer viewer{.organisation = organisation};
  do {
    auto page = service.chains().ListContracts(viewer, after, 500);
    if (!page) break;
    for (const graph::Contract& contract : page->items) {
      auto exposure = service.chains().Exposure(viewer, contract.id, {.all_sites = true});
      if (!exposure) continue;
      for (const graph::ExposedSite& site : exposure->sites) reached.emplace(site.site_id);
    }
    after = page->next_after;
  } while (!after.empty());
  return reached;
}

}  // namespace

std::optional<int> ClauseLevelRank(const std::string& level) {
  if (level.empty() || level == "basic") return 0;
  if (level == "advanced") return 1;
  return std::nullopt;
}

Status SetOrganisationProfile(Service& service, const std::string& organisation,
                              const std::string& authority, const std::string& clause_level) {
  if (!authority.empty() && authority != "central" && authority != "sub_central") {
    return Status::InvalidArgument("authority must be central or sub_central, not '" + authority +
                                   "'");
  }
  if (!clause_level.empty() && !ClauseLevelRank(clause_level)) {
    return Status::InvalidArgument("clause level must be basic or advanced, not '" + clause_level +
                                   "'");
  }
  auto org = service.chains().store().GetOrganisation(organisation);
  if (!org) return org.error();
  if (!authority.empty()) org->authority = authority;
  if (!clause_level.empty()) org->clause_level = clause_level;
  graph::WriteBatch batch;
  batch.PutOrganisation(std::move(org).value());
  return service.chains().Apply(std::move(batch));
}

Result<std::vector<AuditGroupInfo>> ListAuditGroups(const Service& service,
                                                    const std::string& organisation) {
  auto org = service.chains().store().GetOrganisation(organisation);
  if (!org) return org.error();
  std::vector<AuditGroupInfo> groups;
  for (const std::string& group : org->audit_groups) groups.push_back({.id = group});
  ISV_RETURN_IF_ERROR(service.chains().store().ScanOrganisations([&](graph::Organisation&& other) {
    for (AuditGroupInfo& group : groups) group.members += Member(other, group.id) ? 1 : 0;
  }));
  return groups;
}

bool AuditCounts(const graph::Audit& audit, const graph::Organisation& organisation,
                 const std::string& today) {
  const auto done = ClauseLevelRank(audit.clause_level);
  const auto needed = ClauseLevelRank(organisation.clause_level);
  return audit.date <= today && today <= audit.valid_until && done && needed && *done >= *needed;
}

bool SevereFinding(const graph::AuditFinding& finding) {
  return finding.theme == "forced_labour" || finding.theme == "child_labour" ||
         (finding.theme == "health_safety" && finding.grade == "priority");
}

Result<graph::Audit> RecordAudit(Service& service, const std::string& organisation,
                                 graph::Audit audit) {
  const graph::ChainStore& store = service.chains().store();
  auto org = store.GetOrganisation(organisation);
  if (!org) return org.error();
  audit.organisation = organisation;
  if (audit.clause_level.empty())
    audit.clause_level = org->clause_level.empty() ? "basic" : org->clause_level;
  if (audit.valid_until.empty() && DayNumber(audit.date))
    audit.valid_until = AddYears(audit.date, 2);
  std::vector<std::string> problems;
  if (!store.GetSite(audit.site_id))
    problems.push_back("site_id: '" + audit.site_id + "' is not a site");
  if (!kTypes.count(audit.type)) {
    problems.push_back("type: must be self_assessment, desk, site or follow_up, not '" +
                       audit.type + "'");
  }
  if (!DayNumber(audit.date))
    problems.push_back("date: '" + audit.date + "' is not a date YYYY-MM-DD");
  if (!DayNumber(audit.valid_until) || audit.valid_until < audit.date) {
    problems.push_back("valid_until: '" + audit.valid_until +
                       "' is not a date on or after the audit date");
  }
  if (!ClauseLevelRank(audit.clause_level)) {
    problems.push_back("clause_level: must be basic or advanced, not '" + audit.clause_level + "'");
  }
  if (!audit.audit_group.empty() && !Member(*org, audit.audit_group)) {
    problems.push_back("audit_group: " + organisation + " is not a member of '" +
                       audit.audit_group + "'");
  }
  for (size_t i = 0; i < audit.findings.size(); ++i) {
    const graph::AuditFinding& f = audit.findings[i];
    const std::string where = "findings[" + std::to_string(i) + "].";
    if (!riskdata::ThemeFromId(f.theme))
      problems.push_back(where + "theme: unknown theme '" + f.theme + "'");
    if (!kGrades.count(f.grade)) {
      problems.push_back(where + "grade: must be priority, major or minor, not '" + f.grade + "'");
    }
  }
  for (size_t i = 0; i < audit.actions.size(); ++i) {
    const graph::CorrectiveAction& a = audit.actions[i];
    const std::string where = "actions[" + std::to_string(i) + "].";
    if (a.finding < 0 || static_cast<size_t>(a.finding) >= audit.findings.size()) {
      problems.push_back(where + "finding: no finding " + std::to_string(a.finding));
    }
    if (a.action.empty()) problems.push_back(where + "action: must say what is to be done");
    if (!DayNumber(a.deadline))
      problems.push_back(where + "deadline: '" + a.deadline + "' is not a date");
    if (!kStatuses.count(a.status)) {
      problems.push_back(where + "status: must be open, in_progress, done or verified, not '" +
                         a.status + "'");
    }
  }
  if (audit.id.empty() && problems.empty()) {
    // The site, the date and a number: readable, and unique among the site's audits that day.
    for (int n = 1;; ++n) {
      audit.id = audit.site_id + "-" + audit.date + "-" + std::to_string(n);
      if (!store.GetAudit(audit.id)) break;
    }
  } else if (!audit.id.empty()) {
    if (auto existing = store.GetAudit(audit.id);
        existing && existing->organisation != organisation) {
      problems.push_back("id: '" + audit.id + "' is taken");  // never overwrite another's audit
    }
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.size()) + " problem(s); nothing was written: ";
    for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    return Status::InvalidArgument(message);
  }
  graph::WriteBatch batch;
  batch.PutAudit(audit);
  ISV_RETURN_IF_ERROR(service.chains().Apply(std::move(batch)));
  return audit;
}

Result<graph::Audit> GetAudit(const Service& service, const std::string& organisation,
                              const std::string& id) {
  auto org = service.chains().store().GetOrganisation(organisation);
  auto audit = service.chains().store().GetAudit(id);
  if (!org || !audit || !Visible(*audit, *org)) return Status::NotFound("no audit '" + id + "'");
  return audit;
}

Result<std::vector<graph::Audit>> ListAudits(const Service& service,
                                             const std::string& organisation,
                                             const std::string& site_id) {
  auto org = service.chains().store().GetOrganisation(organisation);
  if (!org) return std::vector<graph::Audit>{};
  std::vector<graph::Audit> audits;
  ISV_RETURN_IF_ERROR(service.chains().store().ScanAudits([&](graph::Audit&& audit) {
    if (Visible(audit, *org) && (site_id.empty() || audit.site_id == site_id)) {
      audits.push_back(std::move(audit));
    }
  }));
  std::sort(audits.begin(), audits.end(), [](const graph::Audit& a, const graph::Audit& b) {
    return a.date != b.date ? a.date > b.date : a.id < b.id;
  });
  return audits;
}

Result<std::vector<Alert>> Alerts(const Service& service, const std::string& organisation,
                                  const AlertOptions& options) {
  const std::string today = TodayOr(service, options.today);
  const auto today_day = DayNumber(today);
  if (!today_day) return Status::InvalidArgument("today: '" + today + "' is not a date");
  auto audits = ListAudits(service, organisation);
  if (!audits) return audits.error();
  const std::set<std::string> reached = ReachedSites(service, organisation);
  std::vector<Alert> alerts;
  for (const graph::Audit& audit : *audits) {
    if (audit.organisation != organisation && !reached.count(audit.site_id)) continue;
    auto site = service.chains().store().GetSite(audit.site_id);
    const std::string name = site ? site->name : audit.site_id;
    for (const graph::CorrectiveAction& action : audit.actions) {
      if (action.status == "done" || action.status == "verified" || action.deadline >= today)
        continue;
      const graph::AuditFinding& finding = audit.findings[static_cast<size_t>(action.finding)];
      alerts.push_back({.kind = "overdue_action",
                        .audit_id = audit.id,
                        .site_id = audit.site_id,
                        .site_name = name,
                        .date = action.deadline,
                        .text = "corrective action overdue since " + action.deadline + " (" +
                                action.status + ", owner " +
                                (action.owner.empty() ? "not named" : action.owner) +
                                "): " + action.action + " — for the " + finding.grade + " " +
                                finding.theme + " finding"});
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
                        .text = finding.grade + " " + finding.theme + " finding at " + name + " (" +
                                audit.type + " audit of " + audit.date + "): " + finding.text +
                                ". Every member whose chain reaches the site must be notified by " +
                                due});
    }
  }
  std::sort(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
    return a.kind != b.kind ? a.kind > b.kind : a.date < b.date;  // severe first, oldest first
  });
  return alerts;
}

}  // namespace isvgraph::api
