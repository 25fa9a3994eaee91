#include "rocks_families.h"

#include <algorithm>
#include <memory>
#include <vector>

#include <rocksdb/db.h>

namespace isvgraph::graph {

bool IsFormat4Store(const std::string& path) {
  std::vector<std::string> families;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &families).ok() ||
      families.size() + 1 != kCount ||
      std::find(families.begin(), families.end(), "audits") != families.end()) {
    return false;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : families) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, descriptors, &handles, &raw).ok()) {
    return false;
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
  return stored == "4";
}

}  // namespace isvgraph::graph
