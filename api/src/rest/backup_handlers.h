#pragma once

#include <string>

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// POST /v1/backups (admin): a consistent checkpoint of the whole store into a new directory
// under the server's backup directory, while it serves. 409 when the server has none. The
// answer names the directory and counts, never another organisation's data.
HttpResponse PostBackup(const Service& service, const std::string& backup_dir);

}  // namespace isvgraph::api::rest
