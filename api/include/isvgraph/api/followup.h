#pragma once

// The ISV follow-up of a contract (DOMAIN §1.3, PIANOo "Fase 3"): what the supplier delivers
// (risk analysis, plan of approach, annual report) and the escalation ladder the contracting
// authority climbs (talks → external advice → investigation → notice of default or fine →
// termination), each step with its date, a note and the tier the case concerns.

#include <optional>
#include <string>
#include <vector>

#include "isvgraph/api/service.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::api {

// The step names, deliverables first, then the ladder in order.
const std::vector<std::string>& FollowUpSteps();
bool IsEscalation(const std::string& step);

// Checks and appends a step to the organisation's contract. InvalidArgument naming the field for
// an unknown step, a malformed date, a tier outside 0..2, a note over 2000 characters, or any
// step after termination; NotFound for a contract the organisation does not have. Returns the
// contract with its steps.
Result<graph::Contract> RecordFollowUp(Service& service, const std::string& organisation,
                                       const std::string& contract_id, graph::FollowUpStep step);

// The highest escalation step reached, or "" when none.
std::string EscalationStage(const graph::Contract& contract);

}  // namespace isvgraph::api
