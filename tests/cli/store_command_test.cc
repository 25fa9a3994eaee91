// The store administration commands as an operator runs them: the real isvgraph binary on a
// store in a temporary directory.

#include <string>

#include <gtest/gtest.h>

#include "isvgraph/api/service.h"
#include "support/shell.h"
#include "support/temp_dir.h"

namespace isvgraph::cli {
namespace {

// The binary's exit code and everything it wrote, stdout and stderr together.
using CommandRun = isvgraph::testing::ShellRun;

CommandRun Isvgraph(const std::string& arguments) {
  return isvgraph::testing::RunShell(std::string(ISVGRAPH_BINARY) + " " + arguments + " 2>&1");
}

TEST(GroupJoin, ShowsTheMembersAndWantsYesWhenOthersAreIn) {
  isvgraph::testing::TempDir dir;
  const std::string db = dir.Sub("db");
  {
    auto service = api::Service::Open({.db_path = db});
    ASSERT_TRUE(service) << service.error().ToString();
    for (const char* org : {"rws", "umc-north"}) {
      ASSERT_TRUE((*service)->CreateToken({.organisation = org}));
    }
    // rws founded the group (over HTTP an organisation's admin may).
    ASSERT_TRUE((*service)->FoundAuditGroup("rws", "zorginkoop-be").ok());
  }
  CommandRun refused = Isvgraph("group join --db " + db + " --org umc-north --group zorginkoop-be");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("has 1 member(s): rws"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("--yes"), std::string::npos) << refused.output;
  {
    auto service = api::Service::Open({.db_path = db});
    EXPECT_EQ((*service)->AuditGroupMembers("zorginkoop-be").value(),
              std::vector<std::string>{"rws"});
  }
  CommandRun joined =
      Isvgraph("group join --db " + db + " --org umc-north --group zorginkoop-be --yes");
  EXPECT_EQ(joined.exit_code, 0) << joined.output;
  // A new group with nobody in it needs no confirmation.
  CommandRun fresh = Isvgraph("group join --db " + db + " --org rws --group stone-buyers");
  EXPECT_EQ(fresh.exit_code, 0) << fresh.output;
  EXPECT_NE(fresh.output.find("no other members"), std::string::npos) << fresh.output;
}

}  // namespace
}  // namespace isvgraph::cli
