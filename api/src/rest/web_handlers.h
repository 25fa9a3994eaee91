#pragma once

// The web UI's static files (web/): index.html at /, the rest at /ui/{file}. Only plain file
// names of the directory itself, with known types; nothing else on the disk can be reached.

#include <string>

#include "rest/http_message.h"

namespace isvgraph::api::rest {

HttpResponse WebFile(const std::string& web_dir, const std::string& name);

}  // namespace isvgraph::api::rest
