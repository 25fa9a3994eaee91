#pragma once

// Contract assessment: the chain a supplier disclosed, scored per theme by the knowledge base,
// with the tiers it did not disclose filled from the product group's template as priors marked
// "assumed" (no data is not no risk). From it come the ISV flags: the clause required or
// advised, "the due-diligence plan must address theme X at tier N", and joint-audit candidates.
// Tiers: the tier-1 site (the contractor) is tier 1; template tier t is chain tier t + 1.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "isvgraph/base/closed_set.h"
#include "isvgraph/base/result.h"
#include "isvgraph/graph/chain_graph.h"
#include "isvgraph/riskdata/knowledge_base.h"
#include "isvgraph/riskdata/tender.h"

namespace isvgraph::contracts {

// One theme over the whole chain: the worst place, disclosed or assumed. Severity is never
// discounted by tier.
struct ChainTheme {
  riskdata::Theme theme;
  double severity = 0;
  std::optional<double> score;  // nullopt = no data anywhere
  bool flagged = false;         // score >= the knowledge base's flag threshold
  int tier = 0;                 // chain tier of the worst place
  bool assumed = false;         // the worst place is a template prior, not a disclosed site
  std::string site_id;          // the disclosed site, "" when assumed
  std::string place;            // country or region of the worst place
  i18n::Text reason;
  i18n::Text
      summary;  // the worst place's plain sentence (riskdata::ThemeRisk::summary), with its tier
  std::vector<riskdata::RedFlag> flags;
};

// A flagged disclosed site.
struct AssessedSite {
  std::string site_id, name, country;
  int tier = 0;
  double score = 0;
  std::vector<std::string> worst_path;  // tier-1 site … this site
  std::vector<riskdata::Theme> flagged_themes;
  i18n::Text explanation;
  int joint_audit_organisations = 0;  // > 1: a joint-audit candidate within the circle
};

// A disclosed site of the chain, scored: the chain as a whole, for drawing it.
struct ChainSite {
  graph::Site site;
  int tier = 0;
  double score = 0;  // the worst theme's score
  std::optional<riskdata::Theme> worst_theme;
  i18n::Text reason;  // the worst theme's explanation
  bool flagged = false;
};

// What is missing about a disclosed site and so scored as missing data (never as low risk):
// field "country" (unknown) or "sector" (not in the risk taxonomy).
struct DataGap {
  std::string site_id, name, field;
  int tier = 0;
  i18n::Text text;  // what is missing, how it was scored, what to ask for
};

// A template tier deeper than the disclosed chain, scored at its typical places.
struct AssumedTier {
  int tier = 0;  // chain tier
  riskdata::TierAdvice prior;
};

// What a flag of a contract says: the ISV clause is required or advised, the due-diligence plan
// must address a theme at a tier, or a flagged site is a joint-audit candidate.
enum class FlagKind { kIsvClauseRequired, kIsvClauseAdvised, kPlanTheme, kJointAudit };
inline constexpr ClosedSet<FlagKind, 4> kFlagKinds{
    {"isv_clause_required", "isv_clause_advised", "plan_theme", "joint_audit"}};

struct IsvFlag {
  FlagKind kind = FlagKind::kPlanTheme;
  i18n::Text text;
  std::optional<riskdata::Theme> theme;
  int tier = 0;
  bool assumed = false;
  std::string site_id;
};

struct ContractAssessment {
  std::string methodology = riskdata::kMethodologyId;
  graph::Contract contract;
  const riskdata::ProductGroup* product_group = nullptr;  // in the edition assessed with
  // The edition assessed with, when the caller owns it (the service sets it): keeps
  // product_group valid, and encoders word the answer with the same edition.
  std::shared_ptr<const riskdata::KnowledgeBase> risk_data;
  int disclosed_depth = 0;  // deepest tier the disclosed chain reaches
  int reachable = 0;
  std::vector<ChainTheme> themes;  // kAllThemes order
  std::vector<AssessedSite> flagged_sites;
  std::vector<ChainSite> sites;                            // every disclosed site reached, by id
  std::vector<std::pair<std::string, std::string>> links;  // (supplier, customer) followed
  std::vector<AssumedTier> assumed_tiers;
  std::optional<riskdata::IsvAdvice> isv;  // nullopt when the contract has no CPV code
  std::vector<IsvFlag> flags;
  std::vector<DataGap> gaps;  // disclosed sites, in site order
  std::vector<i18n::Text> notes;
};

// NotFound for a contract the viewer does not see (the same answer as for none); the
// knowledge base's errors for data it cannot score.
Result<ContractAssessment> AssessContract(const graph::ChainGraph& chains,
                                          const riskdata::KnowledgeBase& kb,
                                          const graph::Viewer& viewer,
                                          const std::string& contract_id);

}  // namespace isvgraph::contracts
