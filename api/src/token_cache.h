#pragma once

// The tokens Authenticate has read, by hash, so that a request costs no store read for its
// token. An entry is good while the store has had no token written since it was read
// (ChainGraph::token_writes), so a revocation or a new role counts from the next request on;
// expiry is checked against the clock on every request as before. Unknown tokens are not kept.
// In front of the map, each thread remembers the last token it saw (a client keeps its
// connection on one thread and sends the same token): compared in constant time, it spares the
// request the SHA-256 and the shared lock, whose cache line all HTTP threads contend for.

#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <openssl/crypto.h>

#include "isvgraph/api/service.h"

namespace isvgraph::api {

struct Service::TokenCache {
  static constexpr size_t kMaxEntries = 4096;  // emptied when full: tokens are few
  struct Entry {
    Principal principal;
    bool usable = false;        // not revoked, and a role this build knows
    int64_t expires_unix = 0;   // 0: never
    uint64_t token_writes = 0;  // ChainGraph::token_writes() before the token was read
  };
  // Tells this cache from one of an earlier Service at the same address (thread-local entries).
  static uint64_t NextInstance() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1);
  }
  const uint64_t instance = NextInstance();
  // The last token a thread authenticated.
  struct Last {
    uint64_t cache_instance = 0;  // `instance` of the cache it came from; 0: none yet
    std::string token;
    Entry entry;
    bool Is(uint64_t of_cache, std::string_view other) const {
      return cache_instance == of_cache && token.size() == other.size() &&
             CRYPTO_memcmp(token.data(), other.data(), other.size()) == 0;
    }
  };
  std::shared_mutex mutex;
  std::unordered_map<std::string, Entry> by_digest;  // raw SHA-256 of the token (32 bytes)
};

}  // namespace isvgraph::api
