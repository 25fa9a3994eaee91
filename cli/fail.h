#pragma once

#include <cstdio>

#include "isvgraph/base/status.h"

namespace isvgraph::cli {

// Prints the error and returns the exit code: 2 for bad arguments, 1 for everything else.
inline int Fail(const Status& status) {
  std::fprintf(stderr, "isvgraph: %s\n", status.ToString().c_str());
  return status.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

}  // namespace isvgraph::cli
