// The closed sets of audits and the two rules on them: reuse and severity.

#include "isvgraph/audits/types.h"

#include <gtest/gtest.h>

namespace isvgraph::audits {
namespace {

TEST(AuditTypes, EachSetNamesItsValuesOnce) {
  EXPECT_EQ(kAuditTypes.Name(AuditType::kFollowUp), "follow_up");
  EXPECT_EQ(kAuditTypes.FromName("desk"), AuditType::kDesk);
  EXPECT_FALSE(kAuditTypes.FromName("visit"));
  EXPECT_EQ(kFindingGrades.Alternatives(), "priority, major or minor");
  EXPECT_TRUE(IsClosed(CapStatus::kVerified));
  EXPECT_FALSE(IsClosed(CapStatus::kInProgress));
  EXPECT_EQ(ClauseLevelOf(""), ClauseLevel::kBasic);
  EXPECT_EQ(ClauseLevelOf("advanced"), ClauseLevel::kAdvanced);
  EXPECT_FALSE(ClauseLevelOf("extreme"));
}

TEST(AuditRules, ReuseNeedsValidityAndAtLeastTheSameClause) {
  graph::Audit audit{.date = "2025-01-10", .valid_until = "2027-01-10", .clause_level = "basic"};
  graph::Organisation basic{.id = "a"}, advanced{.id = "b", .clause_level = "advanced"};
  EXPECT_TRUE(AuditCounts(audit, basic, "2026-11-28"));
  EXPECT_FALSE(AuditCounts(audit, advanced, "2026-11-28"));
  EXPECT_FALSE(AuditCounts(audit, basic, "2027-01-11"));  // expired
  EXPECT_FALSE(AuditCounts(audit, basic, "2025-01-09"));  // not done yet
  audit.clause_level = "advanced";
  EXPECT_TRUE(AuditCounts(audit, advanced, "2026-11-28"));
}

TEST(AuditRules, ForcedAndChildLabourAndPriorityHealthAndSafetyAreSevere) {
  EXPECT_TRUE(SevereFinding({.theme = "child_labour", .grade = "minor"}));
  EXPECT_TRUE(SevereFinding({.theme = "forced_labour", .grade = "major"}));
  EXPECT_TRUE(SevereFinding({.theme = "health_safety", .grade = "priority"}));
  EXPECT_FALSE(SevereFinding({.theme = "health_safety", .grade = "major"}));
  EXPECT_FALSE(SevereFinding({.theme = "wages_hours", .grade = "priority"}));
}

}  // namespace
}  // namespace isvgraph::audits
