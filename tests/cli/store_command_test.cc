// The store administration commands as an operator runs them: the real isvgraph binary on a
// store in a temporary directory.

#include <string>

#include <gtest/gtest.h>

#include "isvgraph/api/service.h"
#include "support/postgres_cluster.h"
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

// A PostgreSQL store from the command line: the schema made by `store migrate`, a token issued
// into it, `config check` beside a server that holds it, and the password in no output.
TEST(PostgresStoreCommands, MigrateIssueAndCheckWithoutShowingThePassword) {
  isvgraph::testing::PostgresCluster* cluster = isvgraph::testing::PostgresCluster::Shared();
  if (!cluster) GTEST_SKIP() << isvgraph::testing::PostgresCluster::SkipReason();
  const std::string url = cluster->WithPassword(cluster->NewDatabase(), "s3cret");
  CommandRun migrated = Isvgraph("store migrate --db '" + url + "'");
  EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_NE(migrated.output.find("password=***: schema version 0 -> 2"), std::string::npos)
      << migrated.output;
  CommandRun again = Isvgraph("store migrate --db '" + url + "'");
  EXPECT_NE(again.output.find("schema version 2, nothing to do"), std::string::npos)
      << again.output;
  CommandRun token = Isvgraph("token create --db '" + url + "' --org rws --role buyer");
  EXPECT_EQ(token.exit_code, 0) << token.output;
  CommandRun rocks = Isvgraph("store migrate --db /tmp/not-a-database");
  EXPECT_EQ(rocks.exit_code, 2) << rocks.output;
  EXPECT_NE(rocks.output.find("is not a connection string"), std::string::npos) << rocks.output;

  isvgraph::testing::TempDir dir;
  const std::string conf = dir.Sub("isvgraph.conf");
  isvgraph::testing::RunShell("printf '[serve]\\ndb = \"" + url + "\"\\n' > " + conf);
  {
    // A server (here: a service) holds the store; the check only reads the schema's version.
    auto service = api::Service::Open({.db_path = url});
    ASSERT_TRUE(service) << service.error().ToString();
    auto second = api::Service::Open({.db_path = url});
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message().find("another isvgraph process"), std::string::npos);
    CommandRun check = Isvgraph("config check " + conf);
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(check.output.find("password=***"), std::string::npos) << check.output;
    for (const CommandRun& run : {migrated, again, token, check}) {
      EXPECT_EQ(run.output.find("s3cret"), std::string::npos) << run.output;
    }
  }
}

}  // namespace
}  // namespace isvgraph::cli
