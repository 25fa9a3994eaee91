#pragma once

// TempDir: a unique directory for one test, removed with everything in it on destruction
// (docs/style.md rule 17: tests own their environment).

#include <string>

namespace isvgraph::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace isvgraph::testing
