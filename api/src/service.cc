#include "isvgraph/api/service.h"

#include "build_info.h"

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
  auto risk = riskdata::KnowledgeBase::Load(
      {.data_dir = options.risk_data_dir, .flag_threshold = options.flag_threshold});
  if (!risk) return risk.error();
  Result<std::unique_ptr<graph::Store>> store =
      graph::Store::Open(graph::StoreOptions{.path = options.db_path});
  if (!store) return store.error();
  return std::unique_ptr<Service>(new Service(std::move(risk).value(), std::move(store).value()));
}

HealthReport Service::Health() const {
  return HealthReport{
      .ok = true, .store_path = store_->path(), .store_format = store_->format_version()};
}

}  // namespace isvgraph::api
