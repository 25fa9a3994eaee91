#include "rest/server_upkeep.h"

#include <spdlog/spdlog.h>

namespace isvgraph::api::rest {

ServerUpkeep::ServerUpkeep(const Service& service, const UpkeepOptions& options) {
  if (options.idle_trim_interval.count() > 0) {
    trimmer_ = std::make_unique<IdleHeapTrimmer>(
        IdleTrimOptions{.interval = options.idle_trim_interval}, [](const HeapTrim& trim) {
          const auto mb = [](uint64_t bytes) { return static_cast<double>(bytes) / (1 << 20); };
          spdlog::info(
              "idle: gave freed heap back to the system, resident {:.1f} -> {:.1f} MB (the heap "
              "held {:.1f} MB freed)",
              mb(trim.resident_before), mb(trim.resident_after), mb(trim.free_held_bytes));
        });
  }
  if (options.preload_site_names) {
    preload_ = std::jthread([&service](std::stop_token stop) {
      service.PreloadSiteNames([&stop] { return stop.stop_requested(); });
    });
  }
}

ServerUpkeep::~ServerUpkeep() = default;

}  // namespace isvgraph::api::rest
