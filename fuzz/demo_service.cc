#include "demo_service.h"

#include <cpl_error.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

namespace isvgraph::fuzz {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "fuzz world: %s\n", what.c_str());
  std::abort();
}

std::string MakeScratch() {
  // tmpfs when there is one: every input is written to a file and read back through GDAL.
  const char* base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : nullptr;
  std::string pattern = std::string(base ? base : std::filesystem::temp_directory_path().c_str()) +
                        "/isvgraph-fuzz-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) Die("cannot create " + pattern);
  return pattern;
}

}  // namespace

DemoWorld& World() {
  static DemoWorld* world = [] {
    // GDAL reports each broken file on stderr too; thousands a second only slow the fuzzer (the
    // importers turn GDAL's last error into their own messages all the same).
    CPLSetErrorHandler(CPLQuietErrorHandler);
    auto* w = new DemoWorld();
    w->scratch = MakeScratch();
    static const std::string scratch = w->scratch;
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(scratch, ignored);
    });
    auto service = api::Service::Open({.db_path = w->scratch + "/db"});
    if (!service) Die(service.error().ToString());
    w->service = std::move(service).value().release();  // lives as long as the process
    auto tokens = api::LoadDemo(*w->service, api::DefaultDemoDir());
    if (!tokens) Die(tokens.error().ToString());
    w->tokens = std::move(tokens).value();
    return w;
  }();
  return *world;
}

void WriteInput(const std::string& path, const uint8_t* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) Die("cannot write " + path);
}

}  // namespace isvgraph::fuzz
