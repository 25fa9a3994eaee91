#pragma once
// PeriodicThread: calls `tick` every `every` on a thread of its own, from construction until
// destruction; destruction stops it at once (not at the end of an interval) and joins it.
// `tick` runs on that thread only, one call at a time.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace isvgraph::api {

class PeriodicThread {
 public:
  PeriodicThread(std::chrono::milliseconds every, std::function<void()> tick)
      : thread_([this, every, tick = std::move(tick)](std::stop_token stop) {
          std::unique_lock lock(mutex_);
          // wait_for returns its predicate: true when stop was requested, false after `every`.
          while (!wake_.wait_for(lock, stop, every, [&stop] { return stop.stop_requested(); })) {
            tick();
          }
        }) {}
  ~PeriodicThread() {
    thread_.request_stop();  // wakes the wait at once (condition_variable_any + stop token)
    thread_.join();
  }
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;  // only for stopping: nobody notifies it
  std::jthread thread_;               // last: starts after the members it uses exist
};

}  // namespace isvgraph::api
