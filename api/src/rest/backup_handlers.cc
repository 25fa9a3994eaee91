#include "rest/backup_handlers.h"

#include "rest/error_envelope.h"

namespace isvgraph::api::rest {

HttpResponse PostBackup(const Service& service, const std::string& backup_dir) {
  if (backup_dir.empty()) {
    return ErrorResponse(409, "failed_precondition",
                         "backups over HTTP are off: start the server with --backup-dir DIR");
  }
  auto info = service.Backup(NewBackupPath(backup_dir));
  if (!info) return ErrorResponse(info.error());
  return JsonResponse({{"path", info->path},
                       {"bytes", info->bytes},
                       {"files", info->files},
                       {"format", info->format},
                       {"sites", info->sites},
                       {"links", info->links},
                       {"contracts", info->contracts}},
                      201);
}

}  // namespace isvgraph::api::rest
