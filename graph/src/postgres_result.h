#pragma once

// libpq helpers that the PostgreSQL store and its COPY writer (postgres_bulk.h) share.

#include <memory>
#include <string>

#include <libpq-fe.h>

#include "isvgraph/base/status.h"

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

}  // namespace isvgraph::graph
