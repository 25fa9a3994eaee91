#pragma once

// The closed sets of joint audits — audit types, RBA's finding grades, the states of a
// corrective action, the levels of a sustainability clause — and the two rules every part of
// the tool applies to them: when an audit counts for a member (the reuse rule) and which findings
// must be reported within two weeks. Records keep these as their names (graph/records.h, the
// stored form); code that decides anything reads them through these sets.

#include <optional>
#include <string>
#include <string_view>

#include "isvgraph/base/closed_set.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::audits {

enum class AuditType { kSelfAssessment, kDesk, kSite, kFollowUp };
inline constexpr ClosedSet<AuditType, 4> kAuditTypes{
    {"self_assessment", "desk", "site", "follow_up"}};

// RBA's grading of findings, most serious first.
enum class FindingGrade { kPriority, kMajor, kMinor };
inline constexpr ClosedSet<FindingGrade, 3> kFindingGrades{{"priority", "major", "minor"}};

// The state of one corrective-action item; done and verified close it.
enum class CapStatus { kOpen, kInProgress, kDone, kVerified };
inline constexpr ClosedSet<CapStatus, 4> kCapStatuses{{"open", "in_progress", "done", "verified"}};
bool IsClosed(CapStatus status);

// The level of a sustainability clause, in increasing strictness (Swedish model: basic and
// advanced). An organisation or audit that records none has the basic one.
enum class ClauseLevel { kBasic, kAdvanced };
inline constexpr ClosedSet<ClauseLevel, 2> kClauseLevels{{"basic", "advanced"}};
// "" and "basic" → kBasic, "advanced" → kAdvanced, anything else nullopt.
std::optional<ClauseLevel> ClauseLevelOf(std::string_view level);

// The reuse rule: an audit counts for an organisation when it is valid on `today` (date <=
// today <= valid_until) and was done under a clause at least as strict as the organisation's.
bool AuditCounts(const graph::Audit& audit, const graph::Organisation& organisation,
                 const std::string& today);

// A finding the Swedish clause makes reportable within two weeks: forced or child labour, or a
// priority health-and-safety finding (life-threatening conditions).
bool SevereFinding(const graph::AuditFinding& finding);

// Whether an organisation belongs to an audit group (its groups are kept sorted).
bool IsMember(const graph::Organisation& organisation, const std::string& group);

}  // namespace isvgraph::audits
