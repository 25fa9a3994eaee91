// Chains and contracts: exposures, assessments, chain maps and the ISV follow-up, through the
// contracts module.

#include "isvgraph/api/service.h"
#include "isvgraph/audits/candidates.h"
#include "isvgraph/audits/plan.h"
#include "isvgraph/contracts/chain_map.h"
#include "isvgraph/contracts/followup.h"
#include "isvgraph/i18n/messages.h"
#include "isvgraph/maps/render.h"

namespace isvgraph::api {

Result<graph::ChainExposure> Service::Exposure(const graph::Viewer& viewer,
                                               const std::string& contract_id,
                                               const graph::ExposureOptions& options) const {
  return chains_->Exposure(viewer, contract_id, options);
}

void Service::ForEachExposure(const graph::Viewer& viewer,
                              const std::function<void(const graph::ChainExposure&)>& visit) const {
  chains_->ForEachExposure(viewer, visit);
}

Result<contracts::ContractAssessment> Service::AssessContract(
    const graph::Viewer& viewer, const std::string& contract_id) const {
  std::shared_ptr<const riskdata::KnowledgeBase> kb = risk();
  auto assessment = contracts::AssessContract(*chains_, *kb, viewer, contract_id);
  if (!assessment) return assessment;
  // A joint-audit candidate of the circle says where it stands in each of the viewer's groups,
  // so that a site the group's candidate list leaves out is explained where it is named. Each
  // group is ranked once for all the contract's candidates.
  std::vector<std::string> shared;
  for (const contracts::IsvFlag& flag : assessment->flags) {
    if (flag.kind == contracts::FlagKind::kJointAudit) shared.push_back(flag.site_id);
  }
  if (!shared.empty() && !viewer.organisation.empty()) {
    auto standings = audits::StandingInGroups(*chains_, *kb, viewer.organisation, shared, Today(),
                                              audits::PlanOptions{}.candidates);
    for (contracts::IsvFlag& flag : assessment->flags) {
      if (flag.kind != contracts::FlagKind::kJointAudit || !standings) continue;
      for (const audits::GroupStanding& standing : (*standings)[flag.site_id]) {
        flag.text += "; " + standing.text;
      }
    }
  }
  assessment->risk_data = std::move(kb);
  return assessment;
}

Result<contracts::ContractAssessment> Service::AssessContractWith(
    const riskdata::KnowledgeBase& kb, const graph::Viewer& viewer,
    const std::string& contract_id) const {
  return contracts::AssessContract(*chains_, kb, viewer, contract_id);
}

Result<maps::ChainMap> Service::ContractMap(const graph::Viewer& viewer,
                                            const std::string& contract_id,
                                            i18n::Language language) const {
  // A map needs no joint-audit standings (AssessContract ranks the viewer's groups for them).
  std::shared_ptr<const riskdata::KnowledgeBase> kb = risk();
  auto assessment = AssessContractWith(*kb, viewer, contract_id);
  if (!assessment) return assessment.error();
  return contracts::ChainMapOf(*assessment, language);
}

std::string Service::ChainMapPng(contracts::ContractAssessment& assessment,
                                 i18n::Language language) const {
  auto shapes = boundaries();
  if (!shapes) {
    assessment.notes.push_back(
        i18n::Say(i18n::Msg::kContractNoteNoChainMap, {{"reason", shapes.error().message()}}));
    return "";
  }
  auto png = maps::RenderChain(**shapes, contracts::ChainMapOf(assessment, language),
                               maps::ImageFormat::kPng, {.width = 960, .height = 560});
  if (!png) {
    assessment.notes.push_back(
        i18n::Say(i18n::Msg::kContractNoteNoChainMap, {{"reason", png.error().message()}}));
    return "";
  }
  return std::move(png).value();
}

Result<graph::Contract> Service::RecordFollowUp(const std::string& organisation,
                                                const std::string& contract_id,
                                                graph::FollowUpStep step) {
  return contracts::RecordFollowUp(*chains_, organisation, contract_id, std::move(step));
}

}  // namespace isvgraph::api
