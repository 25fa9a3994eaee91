#pragma once

// The column families of the RocksDB store (graph/FORMAT.md), the key of its format version,
// the check for a store of an older format (upgraded in place on open), and RocksDB's status in
// ours.

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
  kJournal,
  kProposals,
  kCount
};
inline const char* const kFamilyNames[kCount] = {
    "default",    "meta",   "sites",  "links",   "contracts", "organisations",
    "site_index", "tokens", "audits", "journal", "proposals"};

inline constexpr char kFormatVersionKey[] = "format_version";

inline Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::DataLoss(what + ": " + s.ToString());
  if (s.IsIOError()) return Status::IoError(what + ": " + s.ToString());
  return Status::Internal(what + ": " + s.ToString());
}

// The format version of the store at `path` when it is one this build upgrades in place — 4 (no
// audits, journal or proposals families) or 5 (no journal or proposals) — and 0 otherwise. The
// missing families are created empty when the store is opened, then the version is set.
uint32_t UpgradableFormat(const std::string& path);

}  // namespace isvgraph::graph
