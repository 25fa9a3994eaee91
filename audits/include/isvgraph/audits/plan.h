#pragma once

// Audit trips: the top candidates of a group grouped by country and distance, each with a lead
// (the member whose contracts reaching the trip are worth most: the largest leverage) and
// co-financing shares by that value.

#include <string>
#include <vector>

#include "isvgraph/audits/candidates.h"

namespace isvgraph::audits {

struct PlanOptions {
  std::string today;       // YYYY-MM-DD, for the reuse rule. Required.
  size_t candidates = 12;  // how many top candidates to plan
  double radius_km = 300;  // sites of one trip lie within this of the trip's first site
  size_t max_sites = 4;    // per trip
};

struct TripShare {
  std::string organisation;
  // Of the trip's cost, by the value of its contracts reaching the trip's sites, rounded to tens
  // of percent (at least 10 %): a finer share would reveal the other members' contract values.
  double share = 0;
};

struct AuditTrip {
  int number = 0;
  std::string country;
  std::vector<AuditCandidate> sites;
  std::string lead;  // the member with the largest value reaching the trip (largest leverage)
  std::vector<TripShare> shares;
  i18n::Text reason;  // why grouped, why this lead
};

// A visit to check corrective actions past their deadline at one site (the asking member's
// overdue-action alerts, audits/alerts.h), put on a trip of the plan that passes near.
struct FollowUpVisit {
  std::string site_id, site_name, country;
  std::string audit_id;       // the audit of the oldest overdue action
  std::string overdue_since;  // its deadline, YYYY-MM-DD
  int actions = 0;            // overdue corrective actions at the site, all audits
  int trip = 0;               // the trip that passes within the radius; 0: a visit of its own
  i18n::Text reason;          // what to do, and with which trip
};

struct AuditPlan {
  std::string group;
  std::string today;
  PlanOptions options;
  std::vector<AuditTrip> trips;
  std::vector<FollowUpVisit> follow_ups;  // oldest overdue action first
  std::vector<i18n::Text> notes;          // e.g. sites without coordinates grouped by country only
};

// Co-financing shares in tens of percent (1 = 10 %) for `exact` shares that sum to 1: they add
// up to exactly 100 %, each at least 10 % (every member of a trip pays something). Finer shares
// and one's own value would tell a member the others' contract values (520k at 43.1 % makes the
// 53.8 % member's about 650k). Each share is rounded down and raised to the minimum; then tens
// go to (or come from) the shares furthest below (or above) their exact value. With more than
// ten members each keeps the minimum and the sum exceeds 100 %.
std::vector<int> TensOfPercent(const std::vector<double>& exact);

// The plan of `organisation` for `group`, with a follow-up visit for every site where a
// corrective action the organisation is alerted to is overdue. InvalidArgument for max_sites < 1 or
// a radius that is not positive; NotFound as RankCandidates.
Result<AuditPlan> PlanAudits(const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
                             const std::string& organisation, const std::string& group,
                             const PlanOptions& options);

}  // namespace isvgraph::audits
