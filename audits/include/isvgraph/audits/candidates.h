#pragma once

// Joint-audit candidates: the flagged sites that the chains of several members of an audit
// group reach, ranked by collective leverage (Electronics Watch's measure: how many members are
// linked and their combined spend), then by risk. Values are combined, never shown: leverage is
// given relative to the first candidate's.

#include <map>
#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::audits {

// A flagged site members' chains reach, ranked by leverage, then risk.
struct AuditCandidate {
  int rank = 0;
  graph::Site site;
  double score = 0;           // the site's risk score (worst theme)
  std::string worst_theme;    // theme id
  int members = 0;            // members of the group whose contracts reach it (>= 2)
  double leverage = 0;        // relative to the first candidate's (members × combined value)
  i18n::Text leverage_words;  // the same in words ("about 40 % of the leverage of …")
  int64_t own_value_eur = 0;  // the asking member's own contracts reaching the site
  bool own = false;           // the asking member reaches it itself
  i18n::Text explanation;     // why this rank, in words
  std::string last_audit_id;  // the latest audit of the site (expired or not counting)
};

struct CandidateOptions {
  std::string today;  // YYYY-MM-DD, for the reuse rule. Required.
  size_t limit = 50;
};

// The group's candidates as `organisation` sees them. Sites with a valid audit that counts for
// the organisation (AuditCounts) are left out. NotFound for a group the organisation is not a
// member of (the same answer as for none).
Result<std::vector<AuditCandidate>> RankCandidates(const graph::ChainGraph& chains,
                                                   const riskdata::KnowledgeBase& kb,
                                                   const std::string& organisation,
                                                   const std::string& group,
                                                   const CandidateOptions& options);

// Where a site stands among the candidates of one of the organisation's audit groups: for pages
// that call a site a joint-audit candidate (reached within the circle of all its groups), so
// that a site the group's own list leaves out is explained where it is named.
struct GroupStanding {
  std::string group;
  int rank = 0;          // 0: not a candidate of this group
  bool in_plan = false;  // rank <= the candidates a plan takes by default
  i18n::Text text;       // the rank, or why the site is not listed
};

// For each of `site_ids`: one standing per audit group of `organisation`, by group id (each
// group is ranked once for all the sites). `plan_candidates` is how many candidates a plan takes
// (PlanOptions' default). NotFound for an unknown organisation.
Result<std::map<std::string, std::vector<GroupStanding>>> StandingInGroups(
    const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
    const std::string& organisation, const std::vector<std::string>& site_ids,
    const std::string& today, size_t plan_candidates = 12);

// A flagged site that contracts of the viewer and of other members of any of its audit groups
// reach (graph::ChainGraph::JointAuditCandidates), with the site and why it is listed.
struct SharedSite {
  graph::JointAuditCandidate candidate;
  std::optional<graph::Site> site;  // nullopt when the registry no longer holds it
  i18n::Text explanation;
};
std::vector<SharedSite> SharedSites(const graph::ChainGraph& chains, const graph::Viewer& viewer,
                                    size_t limit);

}  // namespace isvgraph::audits
