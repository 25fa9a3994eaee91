#include "postgres_bulk.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "codec.h"
#include "isvgraph/base/utf8.h"
#include "isvgraph/graph/chain_store.h"
#include "postgres_result.h"

namespace isvgraph::graph {
namespace {

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

// Positions of the last put of each site id, in id order.
std::vector<size_t> LastOfEachSite(const std::vector<Site>& sites) {
  std::vector<size_t> order(sites.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return sites[a].id < sites[b].id; });
  std::vector<size_t> last;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && sites[order[i + 1]].id == sites[order[i]].id) continue;
    last.push_back(order[i]);
  }
  return last;
}

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
  ISV_RETURN_IF_ERROR(Exec(conn, "LOCK TABLE " + table_ + " IN SHARE ROW EXCLUSIVE MODE"));
  ResultPtr any = Wrap(PQexec(conn, ("SELECT EXISTS (SELECT 1 FROM " + table_ + ")").c_str()));
  if (PQresultStatus(any.get()) != PGRES_TUPLES_OK) return Status::IoError(ErrorOf(conn));
  const bool staged = std::strcmp(PQgetvalue(any.get(), 0, 0), "t") == 0;
  if (!staged) {
    ISV_RETURN_IF_ERROR(Copy(conn, table_, rows.rows_));
    return false;
  }
  ISV_RETURN_IF_ERROR(
      Exec(conn, "CREATE TEMP TABLE " + staging() + " (LIKE " + table_ + ") ON COMMIT DROP"));
  ISV_RETURN_IF_ERROR(Copy(conn, staging(), rows.rows_));
  const std::string columns = Join(columns_);
  ISV_RETURN_IF_ERROR(Exec(conn, "INSERT INTO " + table_ + " (" + columns + ") SELECT " + columns +
                                     " FROM " + staging() + " ON CONFLICT (key) " + on_conflict_));
  return true;
}

Status BulkTable::Copy(PGconn* conn, const std::string& target, const Arena& rows) const {
  const std::string copy =
      "COPY " + target + " (" + Join(columns_) + ") FROM STDIN (FORMAT binary)";
  ResultPtr start = Wrap(PQexec(conn, copy.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return Status::IoError(ErrorOf(conn));
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
    ResultPtr result = Wrap(PQgetResult(conn));
    if (!result) break;
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && status.ok()) {
      status = Status::IoError(ErrorOf(conn));
    }
  }
  if (status.ok() && !sent) status = Status::IoError(ErrorOf(conn));
  return status;
}

// The rows of a large write, sent with COPY: sites (replacing their secondary-index entries),
// the site history of a bulk import, links and contracts; frees the batch's sites. Deletes and
// small records went through the pipeline before, in the same transaction.
Status SendBulkRows(PGconn* conn, WriteBatch& batch) {
  static const BulkTable sites("sites", {"key", "value", "name", "country", "sector"},
                               "DO UPDATE SET value = EXCLUDED.value, name = EXCLUDED.name, "
                               "country = EXCLUDED.country, sector = EXCLUDED.sector");
  static const BulkTable index("site_index", {"key", "site_id"}, "DO NOTHING");
  static const BulkTable history("site_history", {"key", "value"},
                                 "DO UPDATE SET value = EXCLUDED.value");
  static const BulkTable links(
      "links", {"key", "value", "organisation", "customer_id", "supplier_id", "product"},
      "DO UPDATE SET value = EXCLUDED.value");
  static const BulkTable contracts("contracts", {"key", "value", "organisation", "id"},
                                   "DO UPDATE SET value = EXCLUDED.value");
  std::string value, scratch;
  // A site put twice keeps the index entries of its last version only.
  const std::vector<size_t> last = LastOfEachSite(batch.sites());
  auto staged = [&]() -> Result<bool> {
    BulkRows rows;
    for (size_t i : last) {
      const Site& site = batch.sites()[i];
      codec::EncodeSite(site, &value);
      rows.Add(site.id,
               {{site.id}, {value}, {site.name, true}, {site.country, true}, {site.sector, true}});
    }
    return sites.Upsert(conn, rows);
  }();
  if (!staged) return staged.error();
  if (*staged) {  // the table held sites: drop the old index entries of the ones put
    ISV_RETURN_IF_ERROR(Exec(
        conn, "DELETE FROM site_index WHERE site_id IN (SELECT key FROM " + sites.staging() + ")"));
  }
  {
    BulkRows rows;
    for (size_t i : last) {
      const Site& site = batch.sites()[i];
      codec::ForEachSiteIndexKey(site, scratch, [&](std::string_view key) {
        rows.Add(key, {{key}, {site.id}});
      });
    }
    ISV_RETURN_IF_ERROR(index.Upsert(conn, rows).status());
  }
  if (const std::optional<JournalEntry>& entry = batch.journal();
      entry && entry->sites.empty() && entry->site_count > 0) {
    BulkRows rows;
    ForEachBulkSiteChange(batch, [&](const SiteChange& change) {
      const std::string key = codec::SiteHistoryKey(change.site_id, entry->seq);
      rows.Add(key, {{key}, {codec::EncodeSiteChange(change)}});
    });
    ISV_RETURN_IF_ERROR(history.Upsert(conn, rows).status());
  }
  // Each table's rows are freed once sent, and the sites before the links' rows are built:
  // at 1M sites the batch and every table's rows would not fit in memory together.
  batch.ReleaseSites();
  {
    BulkRows rows;
    for (size_t i = 0; i < batch.link_count(); ++i) {
      const SupplyLink link = batch.link(i);
      const std::string key = codec::LinkKey(link);
      rows.Add(key, {{key},
                     {codec::EncodeLink(link)},
                     {link.organisation, true},
                     {link.customer_id, true},
                     {link.supplier_id, true},
                     {link.product, true}});
    }
    ISV_RETURN_IF_ERROR(links.Upsert(conn, rows).status());
  }
  BulkRows rows;
  for (const Contract& contract : batch.contracts()) {
    const std::string key = codec::ContractKey(contract.organisation, contract.id);
    rows.Add(key, {{key},
                   {codec::EncodeContract(contract)},
                   {contract.organisation, true},
                   {contract.id, true}});
  }
  return contracts.Upsert(conn, rows).status();
}

}  // namespace isvgraph::graph
