#include "isvgraph/api/service.h"

#include <chrono>

#include "build_info.h"
#include "knowledge_base_risk_model.h"

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
  return std::unique_ptr<Service>(
      new Service(std::move(risk), std::move(chains).value(), std::move(now)));
}

HealthReport Service::Health() const {
  return HealthReport{.ok = true,
                      .store_path = chains_->store().path(),
                      .store_format = chains_->store().format_version()};
}

}  // namespace isvgraph::api
