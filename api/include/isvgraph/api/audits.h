#pragma once

// Joint audits in the Swedish model: organisations of an audit group rank the flagged sites
// their chains share, plan audit trips together, record audits with findings and corrective-
// action plans, share the results within the group, and get alerts for overdue actions and
// severe findings. Members see per site how many members reach it — never another member's
// contracts, prices or links; values are only combined (leverage, co-financing shares).
// Dates are YYYY-MM-DD; "today" is the service clock's (injected in tests).

#include <optional>
#include <string>
#include <vector>

#include "isvgraph/api/service.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::api {

// The clause levels, in increasing strictness; nullopt for anything else.
std::optional<int> ClauseLevelRank(const std::string& level);  // "" and basic = 0, advanced = 1

// Sets what an organisation is: authority (central | sub_central) and the level of its
// sustainability clause (basic | advanced). InvalidArgument for other values, NotFound for an
// unknown organisation. Empty arguments leave the field as it is.
Status SetOrganisationProfile(Service& service, const std::string& organisation,
                              const std::string& authority, const std::string& clause_level);

// The groups an organisation belongs to, each with its number of members.
struct AuditGroupInfo {
  std::string id;
  int members = 0;
};
Result<std::vector<AuditGroupInfo>> ListAuditGroups(const Service& service,
                                                    const std::string& organisation);

// A flagged site members' chains reach, ranked by leverage, then risk.
struct AuditCandidate {
  int rank = 0;
  graph::Site site;
  double score = 0;           // the site's risk score (worst theme)
  std::string worst_theme;    // theme id
  int members = 0;            // members of the group whose contracts reach it (>= 2)
  double leverage = 0;        // members × combined contract value of the members, in M EUR
  int64_t own_value_eur = 0;  // the asking member's own contracts reaching the site
  bool own = false;           // the asking member reaches it itself
  std::string explanation;    // why this rank, in words
  std::string last_audit_id;  // the latest audit of the site (expired or not counting)
};

struct CandidateOptions {
  std::string today;  // "" = the service clock
  size_t limit = 50;
};

// NotFound for a group the organisation is not a member of (the same answer as for none).
// Sites with a valid audit that counts for the organisation (AuditCounts) are left out.
Result<std::vector<AuditCandidate>> RankAuditCandidates(const Service& service,
                                                        const std::string& organisation,
                                                        const std::string& group,
                                                        const CandidateOptions& options = {});

// Audit trips: the top candidates grouped by country and distance.
struct PlanOptions {
  std::string today;       // "" = the service clock
  size_t candidates = 12;  // how many top candidates to plan
  double radius_km = 300;  // sites of one trip lie within this of the trip's first site
  size_t max_sites = 4;    // per trip
};
struct TripShare {
  std::string organisation;
  double share = 0;  // of the trip's cost, by the value of its contracts reaching the trip's sites
};
struct AuditTrip {
  int number = 0;
  std::string country;
  std::vector<AuditCandidate> sites;
  std::string lead;  // the member with the largest value reaching the trip (largest leverage)
  std::vector<TripShare> shares;
  std::string reason;  // why grouped, why this lead
};
struct AuditPlan {
  std::string group;
  std::string today;
  PlanOptions options;
  std::vector<AuditTrip> trips;
  std::vector<std::string> notes;  // e.g. sites without coordinates grouped by country only
};
Result<AuditPlan> PlanAudits(const Service& service, const std::string& organisation,
                             const std::string& group, const PlanOptions& options = {});
// The plan as a table: a header row, then a row per site (trip, lead, shares, rank, site, why).
std::vector<std::vector<std::string>> AuditPlanTable(const AuditPlan& plan);
std::string AuditPlanCsv(const AuditPlan& plan);
std::string AuditPlanHtml(const AuditPlan& plan);

// Records an audit (auditor role). Checks: the site exists; type, grades, CAP statuses and
// dates are valid; the CAP items name existing findings; the group, when given, is one the
// organisation belongs to. The id is made when empty; valid_until defaults to two years after
// the date; clause_level to the organisation's. InvalidArgument listing every problem.
Result<graph::Audit> RecordAudit(Service& service, const std::string& organisation,
                                 graph::Audit audit);
// Audits the organisation may see: its own, and those shared with a group it belongs to.
// NotFound for any other (the same answer as for none).
Result<graph::Audit> GetAudit(const Service& service, const std::string& organisation,
                              const std::string& id);
Result<std::vector<graph::Audit>> ListAudits(const Service& service,
                                             const std::string& organisation,
                                             const std::string& site_id = "");

// The reuse rule: an audit counts for an organisation when it is valid on `today` (date ≤
// today ≤ valid_until) and was done under a clause at least as strict as the organisation's.
bool AuditCounts(const graph::Audit& audit, const graph::Organisation& organisation,
                 const std::string& today);
// A finding the Swedish clause makes reportable within two weeks: forced or child labour, or
// a priority health-and-safety finding (life-threatening conditions).
bool SevereFinding(const graph::AuditFinding& finding);

struct Alert {
  std::string kind;  // overdue_action | severe_finding
  std::string audit_id, site_id, site_name;
  std::string date;  // the deadline missed, or the audit date
  std::string due;   // severe: notify members by this date
  std::string text;
};
struct AlertOptions {
  std::string today;     // "" = the service clock
  int severe_days = 14;  // severe findings of audits this recent are alerted
};
// For one organisation: overdue CAP items and recent severe findings of the audits it may see,
// at sites its own contracts reach (or of audits it recorded).
Result<std::vector<Alert>> Alerts(const Service& service, const std::string& organisation,
                                  const AlertOptions& options = {});

}  // namespace isvgraph::api
