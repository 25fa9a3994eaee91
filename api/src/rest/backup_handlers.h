#pragma once

#include <string>

#include "isvgraph/api/service.h"
#include "rest/http_message.h"

namespace isvgraph::api::rest {

// POST /v1/backups (the operator): a consistent checkpoint of the whole store into a new
// directory under the server's backup directory, while it serves; one at a time (409 while
// another is taken, and when the server has no backup directory). The answer gives the
// backup's name and counts, never a server path.
HttpResponse PostBackup(const Service& service, const std::string& backup_dir);

}  // namespace isvgraph::api::rest
