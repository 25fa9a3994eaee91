#include "isvgraph/contracts/followup.h"

#include "isvgraph/base/dates.h"

namespace isvgraph::contracts {

bool IsEscalation(std::string_view step) {
  const auto kind = kFollowUpSteps.FromName(step);
  return kind && *kind >= FollowUpStepKind::kTalks;
}

std::string EscalationStage(const graph::Contract& contract) {
  std::optional<FollowUpStepKind> highest;
  for (const graph::FollowUpStep& step : contract.followup) {
    const auto kind = kFollowUpSteps.FromName(step.step);
    if (!kind || *kind < FollowUpStepKind::kTalks) continue;
    if (!highest || *kind > *highest) highest = kind;
  }
  return highest ? std::string(kFollowUpSteps.Name(*highest)) : "";
}

Result<graph::Contract> RecordFollowUp(graph::ChainGraph& chains, const std::string& organisation,
                                       const std::string& contract_id, graph::FollowUpStep step) {
  if (!kFollowUpSteps.FromName(step.step)) {
    return Status::InvalidArgument("step: '" + step.step + "' is not one of " +
                                   kFollowUpSteps.Alternatives(", "));
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
  auto contract = chains.GetContract(viewer, contract_id);
  if (!contract) return contract.error();
  if (EscalationStage(*contract) == kFollowUpSteps.Name(FollowUpStepKind::kTermination)) {
    return Status::FailedPrecondition("contract " + contract_id +
                                      " was terminated; no step can follow");
  }
  contract->followup.push_back(std::move(step));
  graph::WriteBatch batch;
  batch.PutContract(*contract);
  ISV_RETURN_IF_ERROR(chains.ApplyAs(viewer, std::move(batch)));
  return contract;
}

}  // namespace isvgraph::contracts
