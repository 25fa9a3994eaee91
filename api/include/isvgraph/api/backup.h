#pragma once

// Backup and restore of a store: a consistent checkpoint taken while the service serves
// (`POST /v1/backups` when the server was given a backup directory, or `isvgraph backup` on a
// store nobody serves), and a restore into a new store directory that is opened and counted
// before it is reported good.

#include <cstdint>
#include <string>

#include "isvgraph/api/service.h"

namespace isvgraph::api {

struct BackupInfo {
  std::string path;
  uint64_t bytes = 0;
  size_t files = 0;
  uint32_t format = 0;
  size_t sites = 0, links = 0, contracts = 0;  // as the copy holds them
};

// A checkpoint of the service's store in `dir`, which must not exist (FailedPrecondition).
Result<BackupInfo> BackupStore(const Service& service, const std::string& dir);

// A new directory name under `parent` for a backup taken now: isvgraph-YYYYMMDD-HHMMSS[-n].
std::string NewBackupPath(const std::string& parent);

// Copies the backup to `db_dir` (which must not exist), opens it and counts its records.
// NotFound for a missing backup, FailedPrecondition when db_dir exists, and the store's open
// errors for a backup that is not a good store (the copy is then removed again).
Result<BackupInfo> RestoreBackup(const std::string& backup_dir, const std::string& db_dir);

}  // namespace isvgraph::api
