#include "rest/handlers.h"

#include <nlohmann/json.hpp>

#include "rest/heap.h"

namespace isvgraph::api::rest {

namespace {

// How far this server is behind the shared store's journal (docs/scaling.md); null when the
// store is this server's alone.
nlohmann::json FollowingJson(const HealthReport::Following& following) {
  if (!following.shared) return nullptr;
  const uint64_t behind =
      following.store_seq > following.applied_seq ? following.store_seq - following.applied_seq : 0;
  return {{"applied_seq", following.applied_seq},
          {"store_seq", following.store_seq},
          {"behind", behind},
          {"checked_unix", following.checked_unix},
          {"store_reachable", following.store_reachable},
          {"catch_ups", following.catch_ups},
          {"patched_catch_ups", following.patched_catch_ups},
          {"error",
           following.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(following.error)}};
}

}  // namespace

HttpResponse GetHealth(const Service& service, const HttpRequest& /*request*/) {
  // Public: it names no server path (the operator knows where the store is).
  const HealthReport health = service.Health();
  const HeapUsage heap = ReadHeap();
  const graph::StoreMemory& memory = health.store_memory;
  return JsonResponse(
      {{"status", health.ok ? "ok" : "unavailable"},
       {"store",
        {{"format", health.store_format},
         {"memory",
          {{"block_cache_bytes", memory.block_cache_bytes},
           {"block_cache_capacity_bytes", memory.block_cache_capacity},
           {"row_cache_bytes", memory.row_cache_bytes},
           {"memtable_bytes", memory.memtable_bytes},
           {"table_reader_bytes", memory.table_reader_bytes},
           {"site_cache_entries", memory.site_cache_entries},
           {"site_cache_bytes", memory.site_cache_bytes}}}}},
       {"heap", {{"in_use_bytes", heap.in_use_bytes}, {"free_held_bytes", heap.free_held_bytes}}},
       {"site_names_ready", health.site_names_ready},
       {"following", FollowingJson(health.following)}},
      health.ok ? 200 : 503);
}

HttpResponse GetVersion(const Service& service, const HttpRequest& /*request*/) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  const BuildInfo build = service.Version();
  nlohmann::json editions = nlohmann::json::object();
  for (const riskdata::LayerInfo& layer : kb->layers()) {
    editions[layer.id] = layer.loaded ? nlohmann::json(layer.edition) : nlohmann::json(nullptr);
  }
  return JsonResponse({{"name", build.name},
                       {"methodology", riskdata::kMethodologyId},
                       {"flag_threshold", kb->flag_threshold()},
                       {"data_editions", editions},
                       {"version", build.version},
                       {"git_commit", build.git_commit},
                       {"build_type", build.build_type},
                       {"compiler", build.compiler},
                       {"sanitizers", build.sanitizers}});
}

}  // namespace isvgraph::api::rest
