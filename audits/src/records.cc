#include "isvgraph/audits/records.h"

#include <algorithm>

#include "isvgraph/audits/types.h"
#include "isvgraph/base/dates.h"
#include "isvgraph/riskdata/theme.h"

namespace isvgraph::audits {
namespace {

// Whether the organisation may see the audit: it recorded it, or it belongs to the group the
// audit is shared with.
bool Visible(const graph::Audit& audit, const graph::Organisation& org) {
  return audit.organisation == org.id ||
         (!audit.audit_group.empty() && IsMember(org, audit.audit_group));
}

// Every problem of an audit about to be recorded, in the order of its fields.
std::vector<std::string> Problems(const graph::ChainStore& store, const graph::Organisation& org,
                                  const graph::Audit& audit) {
  std::vector<std::string> problems;
  if (!store.GetSite(audit.site_id))
    problems.push_back("site_id: '" + audit.site_id + "' is not a site");
  if (!kAuditTypes.FromName(audit.type)) {
    problems.push_back("type: must be " + kAuditTypes.Alternatives() + ", not '" + audit.type +
                       "'");
  }
  if (!DayNumber(audit.date))
    problems.push_back("date: '" + audit.date + "' is not a date YYYY-MM-DD");
  if (!DayNumber(audit.valid_until) || audit.valid_until < audit.date) {
    problems.push_back("valid_until: '" + audit.valid_until +
                       "' is not a date on or after the audit date");
  }
  if (!ClauseLevelOf(audit.clause_level)) {
    problems.push_back("clause_level: must be " + kClauseLevels.Alternatives() + ", not '" +
                       audit.clause_level + "'");
  }
  if (!audit.audit_group.empty() && !IsMember(org, audit.audit_group)) {
    problems.push_back("audit_group: " + org.id + " is not a member of '" + audit.audit_group +
                       "'");
  }
  for (size_t i = 0; i < audit.findings.size(); ++i) {
    const graph::AuditFinding& f = audit.findings[i];
    const std::string where = "findings[" + std::to_string(i) + "].";
    if (!riskdata::ThemeFromId(f.theme))
      problems.push_back(where + "theme: unknown theme '" + f.theme + "'");
    if (!kFindingGrades.FromName(f.grade)) {
      problems.push_back(where + "grade: must be " + kFindingGrades.Alternatives() + ", not '" +
                         f.grade + "'");
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
    if (!kCapStatuses.FromName(a.status)) {
      problems.push_back(where + "status: must be " + kCapStatuses.Alternatives() + ", not '" +
                         a.status + "'");
    }
  }
  return problems;
}

}  // namespace

Result<graph::Audit> RecordAudit(graph::ChainGraph& chains, const std::string& organisation,
                                 graph::Audit audit) {
  const graph::ChainStore& store = chains.store();
  auto org = store.GetOrganisation(organisation);
  if (!org) return org.error();
  audit.organisation = organisation;
  if (audit.clause_level.empty()) {
    audit.clause_level = std::string(
        kClauseLevels.Name(ClauseLevelOf(org->clause_level).value_or(ClauseLevel::kBasic)));
  }
  if (audit.valid_until.empty() && DayNumber(audit.date))
    audit.valid_until = AddYears(audit.date, 2);
  std::vector<std::string> problems = Problems(store, *org, audit);
  // An id given names one of the organisation's own audits, which is replaced. Any other id —
  // free, or another organisation's — is not taken over: the audit gets a new id, so that the
  // answer is the same whether or not someone else uses the id (no existence oracle).
  if (!audit.id.empty()) {
    auto existing = store.GetAudit(audit.id);
    if (!existing || existing->organisation != organisation) audit.id.clear();
  }
  if (audit.id.empty() && problems.empty()) {
    // The site, the date and a number: readable, and unique among the site's audits that day.
    for (int n = 1;; ++n) {
      audit.id = audit.site_id + "-" + audit.date + "-" + std::to_string(n);
      if (!store.GetAudit(audit.id)) break;
    }
  }
  if (!problems.empty()) {
    std::string message = std::to_string(problems.size()) + " problem(s); nothing was written: ";
    for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    return Status::InvalidArgument(message);
  }
  graph::WriteBatch batch;
  batch.PutAudit(audit);
  ISV_RETURN_IF_ERROR(chains.Apply(std::move(batch)));
  return audit;
}

Result<graph::Audit> GetAudit(const graph::ChainGraph& chains, const std::string& organisation,
                              const std::string& id) {
  auto org = chains.store().GetOrganisation(organisation);
  auto audit = chains.store().GetAudit(id);
  if (!org || !audit || !Visible(*audit, *org)) return Status::NotFound("no audit '" + id + "'");
  return audit;
}

Result<std::vector<graph::Audit>> ListAudits(const graph::ChainGraph& chains,
                                             const std::string& organisation,
                                             const std::string& site_id) {
  auto org = chains.store().GetOrganisation(organisation);
  if (!org) return std::vector<graph::Audit>{};
  std::vector<graph::Audit> audits;
  ISV_RETURN_IF_ERROR(chains.store().ScanAudits([&](graph::Audit&& audit) {
    if (Visible(audit, *org) && (site_id.empty() || audit.site_id == site_id)) {
      audits.push_back(std::move(audit));
    }
  }));
  std::sort(audits.begin(), audits.end(), [](const graph::Audit& a, const graph::Audit& b) {
    return a.date != b.date ? a.date > b.date : a.id < b.id;
  });
  return audits;
}

}  // namespace isvgraph::audits
