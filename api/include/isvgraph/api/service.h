#pragma once

// Service: the transport-free use cases of isvgraph. The REST adapter and the CLI both call
// these; neither HTTP nor JSON types appear here (STYLE.md rule 9).
// Thread-safety: every method may be called from many threads at once.
// Ownership: owns the store it opened; move-only through unique_ptr.

#include <cstdint>
#include <memory>
#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/riskdata/knowledge_base.h"

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

// The risk-data directory this build was configured with (riskdata/data in the source tree).
std::string DefaultRiskDataDir();

struct ServiceOptions {
  // Directory of the chain store; created when missing. Required.
  std::string db_path;
  // Directory of the risk knowledge base. Default: DefaultRiskDataDir().
  std::string risk_data_dir = DefaultRiskDataDir();
  // Theme score at or above which a site is flagged, 0..1. Default 0.7.
  double flag_threshold = 0.7;
};

class Service {
 public:
  // Loads the knowledge base, then opens the store. Returns the knowledge base's errors
  // (riskdata::KnowledgeBase::Load, naming file and line) or the store's (graph::Store::Open).
  static Result<std::unique_ptr<Service>> Open(const ServiceOptions& options);

  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  HealthReport Health() const;
  BuildInfo Version() const { return CurrentBuild(); }
  // The risk knowledge base (read-only).
  const riskdata::KnowledgeBase& risk() const { return *risk_; }
  // The chain engine over the store, scoring sites with the knowledge base.
  graph::ChainGraph& chains() { return *chains_; }
  const graph::ChainGraph& chains() const { return *chains_; }

 private:
  Service(std::shared_ptr<const riskdata::KnowledgeBase> risk,
          std::unique_ptr<graph::ChainGraph> chains)
      : risk_(std::move(risk)), chains_(std::move(chains)) {}

  std::shared_ptr<const riskdata::KnowledgeBase> risk_;
  std::unique_ptr<graph::ChainGraph> chains_;
};

}  // namespace isvgraph::api
