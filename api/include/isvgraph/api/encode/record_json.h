#pragma once

// JSON of the chain records (sites, links, contracts) for REST: encoders, and decoders that
// collect every field problem (missing, wrong type, unknown field) instead of stopping at the
// first, so that one 400 answer lists them all.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/graph/records.h"

namespace isvgraph::api {

nlohmann::json SiteJson(const graph::Site& site);
// SiteJson(site).dump(), written directly without building the JSON value: byte for byte the
// same text. GET /v1/sites/{id} is the busiest route, and the value's map and strings cost it
// a tenth of its time.
std::string SiteJsonText(const graph::Site& site);
nlohmann::json LinkJson(const graph::SupplyLink& link);  // with its "id" (LinkId)
nlohmann::json ContractJson(const graph::Contract& contract);

// Decoders: fill the record from `body` (a JSON object). `record` names it in problems.
// Returns false (with problems added) when anything is wrong. Fields the server sets
// (organisation, a link's id) are refused when present.
bool SiteFromJson(const nlohmann::json& body, const std::string& record, graph::Site* site,
                  std::vector<graph::WriteProblem>* problems);
bool LinkFromJson(const nlohmann::json& body, const std::string& record, graph::SupplyLink* link,
                  std::vector<graph::WriteProblem>* problems);
bool ContractFromJson(const nlohmann::json& body, const std::string& record,
                      graph::Contract* contract, std::vector<graph::WriteProblem>* problems);

// A link's id in URLs: base64url of its key within the organisation (customer, supplier,
// product). ParseLinkId fills those three fields; false for a malformed id.
std::string LinkId(const graph::SupplyLink& link);
bool ParseLinkId(const std::string& id, graph::SupplyLink* key);

// The registry's accountability (GET /v1/sites/{id}/history, /v1/proposals). Times are ISO
// 8601 UTC ("2026-12-03T21:06:18Z") beside the seconds.
nlohmann::json FieldChangesJson(const std::vector<graph::FieldChange>& changes);
nlohmann::json JournalEntryJson(const graph::JournalEntry& entry);
nlohmann::json SiteProposalJson(const graph::SiteProposal& proposal);

// {"fields": [{"record", "field", "reason"}, …]}: the details of a 400 for a write.
nlohmann::json ProblemsJson(const std::vector<graph::WriteProblem>& problems);

}  // namespace isvgraph::api
