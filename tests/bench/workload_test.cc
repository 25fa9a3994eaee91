// `isvgraph bench` on a tiny hand-made dataset in the generator's format: the q1/q2/q3 lines
// must match docs/benchmark.md (semantics and output format) exactly (tiers, cycles, flags,
// ranking, number formatting).

#include "isvgraph/bench/workload.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace isvgraph::bench {
namespace {

using isvgraph::testing::TempDir;

void Write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string Read(const std::string& path) {
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  return text.str();
}

class BenchmarkRun : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.Sub("data");
    std::filesystem::create_directories(data_);
    // B1, B2 buyers; T tier-1 of both; M (risky, 0.900) and F (0.650) upstream; a cycle M<->F;
    // a self-loop on F; a repeated pair F->T with another product; X only via contract C3.
    Write(data_ + "/sites.csv",
          "site_id,name,country,lat,lon,sector,role\n"
          "B1,\"Gemeente, Noord\",NL,52.1,5.1,public_authority,buyer\n"
          "B2,Provincie Zuid,NL,51.9,4.5,public_authority,buyer\n"
          "F,\"Fabric \"\"Mill\"\"\",IN,,,weaving_dyeing,processor\n"
          "M,Mine,CD,,,mining_cobalt,raw_material\n"
          "T,Trader,NL,,,wholesale_trade,supplier\n"
          "X,Other,CN,,,mining_cobalt,raw_material\n");
    Write(data_ + "/edges.csv",
          "supplier_id,customer_id,product,share\n"
          "F,T,\"cloth, grey\",0.5\n"
          "F,T,yarn,0.2\n"
          "M,F,ore,1.0\n"
          "F,M,dye,0.1\n"
          "F,F,scrap,0.1\n"
          "X,B2,ore,1.0\n");
    Write(data_ + "/contracts.csv",
          "contract_id,buyer_id,tier1_id,cpv,value_eur,chain_type\n"
          "C1,B1,T,18100000-0,1000,textiles\n"
          "C2,B2,T,18100000-0,250,textiles\n"
          "C3,B2,X,14733000-8,7,ict\n");
    Write(data_ + "/risk.csv",
          "country,sector,theme,score\n"
          "CD,mining_cobalt,child_labour,0.900\n"
          "CD,mining_cobalt,corruption,0.300\n"
          "IN,weaving_dyeing,environment,0.650\n"
          "NL,wholesale_trade,corruption,0.050\n"
          "CN,mining_cobalt,forced_labour,0.599\n");
    Write(data_ + "/q1_sample.csv", "contract_id\nC2\nC3\n");
  }

  // Runs the benchmark into `store` and checks every output line.
  void ExpectTheExactFormat(const std::string& store) {
    auto report = RunBenchmark(
        {.data_dir = data_, .db_dir = store, .out_dir = dir_.Sub("out"), .threads = 2});
    ASSERT_TRUE(report) << report.error().ToString();
    EXPECT_EQ(report->sites, 6u);
    EXPECT_EQ(report->edge_rows, 6u);
    EXPECT_EQ(report->contracts, 3u);
    const std::string chain =
        "\"reachable\":3,\"flagged\":2,\"max_score\":0.900,\"flagged_sites\":[[\"F\",2],[\"M\",3]]}"
        "\n";
    EXPECT_EQ(Read(dir_.Sub("out/q1.jsonl")),
              "{\"contract_id\":\"C2\"," + chain +
                  "{\"contract_id\":\"C3\",\"reachable\":1,\"flagged\":0,\"max_score\":0.599,"
                  "\"flagged_sites\":[]}\n");
    EXPECT_EQ(Read(dir_.Sub("out/q2.jsonl")),
              "{\"contract_id\":\"C1\"," + chain + "{\"contract_id\":\"C2\"," + chain +
                  "{\"contract_id\":\"C3\",\"reachable\":1,\"flagged\":0,\"max_score\":0.599,"
                  "\"flagged_sites\":[]}\n");
    EXPECT_EQ(Read(dir_.Sub("out/q3.jsonl")),
              "{\"rank\":1,\"site_id\":\"M\",\"buyers\":2,\"score\":0.900,\"value_eur\":1250}\n"
              "{\"rank\":2,\"site_id\":\"F\",\"buyers\":2,\"score\":0.650,\"value_eur\":1250}\n");
    const std::string json = BenchmarkJson(*report);
    EXPECT_EQ(json.rfind("{\"import_s\":", 0), 0u) << json;
    EXPECT_NE(json.find("\"threads\":2}"), std::string::npos) << json;
  }

  TempDir dir_;
  std::string data_;
};

TEST_F(BenchmarkRun, WritesTheExactFormat) { ExpectTheExactFormat(dir_.Sub("db")); }

// The same run on a PostgreSQL store (`isvgraph bench --store postgresql://…`; the COPY path of
// large imports is in the store contract tests); a second run on the same database is refused.
TEST_F(BenchmarkRun, WritesTheExactFormatOnPostgresql) {
  isvgraph::testing::PostgresCluster* cluster = isvgraph::testing::PostgresCluster::Shared();
  if (!cluster) GTEST_SKIP() << isvgraph::testing::PostgresCluster::SkipReason();
  const std::string url = cluster->NewDatabase();
  ExpectTheExactFormat(url);
  auto again = RunBenchmark({.data_dir = data_, .db_dir = url, .out_dir = dir_.Sub("out2")});
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message().find("already holds sites"), std::string::npos)
      << again.error().ToString();
}

TEST_F(BenchmarkRun, RefusesAnExistingStoreAndNamesBadRows) {
  std::filesystem::create_directories(dir_.Sub("db"));
  Write(dir_.Sub("db/keep.txt"), "mine");
  auto existing =
      RunBenchmark({.data_dir = data_, .db_dir = dir_.Sub("db"), .out_dir = dir_.Sub("out")});
  EXPECT_EQ(existing.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Read(dir_.Sub("db/keep.txt")), "mine");

  Write(data_ + "/edges.csv", "supplier_id,customer_id,product,share\nF,T,cloth,lots\n");
  auto bad =
      RunBenchmark({.data_dir = data_, .db_dir = dir_.Sub("db2"), .out_dir = dir_.Sub("out")});
  ASSERT_EQ(bad.error().code(), StatusCode::kDataLoss);
  EXPECT_EQ(bad.error().message(), "edges.csv:2: column 'share': not a number");

  Write(data_ + "/edges.csv", "supplier_id,customer_id,product,share\nGhost,T,cloth,0.5\n");
  auto dangling =
      RunBenchmark({.data_dir = data_, .db_dir = dir_.Sub("db3"), .out_dir = dir_.Sub("out")});
  ASSERT_EQ(dangling.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(dangling.error().message().find("supplier_id 'Ghost' is not a site"),
            std::string::npos);
}

}  // namespace
}  // namespace isvgraph::bench
