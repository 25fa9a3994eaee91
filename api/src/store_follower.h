#pragma once

// Keeps a server's index current with what other servers write to a shared store (PostgreSQL,
// docs/scaling.md): a thread waits for the store's change notification, or one second at
// most (the fallback when a notification was missed or the database was away), and then lets
// the chain graph catch up. What it saw last is what /v1/health reports.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::api {

struct FollowState {
  uint64_t applied_seq = 0;  // the last journal entry the index reflects
  uint64_t store_seq = 0;    // the last one the store had when last read
  int64_t checked_unix = 0;  // when the store was last read successfully (0: never)
  bool reachable = true;     // the last attempt to read the store succeeded
  std::string error;         // why not, when not (the store's message; no password in it)
  uint64_t catch_ups = 0;    // times the index followed other servers' writes
};

class StoreFollower {
 public:
  // Starts following. Requires: chains outlives this object; chains.store().shared().
  StoreFollower(graph::ChainGraph& chains, std::chrono::milliseconds interval);
  ~StoreFollower();  // stops, waiting at most about one interval
  StoreFollower(const StoreFollower&) = delete;
  StoreFollower& operator=(const StoreFollower&) = delete;

  FollowState state() const;

 private:
  void Run();
  graph::ChainGraph& chains_;
  const std::chrono::milliseconds interval_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  FollowState state_;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace isvgraph::api
