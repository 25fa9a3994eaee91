#pragma once

// Where an installed isvgraph keeps its shared files. `cmake --install` (and the Debian package)
// put the binary in <prefix>/bin and the risk data, map boundaries, web UI and demo files in
// <prefix>/share/isvgraph; the binary finds them relative to its own location, so an install
// can be moved (or unpacked anywhere with `dpkg-deb -x`) and still run. A binary in the build
// tree has no such directory beside it and falls back to the source tree.

#include <filesystem>
#include <string>
#include <system_error>

namespace isvgraph {

// <prefix>/share/isvgraph for the running binary at <prefix>/bin, or "" when the binary is not
// installed (no such directory next to its bin/).
inline std::string InstalledShareDir() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return "";
  const std::filesystem::path share = exe.parent_path().parent_path() / "share" / "isvgraph";
  if (exe.parent_path().filename() != "bin" || !std::filesystem::is_directory(share, ec)) {
    return "";
  }
  return share.string();
}

// `installed` below the installed share directory when it exists there, else `source` (the
// directory in the source tree the build was configured from).
inline std::string InstalledOrSource(const char* installed, const std::string& source) {
  const std::string share = InstalledShareDir();
  if (share.empty()) return source;
  const std::filesystem::path path = std::filesystem::path(share) / installed;
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) ? path.string() : source;
}

}  // namespace isvgraph
