#pragma once

// The ranking behind candidates and plans: each candidate with what only a plan may combine —
// every member's value reaching the site — which RankCandidates drops before answering.

#include <map>
#include <string>
#include <vector>

#include "isvgraph/audits/candidates.h"

namespace isvgraph::audits {

struct Ranked {
  AuditCandidate shown;
  std::map<std::string, int64_t> member_values;
  int64_t combined = 0;
  i18n::Text why_not;  // why the site's last audit does not count for the asking member
};

// The first `limit` candidates of the group for the organisation on `today`, ranked and
// explained. NotFound as RankCandidates.
Result<std::vector<Ranked>> Rank(const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
                                 const std::string& organisation, const std::string& group,
                                 const std::string& today, size_t limit);

// A theme's name in words ("Forced labour", "Dwangarbeid"); the id itself when unknown.
i18n::Text ThemeLabel(const riskdata::KnowledgeBase& kb, const std::string& theme_id);

// "0.42": a number with `digits` decimals, for explanations.
std::string Fixed(double value, int digits);

}  // namespace isvgraph::audits
