#pragma once

// The parts of Service's state that more than one of its source files reaches.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "isvgraph/api/service.h"

namespace isvgraph::api {

// The boundaries, loaded once on first use (0.3 s; most commands never draw a map or locate).
struct Service::LazyBoundaries {
  std::string data_dir;
  std::once_flag once;
  bool attempted = false;         // written once, inside `once`
  std::atomic<bool> done{false};  // `once` has run: boundaries() no longer waits
  Result<std::unique_ptr<maps::Boundaries>> loaded = Status::Internal("not loaded");
};

}  // namespace isvgraph::api
