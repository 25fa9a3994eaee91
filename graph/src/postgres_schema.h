#pragma once

// The PostgreSQL store's schema: its tables by version and the migrations between versions
// (MigratePostgresStore in chain_store.h runs them). A store is upgraded by a command
// (`isvgraph store migrate`), never as a side effect of opening it.

#include <libpq-fe.h>

#include "isvgraph/base/result.h"

namespace isvgraph::graph {

// The schema version of the database `conn` is connected to; 0 when it holds no isvgraph schema.
// IoError when it cannot be read, DataLoss for a version table without a version.
Result<int> SchemaVersion(PGconn* conn);

}  // namespace isvgraph::graph
