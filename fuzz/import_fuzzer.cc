// libFuzzer target for one importer: each input is one file of the format this binary was built
// for (FUZZ_IMPORT_KIND, FUZZ_EXTENSION), imported as a dry run into the demo store through the
// service (so locating by coordinates is fuzzed too). Any crash, sanitizer report or broken
// invariant below is a finding; a rejected file or row is the expected answer to most inputs.
//
// Built once per format by fuzz/CMakeLists.txt: csv (the kind comes from the first byte: sites,
// links, contracts or osh), xlsx, ods, cmrt, ocds, geojson.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "demo_service.h"
#include "isvgraph/api/encode/import_json.h"
#include "isvgraph/importers/record_import.h"

namespace {

using isvgraph::importers::ImportKind;

[[noreturn]] void Broken(const char* invariant) {
  std::fprintf(stderr, "import invariant broken: %s\n", invariant);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  isvgraph::fuzz::DemoWorld& world = isvgraph::fuzz::World();
  ImportKind kind = ImportKind::FUZZ_IMPORT_KIND;
#ifdef FUZZ_KIND_FROM_FIRST_BYTE
  if (size == 0) return 0;
  static constexpr ImportKind kCsvKinds[] = {ImportKind::kSites, ImportKind::kLinks,
                                             ImportKind::kContracts, ImportKind::kOpenSupplyHub};
  kind = kCsvKinds[data[0] % 4];
  ++data;
  --size;
#endif
  const std::string path = world.scratch + "/input" FUZZ_EXTENSION;
  isvgraph::fuzz::WriteInput(path, data, size);

  const isvgraph::graph::IndexStats before = world.service->Stats();
  auto report = world.service->Import(
      {path}, {.kind = kind,
               // OCDS: the documents' buyer, so that their releases are not all refused
               .organisation = kind == ImportKind::kOcds ? "" : "rws",
               .dry_run = true,
               .accept_partial = true});
  if (report) {
    if (report->written) Broken("a dry run wrote");
    if (report->accepted > report->rows) Broken("more rows accepted than read");
    if (report->matches.size() > report->accepted) Broken("more site matches than accepted rows");
    (void)isvgraph::importers::ImportReportText(*report);
    // Every string of the JSON answer is valid UTF-8: the writer throws on one that is not (a
    // name cut inside a character once ended `import --json` with an internal error).
    try {
      (void)isvgraph::api::ImportReportObject(*report).dump();  // strict: throws on bad text
    } catch (const nlohmann::json::exception&) {
      Broken("the JSON report holds text that is not UTF-8");
    }
  }
  const isvgraph::graph::IndexStats after = world.service->Stats();
  if (after.sites != before.sites || after.links != before.links ||
      after.contracts != before.contracts) {
    Broken("a dry run changed the store");
  }
  return 0;
}
