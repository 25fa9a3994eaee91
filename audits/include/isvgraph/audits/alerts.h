#pragma once

// Alerts of a member: corrective actions past their deadline, and severe findings (SevereFinding)
// of recent audits with the date by which every member whose chain reaches the site must be told
// (the Swedish clause's two weeks).

#include <string>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::audits {

struct Alert {
  std::string kind;  // overdue_action | severe_finding
  std::string audit_id, site_id, site_name;
  std::string date;  // the deadline missed, or the audit date
  std::string due;   // severe: notify members by this date
  i18n::Text text;
};

struct AlertOptions {
  std::string today;     // YYYY-MM-DD. Required.
  int severe_days = 14;  // severe findings of audits this recent are alerted
};

// For one organisation: overdue CAP items and recent severe findings of the audits it may see,
// at sites its own contracts reach (or of audits it recorded); severe first, then oldest first.
// InvalidArgument when `today` is not a date.
Result<std::vector<Alert>> Alerts(const graph::ChainGraph& chains,
                                  const riskdata::KnowledgeBase& kb,
                                  const std::string& organisation, const AlertOptions& options);

}  // namespace isvgraph::audits
