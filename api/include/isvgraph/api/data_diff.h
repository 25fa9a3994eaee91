#pragma once

// What a new edition of the risk data changes for the contracts in a store: every contract
// assessed with the old and with the new knowledge base, and the differences that a buyer must
// hear about — the ISV verdict, the flags (plan themes and their tiers), the flagged sites and
// their themes — each with the listing rows (red flags) that appeared or went, and the theme
// scores that crossed the flag threshold. `isvgraph data diff` prints it.
//
// Both assessments read the same store; joint-audit candidates come from the store's own index
// and so are the same on both sides (they are left out of the comparison).

#include <string>
#include <vector>

#include "isvgraph/api/service.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::api {

// One change of one contract.
struct ContractChange {
  std::string what;                 // "isv", "flag", "site"
  std::string before, after;        // e.g. "mandatory" / "advised"; "" where there was none
  std::vector<std::string> causes;  // listing rows and scores behind it, in English
};

struct ContractDiff {
  std::string organisation, contract_id, title;
  std::vector<ContractChange> changes;
};

// An edition or row count of a layer that differs between the two data directories.
struct LayerChange {
  std::string layer, before, after;
};

struct DataDiff {
  std::vector<LayerChange> layers;
  size_t contracts_checked = 0;
  std::vector<ContractDiff> contracts;  // only those with a change, by organisation and id
};

// The layers whose edition or row count differs from `from` to `to`: in the order of `to`'s
// layers, then those `to` lacks.
std::vector<LayerChange> CompareLayers(const riskdata::KnowledgeBase& from,
                                       const riskdata::KnowledgeBase& to);

// Assesses every contract of every organisation (or of `organisation` when not empty) with
// `from` and with `to`. Errors of the store; a contract that cannot be assessed with one of the
// two is reported as a change ("not assessed: …").
Result<DataDiff> DiffRiskData(const Service& service, const riskdata::KnowledgeBase& from,
                              const riskdata::KnowledgeBase& to,
                              const std::string& organisation = "");

// The diff for people: layers, then per organisation each contract with its changes and causes.
std::string DataDiffText(const DataDiff& diff);

}  // namespace isvgraph::api
