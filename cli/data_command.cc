// Risk-data editions without rebuilding: `isvgraph data check DIR` loads a data directory as the
// server would and lists its layers; `isvgraph data diff` says which contracts' flags or ISV
// verdict a new edition would change, and why (docs/operations.md, "Updating the risk data").

#include "command.h"
#include "isvgraph/api/data_diff.h"

namespace isvgraph::cli {
namespace {

class DataCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    data_ = app.add_subcommand("data", "Check a risk-data directory, or what a new one changes");
    data_->require_subcommand(1);
    check_ = data_->add_subcommand(
        "check",
        "Load DIR as the server would (every layer and table checked) and list its layers");
    check_->add_option("dir", dir_, "Risk data directory")->required();
    diff_ = data_->add_subcommand(
        "diff",
        "Per organisation, the contracts whose flags or ISV verdict change from --from to --to, "
        "with the listings and scores behind each change");
    diff_->add_option("--db", db_, "Store directory")->required();
    diff_->add_option("--from", from_, "The risk data in use")->required();
    diff_->add_option("--to", to_, "The new risk data")->required();
    diff_->add_option("--org", organisation_, "Only this organisation's contracts");
  }

  std::optional<int> Run() override {
    if (check_->parsed()) return Check();
    if (diff_->parsed()) return Diff();
    return std::nullopt;
  }

 private:
  int Check() {
    auto kb = api::LoadKnowledgeBase(dir_);
    if (!kb) return Fail(kb.error());
    std::printf("%s: the risk data loads (methodology %s)\n", dir_.c_str(),
                riskdata::kMethodologyId);
    for (const riskdata::LayerInfo& layer : (*kb)->layers()) {
      std::printf("  %-28s %s\n", layer.id.c_str(),
                  layer.loaded
                      ? (layer.edition + ", " + std::to_string(layer.rows) + " rows").c_str()
                      : "not loaded (optional)");
    }
    return 0;
  }

  int Diff() {
    auto from = api::LoadKnowledgeBase(from_);
    if (!from) return Fail(from.error());
    auto service = OpenExisting({.db_path = db_, .risk_data_dir = to_});
    if (!service) return Fail(service.error());
    auto diff = api::DiffRiskData(**service, **from, *(*service)->risk(), organisation_);
    if (!diff) return Fail(diff.error());
    return Print(api::DataDiffText(*diff));
  }

  CLI::App *data_ = nullptr, *check_ = nullptr, *diff_ = nullptr;
  std::string dir_, db_, from_, to_, organisation_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewDataCommands() { return std::make_unique<DataCommands>(); }

}  // namespace isvgraph::cli
