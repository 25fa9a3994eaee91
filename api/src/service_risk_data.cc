// Risk-data editions: the knowledge base in use, and switching a running service to the risk
// data directory as it is on disk now (SIGHUP, POST /v1/risk-data/reload).

#include <chrono>

#include "isvgraph/api/service.h"
#include "isvgraph/graph/risk_model.h"

namespace isvgraph::api {
namespace {

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

std::shared_ptr<const riskdata::KnowledgeBase> Service::risk() const {
  std::lock_guard lock(risk_mutex_);
  return risk_;
}

Result<Service::RiskDataReload> Service::ReloadRiskData() {
  std::lock_guard one_at_a_time(reload_mutex_);
  RiskDataReload reload{.before = risk()};
  auto start = std::chrono::steady_clock::now();
  auto loaded = riskdata::KnowledgeBase::Load(
      {.data_dir = risk_data_dir_, .flag_threshold = flag_threshold_});
  if (!loaded) {
    ++reloads_failed_;
    return Status::FailedPrecondition(
        "the risk data in " + risk_data_dir_ +
        " does not load, so the edition in use stays: " + loaded.error().message());
  }
  reload.after = std::move(loaded).value();
  reload.load_ms = MillisecondsSince(start);
  // The index first: until it is rescored, answers keep the old edition throughout; an answer
  // that starts in the moment between the two swaps may score sites by the new edition and
  // word its measures by the old, which name the same layers.
  start = std::chrono::steady_clock::now();
  if (Status s = chains_->ReplaceModel(graph::NewKnowledgeBaseRiskModel(reload.after)); !s.ok()) {
    ++reloads_failed_;
    return s;
  }
  reload.rescore_ms = MillisecondsSince(start);
  {
    std::lock_guard lock(risk_mutex_);
    risk_ = reload.after;
  }
  ++reloads_done_;
  return reload;
}

}  // namespace isvgraph::api
