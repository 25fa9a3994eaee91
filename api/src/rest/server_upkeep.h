#pragma once

// What a running server does besides answering requests, on threads of its own for as long as
// it runs: reading every country's site names for matching (so that no match waits for a large
// country), and handing freed heap back to the system while idle (heap.h). Destruction stops
// both at once and joins them.

#include <chrono>
#include <memory>
#include <thread>

#include "isvgraph/api/service.h"
#include "rest/heap.h"

namespace isvgraph::api::rest {

struct UpkeepOptions {
  bool preload_site_names = true;
  // Idle interval before freed heap is given back; 0 = never.
  std::chrono::milliseconds idle_trim_interval{10'000};
};

class ServerUpkeep {
 public:
  // Borrows the service, which must outlive the upkeep.
  ServerUpkeep(const Service& service, const UpkeepOptions& options);
  ~ServerUpkeep();
  ServerUpkeep(const ServerUpkeep&) = delete;
  ServerUpkeep& operator=(const ServerUpkeep&) = delete;

 private:
  std::unique_ptr<IdleHeapTrimmer> trimmer_;
  std::jthread preload_;  // last: stopped and joined first
};

}  // namespace isvgraph::api::rest
