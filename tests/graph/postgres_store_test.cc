// What only the PostgreSQL store has: connection strings whose passwords never show, a schema
// with a version and migrations, batches that a failing row rolls back whole, and a database
// that goes away and comes back. The store contract itself runs in chain_store_test.cc.

#include <gtest/gtest.h>

#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/graph/chain_store.h"
#include "isvgraph/graph/risk_model.h"
#include "isvgraph/graph/site_names.h"
#include "support/postgres_cluster.h"
#include "support/shell.h"

namespace isvgraph::graph {
namespace {

using isvgraph::testing::PostgresCluster;

TEST(PostgresUrl, PasswordsAreRedactedInEveryForm) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://isv:s3cret@db.example.nl:5432/isvgraph"),
            "postgresql://isv:***@db.example.nl:5432/isvgraph");
  EXPECT_EQ(RedactPostgresUrl("host=db port=5432 password=s3cret dbname=isvgraph"),
            "host=db port=5432 password=*** dbname=isvgraph");
  EXPECT_EQ(RedactPostgresUrl(R"(host=db password = 'it\'s secret' dbname=x)"),
            "host=db password = *** dbname=x");
  EXPECT_EQ(RedactPostgresUrl("postgresql://db/isvgraph?user=isv&password=s3cret&sslmode=require"),
            "postgresql://db/isvgraph?user=isv&password=***&sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgresql://isv@db/isvgraph"), "postgresql://isv@db/isvgraph");
  EXPECT_TRUE(IsPostgresUrl("postgresql://db/isvgraph"));
  EXPECT_TRUE(IsPostgresUrl("host=db dbname=isvgraph"));
  EXPECT_FALSE(IsPostgresUrl("/var/lib/isvgraph/store"));
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = PostgresCluster::Shared();
    if (!cluster_) GTEST_SKIP() << PostgresCluster::SkipReason();
    url_ = cluster_->NewDatabase();
  }
  // Runs SQL in the test's database through psql.
  isvgraph::testing::ShellRun Sql(const std::string& sql) {
    return isvgraph::testing::RunShell("psql '" + url_ + "' -q -t -A -c \"" + sql + "\" 2>&1");
  }
  // A chain graph on the test's database opened shared, as a server holds it, scoring "risky"
  // sites in India 0.9 for child labour.
  std::unique_ptr<ChainGraph> OpenShared() {
    std::vector<RiskTable::Row> rows = {{"IN", "risky", "child_labour", 900}};
    static const std::shared_ptr<const SiteRiskModel> model =
        RiskTable::FromRows(rows, "test-table").value();
    auto store = OpenPostgresStore({.url = url_, .exclusive = false});
    EXPECT_TRUE(store) << store.error().ToString();
    EXPECT_TRUE((*store)->shared());
    return ChainGraph::Open(std::move(store).value(), model, {}).value();
  }
  PostgresCluster* cluster_ = nullptr;
  std::string url_;
};

TEST_F(PostgresStoreTest, AnUnreachableDatabaseIsNamedWithoutItsPassword) {
  const std::string url = "host=127.0.0.1 port=1 user=isv password=s3cret dbname=none";
  auto store = OpenPostgresStore({.url = url});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kIoError);
  EXPECT_NE(store.error().message().find("password=***"), std::string::npos)
      << store.error().message();
  EXPECT_EQ(store.error().message().find("s3cret"), std::string::npos) << store.error().message();
  EXPECT_FALSE(OpenPostgresStore({.url = ""}));
}

TEST_F(PostgresStoreTest, TheSchemaHasAVersionAndUpgradingIsACommand) {
  auto missing = OpenPostgresStore({.url = url_, .create_if_missing = false});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);

  auto migrated = MigratePostgresStore(url_);
  ASSERT_TRUE(migrated) << migrated.error().ToString();
  EXPECT_EQ(*migrated, std::make_pair(0, kPostgresSchemaVersion));
  EXPECT_EQ(Sql("SELECT version FROM isvgraph_schema").output, "2\n");
  EXPECT_EQ(*MigratePostgresStore(url_), std::make_pair(2, 2));  // nothing left to do
  ASSERT_TRUE(OpenPostgresStore({.url = url_, .create_if_missing = false}));

  // A store of version 1 (as the first build made it, with a journal entry) is refused until it
  // is migrated; the entry stays, without an index change (followers rebuild for it).
  {
    auto store = OpenPostgresStore({.url = url_});
    ASSERT_TRUE(store);
    WriteBatch batch;
    batch.PutSite({.id = "S1", .name = "Quarry", .country = "IN"});
    batch.SetJournal({.seq = 1, .what = "before the upgrade", .records = 1});
    ASSERT_TRUE((*store)->Write(std::move(batch)).ok());
  }
  ASSERT_EQ(Sql("DROP INDEX journal_by_seq; ALTER TABLE journal DROP COLUMN index_change; "
                "UPDATE isvgraph_schema SET version = 1")
                .exit_code,
            0);
  auto older = OpenPostgresStore({.url = url_});
  ASSERT_FALSE(older);
  EXPECT_EQ(older.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(older.error().message().find("isvgraph store migrate"), std::string::npos)
      << older.error().message();
  EXPECT_EQ(*MigratePostgresStore(url_), std::make_pair(1, 2));
  auto upgraded = OpenPostgresStore({.url = url_});
  ASSERT_TRUE(upgraded) << upgraded.error().ToString();
  EXPECT_EQ((*upgraded)->LastJournalSeq(), 1u);
  EXPECT_TRUE((*upgraded)->GetSite("S1").has_value());
  std::vector<std::pair<uint64_t, std::string>> changes;
  ASSERT_TRUE((*upgraded)
                  ->ScanIndexChanges(0, 1,
                                     [&](uint64_t seq, std::string_view change) {
                                       changes.emplace_back(seq, std::string(change));
                                     })
                  .ok());
  EXPECT_EQ(changes, (std::vector<std::pair<uint64_t, std::string>>{{1, ""}}));
  upgraded->reset();

  // A store written by a newer build is refused, not read.
  ASSERT_EQ(Sql("UPDATE isvgraph_schema SET version = 9").exit_code, 0);
  auto newer = OpenPostgresStore({.url = url_});
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.error().message().find("schema version 9, newer than this build's 2"),
            std::string::npos)
      << newer.error().message();
  EXPECT_FALSE(MigratePostgresStore(url_));
}

TEST_F(PostgresStoreTest, OneProcessAtATimeHasTheStoreOpen) {
  auto first = OpenPostgresStore({.url = url_});
  ASSERT_TRUE(first) << first.error().ToString();
  auto second = OpenPostgresStore({.url = url_});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.error().message().find("another isvgraph process has the store"),
            std::string::npos)
      << second.error().message();
  first->reset();
  EXPECT_TRUE(OpenPostgresStore({.url = url_}));
}

TEST_F(PostgresStoreTest, ARowTheDatabaseRefusesRollsBackTheWholeBatch) {
  auto store = OpenPostgresStore({.url = url_});
  ASSERT_TRUE(store) << store.error().ToString();
  // A rule of the database's own (as a DBA might add, or a full disk might impose).
  ASSERT_EQ(Sql("ALTER TABLE sites ADD CONSTRAINT no_refused CHECK (name <> 'Refused')").exit_code,
            0);
  WriteBatch batch;
  batch.PutSite({.id = "S1", .name = "Quarry one", .country = "IN"});
  batch.PutSite({.id = "S2", .name = "Refused", .country = "IN"});
  batch.PutSite({.id = "S3", .name = "Quarry three", .country = "IN"});
  batch.PutOrganisation({.id = "rws"});
  const Status written = (*store)->Write(batch);
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.code(), StatusCode::kIoError);
  EXPECT_NE(written.message().find("no_refused"), std::string::npos) << written.message();
  EXPECT_FALSE((*store)->GetSite("S1"));
  EXPECT_FALSE((*store)->GetOrganisation("rws"));
  EXPECT_EQ(Sql("SELECT count(*) FROM sites").output, "0\n");
  // The connection is usable again afterwards; text that is not UTF-8 never fails a write (the
  // readable column gets U+FFFD, the record keeps its bytes).
  WriteBatch good;
  good.PutSite({.id = "S1", .name = "Quarry one", .country = "IN"});
  good.PutSite({.id = "S4", .name = "Caf\xe9 stone", .country = "IN"});
  ASSERT_TRUE((*store)->Write(good).ok());
  EXPECT_EQ((*store)->GetSite("S1")->name, "Quarry one");
  EXPECT_EQ((*store)->GetSite("S4")->name, "Caf\xe9 stone");
  // The readable columns are there for people who query the database.
  EXPECT_EQ(Sql("SELECT name, country FROM sites ORDER BY key").output,
            "Quarry one|IN\nCaf\xEF\xBF\xBD stone|IN\n");
}

TEST_F(PostgresStoreTest, TheJournalIsAppendOnly) {
  auto store = OpenPostgresStore({.url = url_});
  ASSERT_TRUE(store) << store.error().ToString();
  auto write = [&](const std::string& site, const std::string& what) {
    WriteBatch batch;
    batch.PutSite({.id = site, .name = site, .country = "IN"});
    batch.SetJournal({.seq = 1, .time_unix = 100, .organisation = "rws", .what = what});
    return (*store)->Write(std::move(batch));
  };
  ASSERT_TRUE(write("S1", "first").ok());
  const Status again = write("S2", "second with a seq already taken");
  EXPECT_EQ(again.code(), StatusCode::kIoError) << again.ToString();
  EXPECT_FALSE((*store)->GetSite("S2"));  // the whole batch went back
  std::vector<std::string> entries;
  ASSERT_TRUE((*store)
                  ->ScanJournal(0,
                                [&](JournalEntry&& e) {
                                  entries.push_back(e.what);
                                  return true;
                                })
                  .ok());
  EXPECT_EQ(entries, std::vector<std::string>{"first"});
}

TEST_F(PostgresStoreTest, AStoreOutlivesARestartOfTheDatabase) {
  auto store = OpenPostgresStore({.url = url_});
  ASSERT_TRUE(store) << store.error().ToString();
  WriteBatch batch;
  batch.PutSite({.id = "S1", .name = "Quarry one", .country = "IN"});
  ASSERT_TRUE((*store)->Write(batch).ok());
  ASSERT_TRUE(cluster_->Stop());
  auto gone = (*store)->GetSite("S1");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code(), StatusCode::kIoError) << gone.error().ToString();
  WriteBatch refused;
  refused.PutSite({.id = "S2", .name = "Quarry two", .country = "IN"});
  EXPECT_EQ((*store)->Write(refused).code(), StatusCode::kIoError);
  ASSERT_TRUE(cluster_->Start());
  // The pool drops the dead connections and opens new ones; a read that meets one is retried.
  Result<Site> back = (*store)->GetSite("S1");
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->name, "Quarry one");
  EXPECT_FALSE((*store)->GetSite("S2"));
  ASSERT_TRUE((*store)->Write(refused).ok());
}

// Two chain graphs on one database opened shared, as two servers hold it: each follows the
// other's writes by catching up, and two writes that take the same journal number keep the
// first; the second stores nothing and says to send it again.
TEST_F(PostgresStoreTest, SharedGraphsFollowEachOtherAndNeverReuseAJournalNumber) {
  std::unique_ptr<ChainGraph> a = OpenShared(), b = OpenShared();
  const Viewer rws{.organisation = "rws"};
  WriteBatch first;
  first.PutOrganisation({.id = "rws", .name = "Rijkswaterstaat"});
  first.PutSite({.id = "T", .name = "Trader", .country = "IN", .sector = "plain"});
  first.PutSite({.id = "Q", .name = "Quarry", .country = "IN", .sector = "risky"});
  first.PutLink({.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "x"});
  first.PutContract({.id = "K", .organisation = "rws", .tier1_site_id = "T"});
  const Status applied = a->Apply(std::move(first));
  ASSERT_TRUE(applied.ok()) << applied.ToString();
  EXPECT_FALSE(b->Exposure(rws, "K").has_value());  // not followed yet
  ASSERT_EQ(b->CatchUp().value(), true);
  EXPECT_EQ(b->Exposure(rws, "K")->flagged, 1);
  EXPECT_EQ(b->applied_seq(), a->applied_seq());
  EXPECT_EQ(b->CatchUp().value(), false);  // nothing new

  // b writes; a has not followed it and takes the same journal number for its own write.
  WriteBatch by_b;
  by_b.PutContract({.id = "K2", .organisation = "rws", .tier1_site_id = "T"});
  ASSERT_TRUE(b->Apply(std::move(by_b)).ok());
  // a catches up inside Apply (the store is shared), so its write goes through after b's.
  WriteBatch by_a;
  by_a.PutContract({.id = "K3", .organisation = "rws", .tier1_site_id = "T"});
  ASSERT_TRUE(a->Apply(std::move(by_a)).ok());
  EXPECT_TRUE(a->Exposure(rws, "K2").has_value());
  ASSERT_TRUE(b->CatchUp().has_value());
  EXPECT_TRUE(b->Exposure(rws, "K3").has_value());
  EXPECT_EQ(a->applied_seq(), 3u);
  EXPECT_EQ(b->applied_seq(), 3u);

  // The race itself, one level down: a journal entry whose number is taken is refused.
  WriteBatch late;
  late.PutContract({.id = "K4", .organisation = "rws", .tier1_site_id = "T"});
  late.SetJournal({.seq = 3, .organisation = "rws", .what = "late", .records = 1});
  auto raw = OpenPostgresStore({.url = url_, .exclusive = false});
  ASSERT_TRUE(raw);
  EXPECT_FALSE((*raw)->Write(std::move(late)).ok());
  EXPECT_EQ(Sql("SELECT count(*) FROM contracts").output, "3\n");
}

// Exposures of every contract with every site, as a string to compare two graphs by.
std::string Answers(const ChainGraph& graph) {
  std::string out;
  graph.ForEachExposure({.all = true}, [&](const ChainExposure& exposure) {
    out += exposure.contract_id + ":";
    auto full = graph.Exposure({.all = true}, exposure.contract_id, {.all_sites = true});
    if (!full) return;
    for (const ExposedSite& site : full->sites) {
      out += " " + std::string(site.site_id) + "/" + std::to_string(site.tier) + "/" +
             std::to_string(site.score_milli);
    }
    out += "\n";
  });
  return out;
}

TEST_F(PostgresStoreTest, FollowersPatchSmallWritesAndRebuildForTheRest) {
  std::unique_ptr<ChainGraph> writer = OpenShared(), follower = OpenShared();
  // After each write: the follower catches up, and answers as a graph opened afresh does.
  auto follow = [&](WriteBatch batch, bool patched) {
    const Status applied = writer->Apply(std::move(batch));
    ASSERT_TRUE(applied.ok()) << applied.ToString();
    const IndexStats before = follower->stats();
    ASSERT_EQ(follower->CatchUp().value(), true);
    const IndexStats after = follower->stats();
    EXPECT_EQ(after.patched_catch_ups - before.patched_catch_ups, patched ? 1u : 0u);
    EXPECT_EQ(after.rebuilds - before.rebuilds, patched ? 0u : 1u);
    EXPECT_EQ(follower->applied_seq(), writer->applied_seq());
    std::unique_ptr<ChainGraph> fresh = OpenShared();
    EXPECT_EQ(Answers(*follower), Answers(*fresh));
    EXPECT_EQ(after.sites, fresh->stats().sites);
    EXPECT_EQ(after.links, fresh->stats().links);
    EXPECT_EQ(after.edges, fresh->stats().edges);
    EXPECT_EQ(after.contracts, fresh->stats().contracts);
  };
  WriteBatch first;
  first.PutOrganisation({.id = "rws", .name = "Rijkswaterstaat"});
  first.PutSite({.id = "T", .name = "Trader", .country = "IN", .sector = "plain"});
  first.PutSite({.id = "Q", .name = "Quarry", .country = "IN", .sector = "risky"});
  first.PutSite({.id = "M", .name = "Mill", .country = "IN", .sector = "risky"});
  first.PutLink({.organisation = "rws", .supplier_id = "Q", .customer_id = "T", .product = "x"});
  first.PutLink({.organisation = "rws", .supplier_id = "M", .customer_id = "Q", .product = "y"});
  first.PutContract({.id = "K", .organisation = "rws", .tier1_site_id = "T", .value_eur = 10});
  follow(std::move(first), true);
  EXPECT_EQ(follower->Exposure({.organisation = "rws"}, "K")->flagged, 2);

  WriteBatch rescored;  // a site's sector changes: its score on the follower follows
  rescored.PutSite({.id = "Q", .name = "Quarry", .country = "IN", .sector = "plain"});
  follow(std::move(rescored), true);
  EXPECT_EQ(follower->Exposure({.organisation = "rws"}, "K")->flagged, 1);

  WriteBatch unlinked;  // a link and a contract go, another contract comes
  unlinked.DeleteLink(
      {.organisation = "rws", .supplier_id = "M", .customer_id = "Q", .product = "y"});
  unlinked.DeleteContract("rws", "K");
  unlinked.PutContract({.id = "K2", .organisation = "rws", .tier1_site_id = "Q"});
  follow(std::move(unlinked), true);
  EXPECT_FALSE(follower->Exposure({.organisation = "rws"}, "K").has_value());
  EXPECT_EQ(follower->Exposure({.organisation = "rws"}, "K2")->reachable, 1);

  // A token changes nothing in the index, but the token caches must read again.
  const uint64_t token_writes = follower->token_writes();
  WriteBatch token;
  token.PutToken({.hash = std::string(64, 'a'), .organisation = "rws", .role = "viewer"});
  follow(std::move(token), true);
  EXPECT_GT(follower->token_writes(), token_writes);

  WriteBatch removed;  // deleting a site rebuilds, on the writer and on its followers
  removed.DeleteSite("M");
  follow(std::move(removed), false);

  // Two writes followed at once, one of them by an older build (no index change kept): rebuild.
  WriteBatch older, newer;
  older.PutSite({.id = "N", .name = "New mill", .country = "IN", .sector = "risky"});
  ASSERT_TRUE(writer->Apply(std::move(older)).ok());
  ASSERT_EQ(Sql("UPDATE journal SET index_change = NULL WHERE seq = " +
                std::to_string(writer->applied_seq()))
                .exit_code,
            0);
  newer.PutLink({.organisation = "rws", .supplier_id = "N", .customer_id = "Q", .product = "y"});
  follow(std::move(newer), false);
  EXPECT_EQ(follower->Exposure({.organisation = "rws"}, "K2")->flagged, 1);

  // Several small writes followed at once patch together; the site names follow them too.
  auto port = [&] {
    return follower->site_names()
        .Find("IN", NormaliseCompanyName("Port"), std::nullopt, std::nullopt)
        .site_id;
  };
  EXPECT_EQ(port(), "");  // (loads the country's names)
  WriteBatch one, two;
  one.PutSite({.id = "P", .name = "Port", .country = "IN", .sector = "plain"});
  ASSERT_TRUE(writer->Apply(std::move(one)).ok());
  two.PutLink({.organisation = "rws", .supplier_id = "P", .customer_id = "T", .product = "z"});
  follow(std::move(two), true);
  EXPECT_EQ(port(), "P");
}

}  // namespace
}  // namespace isvgraph::graph
