#include "isvgraph/api/followup.h"

#include <algorithm>
#include <cctype>

#include "audit_dates.h"

namespace isvgraph::api {
namespace {

const std::vector<std::string> kLadder = {
    "talks", "external_advice", "investigation", "default_notice", "fine", "termination"};

}  // namespace

const std::vector<std::string>& FollowUpSteps() {
  static const std::vector<std::string> steps = [] {
    std::vector<std::string> all = {"risk_analysis_received", "plan_agreed", "annual_report"};
    all.insert(all.end(), kLadder.begin(), kLadder.end());
    return all;
  }();
  return steps;
}

bool IsEscalation(const std::string& step) {
  return std::find(kLadder.begin(), kLadder.end(), step) != kLadder.end();
}

std::string EscalationStage(const graph::Contract& contract) {
  size_t highest = 0;
  std::string stage;
  for (const graph::FollowUpStep& step : contract.followup) {
    auto it = std::find(kLadder.begin(), kLadder.end(), step.step);
    if (it == kLadder.end()) continue;
    const size_t rank = static_cast<size_t>(it - kLadder.begin()) + 1;
    if (rank > highest) {
      highest = rank;
      stage = step.step;
    }
  }
  return stage;
}

Result<graph::Contract> RecordFollowUp(Service& service, const std::string& organisation,
                                       const std::string& contract_id, graph::FollowUpStep step) {
  const std::vector<std::string>& steps = FollowUpSteps();
  if (std::find(steps.begin(), steps.end(), step.step) == steps.end()) {
    std::string list;
    for (const std::string& s : steps) list += (list.empty() ? "" : ", ") + s;
    return Status::InvalidArgument("step: '" + step.step + "' is not one of " + list);
  }
  if (!DayNumber(step.date)) {
    return Status::InvalidArgument("date: '" + step.date + "' is not a date YYYY-MM-DD");
  }
  if (step.tier < 0 || step.tier > 2) {
    return Status::InvalidArgument(
        "tier: must be 0 (the contractor), 1 (its tier-1 supplier) or 2 (further up)");
  }
  if (step.note.size() > 2000) {
    return Status::InvalidArgument("note: longer than 2000 characters");
  }
  const graph::Viewer viewer{.organisation = organisation};
  auto contract = service.chains().GetContract(viewer, contract_id);
  if (!contract) return contract.error();
  if (EscalationStage(*contract) == "termination") {
    return Status::FailedPrecondition("contract " + contract_id +
                                      " was terminated; no step can follow");
  }
  contract->followup.push_back(std::move(step));
  graph::WriteBatch batch;
  batch.PutContract(*contract);
  ISV_RETURN_IF_ERROR(service.chains().ApplyAs(viewer, std::move(batch)));
  return contract;
}

}  // namespace isvgraph::api
