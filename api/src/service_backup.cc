// Backup and restore of a store: a consistent checkpoint taken while the service serves, and a
// restore into a new store directory that is opened and counted before it is reported good.

#include <ctime>
#include <filesystem>
#include <mutex>

#include "isvgraph/api/service.h"

namespace isvgraph::api {
namespace {

namespace fs = std::filesystem;

// Size and file count of a directory, and the records of the store in it.
Result<BackupInfo> Describe(const std::string& dir) {
  BackupInfo info{.path = dir};
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    ++info.files;
    info.bytes += entry.file_size();
  }
  auto store = graph::OpenRocksStore({.path = dir, .create_if_missing = false});
  if (!store) return store.error();
  info.format = (*store)->format_version();
  ISV_RETURN_IF_ERROR((*store)->ScanSites([&](graph::Site&&) { ++info.sites; }));
  ISV_RETURN_IF_ERROR((*store)->ScanLinks([&](graph::SupplyLink&&) { ++info.links; }));
  ISV_RETURN_IF_ERROR((*store)->ScanContracts([&](graph::Contract&&) { ++info.contracts; }));
  return info;
}

}  // namespace

std::string NewBackupPath(const std::string& parent) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "isvgraph-%Y%m%d-%H%M%S", &utc);
  std::string path = (fs::path(parent) / stamp).string();
  for (int n = 2; fs::exists(path); ++n)
    path = (fs::path(parent) / stamp).string() + "-" + std::to_string(n);
  return path;
}

Result<BackupInfo> Service::Backup(const std::string& dir) const {
  std::unique_lock busy(backup_mutex_, std::try_to_lock);
  if (!busy.owns_lock()) {
    return Status::FailedPrecondition("a backup is being taken; try again when it is done");
  }
  if (fs::exists(dir))
    return Status::FailedPrecondition(dir + " exists; a backup goes into a new directory");
  std::error_code ec;
  if (fs::path(dir).has_parent_path() && !fs::exists(fs::path(dir).parent_path())) {
    fs::create_directories(fs::path(dir).parent_path(), ec);
    fs::permissions(fs::path(dir).parent_path(), fs::perms::owner_all, ec);
  }
  ISV_RETURN_IF_ERROR(chains_->store().Checkpoint(dir));
  // A backup holds every organisation's data and the tokens' digests: the service's user only.
  fs::permissions(dir, fs::perms::owner_all, ec);
  return Describe(dir);
}

Result<BackupInfo> RestoreBackup(const std::string& backup_dir, const std::string& db_dir) {
  if (!graph::RocksStoreExists(backup_dir)) return Status::NotFound("no backup at " + backup_dir);
  if (fs::exists(db_dir)) {
    return Status::FailedPrecondition(db_dir +
                                      " exists; restore into a new directory, then swap it in");
  }
  std::error_code ec;
  fs::copy(backup_dir, db_dir, fs::copy_options::recursive, ec);
  if (ec)
    return Status::IoError("cannot copy " + backup_dir + " to " + db_dir + ": " + ec.message());
  auto restored = Describe(db_dir);
  if (!restored) fs::remove_all(db_dir, ec);  // never leave a half-good store behind
  return restored;
}

}  // namespace isvgraph::api
