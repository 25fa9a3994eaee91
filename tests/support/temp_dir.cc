#include "support/temp_dir.h"

#include <filesystem>
#include <stdlib.h>
#include <system_error>
#include <vector>

#include "isvgraph/base/check.h"

namespace isvgraph::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "isvgraph-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  ISV_CHECK(mkdtemp(buffer.data()) != nullptr);
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace isvgraph::testing
