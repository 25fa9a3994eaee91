#include "postgres_schema.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "isvgraph/graph/chain_store.h"
#include "postgres_result.h"

namespace isvgraph::graph {
namespace {

// Schema version 1. Every key and value is bytea (binary parameters); the readable columns are
// text.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE isvgraph_schema (version integer NOT NULL);
CREATE TABLE sites (key bytea PRIMARY KEY, value bytea NOT NULL,
                    name text NOT NULL, country text NOT NULL, sector text NOT NULL);
CREATE TABLE site_index (key bytea PRIMARY KEY, site_id bytea NOT NULL);
CREATE INDEX site_index_by_site ON site_index (site_id);
CREATE TABLE links (key bytea PRIMARY KEY, value bytea NOT NULL, organisation text NOT NULL,
                    customer_id text NOT NULL, supplier_id text NOT NULL, product text NOT NULL);
CREATE TABLE contracts (key bytea PRIMARY KEY, value bytea NOT NULL, organisation text NOT NULL,
                        id text NOT NULL);
CREATE TABLE organisations (key bytea PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE tokens (key bytea PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE audits (key bytea PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE proposals (key bytea PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE journal (key bytea PRIMARY KEY, value bytea NOT NULL, seq bigint NOT NULL);
CREATE TABLE site_history (key bytea PRIMARY KEY, value bytea NOT NULL);
)sql";

// Version 2: each journal entry keeps what its write changed in the index (the keys of the
// records to re-read, ChainGraph's encoding), so that servers following the store patch their
// index instead of rebuilding it; entries written before have none (NULL) and make a follower
// rebuild. The journal's head is read by seq once a second: an index makes that one lookup.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE journal ADD COLUMN index_change bytea;
CREATE INDEX journal_by_seq ON journal (seq);
)sql";

// Migrations in order: kMigrations[i] brings version i to i + 1.
const std::vector<const char*> kMigrations = {kSchemaV1, kSchemaV2};
static_assert(kPostgresSchemaVersion == 2, "a schema version needs its migration");

// One advisory lock key for schema changes, so that two servers starting on an empty database
// do not both create it.
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(7341800201)";

}  // namespace

Result<int> SchemaVersion(PGconn* conn) {
  ResultPtr exists = Wrap(PQexec(conn, "SELECT to_regclass('isvgraph_schema') IS NOT NULL"));
  if (PQresultStatus(exists.get()) != PGRES_TUPLES_OK) {
    return Status::IoError("PostgreSQL: " + ErrorOf(conn));
  }
  if (std::string(PQgetvalue(exists.get(), 0, 0)) != "t") return 0;
  ResultPtr version = Wrap(PQexec(conn, "SELECT max(version) FROM isvgraph_schema"));
  if (PQresultStatus(version.get()) != PGRES_TUPLES_OK || PQgetisnull(version.get(), 0, 0)) {
    return Status::DataLoss("the database's isvgraph_schema table holds no version");
  }
  return std::atoi(PQgetvalue(version.get(), 0, 0));
}

Result<std::pair<int, int>> MigratePostgresStore(const std::string& url) {
  if (url.empty()) return Status::InvalidArgument("no PostgreSQL connection string");
  auto conn = Connect(url);
  if (!conn) return conn.error();
  PGconn* pg = (*conn)->get();
  ISV_RETURN_IF_ERROR(Exec(pg, "BEGIN"));
  ISV_RETURN_IF_ERROR(Exec(pg, kSchemaLock));
  Result<int> before = SchemaVersion(pg);
  if (!before) return before.error();
  ISV_RETURN_IF_ERROR(Exec(pg, "COMMIT"));
  if (*before > kPostgresSchemaVersion) {
    return Status::FailedPrecondition("the database " + RedactPostgresUrl(url) +
                                      " holds schema version " + std::to_string(*before) +
                                      ", newer than this build's " +
                                      std::to_string(kPostgresSchemaVersion));
  }
  for (int version = *before; version < kPostgresSchemaVersion; ++version) {
    ISV_RETURN_IF_ERROR(Exec(pg, "BEGIN"));
    ISV_RETURN_IF_ERROR(Exec(pg, kSchemaLock));
    Result<int> now = SchemaVersion(pg);  // another server may have migrated meanwhile
    if (!now) return now.error();
    if (*now > version) {
      ISV_RETURN_IF_ERROR(Exec(pg, "COMMIT"));
      continue;
    }
    Status applied = Exec(pg, kMigrations[version]);
    if (applied.ok()) {
      applied = Exec(
          pg, version == 0 ? "INSERT INTO isvgraph_schema VALUES (1)"
                           : "UPDATE isvgraph_schema SET version = " + std::to_string(version + 1));
    }
    if (!applied.ok()) {
      (void)Exec(pg, "ROLLBACK");  // the error that matters is the migration's
      return Status::IoError("migrating " + RedactPostgresUrl(url) + " to schema version " +
                             std::to_string(version + 1) + ": " + applied.message());
    }
    ISV_RETURN_IF_ERROR(Exec(pg, "COMMIT"));
  }
  return std::pair<int, int>(*before, kPostgresSchemaVersion);
}

}  // namespace isvgraph::graph
