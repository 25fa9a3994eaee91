#pragma once

// The column families of the RocksDB store (graph/FORMAT.md), the key of its format version,
// the check for a store of format 4 (upgraded in place on open), and RocksDB's status in ours.

#include <string>

#include <rocksdb/status.h>

#include "isvgraph/base/status.h"

namespace isvgraph::graph {

// Column families in the order of graph/FORMAT.md; the index of each is its handle slot.
enum Family {
  kDefault,
  kMeta,
  kSites,
  kLinks,
  kContracts,
  kOrganisations,
  kSiteIndex,
  kTokens,
  kAudits,
  kCount
};
inline const char* const kFamilyNames[kCount] = {"default",    "meta",      "sites",
                                                 "links",      "contracts", "organisations",
                                                 "site_index", "tokens",    "audits"};

inline constexpr char kFormatVersionKey[] = "format_version";

inline Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::DataLoss(what + ": " + s.ToString());
  if (s.IsIOError()) return Status::IoError(what + ": " + s.ToString());
  return Status::Internal(what + ": " + s.ToString());
}

// Whether `path` holds a store of format version 4: all families but audits, and the version
// key saying 4. Such a store is upgraded in place when opened (the family is created empty).
bool IsFormat4Store(const std::string& path);

}  // namespace isvgraph::graph
