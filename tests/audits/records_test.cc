// Audit records: checked whole (every problem named, nothing written), ids made and never taken
// over, defaults filled, and seen only by the recorder and the group it is shared with.

#include "isvgraph/audits/records.h"

#include "nordic_world.h"

namespace isvgraph::audits {
namespace {

using RecordsTest = NordicWorld;

TEST_F(RecordsTest, ABadAuditIsRefusedWholeNamingEveryProblem) {
  graph::Audit bad{
      .site_id = "NOPE",
      .audit_group = "other-group",
      .type = "visit",
      .date = "2026-02-30",
      .findings = {{.theme = "moods", .grade = "huge"}},
      .actions = {{.finding = 3, .action = "", .deadline = "soon", .status = "maybe"}}};
  auto recorded = RecordAudit(*world_.chains, "skane", bad);
  ASSERT_FALSE(recorded);
  EXPECT_EQ(recorded.error().code(), StatusCode::kInvalidArgument);
  const std::string& message = recorded.error().message();
  for (const char* part :
       {"site_id: 'NOPE' is not a site", "type: must be self_assessment, desk, site or follow_up",
        "date: '2026-02-30'", "audit_group: skane is not a member of 'other-group'",
        "findings[0].theme", "findings[0].grade: must be priority, major or minor",
        "actions[0].finding: no finding 3", "actions[0].action", "actions[0].deadline",
        "actions[0].status: must be open, in_progress, done or verified"}) {
    EXPECT_NE(message.find(part), std::string::npos) << part << " in " << message;
  }
  EXPECT_TRUE(ListAudits(*world_.chains, "skane")->empty());
}

TEST_F(RecordsTest, IdsAndDefaultsAreMadeAndAnotherOrganisationsIdIsNotTakenOver) {
  auto first = RecordAudit(*world_.chains, "skane", KlangAudit());
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->id, "G-2026-11-20-1");
  EXPECT_EQ(first->valid_until, "2028-11-20");
  EXPECT_EQ(first->clause_level, "basic");
  EXPECT_EQ(first->organisation, "skane");
  auto second = RecordAudit(*world_.chains, "skane", KlangAudit());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->id, "G-2026-11-20-2");

  // Another organisation's id is answered like a free one: a new id, nothing overwritten.
  graph::Audit squat = KlangAudit();
  squat.id = first->id;
  squat.audit_group = "";
  auto other = RecordAudit(*world_.chains, "oslo", squat);
  ASSERT_TRUE(other) << other.error().ToString();
  EXPECT_EQ(other->id, "G-2026-11-20-3");
  graph::Audit free_id = KlangAudit();
  free_id.id = "NEVER-USED";
  free_id.audit_group = "";
  EXPECT_EQ(RecordAudit(*world_.chains, "oslo", free_id)->id, "G-2026-11-20-4");
  EXPECT_EQ(GetAudit(*world_.chains, "skane", first->id)->organisation, "skane");
  // Its own audit an organisation replaces by id.
  graph::Audit again = KlangAudit();
  again.id = first->id;
  again.summary = "corrected";
  EXPECT_EQ(RecordAudit(*world_.chains, "skane", again)->id, first->id);
  EXPECT_EQ(GetAudit(*world_.chains, "skane", first->id)->summary, "corrected");
}

TEST_F(RecordsTest, OnlyTheRecorderAndTheGroupSeeAnAudit) {
  auto recorded = RecordAudit(*world_.chains, "skane", KlangAudit());
  ASSERT_TRUE(recorded);
  EXPECT_TRUE(GetAudit(*world_.chains, "stockholm", recorded->id));
  EXPECT_EQ(ListAudits(*world_.chains, "vgregion", "G")->size(), 1u);
  EXPECT_TRUE(ListAudits(*world_.chains, "vgregion", "W")->empty());
  auto foreign = GetAudit(*world_.chains, "oslo", recorded->id);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), StatusCode::kNotFound);
  EXPECT_TRUE(ListAudits(*world_.chains, "oslo")->empty());
}

}  // namespace
}  // namespace isvgraph::audits
