#pragma once

// Store: the persistent home of chain data (sites, links, contracts, organisations) in one
// directory. Opening checks the on-disk format version (graph/FORMAT.md) so that a store
// written by an incompatible build is refused, never silently misread.
// Thread-safety: a Store may be used from many threads at once. Ownership: move-only, owned
// by whoever opened it; closing happens in the destructor.

#include <cstdint>
#include <memory>
#include <string>

#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"

namespace isvgraph::graph {

struct StoreOptions {
  // Directory of the store. Required.
  std::string path;
  // Create the directory and an empty store when none exists there. Default: true.
  bool create_if_missing = true;
};

class Store {
 public:
  // The on-disk format this build reads and writes (graph/FORMAT.md).
  static constexpr uint32_t kFormatVersion = 1;

  // Opens (or creates) the store at options.path.
  // Returns InvalidArgument for an empty path, NotFound when the store is missing and
  // create_if_missing is false, FailedPrecondition when the directory holds a store of another
  // format version or is not a store at all, IoError when RocksDB cannot open it (for example
  // while another process holds it open).
  static Result<std::unique_ptr<Store>> Open(const StoreOptions& options);

  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The directory this store lives in.
  virtual const std::string& path() const = 0;
  // The format version recorded in the store.
  virtual uint32_t format_version() const = 0;

 protected:
  Store() = default;
};

}  // namespace isvgraph::graph
