#pragma once

// The ISV follow-up of a contract (PIANOo "Fase 3", docs/domain.md): what the supplier delivers
// (risk analysis, plan of approach, annual report) and the escalation ladder the contracting
// authority climbs (talks → external advice → investigation → notice of default or fine →
// termination), each step with its date, a note and the tier the case concerns.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isvgraph/base/closed_set.h"
#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"

namespace isvgraph::contracts {

// The steps: the deliverables first, then the ladder in order (each higher step is a further
// escalation).
enum class FollowUpStepKind {
  kRiskAnalysisReceived,
  kPlanAgreed,
  kAnnualReport,
  kTalks,
  kExternalAdvice,
  kInvestigation,
  kDefaultNotice,
  kFine,
  kTermination,
};
inline constexpr ClosedSet<FollowUpStepKind, 9> kFollowUpSteps{
    {"risk_analysis_received", "plan_agreed", "annual_report", "talks", "external_advice",
     "investigation", "default_notice", "fine", "termination"}};

// Whether a step (by name) is on the escalation ladder.
bool IsEscalation(std::string_view step);

// The highest escalation step reached, or "" when none.
std::string EscalationStage(const graph::Contract& contract);

// Checks and appends a step to the organisation's contract. InvalidArgument naming the field for
// an unknown step, a malformed date, a tier outside 0..2 or a note over 2000 characters;
// FailedPrecondition for any step after termination; NotFound for a contract the organisation
// does not have. Returns the contract with its steps.
Result<graph::Contract> RecordFollowUp(graph::ChainGraph& chains, const std::string& organisation,
                                       const std::string& contract_id, graph::FollowUpStep step);

}  // namespace isvgraph::contracts
