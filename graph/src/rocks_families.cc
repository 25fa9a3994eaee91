#include "rocks_families.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <rocksdb/db.h>

namespace isvgraph::graph {

uint32_t UpgradableFormat(const std::string& path) {
  std::vector<std::string> families;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &families).ok() ||
      families.size() >= kCount) {
    return 0;
  }
  // Every family the store has must be one of ours, in our order's first places.
  for (size_t i = 0; i < families.size(); ++i) {
    if (std::find(std::begin(kFamilyNames), std::end(kFamilyNames), families[i]) ==
        std::end(kFamilyNames)) {
      return 0;
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : families) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, descriptors, &handles, &raw).ok()) {
    return 0;
  }
  std::unique_ptr<rocksdb::DB> probe(raw);
  std::string stored;
  for (size_t i = 0; i < families.size(); ++i) {
    if (families[i] == "meta") {
      raw->Get(rocksdb::ReadOptions(), handles[i], kFormatVersionKey, &stored)
          .PermitUncheckedError();
    }
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    raw->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  if (stored == "4" && families.size() + 3 == kCount) return 4;
  if (stored == "5" && families.size() + 2 == kCount) return 5;
  return 0;
}

}  // namespace isvgraph::graph
