#include "rest/backup_handlers.h"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "rest/error_envelope.h"

namespace isvgraph::api::rest {

HttpResponse PostBackup(const Service& service, const std::string& backup_dir) {
  if (backup_dir.empty()) {
    return ErrorResponse(409, "failed_precondition",
                         "backups over HTTP are off: start the server with --backup-dir DIR");
  }
  auto info = service.Backup(NewBackupPath(backup_dir));
  if (!info) {
    // The reason may name server paths: it goes to the log, the answer says what to do.
    spdlog::warn("backup failed: {}", info.error().ToString());
    if (info.error().code() == StatusCode::kFailedPrecondition) return ErrorResponse(info.error());
    return ErrorResponse(500, "internal", "the backup failed; the server log has the details");
  }
  return JsonResponse({{"name", std::filesystem::path(info->path).filename().string()},
                       {"bytes", info->bytes},
                       {"files", info->files},
                       {"format", info->format},
                       {"sites", info->sites},
                       {"links", info->links},
                       {"contracts", info->contracts}},
                      201);
}

}  // namespace isvgraph::api::rest
