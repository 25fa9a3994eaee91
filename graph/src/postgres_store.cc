// The PostgreSQL backend of ChainStore. Each record kind has a table of (key, value) rows encoded
// exactly as the RocksDB store encodes them (codec.h), so both stores order, page and decode
// alike, and readable columns beside them for people who query the database. Keys are bytea:
// PostgreSQL compares bytea bytewise, RocksDB's default comparator too.
//
// libpq connections are not shared between threads: a small pool hands one to each call. A
// write sends its statements in pipeline mode (no round trip per row), in chunks, inside one
// transaction.

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <poll.h>
#include <regex>
#include <thread>
#include <type_traits>
#include <vector>

#include <libpq-fe.h>

#include "codec.h"
#include "isvgraph/base/utf8.h"
#include "isvgraph/graph/chain_store.h"
#include "postgres_bulk.h"
#include "postgres_result.h"
#include "postgres_schema.h"

namespace isvgraph::graph {
namespace {

std::string_view Bytes(const PGresult* result, int row, int column) {
  return {PQgetvalue(result, row, column), static_cast<size_t>(PQgetlength(result, row, column))};
}

// The advisory lock a process holds on its session while it has the store open.
constexpr const char* kStoreLock = "SELECT pg_try_advisory_lock(7341800202)";

// The tables of (key, value) records, named for the statements below.
enum class Table {
  kSites,
  kLinks,
  kContracts,
  kOrganisations,
  kTokens,
  kAudits,
  kProposals,
  kJournal,
  kHistory,
  kSiteIndex
};

const char* TableName(Table table) {
  switch (table) {
    case Table::kSites:
      return "sites";
    case Table::kLinks:
      return "links";
    case Table::kContracts:
      return "contracts";
    case Table::kOrganisations:
      return "organisations";
    case Table::kTokens:
      return "tokens";
    case Table::kAudits:
      return "audits";
    case Table::kProposals:
      return "proposals";
    case Table::kJournal:
      return "journal";
    case Table::kHistory:
      return "site_history";
    case Table::kSiteIndex:
      return "site_index";
  }
  return "";
}

// The upsert of a (key, value) row into `table`, built once per table: a bulk import puts one
// site-history row per site. Every table but site_index (which has no value column; it is last).
const char* UpsertSql(Table table) {
  static const std::vector<std::string> statements = [] {
    std::vector<std::string> out;
    for (int t = 0; t < static_cast<int>(Table::kSiteIndex); ++t) {
      out.push_back(std::string("INSERT INTO ") + TableName(static_cast<Table>(t)) +
                    " (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2");
    }
    return out;
  }();
  return statements.at(static_cast<size_t>(table)).c_str();
}

// The first key after every key that starts with `prefix` ("" = no bound): the prefix with its
// last byte below 0xff incremented.
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

// Parameters of one statement, bound as binary (bytea) or text.
class Params {
 public:
  Params& Bytes(std::string_view value) { return Add(value, 1); }
  // A readable column: never the reason a write fails, so bytes that are not UTF-8 are replaced
  // (the record itself is in the bytea value, exactly). libpq reads text up to a NUL.
  Params& Text(std::string_view value) {
    if (IsUtf8(value)) return Add(value, 0);
    return Add(kept_.emplace_back(ToValidUtf8(value)), 0);
  }
  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  Params& Add(std::string_view value, int format) {
    values_.push_back(value.data());
    lengths_.push_back(static_cast<int>(value.size()));
    formats_.push_back(format);
    return *this;
  }
  std::vector<const char*> values_;
  std::vector<int> lengths_, formats_;
  std::deque<std::string> kept_;  // repaired text: a deque does not move what it holds
};

class PostgresStore final : public ChainStore {
 public:
  PostgresStore(std::string url, int connections, size_t bulk_records)
      : url_(std::move(url)),
        redacted_(RedactPostgresUrl(url_)),
        capacity_(connections),
        bulk_records_(bulk_records) {}

  Status Write(WriteBatch batch) override {
    auto lease = Acquire();
    if (!lease) return lease.error();
    Writer writer((*lease)->get());
    writer.Begin();
    // Deletes first, then puts (a batch may delete and put the same key: the put wins).
    for (const std::string& id : batch.deleted_sites()) {
      writer.Send("DELETE FROM site_index WHERE site_id = $1", Params().Bytes(id));
      writer.Send("DELETE FROM sites WHERE key = $1", Params().Bytes(id));
    }
    for (const SupplyLink& link : batch.deleted_links()) {
      writer.Send("DELETE FROM links WHERE key = $1", Params().Bytes(codec::LinkKey(link)));
    }
    for (const auto& [organisation, id] : batch.deleted_contracts()) {
      writer.Send("DELETE FROM contracts WHERE key = $1",
                  Params().Bytes(codec::ContractKey(organisation, id)));
    }
    std::string value, scratch;
    // A large write sends its sites, links, contracts and site history with COPY (below).
    const bool bulk = batch.size() >= bulk_records_;
    for (const Site& site : bulk ? std::vector<Site>() : batch.sites()) {
      codec::EncodeSite(site, &value);
      writer.Send(
          "INSERT INTO sites (key, value, name, country, sector) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT (key) DO UPDATE SET value = $2, name = $3, country = $4, sector = $5",
          Params()
              .Bytes(site.id)
              .Bytes(value)
              .Text(site.name)
              .Text(site.country)
              .Text(site.sector));
      writer.Send("DELETE FROM site_index WHERE site_id = $1", Params().Bytes(site.id));
      codec::ForEachSiteIndexKey(site, scratch, [&](std::string_view key) {
        writer.Send("INSERT INTO site_index (key, site_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    Params().Bytes(key).Bytes(site.id));
      });
    }
    for (const Organisation& org : batch.organisations()) {
      writer.Put(Table::kOrganisations, org.id, codec::EncodeOrganisation(org));
    }
    for (const AccessToken& token : batch.tokens()) {
      writer.Put(Table::kTokens, token.hash, codec::EncodeToken(token));
    }
    for (const Audit& audit : batch.audits()) {
      writer.Put(Table::kAudits, audit.id, codec::EncodeAudit(audit));
    }
    if (const std::optional<JournalEntry>& entry = batch.journal()) {
      auto remember = [&](const SiteChange& change) {
        writer.Put(Table::kHistory, codec::SiteHistoryKey(change.site_id, entry->seq),
                   codec::EncodeSiteChange(change));
      };
      if (!bulk && entry->sites.empty() && entry->site_count > 0) {
        ForEachBulkSiteChange(batch, remember);
      }
      for (const SiteChange& change : entry->sites) remember(change);
      JournalEntry kept = *entry;
      if (kept.sites.size() > JournalEntry::kListedSites) {
        kept.sites.resize(JournalEntry::kListedSites);
      }
      const std::string seq = std::to_string(entry->seq);
      writer.Send(
          // Append only: an entry whose seq is taken fails the batch instead of replacing
          // history (a second writer on the database would otherwise overwrite it).
          "INSERT INTO journal (key, value, seq, index_change) VALUES ($1, $2, $3::bigint, $4)",
          Params()
              .Bytes(codec::JournalKey(entry->seq))
              .Bytes(codec::EncodeJournal(kept))
              .Text(seq)
              .Bytes(batch.index_change()));
      // Servers that share the database re-read it when told (delivered at commit only).
      writer.Send("NOTIFY isvgraph_changes", Params());
    }
    for (const SiteProposal& proposal : batch.proposals()) {
      writer.Put(Table::kProposals, codec::ProposalKey(proposal.id),
                 codec::EncodeProposal(proposal));
    }
    for (size_t i = 0; !bulk && i < batch.link_count(); ++i) {
      const SupplyLink link = batch.link(i);
      writer.Send(
          "INSERT INTO links (key, value, organisation, customer_id, supplier_id, product) "
          "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO UPDATE SET value = $2",
          Params()
              .Bytes(codec::LinkKey(link))
              .Bytes(codec::EncodeLink(link))
              .Text(link.organisation)
              .Text(link.customer_id)
              .Text(link.supplier_id)
              .Text(link.product));
    }
    for (const Contract& contract : bulk ? std::vector<Contract>() : batch.contracts()) {
      writer.Send(
          "INSERT INTO contracts (key, value, organisation, id) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (key) DO UPDATE SET value = $2",
          Params()
              .Bytes(codec::ContractKey(contract.organisation, contract.id))
              .Bytes(codec::EncodeContract(contract))
              .Text(contract.organisation)
              .Text(contract.id));
    }
    if (bulk) writer.Copy([&](PGconn* conn) { return SendBulkRows(conn, batch); });
    const Status committed = writer.Commit();
    Release(std::move(lease).value());
    if (!committed.ok()) {
      return Status::IoError("writing to " + redacted_ + ": " + committed.message());
    }
    return Status::Ok();
  }

  Result<Site> GetSite(const std::string& id) const override {
    return Get<Site>(Table::kSites, id, codec::DecodeSite, "no site '" + id + "'");
  }
  Result<Contract> GetContract(const std::string& organisation,
                               const std::string& id) const override {
    return Get<Contract>(Table::kContracts, codec::ContractKey(organisation, id),
                         codec::DecodeContract, "no contract '" + id + "'");
  }
  Result<SupplyLink> GetLink(const SupplyLink& key) const override {
    return Get<SupplyLink>(Table::kLinks, codec::LinkKey(key), codec::DecodeLink,
                           "no link " + key.supplier_id + " -> " + key.customer_id);
  }
  Result<Organisation> GetOrganisation(const std::string& id) const override {
    return Get<Organisation>(Table::kOrganisations, id, codec::DecodeOrganisation,
                             "no organisation '" + id + "'");
  }
  Result<AccessToken> GetToken(const std::string& hash) const override {
    return Get<AccessToken>(Table::kTokens, hash, codec::DecodeToken, "no such token");
  }
  Result<Audit> GetAudit(const std::string& id) const override {
    return Get<Audit>(Table::kAudits, id, codec::DecodeAudit, "no audit '" + id + "'");
  }
  Result<SiteProposal> GetProposal(uint64_t id) const override {
    return Get<SiteProposal>(Table::kProposals, codec::ProposalKey(id), codec::DecodeProposal,
                             "no proposal " + std::to_string(id));
  }

  Status ScanSiteHistory(const std::string& site_id,
                         const std::function<void(JournalEntry&&)>& visit) const override {
    std::vector<SiteChange> changes;
    std::vector<uint64_t> seqs;
    ISV_RETURN_IF_ERROR(Range(Table::kHistory, codec::SiteHistoryPrefix(site_id), "",
                              [&](std::string_view key, std::string_view value) {
                                SiteChange change;
                                uint64_t seq = 0;
                                Status s = codec::DecodeSiteChange(key, value, &change);
                                if (!s.ok()) return s;
                                change.site_id = site_id;
                                if (!codec::TrailingNumber(key, &seq)) {
                                  return Status::DataLoss("malformed site-history key");
                                }
                                changes.push_back(std::move(change));
                                seqs.push_back(seq);
                                return Status::Ok();
                              }));
    for (size_t i = 0; i < changes.size(); ++i) {
      Result<JournalEntry> entry = Get<JournalEntry>(Table::kJournal, codec::JournalKey(seqs[i]),
                                                     codec::DecodeJournal, "no journal entry");
      if (!entry) return entry.error();
      entry->sites.assign(1, std::move(changes[i]));
      visit(std::move(entry).value());
    }
    return Status::Ok();
  }
  Status ScanJournal(uint64_t after_seq,
                     const std::function<bool(JournalEntry&&)>& visit) const override {
    return Range(Table::kJournal, "", codec::JournalKey(after_seq),
                 [&](std::string_view key, std::string_view value) -> Result<bool> {
                   JournalEntry entry;
                   ISV_RETURN_IF_ERROR(codec::DecodeJournal(key, value, &entry));
                   return visit(std::move(entry));
                 });
  }
  uint64_t LastJournalSeq() const override {
    Result<uint64_t> head = JournalHead();
    return head ? *head : 0;
  }
  Result<uint64_t> JournalHead() const override {
    uint64_t seq = 0;
    ISV_RETURN_IF_ERROR(Stream("SELECT coalesce(max(seq), 0)::text FROM journal", Params(),
                               [&](const PGresult* row) -> Result<bool> {
                                 seq = std::strtoull(PQgetvalue(row, 0, 0), nullptr, 10);
                                 return false;
                               }));
    return seq;
  }

  Status ScanIndexChanges(
      uint64_t after_seq, uint64_t upto_seq,
      const std::function<void(uint64_t seq, std::string_view change)>& visit) const override {
    const std::string after = std::to_string(after_seq), upto = std::to_string(upto_seq);
    return Stream(
        "SELECT seq::text, coalesce(index_change, ''::bytea) FROM journal "
        "WHERE seq > $1::bigint AND seq <= $2::bigint ORDER BY seq",
        Params().Text(after).Text(upto), [&](const PGresult* row) -> Result<bool> {
          visit(std::strtoull(PQgetvalue(row, 0, 0), nullptr, 10), Bytes(row, 0, 1));
          return true;
        });
  }

  bool shared() const override { return shared_; }
  // A connection of its own LISTENs; a lost one is replaced on the next call, which then answers
  // true (writes may have been missed while it was away).
  bool WaitForChange(std::chrono::milliseconds timeout) const override {
    std::lock_guard lock(listen_mutex_);
    if (!listener_ || !listener_->healthy()) {
      listener_.reset();
      auto conn = Connect(url_);
      if (!conn || !Exec((*conn)->get(), "LISTEN isvgraph_changes").ok()) {
        std::this_thread::sleep_for(timeout);
        return false;
      }
      listener_ = std::move(conn).value();
      return true;
    }
    PGconn* conn = listener_->get();
    pollfd ready{.fd = PQsocket(conn), .events = POLLIN, .revents = 0};
    if (poll(&ready, 1, static_cast<int>(timeout.count())) > 0 && PQconsumeInput(conn) != 1) {
      listener_.reset();
      return true;
    }
    bool notified = false;
    while (PGnotify* notice = PQnotifies(conn)) {
      notified = true;
      PQfreemem(notice);
    }
    return notified;
  }
  Status ScanProposals(const std::function<void(SiteProposal&&)>& visit) const override {
    return ScanAll<SiteProposal>(Table::kProposals, codec::DecodeProposal, visit);
  }

  Status ScanSites(const std::function<void(Site&&)>& visit) const override {
    return ScanAll<Site>(Table::kSites, codec::DecodeSite, visit);
  }
  Status ScanLinks(const std::function<void(SupplyLink&&)>& visit) const override {
    return ScanAll<SupplyLink>(Table::kLinks, codec::DecodeLink, visit);
  }
  Status ScanContracts(const std::function<void(Contract&&)>& visit) const override {
    return ScanAll<Contract>(Table::kContracts, codec::DecodeContract, visit);
  }
  Status ScanOrganisations(const std::function<void(Organisation&&)>& visit) const override {
    return ScanAll<Organisation>(Table::kOrganisations, codec::DecodeOrganisation, visit);
  }
  Status ScanTokens(const std::function<void(AccessToken&&)>& visit) const override {
    return ScanAll<AccessToken>(Table::kTokens, codec::DecodeToken, visit);
  }
  Status ScanAudits(const std::function<void(Audit&&)>& visit) const override {
    return ScanAll<Audit>(Table::kAudits, codec::DecodeAudit, visit);
  }

  Status ScanSitesAfter(const std::string& after,
                        const std::function<bool(Site&&)>& visit) const override {
    return ScanPage<Site>(Table::kSites, "", after, codec::DecodeSite, visit);
  }
  Status ScanLinksOf(const std::string& organisation, const std::string& after,
                     const std::function<bool(SupplyLink&&)>& visit) const override {
    return ScanPage<SupplyLink>(Table::kLinks, organisation + '\0', after, codec::DecodeLink,
                                visit);
  }
  Status ScanContractsOf(const std::string& organisation, const std::string& after,
                         const std::function<bool(Contract&&)>& visit) const override {
    return ScanPage<Contract>(Table::kContracts, organisation + '\0', after, codec::DecodeContract,
                              visit);
  }

  Status ScanLinkEnds(const std::function<void(std::string_view, std::string_view,
                                               std::string_view)>& visit) const override {
    return Stream("SELECT organisation, customer_id, supplier_id FROM links ORDER BY key", Params(),
                  [&](const PGresult* row) -> Result<bool> {
                    visit(Bytes(row, 0, 0), Bytes(row, 0, 1), Bytes(row, 0, 2));
                    return true;
                  });
  }

  std::vector<std::string> SitesInCountry(const std::string& country) const override {
    return Indexed(codec::IndexPrefix('c', country));
  }
  std::vector<std::string> SitesInSector(const std::string& sector) const override {
    return Indexed(codec::IndexPrefix('s', sector));
  }
  std::vector<std::string> SitesByExternalId(const std::string& scheme,
                                             const std::string& value) const override {
    return Indexed(codec::IndexPrefix(scheme, value));
  }

  Status Checkpoint(const std::string&) const override {
    return Status::FailedPrecondition(
        "a PostgreSQL store is backed up by PostgreSQL (pg_basebackup, or pg_dump of the "
        "database), not by isvgraph");
  }
  std::string path() const override { return redacted_; }
  uint32_t format_version() const override { return kFormatVersion; }

  // Checks the connection and the schema (OpenPostgresStore).
  Status Check(bool create_if_missing, bool exclusive) {
    shared_ = !exclusive;
    if (exclusive) ISV_RETURN_IF_ERROR(HoldTheStore());
    auto lease = Acquire();
    if (!lease) return lease.error();
    Result<int> version = SchemaVersion((*lease)->get());
    Release(std::move(lease).value());
    if (!version) return version.error();
    if (*version == 0 && !create_if_missing) {
      return Status::NotFound("no isvgraph store in the database " + redacted_);
    }
    if (*version == 0) return MigratePostgresStore(url_).status();
    if (*version < kPostgresSchemaVersion) {
      return Status::FailedPrecondition(
          "the database " + redacted_ + " holds an isvgraph store of schema version " +
          std::to_string(*version) + "; this build needs version " +
          std::to_string(kPostgresSchemaVersion) +
          ": upgrade it with `isvgraph store migrate --db URL` (take a backup first)");
    }
    if (*version > kPostgresSchemaVersion) {
      return Status::FailedPrecondition(
          "the database " + redacted_ + " holds an isvgraph store of schema version " +
          std::to_string(*version) + ", newer than this build's " +
          std::to_string(kPostgresSchemaVersion) + ": use a newer isvgraph");
    }
    return Status::Ok();
  }

 private:
  // A pipelined transaction: statements are sent without waiting for their answers; every
  // kChunk statements the writer reads the answers so that neither side's buffers fill up.
  class Writer {
   public:
    explicit Writer(PGconn* conn) : conn_(conn) {}
    void Begin() {
      if (PQenterPipelineMode(conn_) != 1) error_ = ErrorOf(conn_);
      Send("BEGIN", Params());
    }
    void Put(Table table, std::string_view key, const std::string& value) {
      Send(UpsertSql(table), Params().Bytes(key).Bytes(value));
    }
    void Send(const char* sql, const Params& params) {
      if (!error_.empty()) return;
      if (PQsendQueryParams(conn_, sql, params.size(), nullptr, params.values(), params.lengths(),
                            params.formats(), 0) != 1) {
        error_ = ErrorOf(conn_);
        return;
      }
      if (++pending_ >= kChunk) Sync();
    }
    // Leaves pipeline mode (COPY cannot run in it) and runs `copy` on the connection, inside
    // the transaction, unless something failed already.
    template <typename Send>
    void Copy(const Send& copy) {
      Sync();
      PQexitPipelineMode(conn_);
      if (!error_.empty()) return;
      const Status status = copy(conn_);
      if (!status.ok()) error_ = status.message();
    }
    // COMMIT when everything went through, else ROLLBACK; the error of the first failure.
    Status Commit() {
      if (PQpipelineStatus(conn_) == PQ_PIPELINE_OFF) {
        if (error_.empty()) {
          const Status committed = Exec(conn_, "COMMIT");
          if (!committed.ok()) error_ = committed.message();
        }
      } else {
        Send("COMMIT", Params());
        Sync();
        PQexitPipelineMode(conn_);
      }
      if (!error_.empty()) {
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)Exec(conn_, "ROLLBACK");
        return Status::IoError(error_);
      }
      return Status::Ok();
    }

   private:
    static constexpr int kChunk = 2000;
    // Ends the pipeline's current segment and reads every answer in it.
    void Sync() {
      if (PQpipelineSync(conn_) != 1) {
        if (error_.empty()) error_ = ErrorOf(conn_);
        return;
      }
      for (;;) {
        ResultPtr result = Wrap(PQgetResult(conn_));
        if (!result) continue;  // the end of one statement's answers
        const ExecStatusType status = PQresultStatus(result.get());
        if (status == PGRES_PIPELINE_SYNC) break;
        if (status == PGRES_FATAL_ERROR && error_.empty()) {
          error_ = PQresultErrorMessage(result.get());
          while (!error_.empty() && error_.back() == '\n') error_.pop_back();
        }
        if (status == PGRES_FATAL_ERROR && PQstatus(conn_) != CONNECTION_OK) break;
      }
      pending_ = 0;
    }
    PGconn* conn_;
    int pending_ = 0;
    std::string error_;
  };

  // --- the pool -------------------------------------------------------------------------------
  Result<std::unique_ptr<Connection>> Acquire() const {
    std::unique_lock lock(pool_mutex_);
    pool_ready_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn->healthy()) return conn;
      --open_;  // lost: replaced below
    }
    ++open_;
    lock.unlock();
    auto conn = Connect(url_);
    if (!conn) {
      std::lock_guard again(pool_mutex_);
      --open_;
      pool_ready_.notify_one();
    }
    return conn;
  }
  void Release(std::unique_ptr<Connection> conn) const {
    std::lock_guard lock(pool_mutex_);
    if (conn->healthy()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
    pool_ready_.notify_one();
  }

  // --- reads ----------------------------------------------------------------------------------
  // Runs a query in single-row mode and passes each row to `row` until it answers false or an
  // error. The connection is the call's own while rows stream. A connection the database closed
  // (a restart, a failover) shows only when used: then the query runs once more on a new one,
  // provided no row was passed on yet.
  template <typename Row>
  Status Stream(const std::string& sql, const Params& params, const Row& row) const {
    for (int attempt = 0;; ++attempt) {
      auto lease = Acquire();
      if (!lease) return lease.error();
      bool delivered = false;
      Status status = StreamOn((*lease)->get(), sql, params, row, &delivered);
      const bool lost = !(*lease)->healthy();
      Release(std::move(lease).value());
      if (status.ok() || !lost || delivered || attempt == 1) return status;
    }
  }
  template <typename Row>
  Status StreamOn(PGconn* conn, const std::string& sql, const Params& params, const Row& row,
                  bool* delivered) const {
    Status status;
    if (PQsendQueryParams(conn, sql.c_str(), params.size(), nullptr, params.values(),
                          params.lengths(), params.formats(), 1) != 1 ||
        PQsetSingleRowMode(conn) != 1) {
      return Status::IoError("reading " + redacted_ + ": " + ErrorOf(conn));
    }
    bool more = true;
    for (;;) {
      ResultPtr result = Wrap(PQgetResult(conn));
      if (!result) break;
      const ExecStatusType type = PQresultStatus(result.get());
      if (type == PGRES_SINGLE_TUPLE && more) {
        *delivered = true;
        Result<bool> go_on = row(result.get());
        if (!go_on) {
          status = go_on.error();
          more = false;
        } else if (!*go_on) {
          more = false;
        }
        // Stopping early still reads the remaining rows: the connection must be idle again.
      } else if (type == PGRES_FATAL_ERROR && status.ok()) {
        status = Status::IoError("reading " + redacted_ + ": " + ErrorOf(conn));
      }
    }
    return status;
  }

  // Rows of `table` whose key starts with `prefix`, after `after` (exclusive; "" = from the
  // prefix on), in key order, as (key, value).
  template <typename Visit>
  Status Range(Table table, const std::string& prefix, const std::string& after,
               const Visit& visit) const {
    const std::string start = prefix + after;
    const std::string end = PrefixEnd(prefix);
    std::string sql = std::string("SELECT key, value FROM ") + TableName(table) + " WHERE key " +
                      (after.empty() ? ">=" : ">") + " $1";
    Params params;
    params.Bytes(start);
    if (!end.empty()) {
      sql += " AND key < $2";
      params.Bytes(end);
    }
    sql += " ORDER BY key";
    return Stream(sql, params, [&](const PGresult* row) -> Result<bool> {
      using Answer = decltype(visit(std::string_view(), std::string_view()));
      if constexpr (std::is_same_v<Answer, Status>) {
        ISV_RETURN_IF_ERROR(visit(Bytes(row, 0, 0), Bytes(row, 0, 1)));
        return true;
      } else {
        return visit(Bytes(row, 0, 0), Bytes(row, 0, 1));
      }
    });
  }

  template <typename Record, typename Decode, typename Visit>
  Status ScanAll(Table table, Decode decode, const Visit& visit) const {
    return Range(table, "", "", [&](std::string_view key, std::string_view value) -> Status {
      Record record;
      ISV_RETURN_IF_ERROR(decode(key, value, &record));
      visit(std::move(record));
      return Status::Ok();
    });
  }

  template <typename Record, typename Decode, typename Visit>
  Status ScanPage(Table table, const std::string& prefix, const std::string& after, Decode decode,
                  const Visit& visit) const {
    return Range(table, prefix, after,
                 [&](std::string_view key, std::string_view value) -> Result<bool> {
                   Record record;
                   ISV_RETURN_IF_ERROR(decode(key, value, &record));
                   return visit(std::move(record));
                 });
  }

  template <typename Record, typename Decode>
  Result<Record> Get(Table table, const std::string& key, Decode decode,
                     const std::string& missing) const {
    std::optional<Record> found;
    Status decoded;
    const std::string sql =
        std::string("SELECT key, value FROM ") + TableName(table) + " WHERE key = $1";
    ISV_RETURN_IF_ERROR(Stream(sql, Params().Bytes(key), [&](const PGresult* row) -> Result<bool> {
      Record record;
      decoded = decode(Bytes(row, 0, 0), Bytes(row, 0, 1), &record);
      if (decoded.ok()) found = std::move(record);
      return false;
    }));
    if (!decoded.ok()) return decoded;
    if (!found) return Status::NotFound(missing);
    return std::move(*found);
  }

  // Site ids under a secondary-index prefix, in id order (the key ends with the id).
  std::vector<std::string> Indexed(const std::string& prefix) const {
    std::vector<std::string> ids;
    const std::string sql =
        "SELECT site_id FROM site_index WHERE key >= $1 AND key < $2 "
        "ORDER BY key";
    // The interface has no error here (RocksDB's index reads cannot fail short of corruption);
    // a lost database gives no ids, and the next write or read says why.
    (void)Stream(sql, Params().Bytes(prefix).Bytes(PrefixEnd(prefix)),
                 [&](const PGresult* row) -> Result<bool> {
                   ids.emplace_back(Bytes(row, 0, 0));
                   return true;
                 });
    return ids;
  }

  // An exclusive store (one-off commands) is open in one such process at a time; servers open it
  // shared and follow each other's writes instead (docs/scaling.md). A session advisory lock on
  // a connection of its own, held while the store is open.
  Status HoldTheStore() {
    auto conn = Connect(url_);
    if (!conn) return conn.error();
    ResultPtr locked = Wrap(PQexec((*conn)->get(), kStoreLock));
    if (PQresultStatus(locked.get()) != PGRES_TUPLES_OK) {
      return Status::IoError("PostgreSQL: " + ErrorOf((*conn)->get()));
    }
    if (std::string(PQgetvalue(locked.get(), 0, 0)) != "t") {
      return Status::FailedPrecondition("another isvgraph process has the store in " + redacted_ +
                                        " open; wait for it to finish (docs/scaling.md)");
    }
    lock_ = std::move(conn).value();
    return Status::Ok();
  }

  std::unique_ptr<Connection> lock_;  // holds kStoreLock while the store is open
  bool shared_ = false;               // opened without the lock: other processes write too
  mutable std::mutex listen_mutex_;
  mutable std::unique_ptr<Connection> listener_;  // LISTENs for isvgraph_changes
  const std::string url_, redacted_;
  const int capacity_;
  const size_t bulk_records_;
  mutable std::mutex pool_mutex_;
  mutable std::condition_variable pool_ready_;
  mutable std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(pool_mutex_)
  mutable int open_ = 0;                                   // GUARDED_BY(pool_mutex_)
};

}  // namespace

bool IsPostgresUrl(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0 ||
         location.find("dbname=") != std::string::npos ||
         location.find("host=") != std::string::npos;
}

std::string RedactPostgresUrl(const std::string& url) {
  // URI form: scheme://user:password@host…?password=…; key=value form: password=… (quoted with
  // backslash escapes, or not).
  static const std::regex uri_password(R"(^(postgres(?:ql)?://[^:@/]*:)[^@/]*@)");
  static const std::regex query_password(R"(([?&]password=)[^&]*)");
  static const std::regex key_password(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+))");
  if (url.rfind("postgres", 0) == 0 && url.find("://") != std::string::npos) {
    return std::regex_replace(std::regex_replace(url, uri_password, "$1***@"), query_password,
                              "$1***");
  }
  return std::regex_replace(url, key_password, "$1***");
}

Result<std::unique_ptr<ChainStore>> OpenPostgresStore(const PostgresStoreOptions& options) {
  if (options.url.empty()) return Status::InvalidArgument("no PostgreSQL connection string");
  if (options.connections < 1) {
    return Status::InvalidArgument("a PostgreSQL store needs at least one connection");
  }
  auto store =
      std::make_unique<PostgresStore>(options.url, options.connections, options.bulk_records);
  ISV_RETURN_IF_ERROR(store->Check(options.create_if_missing, options.exclusive));
  return std::unique_ptr<ChainStore>(std::move(store));
}

}  // namespace isvgraph::graph
