#pragma once

// The server's metrics in the Prometheus text format (GET /metrics): requests by route template,
// method and status; their latency as a histogram per route template; and, read from the
// service when scraped, imports, index rebuilds, what the store and the index hold, the store's
// caches and whether every site name is in memory. Names follow Prometheus' conventions
// (isvgraph_ prefix, _total for counters, _seconds and _bytes units).
// Thread-safety: every member may be called from many threads at once.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "isvgraph/api/service.h"

namespace isvgraph::api::rest {

class Metrics {
 public:
  // One answered request. `route` is the route template ("/v1/contracts/{id}"), never the path,
  // so that ids do not become label values; "" (no route matched) is counted as "unmatched".
  void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);

  // The exposition: every metric with its HELP and TYPE lines.
  std::string Exposition(const Service& service) const;

  // The latency buckets' upper bounds, in seconds.
  static constexpr std::array<double, 11> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                      0.25,  0.5,   1,    2.5,   10};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};  // per bucket, not cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // GUARDED_BY(mutex_)
  std::map<std::string, Histogram> latency_;                                // GUARDED_BY(mutex_)
};

}  // namespace isvgraph::api::rest
