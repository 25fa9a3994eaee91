#include "isvgraph/graph/store.h"

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/options.h>

namespace isvgraph::graph {
namespace {

// Column families of format version 1, in the order graph/FORMAT.md lists them.
const std::vector<std::string>& ColumnFamilyNames() {
  static const std::vector<std::string> kNames = {
      rocksdb::kDefaultColumnFamilyName, "meta", "sites", "links", "contracts", "organisations"};
  return kNames;
}

constexpr char kFormatVersionKey[] = "format_version";

class RocksStore final : public Store {
 public:
  RocksStore(std::string path, std::unique_ptr<rocksdb::DB> db,
             std::vector<rocksdb::ColumnFamilyHandle*> handles, uint32_t version)
      : path_(std::move(path)),
        db_(std::move(db)),
        handles_(std::move(handles)),
        format_version_(version) {}

  ~RocksStore() override {
    // Every handle goes before the DB (STACK.md §7).
    for (rocksdb::ColumnFamilyHandle* handle : handles_) {
      db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db_->Close().PermitUncheckedError();
  }

  const std::string& path() const override { return path_; }
  uint32_t format_version() const override { return format_version_; }

 private:
  std::string path_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  uint32_t format_version_;
};

Status FromRocks(const rocksdb::Status& s, const std::string& path) {
  if (s.ok()) return Status::Ok();
  if (s.IsIOError()) return Status::IoError("store " + path + ": " + s.ToString());
  if (s.IsCorruption()) return Status::DataLoss("store " + path + ": " + s.ToString());
  return Status::Internal("store " + path + ": " + s.ToString());
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const StoreOptions& options) {
  if (options.path.empty()) return Status::InvalidArgument("store path is empty");
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir(options.path);
  const bool exists = fs::exists(dir, ec);
  if (exists && !fs::is_directory(dir, ec)) {
    return Status::FailedPrecondition("store path " + options.path + " is not a directory");
  }
  const bool has_store = exists && fs::exists(dir / "CURRENT", ec);
  if (!has_store) {
    if (!options.create_if_missing) {
      return Status::NotFound("no store at " + options.path);
    }
    if (exists && !fs::is_empty(dir, ec)) {
      // Refuse to scatter RocksDB files into a directory that holds something else.
      return Status::FailedPrecondition("directory " + options.path +
                                        " is not empty and holds no isvgraph store");
    }
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError("cannot create " + options.path + ": " + ec.message());
  }

  rocksdb::Options db_options;
  db_options.create_if_missing = !has_store;
  db_options.create_missing_column_families = !has_store;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : ColumnFamilyNames()) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions(db_options));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, descriptors, &handles, &raw_db);
  if (!s.ok()) {
    if (s.IsInvalidArgument()) {
      // RocksDB says so when the column families differ: another program's database.
      return Status::FailedPrecondition("store " + options.path +
                                        " is not an isvgraph store: " + s.ToString());
    }
    return FromRocks(s, options.path);
  }
  std::unique_ptr<rocksdb::DB> db(raw_db);
  rocksdb::ColumnFamilyHandle* meta = handles[1];

  auto close_all = [&]() {
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    db->Close().PermitUncheckedError();
  };

  std::string stored;
  s = db->Get(rocksdb::ReadOptions(), meta, kFormatVersionKey, &stored);
  uint32_t version = kFormatVersion;
  if (s.IsNotFound() && !has_store) {
    s = db->Put(rocksdb::WriteOptions(), meta, kFormatVersionKey, std::to_string(kFormatVersion));
    if (!s.ok()) {
      close_all();
      return FromRocks(s, options.path);
    }
  } else if (!s.ok()) {
    close_all();
    if (s.IsNotFound()) {
      return Status::FailedPrecondition("store " + options.path + " has no format version");
    }
    return FromRocks(s, options.path);
  } else {
    try {
      version = static_cast<uint32_t>(std::stoul(stored));
    } catch (const std::exception&) {
      close_all();
      return Status::DataLoss("store " + options.path + " has a malformed format version '" +
                              stored + "'");
    }
    if (version != kFormatVersion) {
      close_all();
      return Status::FailedPrecondition("store " + options.path + " has format version " +
                                        std::to_string(version) + "; this build reads version " +
                                        std::to_string(kFormatVersion));
    }
  }
  return std::unique_ptr<Store>(
      new RocksStore(options.path, std::move(db), std::move(handles), version));
}

}  // namespace isvgraph::graph
