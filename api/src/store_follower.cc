#include "store_follower.h"

namespace isvgraph::api {
namespace {

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

StoreFollower::StoreFollower(graph::ChainGraph& chains, std::chrono::milliseconds interval)
    : chains_(chains), interval_(interval) {
  state_.applied_seq = chains_.applied_seq();
  thread_ = std::thread([this] { Run(); });
}

StoreFollower::~StoreFollower() {
  stop_ = true;
  thread_.join();
}

FollowState StoreFollower::state() const {
  std::lock_guard lock(mutex_);
  FollowState state = state_;
  state.applied_seq = chains_.applied_seq();
  return state;
}

void StoreFollower::Run() {
  while (!stop_) {
    (void)chains_.store().WaitForChange(interval_);
    if (stop_) return;
    // The store's head first, so that the lag shown is never smaller than the real one.
    Result<uint64_t> head = chains_.store().JournalHead();
    Result<bool> caught = head ? chains_.CatchUp() : Result<bool>(head.error());
    std::lock_guard lock(mutex_);
    state_.reachable = caught.has_value();
    if (caught) {
      state_.store_seq = *head;
      state_.checked_unix = NowUnix();
      state_.error.clear();
      if (*caught) ++state_.catch_ups;
    } else {
      state_.error = caught.error().message();
    }
  }
}

}  // namespace isvgraph::api
