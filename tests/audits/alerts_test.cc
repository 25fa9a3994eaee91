// Alerts: a severe finding with the date every member must be told by, an overdue corrective
// action, and nothing for an organisation whose chain does not reach the site.

#include "isvgraph/audits/alerts.h"

#include "isvgraph/audits/records.h"
#include "nordic_world.h"

namespace isvgraph::audits {
namespace {

using AlertsTest = NordicWorld;

TEST_F(AlertsTest, SevereFindingsAndOverdueActionsOfAuditsAtReachedSites) {
  ASSERT_TRUE(RecordAudit(*world_.chains, "skane", KlangAudit()));
  auto alerts = Alerts(*world_.chains, *world_.kb, "stockholm", {.today = kToday});
  ASSERT_TRUE(alerts) << alerts.error().ToString();
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_EQ((*alerts)[0].kind, "severe_finding");
  EXPECT_EQ((*alerts)[0].due, "2026-12-04");
  EXPECT_EQ((*alerts)[1].kind, "overdue_action");
  EXPECT_NE((*alerts)[1].text.en.find("repay fees"), std::string::npos);
  // Themes in words, in each language: never the theme's id.
  EXPECT_NE((*alerts)[0].text.en.find("Forced labour"), std::string::npos) << (*alerts)[0].text.en;
  EXPECT_NE((*alerts)[1].text.nl.find("Dwangarbeid"), std::string::npos) << (*alerts)[1].text.nl;
  EXPECT_EQ((*alerts)[1].text.en.find("forced_labour"), std::string::npos);
  // The audit is eight days old: outside a five-day window only the overdue action is left.
  EXPECT_EQ(
      Alerts(*world_.chains, *world_.kb, "stockholm", {.today = kToday, .severe_days = 5})->size(),
      1u);
  EXPECT_TRUE(Alerts(*world_.chains, *world_.kb, "oslo", {.today = kToday})->empty());
  EXPECT_EQ(Alerts(*world_.chains, *world_.kb, "stockholm", {.today = "tomorrow"}).error().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace isvgraph::audits
