#include "isvgraph/api/service.h"

#include <chrono>

#include "build_info.h"
#include "isvgraph/api/server.h"
#include "isvgraph/base/dates.h"
#include "isvgraph/base/install_layout.h"
#include "service_state.h"
#include "store_follower.h"
#include "token_cache.h"

namespace isvgraph::api {

BuildInfo CurrentBuild() {
  return BuildInfo{
      .name = "isvgraph",
      .version = ISVGRAPH_VERSION,
      .git_commit = ISVGRAPH_GIT_COMMIT,
      .build_type = ISVGRAPH_BUILD_TYPE,
      .compiler = ISVGRAPH_COMPILER,
      .sanitizers = ISVGRAPH_ALLOCATOR_REPLACED == 1,
  };
}

std::string DefaultRiskDataDir() { return InstalledOrSource("riskdata", ISVGRAPH_RISKDATA_DIR); }
std::string DefaultWebDir() { return InstalledOrSource("web", ISVGRAPH_WEB_DIR); }

Result<std::unique_ptr<riskdata::KnowledgeBase>> LoadKnowledgeBase(const std::string& data_dir,
                                                                   double flag_threshold) {
  return riskdata::KnowledgeBase::Load({.data_dir = data_dir, .flag_threshold = flag_threshold});
}

Result<std::unique_ptr<Service>> Service::Open(const ServiceOptions& options) {
  auto loaded = riskdata::KnowledgeBase::Load(
      {.data_dir = options.risk_data_dir, .flag_threshold = options.flag_threshold});
  if (!loaded) return loaded.error();
  std::shared_ptr<const riskdata::KnowledgeBase> risk = std::move(loaded).value();
  // A directory is a RocksDB store; a connection string a PostgreSQL one (docs/scaling.md).
  auto store = graph::IsPostgresUrl(options.db_path)
                   ? graph::OpenPostgresStore({.url = options.db_path,
                                               .create_if_missing = options.create_if_missing,
                                               .exclusive = !options.follow_store})
                   : graph::OpenRocksStore(
                         {.path = options.db_path, .create_if_missing = options.create_if_missing});
  if (!store) return store.error();
  auto chains = graph::ChainGraph::Open(
      std::move(store).value(), graph::NewKnowledgeBaseRiskModel(risk),
      {.flag_milli = static_cast<uint16_t>(options.flag_threshold * 1000 + 0.5),
       .now_unix = options.now_unix});
  if (!chains) return chains.error();
  std::function<int64_t()> now = options.now_unix;
  if (!now) {
    now = []() {
      return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
    };
  }
  return std::unique_ptr<Service>(
      new Service(std::move(risk), std::move(chains).value(), std::move(now), options));
}

Service::Service(std::shared_ptr<const riskdata::KnowledgeBase> risk,
                 std::unique_ptr<graph::ChainGraph> chains, std::function<int64_t()> now_unix,
                 const ServiceOptions& options)
    : risk_(std::move(risk)),
      risk_data_dir_(options.risk_data_dir),
      flag_threshold_(options.flag_threshold),
      chains_(std::move(chains)),
      now_unix_(std::move(now_unix)),
      boundaries_(std::make_unique<LazyBoundaries>()),
      token_cache_(std::make_unique<TokenCache>()) {
  boundaries_->data_dir = options.map_data_dir;
  if (options.follow_store && chains_->store().shared()) {
    follower_ = std::make_unique<StoreFollower>(*chains_, std::chrono::seconds(1));
  }
}

Service::~Service() = default;

std::string Service::Today() const { return DateOfUnix(now_unix_()); }

std::string Service::MethodologyId() const { return chains_->model()->id(); }

Result<const maps::Boundaries*> Service::boundaries() const {
  std::call_once(boundaries_->once, [this] {
    boundaries_->loaded = maps::Boundaries::Load({.data_dir = boundaries_->data_dir});
    boundaries_->attempted = true;
    boundaries_->done = true;
  });
  if (!boundaries_->loaded) return boundaries_->loaded.error();
  return boundaries_->loaded.value().get();
}

graph::IndexStats Service::Stats() const { return chains_->stats(); }

void Service::PreloadSiteNames(const std::function<bool()>& stop) const {
  chains_->site_names().Preload(stop);
}

HealthReport Service::Health() const {
  HealthReport report{.ok = true,
                      .store_path = chains_->store().path(),
                      .store_format = chains_->store().format_version(),
                      .site_names_ready = chains_->site_names().loaded_countries() == 26 * 26,
                      .store_memory = chains_->store().Memory()};
  if (follower_) {
    const FollowState state = follower_->state();
    report.following = {.shared = true,
                        .applied_seq = state.applied_seq,
                        .store_seq = state.store_seq,
                        .checked_unix = state.checked_unix,
                        .store_reachable = state.reachable,
                        .error = state.error,
                        .catch_ups = state.catch_ups,
                        .patched_catch_ups = chains_->stats().patched_catch_ups};
  }
  return report;
}

}  // namespace isvgraph::api
