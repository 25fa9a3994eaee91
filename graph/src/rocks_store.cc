// The RocksDB backend of ChainStore (graph/FORMAT.md): opening a store, its options and column
// families, reads, and writes as sorted arenas (rocks_arena.h) applied or ingested atomically.

#include <algorithm>
#include <array>
#include <filesystem>
#include <functional>
#include <malloc.h>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include "codec.h"
#include "isvgraph/base/check.h"
#include "isvgraph/base/flat_hash.h"
#include "isvgraph/graph/chain_store.h"
#include "rocks_arena.h"
#include "rocks_families.h"
#include "value_cache.h"

namespace isvgraph::graph {
namespace {

// Gives the pages of freed heap blocks back to the system: a large write calls it once, before
// its arenas grow, so that what its caller freed while preparing the batch (validation's sets)
// is not resident at the write's peak. Only once: trimmed pages fault in again when small
// allocations reuse them, which doubled the benchmark's Q1 median when every phase trimmed.
// Not under AddressSanitizer, whose allocator replaces glibc's.
#if defined(__SANITIZE_ADDRESS__)
#define ISV_GLIBC_HEAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ISV_GLIBC_HEAP 0
#endif
#endif
#ifndef ISV_GLIBC_HEAP
#define ISV_GLIBC_HEAP 1
#endif
void ReturnFreedMemory() {
  if (ISV_GLIBC_HEAP) malloc_trim(0);
}

using Arenas = std::array<Arena, kCount>;

class RocksStore final : public ChainStore {
 public:
  RocksStore(std::string path, std::unique_ptr<rocksdb::DB> db,
             std::vector<rocksdb::ColumnFamilyHandle*> handles, rocksdb::Options options,
             std::shared_ptr<rocksdb::Cache> block_cache, size_t ingest_threshold_bytes)
      : path_(std::move(path)),
        db_(std::move(db)),
        handles_(std::move(handles)),
        options_(std::move(options)),
        block_cache_(std::move(block_cache)),
        ingest_threshold_bytes_(ingest_threshold_bytes) {}

  ~RocksStore() override {
    // Flush the memtables so that the next open does not replay the write-ahead log: with a
    // large import in the log, replay dominated reopening (2.4 s of 2.7 s at 100k sites).
    rocksdb::FlushOptions flush;
    flush.wait = true;
    db_->Flush(flush, handles_).PermitUncheckedError();
    // Every handle goes before the DB (docs/development.md, "Library notes").
    for (rocksdb::ColumnFamilyHandle* handle : handles_) {
      db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db_->Close().PermitUncheckedError();
  }

  Status Write(WriteBatch batch) override {
    // Everything is put in key order per column family: inserting next to the previous key is
    // cheap in RocksDB's skip-list memtable, random inserts are not (measured: the random
    // order of the benchmark's edges dominated a 1M-site import). Keys and values are packed
    // into one arena per family and an index of offsets is sorted, to keep memory near the
    // data's size. Families are independent until the final write, so a large write fills,
    // sorts and (ingesting) writes them on two threads.
    const bool large = batch.size() >= kParallelRecords;
    Arenas arenas;
    // Estimates: a site is about 150 bytes with its index entries (three at most, usually); a
    // link encodes to about its packed size.
    arenas[kSites].Reserve(batch.sites().size() + batch.deleted_sites().size(),
                           120 * batch.sites().size());
    arenas[kSiteIndex].Reserve(3 * batch.sites().size(), 40 * batch.sites().size());
    arenas[kLinks].Reserve(batch.link_count() + batch.deleted_links().size(), batch.link_bytes());
    // A site put replaces the site's index entries: the previous version is the one earlier in
    // this batch, else the stored one. An empty store has no previous versions to read.
    const bool had_sites = HasAny(kSites);
    if (large) ReturnFreedMemory();  // what the caller freed while preparing the batch
    // Peak memory: the sites are the batch's largest part (about 300 bytes each as records), so
    // they are encoded first and freed before the links' arena fills; the sites' arenas sort
    // meanwhile. At 1M sites this keeps the batch and all its arenas from being in memory at once.
    ISV_RETURN_IF_ERROR(
        InParallel(large, {{batch.sites().size(), [&] { return FillSites(batch, arenas[kSites]); }},
                           {batch.sites().size(),
                            [&] { return FillSiteIndex(batch, had_sites, arenas[kSiteIndex]); }}}));
    // The site ids a small write changes, for the site cache once the write is durable; a large
    // one (and every ingest) empties the cache instead.
    std::vector<std::string> changed_sites;
    if (!large) {
      changed_sites = batch.deleted_sites();
      for (const Site& site : batch.sites()) changed_sites.push_back(site.id);
    }
    batch.ReleaseSites();
    ISV_RETURN_IF_ERROR(InParallel(
        large,
        {{batch.link_count() + batch.contracts().size(), [&] { return FillOthers(batch, arenas); }},
         {arenas[kSites].size(), [&] { return arenas[kSites].Sort(); }},
         {arenas[kSiteIndex].size(), [&] { return arenas[kSiteIndex].Sort(); }}}));
    // The journal last: a bulk write's site history (one row per site) fills its arena once the
    // links are freed too.
    const std::optional<JournalEntry> journal = batch.journal();
    batch.Clear();  // everything else is in the arenas now
    ISV_RETURN_IF_ERROR(FillJournal(journal, arenas[kSites], arenas[kJournal]));
    const size_t bytes =
        std::accumulate(arenas.begin(), arenas.end(), size_t{0},
                        [](size_t sum, const Arena& a) { return sum + a.bytes(); });
    const bool ingest = bytes >= ingest_threshold_bytes_;
    std::vector<Weighted> sorts;
    for (int family = 0; family < kCount; ++family) {
      if (family == kSites || family == kSiteIndex) continue;  // sorted above (not the journal)
      Arena& arena = arenas[family];
      if (arena.size() > 0) sorts.push_back({arena.size(), [&arena] { return arena.Sort(); }});
    }
    ISV_RETURN_IF_ERROR(InParallel(large, std::move(sorts)));
    if (ingest) {
      Status ingested = Ingest(arenas, large);
      site_values_.ForgetAll();  // also after a failure: the ingest may have half happened
      return ingested;
    }
    size_t entries = 0;
    for (const Arena& arena : arenas) entries += arena.size();
    rocksdb::WriteBatch out(bytes + 32 * entries);
    for (int family = 0; family < kCount; ++family) {
      ISV_RETURN_IF_ERROR(arenas[family].ForEach([&](std::string_view key, std::string_view value,
                                                     bool is_delete) {
        rocksdb::ColumnFamilyHandle* handle = handles_[family];
        rocksdb::Status s = is_delete ? out.Delete(handle, rocksdb::Slice(key))
                                      : out.Put(handle, rocksdb::Slice(key), rocksdb::Slice(value));
        return FromRocks(s, "preparing a write");
      }));
      arenas[family] = Arena();  // free the packed copy before the memtable grows by as much
    }
    Status written = FromRocks(db_->Write(rocksdb::WriteOptions(), &out), "writing to " + path_);
    if (large) {
      site_values_.ForgetAll();
    } else {
      site_values_.Forget(changed_sites);
    }
    return written;
  }

  Result<SupplyLink> GetLink(const SupplyLink& key) const override {
    return Get<SupplyLink>(kLinks, codec::LinkKey(key), codec::DecodeLink,
                           [&] { return "no link " + key.supplier_id + " -> " + key.customer_id; });
  }

  Result<Organisation> GetOrganisation(const std::string& id) const override {
    return Get<Organisation>(kOrganisations, id, codec::DecodeOrganisation,
                             [&] { return "no organisation '" + id + "'"; });
  }

  Status ScanSitesAfter(const std::string& after,
                        const std::function<bool(Site&&)>& visit) const override {
    return ScanRange<Site>(kSites, "", after, codec::DecodeSite, visit);
  }
  Status ScanLinksOf(const std::string& organisation, const std::string& after,
                     const std::function<bool(SupplyLink&&)>& visit) const override {
    return ScanRange<SupplyLink>(kLinks, organisation + '\0', after, codec::DecodeLink, visit);
  }
  Status ScanContractsOf(const std::string& organisation, const std::string& after,
                         const std::function<bool(Contract&&)>& visit) const override {
    return ScanRange<Contract>(kContracts, organisation + '\0', after, codec::DecodeContract,
                               visit);
  }

  Result<Site> GetSite(const std::string& id) const override {
    return Get<Site>(
        kSites, id, codec::DecodeSite, [&] { return "no site '" + id + "'"; }, &site_values_);
  }

  Result<Contract> GetContract(const std::string& organisation,
                               const std::string& id) const override {
    return Get<Contract>(kContracts, codec::ContractKey(organisation, id), codec::DecodeContract,
                         [&] { return "no contract '" + id + "'"; });
  }

  Result<AccessToken> GetToken(const std::string& hash) const override {
    return Get<AccessToken>(kTokens, hash, codec::DecodeToken, [&] { return "no such token"; });
  }

  Result<Audit> GetAudit(const std::string& id) const override {
    return Get<Audit>(kAudits, id, codec::DecodeAudit, [&] { return "no audit '" + id + "'"; });
  }

  Status ScanSites(const std::function<void(Site&&)>& visit) const override {
    return Scan<Site>(kSites, codec::DecodeSite, visit);
  }
  Status ScanLinks(const std::function<void(SupplyLink&&)>& visit) const override {
    return Scan<SupplyLink>(kLinks, codec::DecodeLink, visit);
  }
  Status ScanContracts(const std::function<void(Contract&&)>& visit) const override {
    return Scan<Contract>(kContracts, codec::DecodeContract, visit);
  }
  Status ScanOrganisations(const std::function<void(Organisation&&)>& visit) const override {
    return Scan<Organisation>(kOrganisations, codec::DecodeOrganisation, visit);
  }
  Status ScanTokens(const std::function<void(AccessToken&&)>& visit) const override {
    return Scan<AccessToken>(kTokens, codec::DecodeToken, visit);
  }

  Status ScanAudits(const std::function<void(Audit&&)>& visit) const override {
    return Scan<Audit>(kAudits, codec::DecodeAudit, visit);
  }

  Status ScanSiteHistory(const std::string& site_id,
                         const std::function<void(JournalEntry&&)>& visit) const override {
    const std::string prefix = codec::SiteHistoryPrefix(site_id);
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[kJournal]));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      uint64_t seq = 0;
      if (!codec::TrailingNumber(std::string_view(it->key().data(), it->key().size()), &seq)) {
        return Status::DataLoss("malformed site-history key");
      }
      SiteChange change{.site_id = site_id};
      ISV_RETURN_IF_ERROR(codec::DecodeSiteChange(
          std::string_view(it->key().data(), it->key().size()),
          std::string_view(it->value().data(), it->value().size()), &change));
      auto entry = Get<JournalEntry>(kJournal, codec::JournalKey(seq), codec::DecodeJournal,
                                     [&] { return "journal entry " + std::to_string(seq); });
      if (!entry) return entry.error();
      entry->sites.assign(1, std::move(change));
      visit(std::move(entry).value());
    }
    return FromRocks(it->status(), "scanning the journal");
  }

  Status ScanJournal(uint64_t after_seq,
                     const std::function<bool(JournalEntry&&)>& visit) const override {
    return ScanRange<JournalEntry>(kJournal, "e", codec::ProposalKey(after_seq),  // BE64 seq
                                   codec::DecodeJournal, visit);
  }

  uint64_t LastJournalSeq() const override {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[kJournal]));
    it->SeekForPrev(codec::JournalKey(UINT64_MAX));
    uint64_t seq = 0;
    if (it->Valid() && it->key().starts_with("e")) {
      codec::TrailingNumber(std::string_view(it->key().data(), it->key().size()), &seq);
    }
    return seq;
  }

  Result<SiteProposal> GetProposal(uint64_t id) const override {
    return Get<SiteProposal>(kProposals, codec::ProposalKey(id), codec::DecodeProposal,
                             [&] { return "no proposal " + std::to_string(id); });
  }

  Status ScanProposals(const std::function<void(SiteProposal&&)>& visit) const override {
    return Scan<SiteProposal>(kProposals, codec::DecodeProposal, visit);
  }

  Status ScanLinkEnds(const std::function<void(std::string_view, std::string_view,
                                               std::string_view)>& visit) const override {
    rocksdb::ReadOptions options;
    options.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, handles_[kLinks]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view key(it->key().data(), it->key().size());
      const size_t a = key.find('\0');
      const size_t b = a == std::string_view::npos ? a : key.find('\0', a + 1);
      const size_t c = b == std::string_view::npos ? b : key.find('\0', b + 1);
      if (c == std::string_view::npos) {
        return Status::DataLoss("malformed link key '" + std::string(key) + "'");
      }
      visit(key.substr(0, a), key.substr(a + 1, b - a - 1), key.substr(b + 1, c - b - 1));
    }
    return FromRocks(it->status(), "scanning links");
  }

  std::vector<std::string> SitesInCountry(const std::string& country) const override {
    return IndexScan(codec::IndexPrefix('c', country));
  }
  std::vector<std::string> SitesInSector(const std::string& sector) const override {
    return IndexScan(codec::IndexPrefix('s', sector));
  }
  std::vector<std::string> SitesByExternalId(const std::string& scheme,
                                             const std::string& value) const override {
    return IndexScan(codec::IndexPrefix(scheme, value));
  }

  std::string path() const override { return path_; }

  Status Checkpoint(const std::string& dir) const override {
    if (std::filesystem::exists(dir))
      return Status::FailedPrecondition(dir + " exists; give a new directory");
    rocksdb::Checkpoint* raw = nullptr;
    ISV_RETURN_IF_ERROR(
        FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw), "preparing a checkpoint"));
    std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
    // Flush first so that the copy needs no write-ahead log replay.
    return FromRocks(checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0),
                     "writing a checkpoint to " + dir);
  }

  // A write reads the versions it replaces without filling the site cache with them.
  Result<Site> ReadSiteUncached(const std::string& id) const {
    return Get<Site>(kSites, id, codec::DecodeSite, [&] { return "no site '" + id + "'"; });
  }

  bool HasAny(Family family) const {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[family]));
    it->SeekToFirst();
    return it->Valid();
  }
  uint32_t format_version() const override { return kFormatVersion; }

  StoreMemory Memory() const override {
    StoreMemory memory;
    if (block_cache_) {
      memory.block_cache_bytes = block_cache_->GetUsage();
      memory.block_cache_capacity = block_cache_->GetCapacity();
    }
    if (options_.row_cache) memory.row_cache_bytes = options_.row_cache->GetUsage();
    uint64_t value = 0;
    if (db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &value)) {
      memory.memtable_bytes = value;
    }
    if (db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kEstimateTableReadersMem, &value)) {
      memory.table_reader_bytes = value;
    }
    const ValueCache::Usage sites = site_values_.usage();
    memory.site_cache_entries = sites.entries;
    memory.site_cache_bytes = sites.bytes;
    return memory;
  }

 private:
  // The sites family: deletions first, so that a put of the same key in this batch wins
  // (Arena::Sort keeps the last operation on a key).
  Status FillSites(const WriteBatch& batch, Arena& arena) const {
    for (const std::string& id : batch.deleted_sites()) arena.Delete(id);
    std::string value;
    for (const Site& site : batch.sites()) {
      codec::EncodeSite(site, &value);
      arena.Put(site.id, value);
    }
    return Status::Ok();
  }

  // The site index: a deleted or replaced site's entries go, a put site's come. The previous
  // version of a site is the one earlier in this batch, else the stored one (none when the
  // store had no sites).
  Status FillSiteIndex(const WriteBatch& batch, bool had_sites, Arena& arena) const {
    std::string key;
    auto remove = [&](std::string_view stale) { arena.Delete(stale); };
    for (const std::string& id : batch.deleted_sites()) {
      Result<Site> old = ReadSiteUncached(id);
      if (!old && old.error().code() != StatusCode::kNotFound) return old.error();
      if (old) codec::ForEachSiteIndexKey(*old, key, remove);
    }
    const std::vector<Site>& sites = batch.sites();
    FlatStringMap<uint32_t> earlier;  // id → its latest put so far, a position in `sites`
    earlier.reserve(sites.size());
    for (uint32_t at = 0; at < sites.size(); ++at) {
      const Site& site = sites[at];
      auto [before, first] = earlier.try_emplace(site.id, at);
      if (!first) {
        codec::ForEachSiteIndexKey(sites[*before], key, remove);
        *before = at;
      } else if (had_sites) {
        Result<Site> old = ReadSiteUncached(site.id);
        if (old) {
          codec::ForEachSiteIndexKey(*old, key, remove);
        } else if (old.error().code() != StatusCode::kNotFound) {
          return old.error();
        }
      }
      codec::ForEachSiteIndexKey(site, key, [&](std::string_view put) { arena.Put(put, ""); });
    }
    return Status::Ok();
  }
  // The journal entry and the site history it writes. A bulk write's history names every site
  // it put or deleted: read from the sorted sites' arena, since the batch has freed its sites by
  // then (of a delete and a put of one site only the later put is left, as in the store).
  Status FillJournal(const std::optional<JournalEntry>& entry, const Arena& sites,
                     Arena& journal) const {
    if (!entry) return Status::Ok();
    journal.Put(codec::JournalKey(entry->seq), codec::EncodeJournal(*entry));
    if (entry->sites.empty() && entry->site_count > 0) {  // a bulk write: unitemised
      SiteChange change;
      ISV_RETURN_IF_ERROR(sites.ForEach([&](std::string_view id, std::string_view, bool deleted) {
        change.site_id.assign(id);
        change.kind = deleted ? "deleted" : "written";
        journal.Put(codec::SiteHistoryKey(change.site_id, entry->seq),
                    codec::EncodeSiteChange(change));
        return Status::Ok();
      }));
    }
    for (const SiteChange& change : entry->sites) {
      journal.Put(codec::SiteHistoryKey(change.site_id, entry->seq),
                  codec::EncodeSiteChange(change));
    }
    return Status::Ok();
  }

  // Every family but those of sites and the journal.
  Status FillOthers(const WriteBatch& batch, Arenas& arenas) const {
    for (const SupplyLink& link : batch.deleted_links()) {
      arenas[kLinks].Delete(codec::LinkKey(link));
    }
    for (const auto& [organisation, id] : batch.deleted_contracts()) {
      arenas[kContracts].Delete(codec::ContractKey(organisation, id));
    }
    for (const Organisation& org : batch.organisations()) {
      arenas[kOrganisations].Put(org.id, codec::EncodeOrganisation(org));
    }
    for (const AccessToken& token : batch.tokens()) {
      arenas[kTokens].Put(token.hash, codec::EncodeToken(token));
    }
    for (const Audit& audit : batch.audits()) {
      arenas[kAudits].Put(audit.id, codec::EncodeAudit(audit));
    }
    for (const SiteProposal& proposal : batch.proposals()) {
      arenas[kProposals].Put(codec::ProposalKey(proposal.id), codec::EncodeProposal(proposal));
    }
    for (size_t i = 0; i < batch.link_count(); ++i) {
      const WriteBatch::LinkView link = batch.link_view(i);
      arenas[kLinks].Put(
          codec::LinkKey(link.organisation, link.customer_id, link.supplier_id, link.product),
          codec::EncodeLinkValue(link.share, link.confidence, link.source));
    }
    for (const Contract& contract : batch.contracts()) {
      arenas[kContracts].Put(codec::ContractKey(contract.organisation, contract.id),
                             codec::EncodeContract(contract));
    }
    return Status::Ok();
  }

  // A large write goes around the memtable and the write-ahead log: one SST file per column
  // family (written side by side when `parallel`), ingested in one atomic step
  // (DB::IngestExternalFiles). The sorted arenas are the only copy of the data in memory; a
  // WriteBatch and then the memtable would each hold another.
  Status Ingest(const Arenas& arenas, bool parallel) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(path_) / "ingest";
    std::error_code ec;
    fs::remove_all(dir, ec);  // leftovers of a write that crashed
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
    std::vector<rocksdb::IngestExternalFileArg> args;
    std::vector<Weighted> files;
    for (int family = 0; family < kCount; ++family) {
      const Arena& arena = arenas[family];
      if (arena.size() == 0) continue;
      const std::string file = (dir / (std::string(kFamilyNames[family]) + ".sst")).string();
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = handles_[family];
      arg.external_files = {file};
      arg.options.move_files = true;
      args.push_back(std::move(arg));
      files.push_back(
          {arena.bytes(), [this, &arena, family, file]() -> Status {
             rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options_, handles_[family]);
             ISV_RETURN_IF_ERROR(FromRocks(writer.Open(file), "creating " + file));
             ISV_RETURN_IF_ERROR(arena.ForEach([&](std::string_view key, std::string_view value,
                                                   bool is_delete) {
               return FromRocks(is_delete ? writer.Delete(rocksdb::Slice(key))
                                          : writer.Put(rocksdb::Slice(key), rocksdb::Slice(value)),
                                "writing an ingest file");
             }));
             return FromRocks(writer.Finish(), "finishing an ingest file");
           }});
    }
    Status written = InParallel(parallel, std::move(files));
    if (written.ok()) {
      written = FromRocks(db_->IngestExternalFiles(args), "ingesting into " + path_);
    }
    fs::remove_all(dir, ec);
    return written;
  }

  // Records of a family whose keys start with `prefix`, from the first key after
  // prefix + after, while visit returns true.
  template <typename Record, typename Decode, typename Visit>
  Status ScanRange(Family family, const std::string& prefix, const std::string& after,
                   Decode decode, const Visit& visit) const {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[family]));
    const std::string start = prefix + after;
    it->Seek(start);
    if (!after.empty() && it->Valid() && it->key() == rocksdb::Slice(start)) it->Next();
    for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
      Record record;
      ISV_RETURN_IF_ERROR(decode(std::string_view(it->key().data(), it->key().size()),
                                 std::string_view(it->value().data(), it->value().size()),
                                 &record));
      if (!visit(std::move(record))) break;
    }
    return FromRocks(it->status(), std::string("scanning ") + kFamilyNames[family]);
  }

  // One record by key: NotFound with `missing` when absent, DataLoss when malformed.
  // The message is made only when needed: most reads find their record. With a cache, the
  // value comes from it when it can and goes into it after a read (ValueCache's contract).
  template <typename Record, typename Decode, typename Missing>
  Result<Record> Get(Family family, const std::string& key, Decode decode, const Missing& missing,
                     ValueCache* cache = nullptr) const {
    Record record;
    if (cache) {
      Status decoded;
      if (cache->Visit(key,
                       [&](std::string_view cached) { decoded = decode(key, cached, &record); })) {
        if (!decoded.ok()) return decoded;
        return record;
      }
    }
    const uint64_t generation = cache ? cache->generation() : 0;
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), handles_[family], key, &value);
    if (s.IsNotFound()) return Status::NotFound(missing());
    if (!s.ok()) return FromRocks(s, std::string("reading ") + kFamilyNames[family]);
    ISV_RETURN_IF_ERROR(decode(key, value, &record));
    if (cache) cache->Insert(key, value, generation);
    return record;
  }

  template <typename Record, typename Decode, typename Visit>
  Status Scan(Family family, Decode decode, const Visit& visit) const {
    rocksdb::ReadOptions options;
    options.fill_cache = false;  // full scans would only evict what point reads need
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options, handles_[family]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      Record record;
      const rocksdb::Slice key = it->key();
      const rocksdb::Slice value = it->value();
      ISV_RETURN_IF_ERROR(decode(std::string_view(key.data(), key.size()),
                                 std::string_view(value.data(), value.size()), &record));
      visit(std::move(record));
    }
    return FromRocks(it->status(), std::string("scanning ") + kFamilyNames[family]);
  }

  std::vector<std::string> IndexScan(const std::string& prefix) const {
    std::vector<std::string> ids;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[kSiteIndex]));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      ids.emplace_back(it->key().data() + prefix.size(), it->key().size() - prefix.size());
    }
    return ids;
  }

  std::string path_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::Options options_;
  std::shared_ptr<rocksdb::Cache> block_cache_;  // shared by every family's table options
  size_t ingest_threshold_bytes_;
  // Encoded sites by id for GetSite (the lookups of the API, explanations of chains). 64k
  // entries of ~150 bytes: ~15 MB at most.
  mutable ValueCache site_values_{65536};
};

}  // namespace

bool RocksStoreExists(const std::string& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::exists(std::filesystem::path(path) / "CURRENT", ec);
}

Result<std::unique_ptr<ChainStore>> OpenRocksStore(const StoreOptions& options) {
  if (options.path.empty()) return Status::InvalidArgument("store path is empty");
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir(options.path);
  const bool exists = fs::exists(dir, ec);
  if (exists && !fs::is_directory(dir, ec)) {
    return Status::FailedPrecondition("store path " + options.path + " is not a directory");
  }
  const bool has_store = exists && RocksStoreExists(options.path);
  if (!has_store) {
    if (!options.create_if_missing) return Status::NotFound("no store at " + options.path);
    if (exists && !fs::is_empty(dir, ec)) {
      // Refuse to scatter RocksDB files into a directory that holds something else.
      return Status::FailedPrecondition("directory " + options.path +
                                        " is not empty and holds no isvgraph store");
    }
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError("cannot create " + options.path + ": " + ec.message());
    // The store holds every organisation's data: readable by the service's user only.
    fs::permissions(dir, fs::perms::owner_all, ec);
  }

  rocksdb::Options db_options;
  db_options.create_if_missing = !has_store;
  db_options.create_missing_column_families = !has_store;
  // Version 4 lacks only the audits family: such a store is upgraded in place (the family is
  // created empty, then the version is set to 5). Anything else is refused below.
  const uint32_t upgrade_from = has_store ? UpgradableFormat(options.path) : 0;
  if (upgrade_from != 0) db_options.create_missing_column_families = true;
  db_options.IncreaseParallelism(2);
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  // Point reads of records (a site, a token) hit the same keys again and again: the row cache
  // answers them without searching index and data blocks. A tenth of the block cache.
  db_options.row_cache = rocksdb::NewLRUCache(std::max<size_t>(options.block_cache_bytes / 10, 1));
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kFamilyNames) {
    // Per-family options come from the descriptor, not from db_options (docs/development.md).
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(db_options));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, descriptors, &handles, &raw_db);
  if (!s.ok()) {
    if (s.IsInvalidArgument()) {
      // RocksDB says so when the column families differ: another format or program.
      return Status::FailedPrecondition(
          "store " + options.path + " is not an isvgraph store of format version " +
          std::to_string(ChainStore::kFormatVersion) + ": " + s.ToString());
    }
    return FromRocks(s, "opening store " + options.path);
  }
  auto store = std::make_unique<RocksStore>(options.path, std::unique_ptr<rocksdb::DB>(raw_db),
                                            handles, db_options, table_options.block_cache,
                                            options.ingest_threshold_bytes);
  std::string stored;
  s = raw_db->Get(rocksdb::ReadOptions(), handles[kMeta], kFormatVersionKey, &stored);
  if (s.IsNotFound() && !has_store) {
    s = raw_db->Put(rocksdb::WriteOptions(), handles[kMeta], kFormatVersionKey,
                    std::to_string(ChainStore::kFormatVersion));
    if (!s.ok()) return FromRocks(s, "initialising store " + options.path);
  } else if (s.IsNotFound()) {
    return Status::FailedPrecondition("store " + options.path + " has no format version");
  } else if (!s.ok()) {
    return FromRocks(s, "reading the format version of " + options.path);
  } else {
    uint32_t version = 0;
    try {
      size_t used = 0;
      version = static_cast<uint32_t>(std::stoul(stored, &used));
      if (used != stored.size()) throw std::invalid_argument(stored);
    } catch (const std::exception&) {
      return Status::DataLoss("store " + options.path + " has a malformed format version '" +
                              stored + "'");
    }
    if (version == upgrade_from && upgrade_from != 0) {
      s = raw_db->Put(rocksdb::WriteOptions(), handles[kMeta], kFormatVersionKey,
                      std::to_string(ChainStore::kFormatVersion));
      if (!s.ok()) {
        return FromRocks(s, "upgrading store " + options.path + " to format " +
                                std::to_string(ChainStore::kFormatVersion));
      }
    } else if (version != ChainStore::kFormatVersion) {
      return Status::FailedPrecondition("store " + options.path + " has format version " +
                                        std::to_string(version) + "; this build reads version " +
                                        std::to_string(ChainStore::kFormatVersion));
    }
  }
  return std::unique_ptr<ChainStore>(std::move(store));
}

}  // namespace isvgraph::graph
