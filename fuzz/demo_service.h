#pragma once

// The world every fuzz target runs in: one Service over a fresh store in a scratch directory,
// loaded with the demo (examples/demo), so that inputs meet real sites, contracts and audits.
// Built on the first call and kept for the life of the process (libFuzzer runs one process
// per job); the scratch directory is removed at exit.

#include <string>

#include "isvgraph/api/demo.h"
#include "isvgraph/api/service.h"

namespace isvgraph::fuzz {

struct DemoWorld {
  api::Service* service = nullptr;
  api::DemoTokens tokens;
  std::string scratch;  // a directory the target may write its input files into
};

// Aborts with a message when the demo cannot be loaded: a fuzz run without its world would
// only measure its own error path.
DemoWorld& World();

// Writes bytes to `path` (replacing it); aborts when the file cannot be written.
void WriteInput(const std::string& path, const uint8_t* data, size_t size);

}  // namespace isvgraph::fuzz
