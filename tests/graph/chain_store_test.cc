// The ChainStore contract, run against every backend: RocksDB (memtable and ingestion paths),
// memory, and PostgreSQL (the test binary's own cluster; skipped with a message where PostgreSQL
// cannot start).

#include "isvgraph/graph/chain_store.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/postgres_cluster.h"
#include "support/temp_dir.h"

namespace isvgraph::graph {
namespace {

using isvgraph::testing::TempDir;

Site MakeSite(const std::string& id, const std::string& country, const std::string& sector) {
  return Site{.id = id, .name = "Site " + id, .country = country, .sector = sector};
}

class ChainStoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam().rfind("postgresql", 0) == 0) {
      isvgraph::testing::PostgresCluster* cluster = isvgraph::testing::PostgresCluster::Shared();
      if (!cluster) GTEST_SKIP() << isvgraph::testing::PostgresCluster::SkipReason();
      url_ = cluster->NewDatabase();
    }
    store_ = Open();
  }
  std::unique_ptr<ChainStore> Open() {
    if (GetParam() == "memory") return NewMemoryStore();
    if (GetParam().rfind("postgresql", 0) == 0) {
      // "postgresql-bulk" sends every write with COPY instead of a statement per row.
      auto store = OpenPostgresStore(
          {.url = url_, .bulk_records = GetParam() == "postgresql-bulk" ? 1 : size_t{5000}});
      EXPECT_TRUE(store) << store.error().ToString();
      return store ? std::move(store).value() : nullptr;
    }
    // "rocksdb-ingest" sends every write through SST ingestion instead of the memtable.
    auto store = OpenRocksStore(
        {.path = dir_.Sub("db"),
         .ingest_threshold_bytes = GetParam() == "rocksdb-ingest" ? 1 : size_t{32} << 20});
    EXPECT_TRUE(store) << store.error().ToString();
    return std::move(store).value();
  }
  // Reopens a persistent store (the memory store has nothing to reopen).
  void Reopen() {
    if (GetParam() == "memory") return;
    store_.reset();
    store_ = Open();
  }

  TempDir dir_;
  std::string url_;  // the test's own database on the PostgreSQL backend
  std::unique_ptr<ChainStore> store_;
};

TEST_P(ChainStoreContract, RoundTripsEveryRecordKind) {
  WriteBatch batch;
  Site quarry = MakeSite("S2", "IN", "quarrying_stone");
  quarry.lat = 15.5;
  quarry.lon = 79.9;
  quarry.external_ids["os_id"] = "IN2024ABC";
  batch.PutSite(MakeSite("S1", "NL", "construction"));
  batch.PutSite(quarry);
  batch.PutOrganisation({.id = "rws", .name = "Rijkswaterstaat"});
  batch.PutLink({.organisation = "rws",
                 .supplier_id = "S2",
                 .customer_id = "S1",
                 .product = "granite, \"polished\"",
                 .share = 0.4,
                 .source = "disclosure.xlsx"});
  batch.PutContract({.id = "K1",
                     .organisation = "rws",
                     .tier1_site_id = "S1",
                     .title = "Kerbs",
                     .cpv = "44912400-0",
                     .value_eur = 1250000});
  // A converted value keeps its note, with follow-up steps and without (the note is a trailing
  // section after them).
  batch.PutContract({.id = "K2",
                     .organisation = "rws",
                     .tier1_site_id = "S1",
                     .value_eur = 1000000,
                     .value_note = "1095600 USD at the ECB euro reference rate of 2024-01-02"});
  batch.PutContract(
      {.id = "K3",
       .organisation = "rws",
       .tier1_site_id = "S1",
       .value_note = "135630400 PYG not converted",
       .followup = {{.step = "audit", .date = "2026-01-05", .note = "n", .tier = 1}}});
  ASSERT_TRUE(store_->Write(batch).ok());
  Reopen();
  EXPECT_EQ(store_->GetContract("rws", "K2")->value_note,
            "1095600 USD at the ECB euro reference rate of 2024-01-02");
  auto k3 = store_->GetContract("rws", "K3");
  ASSERT_TRUE(k3);
  EXPECT_EQ(k3->value_note, "135630400 PYG not converted");
  ASSERT_EQ(k3->followup.size(), 1u);
  EXPECT_EQ(k3->followup[0].step, "audit");
  EXPECT_EQ(store_->GetContract("rws", "K1")->value_note, "");

  auto site = store_->GetSite("S2");
  ASSERT_TRUE(site) << site.error().ToString();
  EXPECT_EQ(*site, quarry);
  auto contract = store_->GetContract("rws", "K1");
  ASSERT_TRUE(contract);
  EXPECT_EQ(contract->value_eur, 1250000);
  std::vector<SupplyLink> links;
  ASSERT_TRUE(store_->ScanLinks([&](SupplyLink&& l) { links.push_back(l); }).ok());
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].product, "granite, \"polished\"");
  EXPECT_DOUBLE_EQ(links[0].share, 0.4);
  EXPECT_EQ(links[0].source, "disclosure.xlsx");
  std::vector<Organisation> orgs;
  ASSERT_TRUE(store_->ScanOrganisations([&](Organisation&& o) { orgs.push_back(o); }).ok());
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].name, "Rijkswaterstaat");
  EXPECT_EQ(store_->GetSite("S9").error().code(), StatusCode::kNotFound);
}

TEST_P(ChainStoreContract, ScansInKeyOrder) {
  WriteBatch batch;
  for (const char* id : {"S3", "S1", "S2"}) batch.PutSite(MakeSite(id, "NL", "logistics"));
  ASSERT_TRUE(store_->Write(batch).ok());
  std::vector<std::string> ids;
  ASSERT_TRUE(store_->ScanSites([&](Site&& s) { ids.push_back(s.id); }).ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"S1", "S2", "S3"}));
}

TEST_P(ChainStoreContract, SecondaryIndexesFollowReplacement) {
  WriteBatch first;
  Site site = MakeSite("S1", "IN", "quarrying_stone");
  site.external_ids["rmi_cid"] = "CID001";
  first.PutSite(site);
  first.PutSite(MakeSite("S2", "IN", "stone_processing"));
  ASSERT_TRUE(store_->Write(first).ok());
  EXPECT_EQ(store_->SitesInCountry("IN"), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(store_->SitesByExternalId("rmi_cid", "CID001"), (std::vector<std::string>{"S1"}));

  WriteBatch second;  // S1 moves to China and loses its CID
  second.PutSite(MakeSite("S1", "CN", "quarrying_stone"));
  ASSERT_TRUE(store_->Write(second).ok());
  Reopen();
  EXPECT_EQ(store_->SitesInCountry("IN"), (std::vector<std::string>{"S2"}));
  EXPECT_EQ(store_->SitesInCountry("CN"), (std::vector<std::string>{"S1"}));
  EXPECT_EQ(store_->SitesInSector("quarrying_stone"), (std::vector<std::string>{"S1"}));
  EXPECT_TRUE(store_->SitesByExternalId("rmi_cid", "CID001").empty());
}

// The same site put three times in one batch (an import's later row wins): only the last
// version's index entries stay, in a small batch and in one large enough to be written in bulk.
TEST_P(ChainStoreContract, ASitePutAgainInOneBatchKeepsOnlyItsLastIndexEntries) {
  for (const int filler : {0, 5000}) {
    WriteBatch batch;
    const std::string id = "S" + std::to_string(filler);
    Site first = MakeSite(id, "IN", "quarrying_stone");
    first.external_ids["rmi_cid"] = "CID" + id;
    batch.PutSite(first);
    batch.PutSite(MakeSite(id, "BD", "stone_processing"));
    for (int i = 0; i < filler; ++i) batch.PutSite(MakeSite("F" + std::to_string(i), "NL", ""));
    batch.PutSite(MakeSite(id, "CN", "stone_processing"));
    ASSERT_TRUE(store_->Write(batch).ok());
    Reopen();
    EXPECT_EQ(store_->GetSite(id)->country, "CN");
    const auto in_china = store_->SitesInCountry("CN");
    EXPECT_NE(std::find(in_china.begin(), in_china.end(), id), in_china.end()) << filler;
    EXPECT_TRUE(store_->SitesInCountry("IN").empty()) << filler;
    EXPECT_TRUE(store_->SitesInCountry("BD").empty()) << filler;
    EXPECT_TRUE(store_->SitesByExternalId("rmi_cid", "CID" + id).empty()) << filler;
    const auto processing = store_->SitesInSector("stone_processing");
    EXPECT_NE(std::find(processing.begin(), processing.end(), id), processing.end()) << filler;
    EXPECT_TRUE(store_->SitesInSector("quarrying_stone").empty()) << filler;
  }
}

TEST_P(ChainStoreContract, DeletesLinksAndContracts) {
  WriteBatch batch;
  batch.PutSite(MakeSite("A", "NL", "construction"));
  batch.PutSite(MakeSite("B", "IN", "quarrying_stone"));
  SupplyLink link{.organisation = "o", .supplier_id = "B", .customer_id = "A", .product = "p"};
  batch.PutLink(link);
  batch.PutContract({.id = "K", .organisation = "o", .tier1_site_id = "A"});
  ASSERT_TRUE(store_->Write(batch).ok());
  WriteBatch removal;
  removal.DeleteLink(link);
  removal.DeleteContract("o", "K");
  ASSERT_TRUE(store_->Write(removal).ok());
  size_t links = 0;
  ASSERT_TRUE(store_->ScanLinks([&](SupplyLink&&) { ++links; }).ok());
  EXPECT_EQ(links, 0u);
  EXPECT_EQ(store_->GetContract("o", "K").error().code(), StatusCode::kNotFound);
}

TEST_P(ChainStoreContract, DeletesComeBeforePutsInOneBatch) {
  WriteBatch first;
  first.PutSite(MakeSite("A", "NL", "construction"));
  first.PutSite(MakeSite("B", "IN", "quarrying_stone"));
  ASSERT_TRUE(store_->Write(first).ok());
  WriteBatch replace;  // delete and put B again, in China: the put wins
  replace.DeleteSite("B");
  replace.PutSite(MakeSite("B", "CN", "quarrying_stone"));
  replace.DeleteSite("A");
  ASSERT_TRUE(store_->Write(replace).ok());
  Reopen();
  EXPECT_EQ(store_->GetSite("B")->country, "CN");
  EXPECT_EQ(store_->GetSite("A").error().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->SitesInCountry("NL").empty());  // A's index entries went with it
  EXPECT_TRUE(store_->SitesInCountry("IN").empty());
  EXPECT_EQ(store_->SitesInCountry("CN"), (std::vector<std::string>{"B"}));
}

TEST_P(ChainStoreContract, ContractIdsAreScopedByOrganisation) {
  WriteBatch batch;
  batch.PutSite(MakeSite("A", "NL", "construction"));
  batch.PutContract(
      {.id = "2024-001", .organisation = "utrecht", .tier1_site_id = "A", .value_eur = 1});
  batch.PutContract(
      {.id = "2024-001", .organisation = "zwolle", .tier1_site_id = "A", .value_eur = 2});
  ASSERT_TRUE(store_->Write(batch).ok());
  Reopen();
  EXPECT_EQ(store_->GetContract("utrecht", "2024-001")->value_eur, 1);
  EXPECT_EQ(store_->GetContract("zwolle", "2024-001")->value_eur, 2);
  EXPECT_EQ(store_->GetContract("amsterdam", "2024-001").error().code(), StatusCode::kNotFound);
}

TEST_P(ChainStoreContract, PagesResumeAfterTheLastKeySeen) {
  WriteBatch batch;
  for (const char* id : {"S1", "S2", "S3", "S4", "S5"}) {
    batch.PutSite(MakeSite(id, "NL", "logistics"));
  }
  for (const char* org : {"a", "b"}) {
    for (const char* supplier : {"S2", "S3", "S4"}) {
      batch.PutLink({.organisation = org, .supplier_id = supplier, .customer_id = "S1"});
    }
    batch.PutContract({.id = "K1", .organisation = org, .tier1_site_id = "S1"});
    batch.PutContract({.id = "K2", .organisation = org, .tier1_site_id = "S1"});
  }
  ASSERT_TRUE(store_->Write(batch).ok());
  std::vector<std::string> ids;
  ASSERT_TRUE(store_
                  ->ScanSitesAfter("S2",
                                   [&](Site&& s) {
                                     ids.push_back(s.id);
                                     return ids.size() < 2;
                                   })
                  .ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"S3", "S4"}));

  std::vector<std::string> suppliers;
  std::string after;
  for (int page = 0; page < 5; ++page) {  // pages of one link, organisation b only
    bool any = false;
    ASSERT_TRUE(store_
                    ->ScanLinksOf("b", after,
                                  [&](SupplyLink&& l) {
                                    EXPECT_EQ(l.organisation, "b");
                                    suppliers.push_back(l.supplier_id);
                                    after = LinkPageKey(l);
                                    any = true;
                                    return false;
                                  })
                    .ok());
    if (!any) break;
  }
  EXPECT_EQ(suppliers, (std::vector<std::string>{"S2", "S3", "S4"}));

  std::vector<std::string> contracts;
  ASSERT_TRUE(store_
                  ->ScanContractsOf("a", "K1",
                                    [&](Contract&& c) {
                                      contracts.push_back(c.organisation + "/" + c.id);
                                      return true;
                                    })
                  .ok());
  EXPECT_EQ(contracts, (std::vector<std::string>{"a/K2"}));
  auto link = store_->GetLink({.organisation = "a", .supplier_id = "S3", .customer_id = "S1"});
  ASSERT_TRUE(link);
  EXPECT_EQ(store_->GetLink({.organisation = "c", .supplier_id = "S3", .customer_id = "S1"})
                .error()
                .code(),
            StatusCode::kNotFound);
}

TEST_P(ChainStoreContract, OrganisationsKeepTheirAuditGroups) {
  WriteBatch batch;
  batch.PutOrganisation({.id = "vgr", .name = "Region", .audit_groups = {"nordic", "se-med"}});
  ASSERT_TRUE(store_->Write(batch).ok());
  Reopen();
  auto org = store_->GetOrganisation("vgr");
  ASSERT_TRUE(org);
  EXPECT_EQ(org->audit_groups, (std::vector<std::string>{"nordic", "se-med"}));
}

// Reads are answered from a cache of sites in the RocksDB store: every write must be seen by
// the next read, whichever way it went in (memtable or ingested file).
TEST_P(ChainStoreContract, ReadsFollowEveryWriteOfASite) {
  auto put = [&](const std::string& name) {
    WriteBatch batch;
    batch.PutSite({.id = "S1", .name = name, .country = "IN"});
    ASSERT_TRUE(store_->Write(batch).ok());
  };
  put("First");
  ASSERT_EQ(store_->GetSite("S1")->name, "First");
  ASSERT_EQ(store_->GetSite("S1")->name, "First");  // now from the cache, where there is one
  put("Second");
  EXPECT_EQ(store_->GetSite("S1")->name, "Second");
  WriteBatch remove;
  remove.DeleteSite("S1");
  ASSERT_TRUE(store_->Write(remove).ok());
  auto gone = store_->GetSite("S1");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code(), StatusCode::kNotFound);
  put("Third");
  EXPECT_EQ(store_->GetSite("S1")->name, "Third");
}

// Readers fill the cache while a writer renames sites: a reader that read a site just before a
// write must not put the old version back after it. The writer reads each site again once its
// write has returned and must see what it wrote.
TEST_P(ChainStoreContract, AReadAfterAWriteSeesItWhileOthersRead) {
  constexpr int kSites = 2;
  for (int i = 0; i < kSites; ++i) {
    WriteBatch batch;
    batch.PutSite({.id = "S" + std::to_string(i), .name = "v0", .country = "IN"});
    ASSERT_TRUE(store_->Write(batch).ok());
  }
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&, r] {
      for (int n = r; !stop.load(); ++n) (void)store_->GetSite("S" + std::to_string(n % kSites));
    });
  }
  int stale = 0;
  const int rounds = GetParam() == "rocksdb-ingest" ? 60 : 300;  // an ingest costs ~30 ms
  for (int round = 1; round <= rounds; ++round) {
    const std::string id = "S" + std::to_string(round % kSites);
    const std::string name = "v" + std::to_string(round);
    WriteBatch batch;
    batch.PutSite({.id = id, .name = name, .country = "IN"});
    ASSERT_TRUE(store_->Write(batch).ok());
    for (int again = 0; again < 2; ++again) {
      auto read = store_->GetSite(id);
      if (!read || read->name != name) ++stale;
    }
  }
  stop = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(stale, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ChainStoreContract,
                         ::testing::Values("rocksdb", "rocksdb-ingest", "memory", "postgresql",
                                           "postgresql-bulk"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace isvgraph::graph

namespace isvgraph::graph {
namespace {

// The journal and proposals: a site's history is that site's change only, in write order, across
// reopening; a bulk write (no listed sites) still gives every site its "written" change.
TEST_P(ChainStoreContract, JournalKeepsEachSitesHistoryAndProposals) {
  WriteBatch first;
  first.PutSite(MakeSite("S1", "IN", "quarrying_stone"));
  first.PutSite(MakeSite("S2", "IN", "quarrying_stone"));
  first.SetJournal({.seq = 1,
                    .time_unix = 100,
                    .organisation = "rws",
                    .token_id = "abcdef012345",
                    .what = "import of list.csv",
                    .records = 2,
                    .site_count = 2});  // bulk: no sites listed
  ASSERT_TRUE(store_->Write(std::move(first)).ok());
  WriteBatch second;
  Site changed = MakeSite("S1", "PT", "quarrying_stone");
  second.PutSite(changed);
  second.PutProposal({.id = 1,
                      .site_id = "S2",
                      .organisation = "rws",
                      .proposed = MakeSite("S2", "NO", "quarrying_stone"),
                      .changes = {{"country", "IN", "NO"}},
                      .consent = {"umc-north"}});
  second.SetJournal(
      {.seq = 2,
       .time_unix = 200,
       .organisation = "bzk",
       .what = "PUT /v1/sites/S1",
       .records = 2,
       .site_count = 1,
       .sites = {{.site_id = "S1", .kind = "changed", .fields = {{"country", "IN", "PT"}}}}});
  ASSERT_TRUE(store_->Write(std::move(second)).ok());
  Reopen();
  EXPECT_EQ(store_->LastJournalSeq(), 2u);
  std::vector<JournalEntry> s1, s2;
  ASSERT_TRUE(store_->ScanSiteHistory("S1", [&](JournalEntry&& e) { s1.push_back(e); }).ok());
  ASSERT_TRUE(store_->ScanSiteHistory("S2", [&](JournalEntry&& e) { s2.push_back(e); }).ok());
  ASSERT_EQ(s1.size(), 2u);
  EXPECT_EQ(s1[0].sites[0].kind, "written");
  EXPECT_EQ(s1[0].token_id, "abcdef012345");
  EXPECT_EQ(s1[1].organisation, "bzk");
  EXPECT_EQ(s1[1].sites, (std::vector<SiteChange>{{"S1", "changed", {{"country", "IN", "PT"}}}}));
  ASSERT_EQ(s2.size(), 1u);  // S1's history is not S2's
  std::vector<uint64_t> seqs;
  ASSERT_TRUE(store_
                  ->ScanJournal(0,
                                [&](JournalEntry&& e) {
                                  seqs.push_back(e.seq);
                                  return true;
                                })
                  .ok());
  EXPECT_EQ(seqs, (std::vector<uint64_t>{1, 2}));
  auto proposal = store_->GetProposal(1);
  ASSERT_TRUE(proposal) << proposal.error().ToString();
  EXPECT_EQ(proposal->proposed.country, "NO");
  EXPECT_EQ(proposal->consent, std::vector<std::string>{"umc-north"});
  EXPECT_EQ(store_->GetProposal(2).error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace isvgraph::graph
