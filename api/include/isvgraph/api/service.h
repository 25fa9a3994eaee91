#pragma once

// Service: the transport-free use cases of isvgraph. The REST adapter and the CLI both call
// these; neither HTTP nor JSON types appear here (STYLE.md rule 9).
// Thread-safety: every method may be called from many threads at once.
// Ownership: owns the store it opened; move-only through unique_ptr.

#include <cstdint>
#include <memory>
#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/store.h"

namespace isvgraph::api {

// What this binary is and how it was built.
struct BuildInfo {
  std::string name;         // "isvgraph"
  std::string version;      // semantic version of the program, e.g. "0.1.0"
  std::string git_commit;   // short commit the build was configured from, or "unknown"
  std::string build_type;   // CMake build type, e.g. "Debug", "RelWithDebInfo"
  std::string compiler;     // compiler id and version
  bool sanitizers = false;  // built with AddressSanitizer + UndefinedBehaviorSanitizer
};

// The build of the running binary.
BuildInfo CurrentBuild();

struct HealthReport {
  bool ok = false;            // the service can answer requests
  std::string store_path;     // directory of the open store
  uint32_t store_format = 0;  // its format version
};

struct ServiceOptions {
  // Directory of the chain store; created when missing. Required.
  std::string db_path;
};

class Service {
 public:
  // Opens the store (and, with later issues, the knowledge base) named by the options.
  // Returns the store's errors (graph::Store::Open).
  static Result<std::unique_ptr<Service>> Open(const ServiceOptions& options);

  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  HealthReport Health() const;
  BuildInfo Version() const { return CurrentBuild(); }

 private:
  explicit Service(std::unique_ptr<graph::Store> store) : store_(std::move(store)) {}

  std::unique_ptr<graph::Store> store_;
};

}  // namespace isvgraph::api
