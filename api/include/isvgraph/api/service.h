#pragma once

// Service: the transport-free use cases of isvgraph. The REST adapter and the CLI both call
// these; neither HTTP nor JSON types appear here (STYLE.md rule 9).
// Thread-safety: every method may be called from many threads at once.
// Ownership: owns the store it opened; move-only through unique_ptr.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/importers/record_import.h"
#include "isvgraph/maps/boundaries.h"
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
  // Site names of every country are in memory (SiteNames::Preload has finished): no match
  // waits for its country to be read. False right after start, or after a bulk import.
  bool site_names_ready = false;
  // The store's caches and write buffers (graph::StoreMemory): they grow until full, so an
  // operator can tell their growth from the process's.
  graph::StoreMemory store_memory;
  // The C heap (glibc's mallinfo2): bytes in use, and bytes freed but kept by the allocator for
  // reuse (resident until reused or trimmed). A leak grows the first; a burst of large requests
  // raises the second once. Zero in builds with AddressSanitizer, whose allocator replaces glibc's.
  size_t heap_in_use_bytes = 0;
  size_t heap_free_held_bytes = 0;
};

// The risk-data directory this build was configured with (riskdata/data in the source tree).
std::string DefaultRiskDataDir();

// Roles of a token. Everyone reads; a buyer also writes chain data (sites, links, contracts,
// imports, follow-up); an auditor also records audits, but changes no chain data; an admin does
// both and manages the organisation (tokens, profile, audit groups).
enum class Role { kViewer = 0, kBuyer = 1, kAuditor = 2, kAdmin = 3 };
std::string_view RoleName(Role role);
std::optional<Role> RoleFromName(std::string_view name);

// Who is asking: the organisation and role of a valid token.
struct Principal {
  std::string organisation;
  Role role = Role::kViewer;
};

struct TokenOptions {
  std::string organisation;  // created when it does not exist yet. Required.
  Role role = Role::kViewer;
  int64_t valid_seconds = 365 * 86400;  // 0 = never expires. Default one year.
};

struct ServiceOptions {
  // Directory of the chain store; created when missing. Required.
  std::string db_path;
  // Directory of the risk knowledge base. Default: DefaultRiskDataDir().
  std::string risk_data_dir = DefaultRiskDataDir();
  // Theme score at or above which a site is flagged, 0..1. Default 0.7.
  double flag_threshold = 0.7;
  // Seconds since the epoch; injected so that tests can move time. Default: the system clock.
  std::function<int64_t()> now_unix;
  // Directory of the boundary files (maps/data), loaded on first use. Default: DefaultMapDataDir().
  std::string map_data_dir = maps::DefaultMapDataDir();
};

class Service {
 public:
  // Loads the knowledge base, then opens the store. Returns the knowledge base's errors
  // (riskdata::KnowledgeBase::Load, naming file and line) or the store's (graph::Store::Open).
  static Result<std::unique_ptr<Service>> Open(const ServiceOptions& options);

  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  HealthReport Health() const;
  BuildInfo Version() const { return CurrentBuild(); }
  // Issues a bearer token for an organisation (creating the organisation if needed) and returns
  // it; only its SHA-256 is stored, so it cannot be shown again. InvalidArgument for an empty
  // or malformed organisation id or a negative validity.
  Result<std::string> CreateToken(const TokenOptions& options);
  // The principal of a token. NotFound for an unknown, expired or revoked token (one answer
  // for all three, so that a caller learns nothing about other tokens).
  Result<Principal> Authenticate(std::string_view token) const;

  // The tokens of an organisation (never the tokens themselves: the first 12 hex digits of their
  // hash identify them), oldest first.
  Result<std::vector<graph::AccessToken>> ListTokens(const std::string& organisation) const;
  // Revokes the organisation's token whose hash starts with `hash_prefix` (at least 8 hex
  // digits). NotFound when none matches, InvalidArgument when the prefix is too short or
  // matches more than one.
  Status RevokeToken(const std::string& organisation, const std::string& hash_prefix);

  // Adds an organisation to an audit group (Swedish model): members see how many of the
  // group's organisations reach a flagged site (never each other's contracts, links or values).
  // NotFound for an unknown organisation, InvalidArgument for a malformed group id.
  Status JoinAuditGroup(const std::string& organisation, const std::string& group);

  // Imports files (importers::ImportFiles) into the store, matched and scored with the
  // knowledge base. Sites with coordinates are located first (import → locate → score): a
  // province such as CN-XJ comes from the coordinates when the row gives none, and a declared
  // country the coordinates contradict is flagged in the report (maps::Boundaries).
  Result<importers::ImportReport> Import(const std::vector<std::string>& files,
                                         const importers::ImportOptions& options);

  // Today's date (UTC) by the service clock, YYYY-MM-DD.
  std::string Today() const;

  // The boundaries (Natural Earth), loaded on first use; their load error, if any, every time.
  Result<const maps::Boundaries*> boundaries() const;

  // The risk knowledge base (read-only).
  const riskdata::KnowledgeBase& risk() const { return *risk_; }
  // The chain engine over the store, scoring sites with the knowledge base.
  graph::ChainGraph& chains() { return *chains_; }
  const graph::ChainGraph& chains() const { return *chains_; }

 private:
  Service(std::shared_ptr<const riskdata::KnowledgeBase> risk,
          std::unique_ptr<graph::ChainGraph> chains, std::function<int64_t()> now_unix,
          std::string map_data_dir);

  std::shared_ptr<const riskdata::KnowledgeBase> risk_;
  std::unique_ptr<graph::ChainGraph> chains_;
  std::function<int64_t()> now_unix_;
  struct LazyBoundaries;  // loaded once, on first use (0.3 s; most commands never draw a map)
  std::unique_ptr<LazyBoundaries> boundaries_;
  struct TokenCache;  // src/token_cache.h
  std::unique_ptr<TokenCache> token_cache_;
};

}  // namespace isvgraph::api
