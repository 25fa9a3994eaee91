#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include "isvgraph/graph/chain_store.h"
#include "support/temp_dir.h"

namespace isvgraph::graph {
namespace {

using isvgraph::testing::TempDir;

TEST(RocksStore, OpenCreatesAMissingStore) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  auto store = OpenRocksStore({.path = path});
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ((*store)->path(), path);
  EXPECT_EQ((*store)->format_version(), ChainStore::kFormatVersion);
  EXPECT_TRUE(std::filesystem::exists(path + "/CURRENT"));
}

TEST(RocksStore, ReopensAnExistingStore) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  { ASSERT_TRUE(OpenRocksStore({.path = path})); }
  auto again = OpenRocksStore({.path = path, .create_if_missing = false});
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_EQ((*again)->format_version(), ChainStore::kFormatVersion);
}

TEST(RocksStore, MissingStoreWithoutCreateIsNotFound) {
  TempDir dir;
  auto store = OpenRocksStore({.path = dir.Sub("absent"), .create_if_missing = false});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("absent")));
}

TEST(RocksStore, RefusesAFile) {
  TempDir dir;
  std::ofstream(dir.Sub("file")) << "not a store";
  auto store = OpenRocksStore({.path = dir.Sub("file")});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kFailedPrecondition);
}

TEST(RocksStore, RefusesANonEmptyForeignDirectoryAndLeavesItAlone) {
  TempDir dir;
  std::filesystem::create_directory(dir.Sub("docs"));
  std::ofstream(dir.Sub("docs/notes.txt")) << "mine";
  auto store = OpenRocksStore({.path = dir.Sub("docs")});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.Sub("docs")),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(RocksStore, EmptyPathIsInvalid) {
  auto store = OpenRocksStore({.path = ""});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
}

TEST(RocksStore, SecondOpenOfTheSameStoreIsAnIoError) {
  TempDir dir;
  auto first = OpenRocksStore({.path = dir.Sub("db")});
  ASSERT_TRUE(first);
  auto second = OpenRocksStore({.path = dir.Sub("db")});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code(), StatusCode::kIoError) << second.error().ToString();
}

// Rewrites meta/format_version behind the Store's back, as an older or newer build would have.
void WriteFormatVersion(const std::string& path, const std::string& version) {
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : {"default", "meta", "sites", "links", "contracts", "organisations",
                           "site_index", "tokens", "audits", "journal", "proposals"}) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options(), path, descriptors, &handles, &db).ok());
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[1], "format_version", version).ok());
  for (auto* handle : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  delete db;
}

TEST(RocksStore, RefusesAnotherFormatVersion) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  { ASSERT_TRUE(OpenRocksStore({.path = path})); }
  WriteFormatVersion(path, "99");
  auto store = OpenRocksStore({.path = path});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.error().message().find("format version 99"), std::string::npos)
      << store.error().message();
}

TEST(RocksStore, MalformedFormatVersionIsDataLoss) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  { ASSERT_TRUE(OpenRocksStore({.path = path})); }
  WriteFormatVersion(path, "one");
  auto store = OpenRocksStore({.path = path});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace isvgraph::graph

namespace isvgraph::graph {
namespace {

// Turns a current store into an older one: drops the families that version lacked and writes
// its number.
void MakeOlderStore(const std::string& path, const std::string& version,
                    const std::vector<std::string>& missing) {
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options(), path, descriptors, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  for (size_t i = 0; i < names.size(); ++i) {
    if (std::find(missing.begin(), missing.end(), names[i]) != missing.end()) {
      ASSERT_TRUE(db->DropColumnFamily(handles[i]).ok());
    }
    if (names[i] == "meta") {
      ASSERT_TRUE(db->Put({}, handles[i], "format_version", version).ok());
    }
  }
  for (auto* handle : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
}

void WriteOneSite(const std::string& path) {
  auto store = OpenRocksStore({.path = path});
  ASSERT_TRUE(store);
  WriteBatch batch;
  batch.PutSite({.id = "S1", .name = "Quarry", .country = "IN"});
  batch.PutOrganisation({.id = "rws", .name = "RWS"});
  ASSERT_TRUE((*store)->Write(std::move(batch)).ok());
}

// A format-4 store lacks audits, journal and proposals; it is upgraded to the current format.
TEST(RocksStore, AFormat4StoreIsUpgradedInPlaceAndKeepsItsRecords) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  WriteOneSite(path);
  MakeOlderStore(path, "4", {"audits", "journal", "proposals"});
  auto upgraded = OpenRocksStore({.path = path, .create_if_missing = false});
  ASSERT_TRUE(upgraded) << upgraded.error().ToString();
  EXPECT_EQ((*upgraded)->format_version(), ChainStore::kFormatVersion);
  EXPECT_EQ((*upgraded)->GetSite("S1")->name, "Quarry");
  Audit audit{.id = "A1",
              .site_id = "S1",
              .organisation = "rws",
              .type = "site",
              .date = "2026-01-10",
              .findings = {{.theme = "child_labour", .grade = "priority", .text = "14-year-olds"}},
              .actions = {{.finding = 0,
                           .action = "remove and remediate",
                           .deadline = "2026-02-10",
                           .status = "open"}}};
  WriteBatch batch;
  batch.PutAudit(audit);
  ASSERT_TRUE((*upgraded)->Write(std::move(batch)).ok());
  EXPECT_EQ(*(*upgraded)->GetAudit("A1"), audit);
}

// A format-5 store lacks the journal and proposals: upgraded, it journals from then on.
TEST(RocksStore, AFormat5StoreGainsAnEmptyJournal) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  WriteOneSite(path);
  MakeOlderStore(path, "5", {"journal", "proposals"});
  auto upgraded = OpenRocksStore({.path = path, .create_if_missing = false});
  ASSERT_TRUE(upgraded) << upgraded.error().ToString();
  EXPECT_EQ((*upgraded)->format_version(), ChainStore::kFormatVersion);
  EXPECT_EQ((*upgraded)->LastJournalSeq(), 0u);
  WriteBatch batch;
  batch.PutSite({.id = "S1", .name = "Granite quarry", .country = "IN"});
  batch.SetJournal({.seq = 1,
                    .organisation = "rws",
                    .what = "PUT /v1/sites/S1",
                    .records = 1,
                    .site_count = 1,
                    .sites = {{.site_id = "S1",
                               .kind = "changed",
                               .fields = {{"name", "Quarry", "Granite quarry"}}}}});
  ASSERT_TRUE((*upgraded)->Write(std::move(batch)).ok());
  EXPECT_EQ((*upgraded)->LastJournalSeq(), 1u);
  std::vector<JournalEntry> history;
  ASSERT_TRUE(
      (*upgraded)->ScanSiteHistory("S1", [&](JournalEntry&& e) { history.push_back(e); }).ok());
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].sites[0].fields[0].after, "Granite quarry");
  EXPECT_EQ(history[0].organisation, "rws");
}

}  // namespace
}  // namespace isvgraph::graph

namespace isvgraph::graph {
namespace {

// What Memory() reports follows the store: write buffers after a small write, the site cache
// after a read, and the cache's byte count back to zero when a write forgets the site.
TEST(RocksStore, MemoryCountsWriteBuffersAndTheSiteCache) {
  TempDir dir;
  auto store = OpenRocksStore({.path = dir.Sub("db"), .block_cache_bytes = size_t{8} << 20});
  ASSERT_TRUE(store) << store.error().ToString();
  const StoreMemory empty = (*store)->Memory();
  EXPECT_EQ(empty.block_cache_capacity, size_t{8} << 20);
  EXPECT_EQ(empty.site_cache_entries, 0u);
  EXPECT_EQ(empty.site_cache_bytes, 0u);

  // Enough to outgrow the memtables' first arena blocks (RocksDB counts allocated blocks).
  WriteBatch batch;
  batch.PutSite({.id = "S1", .name = "Example Granite Quarry", .country = "IN"});
  batch.PutSite({.id = "S2", .name = "Example Weaving Mills", .country = "BD"});
  for (int i = 3; i < 500; ++i) {
    batch.PutSite({.id = "S" + std::to_string(i), .name = std::string(100, 'x'), .country = "NL"});
  }
  ASSERT_TRUE((*store)->Write(std::move(batch)).ok());
  EXPECT_GT((*store)->Memory().memtable_bytes, empty.memtable_bytes);

  ASSERT_TRUE((*store)->GetSite("S1"));
  ASSERT_TRUE((*store)->GetSite("S2"));
  ASSERT_TRUE((*store)->GetSite("S1"));  // a hit adds nothing
  const StoreMemory read = (*store)->Memory();
  EXPECT_EQ(read.site_cache_entries, 2u);
  EXPECT_GT(read.site_cache_bytes, std::string("S1Example Granite Quarry").size());

  WriteBatch replace;
  replace.PutSite({.id = "S1", .name = "Example Granite Quarry (renamed)", .country = "IN"});
  replace.DeleteSite("S2");
  ASSERT_TRUE((*store)->Write(std::move(replace)).ok());
  const StoreMemory forgotten = (*store)->Memory();
  EXPECT_EQ(forgotten.site_cache_entries, 0u);
  EXPECT_EQ(forgotten.site_cache_bytes, 0u);
}

}  // namespace
}  // namespace isvgraph::graph
