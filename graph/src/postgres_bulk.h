#pragma once

// Large writes to the PostgreSQL store: rows go to the server with COPY in binary format, not as
// one statement each (an import of 1M sites is about 9M rows). Everything here runs inside the
// caller's open transaction, on a connection that is not in pipeline mode; a failure leaves the
// transaction for the caller to roll back.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <libpq-fe.h>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"
#include "rocks_arena.h"

namespace isvgraph::graph {

// The rows a write puts into one table, as binary COPY tuples keyed by the row's key. Of two
// rows with one key the later wins, as for every other write.
class BulkRows {
 public:
  struct Field {
    std::string_view data;
    bool text = false;  // a readable text column: made valid UTF-8 without NUL bytes
  };
  void Add(std::string_view key, std::initializer_list<Field> fields);
  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.size() == 0; }

 private:
  friend class BulkTable;
  Arena rows_;
  std::string tuple_;
};

// One table's bulk upsert. `columns` lists the COPY columns in the order of each row's fields
// (the first is the key); `on_conflict` is what a key already in the table does ("DO NOTHING",
// or "DO UPDATE SET …" with EXCLUDED values).
class BulkTable {
 public:
  BulkTable(std::string table, std::vector<std::string> columns, std::string on_conflict)
      : table_(std::move(table)),
        columns_(std::move(columns)),
        on_conflict_(std::move(on_conflict)) {}

  // Sends `rows` (sorted and de-duplicated first). An empty table takes them directly; otherwise
  // they are staged in a temporary table (dropped at commit) and merged. The table is locked
  // against other writers (SHARE ROW EXCLUSIVE) until the transaction ends, so that "empty"
  // stays true while the rows arrive. Answers whether the rows were staged.
  Result<bool> Upsert(PGconn* conn, BulkRows& rows) const;
  // The staging table's name (exists after an Upsert that staged, until commit).
  std::string staging() const { return "isvgraph_stage_" + table_; }

 private:
  Status Copy(PGconn* conn, const std::string& target, const Arena& rows) const;
  std::string table_;
  std::vector<std::string> columns_;
  std::string on_conflict_;
};

class WriteBatch;

// The rows of a large write, sent with COPY: sites (replacing their secondary-index entries),
// the site history of a bulk import, links and contracts; frees the batch's sites. The caller
// sent deletes and the small records before, in the same transaction.
Status SendBulkRows(PGconn* conn, WriteBatch& batch);

}  // namespace isvgraph::graph
