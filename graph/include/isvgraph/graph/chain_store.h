#pragma once

// ChainStore: where chain records persist. An interface, so that a replicated or distributed
// backend can replace RocksDB without touching the analytics; MemoryStore serves unit tests.
// Thread-safety: Write is serialised by the caller (ChainGraph has one writer); scans and gets
// may run concurrently with each other and with a write, and see each kind of record of a write
// whole or not at all (a large, ingested write can briefly show sites before links).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::graph {

// Writes that belong together: applied all or nothing by ChainStore::Write. Links, the bulk of
// any import (3.6 million rows in the 1M benchmark), are packed into one buffer (about 50 bytes
// a link instead of 200) and decoded on access.
class WriteBatch {
 public:
  void PutSite(Site site) { sites_.push_back(std::move(site)); }
  // Room for n more sites, so that a large import does not move its sites while growing.
  void ReserveSites(size_t n) { sites_.reserve(sites_.size() + n); }
  // Room for about `n` more links packing to `bytes`, so that a bulk load does not grow the
  // buffers by doubling (old and new copies resident at once). Reserved pages that stay unused
  // cost address space, not memory.
  void ReserveLinks(size_t n, size_t bytes) {
    link_offsets_.reserve(link_offsets_.size() + n);
    link_buffer_.reserve(link_buffer_.size() + bytes);
  }
  void PutLink(const SupplyLink& link);
  void PutContract(Contract contract) { contracts_.push_back(std::move(contract)); }
  void PutOrganisation(Organisation organisation) {
    organisations_.push_back(std::move(organisation));
  }
  void PutToken(AccessToken token) { tokens_.push_back(std::move(token)); }
  void PutAudit(Audit audit) { audits_.push_back(std::move(audit)); }
  // Who writes the batch: ChainGraph::Apply journals every batch under its author (none: the
  // operator). A proposal with id 0 is new and takes the seq of the batch's journal entry.
  void set_author(Author author) { author_ = std::move(author); }
  const Author& author() const { return author_; }
  void PutProposal(SiteProposal proposal) { proposals_.push_back(std::move(proposal)); }
  // The journal entry of the batch; written by ChainGraph::Apply, read by stores.
  void SetJournal(JournalEntry entry) { journal_ = std::move(entry); }
  const std::optional<JournalEntry>& journal() const { return journal_; }
  // What the write changes in the index, encoded by ChainGraph::Apply (opaque to stores): a
  // shared store keeps it with the journal entry so that the other processes following the store
  // patch their index from it (ChainStore::ScanIndexChanges); other stores ignore it.
  void SetIndexChange(std::string encoded) { index_change_ = std::move(encoded); }
  const std::string& index_change() const { return index_change_; }
  // Deletions apply before the puts of the same batch: deleting and putting one key in a batch
  // leaves the put.
  void DeleteSite(std::string id) { deleted_sites_.push_back(std::move(id)); }
  void DeleteLink(SupplyLink key) { deleted_links_.push_back(std::move(key)); }
  void DeleteContract(std::string organisation, std::string id) {
    deleted_contracts_.push_back({std::move(organisation), std::move(id)});
  }
  // Frees everything the batch holds.
  void Clear() { *this = WriteBatch(); }
  // Frees the site records (a store that has encoded them keeps the rest of the batch).
  void ReleaseSites() { std::vector<Site>().swap(sites_); }

  const std::vector<Site>& sites() const { return sites_; }
  size_t link_count() const { return link_offsets_.size(); }
  size_t link_bytes() const { return link_buffer_.size(); }  // the packed links' size
  // The i-th link put. Requires: i < link_count().
  SupplyLink link(size_t i) const;
  // The i-th link as views into the batch (no copies); valid while the batch is unchanged.
  struct LinkView {
    double share = 0;
    std::string_view organisation, customer_id, supplier_id, product, confidence, source;
  };
  LinkView link_view(size_t i) const;
  const std::vector<Contract>& contracts() const { return contracts_; }
  const std::vector<Organisation>& organisations() const { return organisations_; }
  const std::vector<AccessToken>& tokens() const { return tokens_; }
  const std::vector<Audit>& audits() const { return audits_; }
  const std::vector<SiteProposal>& proposals() const { return proposals_; }
  const std::vector<std::string>& deleted_sites() const { return deleted_sites_; }
  const std::vector<SupplyLink>& deleted_links() const { return deleted_links_; }
  // (organisation, contract id) pairs.
  const std::vector<std::pair<std::string, std::string>>& deleted_contracts() const {
    return deleted_contracts_;
  }
  size_t size() const {
    return sites_.size() + link_count() + contracts_.size() + organisations_.size() +
           tokens_.size() + audits_.size() + deleted_sites_.size() + deleted_links_.size() +
           deleted_contracts_.size() + proposals_.size();
  }

 private:
  std::vector<Site> sites_;
  std::string link_buffer_;             // per link: share (8 bytes), six length-prefixed fields
  std::vector<uint64_t> link_offsets_;  // start of each link in link_buffer_
  std::vector<Contract> contracts_;
  std::vector<Organisation> organisations_;
  std::vector<AccessToken> tokens_;
  std::vector<Audit> audits_;
  Author author_;
  std::optional<JournalEntry> journal_;
  std::string index_change_;
  std::vector<SiteProposal> proposals_;
  std::vector<std::string> deleted_sites_;
  std::vector<SupplyLink> deleted_links_;  // matched on organisation, supplier, customer, product
  std::vector<std::pair<std::string, std::string>> deleted_contracts_;
};

struct StoreOptions {
  // Directory of the store. Required for the RocksDB backend.
  std::string path;
  // Create the directory and an empty store when none exists there. Default: true.
  bool create_if_missing = true;
  // Writes whose encoded size reaches this go to the store as SST files ingested in one atomic
  // step instead of through the memtable: a third of the peak memory of a large import, and
  // half the time (200k sites: 0.72 s instead of 1.6 s). Default 4 MiB, which API writes of
  // single records never reach; tests lower it to run both paths.
  size_t ingest_threshold_bytes = size_t{4} << 20;
  // Uncompressed blocks kept in memory for point reads (site records for chain answers, the
  // matcher's per-country loads), shared by all column families. RocksDB's own default is 8 MiB,
  // a twentieth of a 1M-site store. Default 256 MiB; the cache only fills as far as reads go.
  size_t block_cache_bytes = size_t{256} << 20;
};

// The site changes of a bulk batch, whose journal entry counts sites but lists none
// (ChainGraph::Apply compares fields only for small batches): "written" for each site put,
// "deleted" for each deleted. Stores keep these in the sites' histories.
void ForEachBulkSiteChange(const WriteBatch& batch,
                           const std::function<void(const SiteChange&)>& visit);

// Memory a store holds beyond its records' working set, as the backend counts it: caches that
// fill up to their configured size and write buffers that fill until flushed. A server's
// resident memory grows while these fill; anything else that grows would be a leak (issue 10's
// load test prints both).
struct StoreMemory {
  size_t block_cache_bytes = 0;     // RocksDB's block cache in use
  size_t block_cache_capacity = 0;  // its limit (ChainStoreOptions::block_cache_bytes)
  size_t row_cache_bytes = 0;       // RocksDB's row cache in use (a tenth of the block cache)
  size_t memtable_bytes = 0;        // write buffers of every column family, not yet flushed
  size_t table_reader_bytes = 0;    // index and filter blocks of open files, outside the cache
  size_t site_cache_entries = 0;    // the store's own cache of site records
  size_t site_cache_bytes = 0;      // its keys and values (approximate: no per-entry overhead)
};

class ChainStore {
 public:
  // The on-disk format this build reads and writes (graph/FORMAT.md).
  static constexpr uint32_t kFormatVersion = 6;

  virtual ~ChainStore() = default;

  // Applies the batch atomically (and durably, for persistent backends). A put replaces the
  // record with the same key. Returns IoError when the backend fails; nothing is written then.
  // Takes the batch by value so that a large import's records can be freed as soon as they are
  // encoded (move it in).
  virtual Status Write(WriteBatch batch) = 0;

  // Point reads; NotFound when absent. Contract ids are scoped by organisation: two
  // organisations may use the same id without either learning of the other.
  virtual Result<Site> GetSite(const std::string& id) const = 0;
  virtual Result<Contract> GetContract(const std::string& organisation,
                                       const std::string& id) const = 0;
  // The link with the key fields (organisation, supplier, customer, product) of `key`.
  virtual Result<SupplyLink> GetLink(const SupplyLink& key) const = 0;
  virtual Result<Organisation> GetOrganisation(const std::string& id) const = 0;
  virtual Result<AccessToken> GetToken(const std::string& hash) const = 0;
  virtual Result<Audit> GetAudit(const std::string& id) const = 0;

  // The journal (records.h). ScanSiteHistory: the entries that touched the site, oldest first,
  // each with `sites` holding that site's change only. ScanJournal: entries after `after_seq` in
  // order while `visit` returns true. LastJournalSeq: the last seq written (0 for none).
  virtual Status ScanSiteHistory(const std::string& site_id,
                                 const std::function<void(JournalEntry&&)>& visit) const = 0;
  virtual Status ScanJournal(uint64_t after_seq,
                             const std::function<bool(JournalEntry&&)>& visit) const = 0;
  virtual uint64_t LastJournalSeq() const = 0;
  // LastJournalSeq, or the store's error when it cannot be read (a database that is away).
  virtual Result<uint64_t> JournalHead() const { return LastJournalSeq(); }

  // Several processes on one store (PostgreSQL opened without `exclusive`): shared() is true,
  // and WaitForChange blocks until another process may have written (a notification; answers
  // true) or `timeout` has passed (false). A store only this process writes answers false to
  // both, at once.
  virtual bool shared() const { return false; }
  virtual bool WaitForChange(std::chrono::milliseconds /*timeout*/) const { return false; }
  // The index changes (WriteBatch::SetIndexChange) of the journal entries after `after_seq` up
  // to and including `upto_seq`, in seq order: visit(seq, change), "" for an entry written
  // without one. FailedPrecondition from a store that keeps none (one not shared).
  virtual Status ScanIndexChanges(
      uint64_t /*after_seq*/, uint64_t /*upto_seq*/,
      const std::function<void(uint64_t seq, std::string_view change)>& /*visit*/) const {
    return Status::FailedPrecondition("this store keeps no index changes");
  }
  // Proposals by id; NotFound when absent.
  virtual Result<SiteProposal> GetProposal(uint64_t id) const = 0;
  virtual Status ScanProposals(const std::function<void(SiteProposal&&)>& visit) const = 0;

  // Visits every record of a kind, in key order. Stops at and returns the first DataLoss.
  virtual Status ScanSites(const std::function<void(Site&&)>& visit) const = 0;
  virtual Status ScanLinks(const std::function<void(SupplyLink&&)>& visit) const = 0;
  virtual Status ScanContracts(const std::function<void(Contract&&)>& visit) const = 0;
  virtual Status ScanOrganisations(const std::function<void(Organisation&&)>& visit) const = 0;
  virtual Status ScanTokens(const std::function<void(AccessToken&&)>& visit) const = 0;
  virtual Status ScanAudits(const std::function<void(Audit&&)>& visit) const = 0;
  // Pages: visit records in key order from the first key after `after` ("" = the first) for as
  // long as `visit` returns true. Links and contracts of one organisation only; a link's `after`
  // is LinkPageKey of the last link seen.
  virtual Status ScanSitesAfter(const std::string& after,
                                const std::function<bool(Site&&)>& visit) const = 0;
  virtual Status ScanLinksOf(const std::string& organisation, const std::string& after,
                             const std::function<bool(SupplyLink&&)>& visit) const = 0;
  virtual Status ScanContractsOf(const std::string& organisation, const std::string& after,
                                 const std::function<bool(Contract&&)>& visit) const = 0;

  // Visits (organisation, customer id, supplier id) of every link in key order without decoding
  // the rest: what an index rebuild needs, several times faster than ScanLinks. The views are
  // valid during the call only.
  virtual Status ScanLinkEnds(
      const std::function<void(std::string_view organisation, std::string_view customer,
                               std::string_view supplier)>& visit) const = 0;

  // Site ids by secondary index, in id order: country (ISO alpha-2), sector, external id.
  virtual std::vector<std::string> SitesInCountry(const std::string& country) const = 0;
  virtual std::vector<std::string> SitesInSector(const std::string& sector) const = 0;
  virtual std::vector<std::string> SitesByExternalId(const std::string& scheme,
                                                     const std::string& value) const = 0;

  // A consistent copy of the whole store in `dir` (which must not exist), taken while reads and
  // writes go on: a RocksDB checkpoint (hard links to the immutable files, so cheap on the same
  // file system). FailedPrecondition for a backend that cannot (memory), IoError otherwise.
  virtual Status Checkpoint(const std::string& dir) const = 0;

  // What the backend's caches and write buffers hold now; all zero for a backend without any
  // (memory). Cheap: a few counters, no scan.
  virtual StoreMemory Memory() const { return {}; }

  // A directory for persistent backends, "" for memory.
  virtual std::string path() const = 0;
  virtual uint32_t format_version() const = 0;
};

// The position of a link within its organisation's links: customer \0 supplier \0 product.
std::string LinkPageKey(const SupplyLink& link);

// Opens (or creates) the RocksDB store at options.path.
// Returns InvalidArgument for an empty path, NotFound when the store is missing and
// create_if_missing is false, FailedPrecondition when the directory holds a store of another
// format version or is not a store at all, IoError when RocksDB cannot open it (for example
// while another process holds it open), DataLoss for a malformed format version.
Result<std::unique_ptr<ChainStore>> OpenRocksStore(const StoreOptions& options);

// Whether a RocksDB store (of any format) is at `path`: what commands that must not create one,
// or must not overwrite one, ask before opening.
bool RocksStoreExists(const std::string& path);

// --- PostgreSQL (graph/src/postgres_store.cc; docs/scaling.md) ---------------------------------
// The chain store in a PostgreSQL database that several servers may share: one table per record
// kind, each row the record's key and value as the RocksDB store encodes them (graph/FORMAT.md)
// beside readable columns (site id, name, country; a link's organisation and ends; …) for people
// who query the database. A batch is one transaction. The schema carries its version
// (isvgraph_schema); this build's is kPostgresSchemaVersion.
inline constexpr int kPostgresSchemaVersion = 2;

struct PostgresStoreOptions {
  // A libpq connection string: "postgresql://user:pass@host:5432/db" or "host=… dbname=…".
  // Required.
  std::string url;
  // Create the schema in a database that has none. When false, Open answers NotFound instead.
  // Default true.
  bool create_if_missing = true;
  // Connections kept open for concurrent reads and the writer. Default 8.
  int connections = 8;
  // Hold the store against other isvgraph processes while it is open (one process per store,
  // as with RocksDB). False only for checks that connect and read the schema version, such as
  // `isvgraph config check` beside a running server. Default true.
  bool exclusive = true;
  // Writes of this many records or more send their sites, links, contracts and site history
  // with COPY instead of one statement per row (tests set 1 to send every write that way).
  // Default 5000.
  size_t bulk_records = 5000;
};

// Whether `location` names a PostgreSQL database (a postgresql:// or postgres:// URI, or a
// key=value string with dbname= or host=) rather than a RocksDB directory.
bool IsPostgresUrl(const std::string& location);

// The connection string with any password replaced by "***": what logs and messages show.
std::string RedactPostgresUrl(const std::string& url);

// Connects and checks the schema. InvalidArgument for an empty url, IoError (with the redacted
// url and libpq's reason) when the database cannot be reached, NotFound without a schema when
// create_if_missing is false, FailedPrecondition when another process has the store open or the
// schema is of another version (an older one names the command that upgrades it:
// `isvgraph store migrate`).
Result<std::unique_ptr<ChainStore>> OpenPostgresStore(const PostgresStoreOptions& options);

// Brings the database's schema to kPostgresSchemaVersion, one migration after the other, each in
// its own transaction; creates it in an empty database. Answers the versions before and after.
// FailedPrecondition for a schema newer than this build.
Result<std::pair<int, int>> MigratePostgresStore(const std::string& url);

// A store in memory, for tests. Same semantics, nothing persists.
std::unique_ptr<ChainStore> NewMemoryStore();

}  // namespace isvgraph::graph
