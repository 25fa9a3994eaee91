// Contracts: `isvgraph chain` (exposure), `isvgraph assess` (the assessment and its printable
// report) and `isvgraph followup add|list` (the ISV follow-up).

#include <fstream>

#include "command.h"
#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/api/encode/chain_json.h"
#include "isvgraph/api/encode/chain_text.h"
#include "isvgraph/contracts/followup.h"

namespace isvgraph::cli {
namespace {

void PrintFollowUp(const graph::Contract& contract) {
  std::printf("ISV follow-up of %s (%zu step(s))\n", contract.id.c_str(), contract.followup.size());
  for (const graph::FollowUpStep& step : contract.followup) {
    std::printf("  %s  %-24s tier %d  %s\n", step.date.c_str(), step.step.c_str(), step.tier,
                step.note.c_str());
  }
  const std::string stage = contracts::EscalationStage(contract);
  std::printf("escalation stage: %s\n", stage.empty() ? "none" : stage.c_str());
}

class ContractCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    chain_ = app.add_subcommand(
        "chain", "Chain exposure of a contract: reach, tiers, flags, worst paths, reasons");
    chain_->add_option("--db", db_, "Store directory")->required();
    chain_->add_option("--contract", contract_, "Contract id")->required();
    chain_->add_option("--org", organisation_,
                       "Organisation whose contract it is (its own and public links only); "
                       "default: the administrative view of every organisation's links");
    chain_->add_option("--data", data_, "Risk data directory")->capture_default_str();
    chain_->add_flag("--all-sites", all_sites_,
                     "List every reached site, not only the flagged ones");
    chain_->add_flag("--json", json_, "Print JSON instead of text");
    AddLanguageOption(chain_, &lang_);

    assess_ = app.add_subcommand(
        "assess", "Assess a contract's chain: risk per theme, assumed tiers, ISV flags");
    assess_->add_option("--db", db_, "Store directory")->required();
    assess_->add_option("--contract", contract_, "Contract id")->required();
    assess_->add_option("--org", organisation_,
                        "The organisation whose contract it is (default: administrative view)");
    assess_->add_option("--data", data_, "Risk data directory")->capture_default_str();
    assess_->add_flag("--json", json_, "Print the assessment as JSON");
    AddLanguageOption(assess_, &lang_);
    assess_->add_option("--html", html_,
                        "Also write the printable, self-contained HTML report to this file");

    CLI::App* followup = app.add_subcommand("followup", "The ISV follow-up of a contract");
    followup->require_subcommand(1);
    followup_add_ = followup->add_subcommand(
        "add", "Record a step: a deliverable or a step of the escalation ladder");
    followup_list_ = followup->add_subcommand("list", "Show the steps recorded");
    for (CLI::App* sub : {followup_add_, followup_list_}) {
      sub->add_option("--db", db_, "Store directory")->required();
      sub->add_option("--org", organisation_, "The organisation")->required();
      sub->add_option("--contract", contract_, "Contract id")->required();
      sub->add_option("--data", data_, "Risk data directory")->capture_default_str();
    }
    followup_add_
        ->add_option("--step", step_.step,
                     "risk_analysis_received, plan_agreed, annual_report, talks, external_advice, "
                     "investigation, default_notice, fine or termination")
        ->required();
    followup_add_->add_option("--date", step_.date, "YYYY-MM-DD")->required();
    followup_add_->add_option("--note", step_.note, "What happened");
    followup_add_->add_option(
        "--tier", step_.tier,
        "Whose conduct: 0 the contractor, 1 its tier-1 supplier, 2 further up");
  }

  std::optional<int> Run() override {
    if (chain_->parsed()) return Chain();
    if (assess_->parsed()) return Assess();
    if (followup_add_->parsed() || followup_list_->parsed()) return FollowUp();
    return std::nullopt;
  }

 private:
  // The organisation's view, or with no --org the administrative view of every organisation's.
  graph::Viewer Viewer() const {
    return {.organisation = organisation_, .all = organisation_.empty()};
  }

  int Chain() {
    auto lang = CommandLanguage(lang_);
    if (!lang) return Fail(lang.error());
    auto service = OpenExisting({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error(), *lang);
    auto exposure =
        (*service)->Exposure(Viewer(), contract_, {.all_sites = all_sites_, .explain = true});
    if (!exposure) return Fail(exposure.error(), *lang);
    const std::string methodology = (*service)->MethodologyId();
    std::puts(json_ ? api::ChainExposureJson(*exposure, methodology, *lang).dump(2).c_str()
                    : api::ChainExposureText(*exposure, methodology, *lang).c_str());
    return 0;
  }

  int Assess() {
    auto lang = CommandLanguage(lang_);
    if (!lang) return Fail(lang.error());
    auto service = OpenExisting({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error(), *lang);
    auto assessment = (*service)->AssessContract(Viewer(), contract_);
    if (!assessment) return Fail(assessment.error(), *lang);
    if (!html_.empty()) {
      std::ofstream out(html_, std::ios::binary);
      const std::string map = (*service)->ChainMapPng(*assessment, *lang);
      out << api::ContractAssessmentHtml(*assessment->risk_data, *assessment, map, *lang,
                                         (*service)->Today());
      if (!out) return Fail(Status::IoError("cannot write " + html_), *lang);
      std::fprintf(stderr, "isvgraph: wrote %s\n", html_.c_str());
    }
    return Print(
        json_ ? api::ContractAssessmentJson(*assessment->risk_data, *assessment, *lang).dump(2)
              : api::ContractAssessmentText(*assessment->risk_data, *assessment, *lang));
  }

  int FollowUp() {
    auto service = OpenExisting({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error());
    auto contract = followup_add_->parsed()
                        ? (*service)->RecordFollowUp(organisation_, contract_, step_)
                        : (*service)->GetContract({.organisation = organisation_}, contract_);
    if (!contract) return Fail(contract.error());
    PrintFollowUp(*contract);
    return 0;
  }

  CLI::App *chain_ = nullptr, *assess_ = nullptr;
  CLI::App *followup_add_ = nullptr, *followup_list_ = nullptr;
  std::string db_, data_ = api::DefaultRiskDataDir(), contract_, organisation_, html_;
  std::string lang_;  // --lang; "" = the locale's
  bool all_sites_ = false, json_ = false;
  graph::FollowUpStep step_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewContractCommands() {
  return std::make_unique<ContractCommands>();
}

}  // namespace isvgraph::cli
