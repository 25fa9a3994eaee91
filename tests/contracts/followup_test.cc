// The ISV follow-up on the memory store: steps are checked, appended in order, only to the
// organisation's own contract, and nothing follows a termination.

#include "isvgraph/contracts/followup.h"

#include <gtest/gtest.h>

#include "support/domain_world.h"

namespace isvgraph::contracts {
namespace {

class FollowUpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = isvgraph::testing::DomainWorld::Make();
    graph::WriteBatch batch;
    for (const char* org : {"rws", "utrecht"}) batch.PutOrganisation({.id = org, .name = org});
    batch.PutSite({.id = "R", .name = "Reseller", .country = "NL"});
    batch.PutContract({.id = "ICT-1", .organisation = "rws", .tier1_site_id = "R"});
    ASSERT_TRUE(world_.chains->Apply(std::move(batch)).ok());
  }
  Result<graph::Contract> Record(const std::string& organisation, graph::FollowUpStep step) {
    return RecordFollowUp(*world_.chains, organisation, "ICT-1", std::move(step));
  }
  isvgraph::testing::DomainWorld world_;
};

TEST_F(FollowUpTest, TheLadderIsOrderedAndTheStageIsItsHighestStep) {
  EXPECT_FALSE(IsEscalation("plan_agreed"));
  EXPECT_TRUE(IsEscalation("talks"));
  EXPECT_TRUE(IsEscalation("termination"));
  EXPECT_FALSE(IsEscalation("lawsuit"));
  ASSERT_TRUE(Record("rws", {.step = "risk_analysis_received", .date = "2026-02-01"}));
  ASSERT_TRUE(Record("rws", {.step = "investigation", .date = "2026-04-01"}));
  auto contract =
      Record("rws", {.step = "talks", .date = "2026-05-03", .note = "again", .tier = 2});
  ASSERT_TRUE(contract) << contract.error().ToString();
  ASSERT_EQ(contract->followup.size(), 3u);
  EXPECT_EQ(contract->followup[2].tier, 2);
  EXPECT_EQ(EscalationStage(*contract), "investigation");  // the highest, not the latest
}

TEST_F(FollowUpTest, BadStepsAreRefusedAndChangeNothing) {
  for (const graph::FollowUpStep& bad :
       {graph::FollowUpStep{.step = "lawsuit", .date = "2026-05-04"},
        graph::FollowUpStep{.step = "talks", .date = "3 May"},
        graph::FollowUpStep{.step = "talks", .date = "2026-05-04", .tier = 7},
        graph::FollowUpStep{
            .step = "talks", .date = "2026-05-04", .note = std::string(2001, 'x')}}) {
    auto r = Record("rws", bad);
    ASSERT_FALSE(r) << bad.step << " " << bad.date;
    EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(Record("utrecht", {.step = "talks", .date = "2026-05-04"}).error().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(world_.chains->GetContract({.organisation = "rws"}, "ICT-1")->followup.empty());
}

TEST_F(FollowUpTest, NothingFollowsATermination) {
  ASSERT_TRUE(Record("rws", {.step = "termination", .date = "2026-09-01"}));
  auto after = Record("rws", {.step = "annual_report", .date = "2026-12-01"});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace isvgraph::contracts
