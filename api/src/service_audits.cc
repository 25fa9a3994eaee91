// Joint audits (Swedish model) through the audits module, with the service clock as "today"
// where the caller gives none.

#include "isvgraph/api/service.h"
#include "isvgraph/audits/records.h"

namespace isvgraph::api {

Result<std::vector<audits::AuditGroupInfo>> Service::ListAuditGroups(
    const std::string& organisation) const {
  return audits::ListAuditGroups(*chains_, organisation);
}

Result<std::vector<std::string>> Service::AuditGroupMembers(const std::string& group) const {
  return audits::GroupMembers(*chains_, group);
}

Status Service::JoinAuditGroup(const std::string& organisation, const std::string& group) {
  return audits::JoinAuditGroup(*chains_, organisation, group);
}

Status Service::FoundAuditGroup(const std::string& organisation, const std::string& group) {
  return audits::FoundAuditGroup(*chains_, organisation, group);
}

std::vector<audits::SharedSite> Service::SharedSites(const graph::Viewer& viewer,
                                                     size_t limit) const {
  return audits::SharedSites(*chains_, viewer, limit);
}

Result<std::vector<audits::AuditCandidate>> Service::RankAuditCandidates(
    const std::string& organisation, const std::string& group,
    audits::CandidateOptions options) const {
  options.today = TodayOr(options.today);
  return audits::RankCandidates(*chains_, *risk(), organisation, group, options);
}

Result<audits::AuditPlan> Service::PlanAudits(const std::string& organisation,
                                              const std::string& group,
                                              audits::PlanOptions options) const {
  options.today = TodayOr(options.today);
  return audits::PlanAudits(*chains_, *risk(), organisation, group, options);
}

Result<graph::Audit> Service::RecordAudit(const std::string& organisation, graph::Audit audit) {
  return audits::RecordAudit(*chains_, organisation, std::move(audit));
}

Result<graph::Audit> Service::GetAudit(const std::string& organisation,
                                       const std::string& id) const {
  return audits::GetAudit(*chains_, organisation, id);
}

Result<std::vector<graph::Audit>> Service::ListAudits(const std::string& organisation,
                                                      const std::string& site_id) const {
  return audits::ListAudits(*chains_, organisation, site_id);
}

Result<std::vector<audits::Alert>> Service::Alerts(const std::string& organisation,
                                                   audits::AlertOptions options) const {
  options.today = TodayOr(options.today);
  return audits::Alerts(*chains_, *risk(), organisation, options);
}

}  // namespace isvgraph::api
