#pragma once

// libpq helpers that the PostgreSQL store, its COPY writer (postgres_bulk.h) and its schema
// (postgres_schema.h) share.

#include <memory>
#include <string>

#include <libpq-fe.h>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"
#include "isvgraph/graph/chain_store.h"

namespace isvgraph::graph {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

inline ResultPtr Wrap(PGresult* result) { return ResultPtr(result, &PQclear); }

// libpq's last error without its trailing newline.
inline std::string ErrorOf(PGconn* conn) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// Runs SQL without parameters; IoError with PostgreSQL's reason on failure.
inline Status Exec(PGconn* conn, const std::string& sql) {
  ResultPtr result = Wrap(PQexec(conn, sql.c_str()));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return Status::IoError("PostgreSQL: " + ErrorOf(conn));
  }
  return Status::Ok();
}

// One libpq connection, closed with the object. Not for use by two threads at once.
class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  PGconn* get() const { return conn_; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  PGconn* conn_;
};

// Connects; IoError naming the database (its password redacted) and libpq's reason.
inline Result<std::unique_ptr<Connection>> Connect(const std::string& url) {
  auto conn = std::make_unique<Connection>(PQconnectdb(url.c_str()));
  if (!conn->healthy()) {
    return Status::IoError("cannot connect to PostgreSQL at " + RedactPostgresUrl(url) + ": " +
                           ErrorOf(conn->get()));
  }
  PQsetNoticeProcessor(
      conn->get(), [](void*, const char*) {}, nullptr);  // no NOTICEs on stderr
  return conn;
}

}  // namespace isvgraph::graph
