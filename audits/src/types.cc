#include "isvgraph/audits/types.h"

#include <algorithm>

#include "isvgraph/riskdata/theme.h"

namespace isvgraph::audits {

bool IsClosed(CapStatus status) {
  return status == CapStatus::kDone || status == CapStatus::kVerified;
}

std::optional<ClauseLevel> ClauseLevelOf(std::string_view level) {
  if (level.empty()) return ClauseLevel::kBasic;
  return kClauseLevels.FromName(level);
}

bool AuditCounts(const graph::Audit& audit, const graph::Organisation& organisation,
                 const std::string& today) {
  const auto done = ClauseLevelOf(audit.clause_level);
  const auto needed = ClauseLevelOf(organisation.clause_level);
  return audit.date <= today && today <= audit.valid_until && done && needed && *done >= *needed;
}

bool SevereFinding(const graph::AuditFinding& finding) {
  using riskdata::Theme;
  const std::optional<Theme> theme = riskdata::ThemeFromId(finding.theme);
  return theme == Theme::kForcedLabour || theme == Theme::kChildLabour ||
         (theme == Theme::kHealthSafety &&
          kFindingGrades.FromName(finding.grade) == FindingGrade::kPriority);
}

bool IsMember(const graph::Organisation& organisation, const std::string& group) {
  return std::binary_search(organisation.audit_groups.begin(), organisation.audit_groups.end(),
                            group);
}

}  // namespace isvgraph::audits
