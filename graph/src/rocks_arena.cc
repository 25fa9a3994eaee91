#include "rocks_arena.h"

#include <thread>

namespace isvgraph::graph {

// Runs the tasks, on this thread and (when `parallel` and there are two or more) one more,
// heaviest first, each to the lighter of the two; the first failure is the answer.
Status InParallel(bool parallel, std::vector<Weighted> tasks) {
  std::sort(tasks.begin(), tasks.end(),
            [](const Weighted& a, const Weighted& b) { return a.weight > b.weight; });
  if (!parallel || tasks.size() < 2) {
    for (Weighted& task : tasks) ISV_RETURN_IF_ERROR(task.run());
    return Status::Ok();
  }
  std::vector<Weighted*> mine, other;
  size_t mine_weight = 0, other_weight = 0;
  for (Weighted& task : tasks) {
    if (other_weight < mine_weight) {
      other.push_back(&task);
      other_weight += task.weight;
    } else {
      mine.push_back(&task);
      mine_weight += task.weight;
    }
  }
  Status other_status;
  std::thread helper([&] {
    for (Weighted* task : other) {
      other_status = task->run();
      if (!other_status.ok()) return;
    }
  });
  Status mine_status;
  for (Weighted* task : mine) {
    mine_status = task->run();
    if (!mine_status.ok()) break;
  }
  helper.join();
  return mine_status.ok() ? other_status : mine_status;
}

}  // namespace isvgraph::graph
