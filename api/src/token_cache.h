#pragma once

// The tokens Authenticate has read, by hash, so that a request costs no store read for its
// token. An entry is good while the store has had no token written since it was read
// (ChainGraph::token_writes), so a revocation or a new role counts from the next request on;
// expiry is checked against the clock on every request as before. Unknown tokens are not kept.

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "isvgraph/api/service.h"

namespace isvgraph::api {

struct Service::TokenCache {
  static constexpr size_t kMaxEntries = 4096;  // emptied when full: tokens are few
  struct Entry {
    graph::AccessToken token;
    uint64_t token_writes = 0;  // ChainGraph::token_writes() before the token was read
  };
  std::shared_mutex mutex;
  std::unordered_map<std::string, Entry> by_hash;
};

}  // namespace isvgraph::api
