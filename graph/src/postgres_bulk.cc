#include "postgres_bulk.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "isvgraph/base/utf8.h"

namespace isvgraph::graph {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string ErrorText(PGconn* conn) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

Status Run(PGconn* conn, const std::string& sql) {
  ResultPtr result(PQexec(conn, sql.c_str()), &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return Status::IoError(ErrorText(conn));
  return Status::Ok();
}

void AppendBigEndian(std::string* out, uint32_t value, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

// Text PostgreSQL accepts in a text column: valid UTF-8 and no NUL byte (the record itself is in
// the bytea value, exactly).
std::string Readable(std::string_view text) {
  std::string out = IsUtf8(text) ? std::string(text) : ToValidUtf8(text);
  out.erase(std::remove(out.begin(), out.end(), '\0'), out.end());
  return out;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

constexpr size_t kSendBytes = 1 << 20;  // COPY data is sent in pieces of about this size

}  // namespace

void BulkRows::Add(std::string_view key, std::initializer_list<Field> fields) {
  // Binary COPY tuple: field count (int16), then per field its length (int32) and bytes.
  tuple_.clear();
  AppendBigEndian(&tuple_, static_cast<uint32_t>(fields.size()), 2);
  for (const Field& field : fields) {
    const bool clean =
        !field.text ||
        (IsUtf8(field.data) && std::memchr(field.data.data(), 0, field.data.size()) == nullptr);
    const std::string repaired = clean ? std::string() : Readable(field.data);
    const std::string_view data = clean ? field.data : std::string_view(repaired);
    AppendBigEndian(&tuple_, static_cast<uint32_t>(data.size()), 4);
    tuple_.append(data);
  }
  rows_.Put(key, tuple_);
}

Result<bool> BulkTable::Upsert(PGconn* conn, BulkRows& rows) const {
  if (rows.empty()) return false;
  ISV_RETURN_IF_ERROR(rows.rows_.Sort());
  ISV_RETURN_IF_ERROR(Run(conn, "LOCK TABLE " + table_ + " IN SHARE ROW EXCLUSIVE MODE"));
  ResultPtr any(PQexec(conn, ("SELECT EXISTS (SELECT 1 FROM " + table_ + ")").c_str()), &PQclear);
  if (PQresultStatus(any.get()) != PGRES_TUPLES_OK) return Status::IoError(ErrorText(conn));
  const bool staged = std::strcmp(PQgetvalue(any.get(), 0, 0), "t") == 0;
  if (!staged) {
    ISV_RETURN_IF_ERROR(Copy(conn, table_, rows.rows_));
    return false;
  }
  ISV_RETURN_IF_ERROR(
      Run(conn, "CREATE TEMP TABLE " + staging() + " (LIKE " + table_ + ") ON COMMIT DROP"));
  ISV_RETURN_IF_ERROR(Copy(conn, staging(), rows.rows_));
  const std::string columns = Join(columns_);
  ISV_RETURN_IF_ERROR(Run(conn, "INSERT INTO " + table_ + " (" + columns + ") SELECT " + columns +
                                    " FROM " + staging() + " ON CONFLICT (key) " + on_conflict_));
  return true;
}

Status BulkTable::Copy(PGconn* conn, const std::string& target, const Arena& rows) const {
  ResultPtr start(
      PQexec(conn,
             ("COPY " + target + " (" + Join(columns_) + ") FROM STDIN (FORMAT binary)").c_str()),
      &PQclear);
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Status::IoError(ErrorText(conn));
  // Header: signature, flags (int32 0), header extension length (int32 0).
  std::string buffer("PGCOPY\n\377\r\n\0", 11);
  buffer.append(8, '\0');
  bool sent = true;
  auto flush = [&] {
    if (sent && PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      sent = false;
    }
    buffer.clear();
  };
  (void)rows.ForEach([&](std::string_view, std::string_view tuple, bool) {
    buffer.append(tuple);
    if (buffer.size() >= kSendBytes) flush();
    return Status::Ok();
  });
  AppendBigEndian(&buffer, 0xffff, 2);  // trailer: field count -1
  flush();
  if (PQputCopyEnd(conn, sent ? nullptr : "isvgraph could not send the rows") != 1) sent = false;
  Status status;
  for (;;) {
    ResultPtr result(PQgetResult(conn), &PQclear);
    if (!result) break;
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && status.ok()) {
      status = Status::IoError(ErrorText(conn));
    }
  }
  if (status.ok() && !sent) status = Status::IoError(ErrorText(conn));
  return status;
}

}  // namespace isvgraph::graph
