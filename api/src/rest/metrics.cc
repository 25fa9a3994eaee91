#include "rest/metrics.h"

#include <cstdio>
#include <sstream>

#include "rest/heap.h"

namespace isvgraph::api::rest {
namespace {

// A label value in the exposition format: backslash, double quote and line feed escaped.
std::string LabelValue(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// A number as Prometheus reads it: integers without a fraction, others with enough digits.
std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

void Head(std::ostringstream& out, const char* name, const char* type, const char* help) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

void Gauge(std::ostringstream& out, const char* name, const char* help, double value) {
  Head(out, name, "gauge", help);
  out << name << ' ' << Number(value) << '\n';
}

}  // namespace

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds) {
  const std::string template_name = route.empty() ? "unmatched" : std::string(route);
  std::lock_guard lock(mutex_);
  ++requests_[{template_name, std::string(method), status}];
  Histogram& histogram = latency_[template_name];
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  if (bucket < kBuckets.size()) ++histogram.counts[bucket];
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::Exposition(const Service& service) const {
  std::ostringstream out;
  {
    std::lock_guard lock(mutex_);
    Head(out, "isvgraph_http_requests_total", "counter",
         "Requests answered, by route template, method and status.");
    for (const auto& [key, count] : requests_) {
      const auto& [route, method, status] = key;
      out << "isvgraph_http_requests_total{route=\"" << LabelValue(route) << "\",method=\""
          << LabelValue(method) << "\",status=\"" << status << "\"} " << count << '\n';
    }
    Head(out, "isvgraph_http_request_duration_seconds", "histogram",
         "Time from a request's head to its answer written, by route template.");
    for (const auto& [route, histogram] : latency_) {
      const std::string label = "route=\"" + LabelValue(route) + "\"";
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += histogram.counts[i];
        out << "isvgraph_http_request_duration_seconds_bucket{" << label << ",le=\""
            << Number(kBuckets[i]) << "\"} " << cumulative << '\n';
      }
      out << "isvgraph_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
          << histogram.count << '\n';
      out << "isvgraph_http_request_duration_seconds_sum{" << label << "} " << Number(histogram.sum)
          << '\n';
      out << "isvgraph_http_request_duration_seconds_count{" << label << "} " << histogram.count
          << '\n';
    }
  }

  const Service::ImportCounts imports = service.Imports();
  Head(out, "isvgraph_imports_total", "counter",
       "Imports since the start, by outcome (written, not_written, dry_run, failed).");
  for (const auto& [outcome, count] :
       {std::pair{"written", imports.written}, std::pair{"not_written", imports.not_written},
        std::pair{"dry_run", imports.dry_runs}, std::pair{"failed", imports.failed}}) {
    out << "isvgraph_imports_total{outcome=\"" << outcome << "\"} " << count << '\n';
  }
  Head(out, "isvgraph_import_rows_total", "counter",
       "Rows of imports since the start, by result (accepted, rejected).");
  out << "isvgraph_import_rows_total{result=\"accepted\"} " << imports.rows_accepted << '\n';
  out << "isvgraph_import_rows_total{result=\"rejected\"} " << imports.rows_rejected << '\n';

  const Service::ReloadCounts reloads = service.Reloads();
  Head(out, "isvgraph_risk_data_reloads_total", "counter",
       "Switches to the risk data directory as it is on disk (SIGHUP or the operator's route), by "
       "outcome (done, failed: the edition in use stayed).");
  out << "isvgraph_risk_data_reloads_total{outcome=\"done\"} " << reloads.done << '\n';
  out << "isvgraph_risk_data_reloads_total{outcome=\"failed\"} " << reloads.failed << '\n';

  const graph::IndexStats index = service.Stats();
  Head(out, "isvgraph_index_rebuilds_total", "counter",
       "Whole rebuilds of the in-memory chain index (one at the start; large imports add one).");
  out << "isvgraph_index_rebuilds_total " << index.rebuilds << '\n';
  Head(out, "isvgraph_index_records", "gauge", "Records in the chain index, by kind.");
  for (const auto& [kind, count] :
       {std::pair{"sites", index.sites}, std::pair{"links", index.links},
        std::pair{"edges", index.edges}, std::pair{"contracts", index.contracts},
        std::pair{"dangling_links", index.dangling_links}}) {
    out << "isvgraph_index_records{kind=\"" << kind << "\"} " << count << '\n';
  }
  Gauge(out, "isvgraph_index_build_seconds", "How long the current index took to build.",
        index.build_ms / 1000);

  const HealthReport health = service.Health();
  const graph::StoreMemory& memory = health.store_memory;
  Head(out, "isvgraph_store_memory_bytes", "gauge",
       "The store's caches and write buffers, by part.");
  for (const auto& [part, bytes] : {std::pair{"block_cache", memory.block_cache_bytes},
                                    std::pair{"row_cache", memory.row_cache_bytes},
                                    std::pair{"memtables", memory.memtable_bytes},
                                    std::pair{"table_readers", memory.table_reader_bytes},
                                    std::pair{"site_cache", memory.site_cache_bytes}}) {
    out << "isvgraph_store_memory_bytes{part=\"" << part << "\"} " << bytes << '\n';
  }
  Gauge(out, "isvgraph_store_block_cache_capacity_bytes", "The block cache's limit.",
        static_cast<double>(memory.block_cache_capacity));
  Gauge(out, "isvgraph_store_site_cache_entries", "Site records in the store's own cache.",
        static_cast<double>(memory.site_cache_entries));
  const HeapUsage heap = ReadHeap();
  Gauge(out, "isvgraph_heap_in_use_bytes", "Heap memory the process uses.",
        static_cast<double>(heap.in_use_bytes));
  Gauge(out, "isvgraph_heap_free_held_bytes",
        "Freed heap memory the allocator still holds (given back when idle).",
        static_cast<double>(heap.free_held_bytes));
  Gauge(out, "isvgraph_site_names_ready",
        "1 when every country's site names are in memory (no match waits for a country).",
        health.site_names_ready ? 1 : 0);
  Gauge(out, "isvgraph_up", "1 when the service can answer requests.", health.ok ? 1 : 0);
  return out.str();
}

}  // namespace isvgraph::api::rest
