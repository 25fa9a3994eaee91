// `isvgraph import` (the files users have, one atomic write) and `isvgraph import template`.

#include <chrono>
#include <unistd.h>

#include "command.h"
#include "isvgraph/api/encode/import_json.h"

namespace isvgraph::cli {
namespace {

// A progress bar on a terminal (rows, rows/s, ETA); nothing when stderr is not a terminal.
std::function<void(size_t, size_t)> ImportProgress() {
  if (!isatty(STDERR_FILENO)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start](size_t done, size_t total) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    const int width = 30;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\r[%s%s] %zu/%zu rows  %.0f rows/s  ETA %.0f s ",
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), done,
                 total, rate, rate > 0 ? (total - done) / rate : 0.0);
    if (done == total) std::fputc('\n', stderr);
  };
}

class ImportCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    import_ = app.add_subcommand(
        "import",
        "Import sites, links or contracts (CSV, XLSX, ODS), Open Supply Hub lists, GeoJSON or "
        "GeoPackage sites, CMRT workbooks or OCDS files (one atomic write)");
    import_->add_option("--db", db_, "Store directory");
    import_->add_option("--org", organisation_,
                        "Organisation that owns the links or contracts (ocds: default the buyer)");
    import_->add_option("--kind", kind_,
                        "sites, links, contracts, osh, geo (GeoJSON/GeoPackage), cmrt or ocds");
    import_->add_option("--declaring-site", declaring_site_,
                        "cmrt: the registry site that sent the workbook (default: the "
                        "Declaration's company, by name and the country of its address)");
    import_->add_option("--data", data_, "Risk data directory")->capture_default_str();
    import_->add_flag("--dry-run", dry_run_,
                      "Report what would be created, matched and rejected; write nothing");
    import_->add_flag("--accept-partial", accept_partial_,
                      "Write the good rows even when some are rejected");
    import_->add_option("--map", map_,
                        "Which header is which column, where the file's own are not recognised: "
                        "name=\"Mine Name\",country=\"Country / Area\"");
    import_->add_flag("--json", json_, "Print the report as JSON");
    import_->add_option("files", files_, "Files to import");
    AddLanguageOption(import_, &lang_);
    template_ = import_->add_subcommand(
        "template", "Print the CSV template of a kind: its columns and an example row");
    template_->add_option("kind", template_kind_, "sites, links, contracts, osh or geo")
        ->required();
    template_->add_option("--xlsx", template_xlsx_,
                          "Write an XLSX workbook (template and column descriptions) instead");
  }

  std::optional<int> Run() override {
    if (template_->parsed()) return Template();
    if (!import_->parsed()) return std::nullopt;
    if (db_.empty() || kind_.empty() || files_.empty()) {
      return Fail(
          Status::InvalidArgument("import needs --db DIR --kind KIND and at least one file"));
    }
    return Import();
  }

 private:
  int Import() {
    auto lang = CommandLanguage(lang_);
    if (!lang) return Fail(lang.error());
    auto kind = importers::ImportKindFromName(kind_);
    if (!kind) return Fail(kind.error(), *lang);
    auto columns = importers::ParseColumnMapping(map_);
    if (!columns) return Fail(columns.error(), *lang);
    auto service = api::Service::Open({.db_path = db_, .risk_data_dir = data_});
    if (!service) return Fail(service.error(), *lang);
    auto report = (*service)->Import(files_, {.kind = *kind,
                                              .organisation = organisation_,
                                              .declaring_site = declaring_site_,
                                              .columns = std::move(*columns),
                                              .dry_run = dry_run_,
                                              .accept_partial = accept_partial_,
                                              .progress = ImportProgress()});
    if (!report) return Fail(report.error(), *lang);
    if (json_) {
      std::printf("%s\n", api::ImportReportJson(*report, *lang).c_str());
    } else {
      std::fputs(importers::ImportReportText(*report, *lang).c_str(), stdout);
    }
    // 0 when written or a clean dry run; 2 when rows were rejected (nothing or part written).
    return report->rejected.empty() ? 0 : 2;
  }

  int Template() {
    auto kind = importers::ImportKindFromName(template_kind_);
    if (!kind) return Fail(kind.error());
    if (!template_xlsx_.empty()) {
      if (Status s = importers::WriteTemplateXlsx(*kind, template_xlsx_); !s.ok()) return Fail(s);
      std::fprintf(stderr, "isvgraph: wrote %s\n", template_xlsx_.c_str());
      return 0;
    }
    auto csv = importers::TemplateCsv(*kind);
    if (!csv) return Fail(csv.error());
    std::fputs(csv->c_str(), stdout);
    return 0;
  }

  CLI::App* import_ = nullptr;
  CLI::App* template_ = nullptr;
  std::string db_, data_ = api::DefaultRiskDataDir(), organisation_, kind_, declaring_site_, map_,
                   lang_;
  std::vector<std::string> files_;
  bool dry_run_ = false, accept_partial_ = false, json_ = false;
  std::string template_kind_, template_xlsx_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewImportCommands() { return std::make_unique<ImportCommands>(); }

}  // namespace isvgraph::cli
