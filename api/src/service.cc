#include "isvgraph/api/service.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <thread>

#include "build_info.h"
#include "isvgraph/api/heap.h"
#include "isvgraph/api/maps.h"
#include "isvgraph/api/server.h"
#include "knowledge_base_risk_model.h"
#include "token_cache.h"

namespace isvgraph::api {

BuildInfo CurrentBuild() {
  return BuildInfo{
      .name = "isvgraph",
      .version = ISVGRAPH_VERSION,
      .git_commit = ISVGRAPH_GIT_COMMIT,
      .build_type = ISVGRAPH_BUILD_TYPE,
      .compiler = ISVGRAPH_COMPILER,
      .sanitizers = ISVGRAPH_SANITIZE == 1,
  };
}

std::string DefaultRiskDataDir() { return ISVGRAPH_RISKDATA_DIR; }
std::string DefaultWebDir() { return ISVGRAPH_WEB_DIR; }

Result<std::unique_ptr<Service>> Service::Open(const ServiceOptions& options) {
  auto loaded = riskdata::KnowledgeBase::Load(
      {.data_dir = options.risk_data_dir, .flag_threshold = options.flag_threshold});
  if (!loaded) return loaded.error();
  std::shared_ptr<const riskdata::KnowledgeBase> risk = std::move(loaded).value();
  auto store = graph::OpenRocksStore({.path = options.db_path});
  if (!store) return store.error();
  auto chains = graph::ChainGraph::Open(
      std::move(store).value(), std::make_shared<KnowledgeBaseRiskModel>(risk),
      {.flag_milli = static_cast<uint16_t>(options.flag_threshold * 1000 + 0.5)});
  if (!chains) return chains.error();
  std::function<int64_t()> now = options.now_unix;
  if (!now) {
    now = []() {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
  return std::unique_ptr<Service>(new Service(std::move(risk), std::move(chains).value(),
                                              std::move(now), options.map_data_dir));
}

struct Service::LazyBoundaries {
  std::string data_dir;
  std::once_flag once;
  bool attempted = false;         // written once, inside `once`
  std::atomic<bool> done{false};  // `once` has run: boundaries() no longer waits
  Result<std::unique_ptr<maps::Boundaries>> loaded = Status::Internal("not loaded");
};

Service::Service(std::shared_ptr<const riskdata::KnowledgeBase> risk,
                 std::unique_ptr<graph::ChainGraph> chains, std::function<int64_t()> now_unix,
                 std::string map_data_dir)
    : risk_(std::move(risk)),
      chains_(std::move(chains)),
      now_unix_(std::move(now_unix)),
      boundaries_(std::make_unique<LazyBoundaries>()),
      token_cache_(std::make_unique<TokenCache>()) {
  boundaries_->data_dir = std::move(map_data_dir);
}

Service::~Service() = default;

std::string Service::Today() const {
  const time_t now = static_cast<time_t>(now_unix_());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &utc);
  return date;
}

Result<const maps::Boundaries*> Service::boundaries() const {
  std::call_once(boundaries_->once, [this] {
    boundaries_->loaded = maps::Boundaries::Load({.data_dir = boundaries_->data_dir});
    boundaries_->attempted = true;
    boundaries_->done = true;
  });
  if (!boundaries_->loaded) return boundaries_->loaded.error();
  return boundaries_->loaded.value().get();
}

Result<importers::ImportReport> Service::Import(const std::vector<std::string>& files,
                                                const importers::ImportOptions& options) {
  importers::ImportOptions located = options;
  // The boundaries (~0.3 s to read) load on a thread of their own as soon as a sheet turns out
  // to have coordinate columns, while rows are read; an import without coordinates never
  // loads them. The matching thread waits for them only if it gets there first.
  std::jthread loading;
  located.locate_soon = [this, &loading] {
    if (!loading.joinable()) loading = std::jthread([this] { (void)boundaries(); });
  };
  located.locate_ready = [this] { return boundaries_->done.load(); };
  located.locate = [this](graph::Site& site, bool explain) {
    auto shapes = boundaries();
    return shapes ? LocateSite(**shapes, site, explain) : importers::SiteLocating{};
  };
  auto report = importers::ImportFiles(*chains_, *risk_, files, located);
  if (loading.joinable()) loading.join();
  // The matching thread has ended: what it tried is visible here.
  if (report && boundaries_->attempted && !boundaries_->loaded) {
    report->warnings.push_back("coordinates were not checked: " +
                               boundaries_->loaded.error().message());
  }
  return report;
}

HealthReport Service::Health() const {
  const HeapUsage heap = ReadHeap();
  return HealthReport{.ok = true,
                      .store_path = chains_->store().path(),
                      .store_format = chains_->store().format_version(),
                      .site_names_ready = chains_->site_names().loaded_countries() == 26 * 26,
                      .store_memory = chains_->store().Memory(),
                      .heap_in_use_bytes = heap.in_use_bytes,
                      .heap_free_held_bytes = heap.free_held_bytes};
}

}  // namespace isvgraph::api
