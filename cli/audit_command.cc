// `isvgraph audits candidates|plan|record|alerts`: joint audits in the Swedish model.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "command.h"
#include "isvgraph/api/encode/audits.h"

namespace isvgraph::cli {
namespace {

struct AuditFlags {
  std::string db, data = api::DefaultRiskDataDir(), organisation, group, file, format = "text", out,
                  today;
  size_t candidates = 12, max_sites = 4, limit = 50;
  double radius_km = 300;
  int days = 14;
  std::string lang;                                    // --lang; "" = the locale's
  i18n::Language language = i18n::Language::kEnglish;  // resolved from `lang` before a run
};

Result<std::unique_ptr<api::Service>> Open(const AuditFlags& flags) {
  return OpenExisting({.db_path = flags.db, .risk_data_dir = flags.data});
}

// Prints `text`, or writes it to --out when given.
int Emit(const AuditFlags& flags, const std::string& text) {
  if (flags.out.empty()) {
    std::cout << text;
    if (!text.empty() && text.back() != '\n') std::cout << '\n';
    return 0;
  }
  std::ofstream out(flags.out, std::ios::binary);
  out << text;
  if (!out) return Fail(Status::IoError("cannot write " + flags.out));
  std::fprintf(stderr, "isvgraph: wrote %s\n", flags.out.c_str());
  return 0;
}

int RunCandidates(const AuditFlags& flags) {
  auto service = Open(flags);
  if (!service) return Fail(service.error(), flags.language);
  auto candidates = (*service)->RankAuditCandidates(flags.organisation, flags.group,
                                                    {.today = flags.today, .limit = flags.limit});
  if (!candidates) return Fail(candidates.error(), flags.language);
  if (flags.format == "json")
    return Emit(flags, api::CandidatesJson(*candidates, flags.language).dump(2));
  std::ostringstream out;
  out << candidates->size() << " joint-audit candidate(s) of " << flags.group << " for "
      << flags.organisation << "\n";
  for (const audits::AuditCandidate& c : *candidates) {
    out << "  " << c.rank << ". " << c.site.name << " (" << c.site.id << ", " << c.site.country
        << ")\n     " << c.explanation.In(flags.language) << "\n";
  }
  return Emit(flags, out.str());
}

int RunPlan(const AuditFlags& flags) {
  auto service = Open(flags);
  if (!service) return Fail(service.error(), flags.language);
  auto plan = (*service)->PlanAudits(flags.organisation, flags.group,
                                     {.today = flags.today,
                                      .candidates = flags.candidates,
                                      .radius_km = flags.radius_km,
                                      .max_sites = flags.max_sites});
  if (!plan) return Fail(plan.error(), flags.language);
  if (flags.format == "json") return Emit(flags, api::AuditPlanJson(*plan, flags.language).dump(2));
  if (flags.format == "csv") return Emit(flags, api::AuditPlanCsv(*plan, flags.language));
  if (flags.format == "html") return Emit(flags, api::AuditPlanHtml(*plan, flags.language));
  if (flags.format == "xlsx") {
    if (flags.out.empty()) return Fail(Status::InvalidArgument("--format xlsx needs --out FILE"));
    auto bytes = api::AuditPlanXlsx(*plan, flags.language);
    if (!bytes) return Fail(bytes.error(), flags.language);
    return Emit(flags, *bytes);
  }
  std::ostringstream out;
  out << "Audit plan of " << plan->group << " (" << plan->today << "): " << plan->trips.size()
      << " trip(s)\n";
  for (const audits::AuditTrip& trip : plan->trips) {
    out << "Trip " << trip.number << " (" << trip.country << "), lead " << trip.lead << "; shares";
    for (const audits::TripShare& s : trip.shares)
      out << " " << s.organisation << " " << s.share * 100 << "%";
    out << "\n";
    for (const audits::AuditCandidate& c : trip.sites)
      out << "  " << c.rank << ". " << c.site.name << " (" << c.site.id << ")\n";
  }
  for (const i18n::Text& note : plan->notes) out << "note: " << note.In(flags.language) << "\n";
  return Emit(flags, out.str());
}

int RunRecord(const AuditFlags& flags) {
  std::ifstream in(flags.file);
  if (!in) return Fail(Status::NotFound("cannot read " + flags.file));
  const nlohmann::json body = nlohmann::json::parse(in, nullptr, false);
  if (body.is_discarded()) return Fail(Status::InvalidArgument(flags.file + " is not JSON"));
  auto audit = api::AuditFromJson(body);
  if (!audit) return Fail(audit.error(), flags.language);
  auto service = Open(flags);
  if (!service) return Fail(service.error(), flags.language);
  auto recorded = (*service)->RecordAudit(flags.organisation, std::move(audit).value());
  if (!recorded) return Fail(recorded.error(), flags.language);
  return Emit(flags, api::AuditJson(*recorded).dump(2));
}

int RunAlerts(const AuditFlags& flags) {
  auto service = Open(flags);
  if (!service) return Fail(service.error(), flags.language);
  auto alerts =
      (*service)->Alerts(flags.organisation, {.today = flags.today, .severe_days = flags.days});
  if (!alerts) return Fail(alerts.error(), flags.language);
  if (flags.format == "json") return Emit(flags, api::AlertsJson(*alerts, flags.language).dump(2));
  std::ostringstream out;
  out << alerts->size() << " alert(s) for " << flags.organisation << "\n";
  for (const audits::Alert& a : *alerts)
    out << "  " << a.kind << " " << a.site_id << ": " << a.text.In(flags.language) << "\n";
  return Emit(flags, out.str());
}

class AuditCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    audits_ = app.add_subcommand("audits",
                                 "Joint audits (Swedish model): candidates, plan, records, alerts");
    audits_->require_subcommand(1);
    candidates_ = audits_->add_subcommand(
        "candidates", "Flagged sites members share, ranked by leverage and risk");
    plan_ = audits_->add_subcommand(
        "plan", "Audit trips by country and distance, lead and co-financing shares");
    record_ =
        audits_->add_subcommand("record", "Record an audit from a JSON file (findings, CAP items)");
    alerts_ =
        audits_->add_subcommand("alerts", "Overdue corrective actions and recent severe findings");
    for (CLI::App* sub : {candidates_, plan_, record_, alerts_}) {
      sub->add_option("--db", flags_.db, "Store directory")->required();
      sub->add_option("--org", flags_.organisation, "Your organisation")->required();
      sub->add_option("--data", flags_.data, "Risk data directory")->capture_default_str();
      sub->add_option("--out,-o", flags_.out, "Write to this file instead of printing");
    }
    for (CLI::App* sub : {candidates_, plan_}) {
      sub->add_option("--group", flags_.group, "Audit group")->required();
    }
    for (CLI::App* sub : {candidates_, plan_, alerts_}) {
      AddLanguageOption(sub, &flags_.lang);
      sub->add_option("--today", flags_.today,
                      "Date to judge validity and deadlines by (default today)");
    }
    candidates_->add_option("--limit", flags_.limit, "How many")->capture_default_str();
    candidates_->add_option("--format", flags_.format, "text or json")->capture_default_str();
    alerts_->add_option("--format", flags_.format, "text or json")->capture_default_str();
    alerts_->add_option("--days", flags_.days, "Severe findings of audits this recent")
        ->capture_default_str();
    plan_->add_option("--format", flags_.format, "text, json, csv, html or xlsx")
        ->capture_default_str();
    plan_->add_option("--candidates", flags_.candidates, "Top candidates to plan")
        ->capture_default_str();
    plan_->add_option("--radius-km", flags_.radius_km, "Trip radius")->capture_default_str();
    plan_->add_option("--max-sites", flags_.max_sites, "Sites per trip")->capture_default_str();
    record_->add_option("file", flags_.file, "The audit as JSON (as POST /v1/audits takes it)")
        ->required();
  }

  std::optional<int> Run() override {
    if (!audits_->parsed()) return std::nullopt;
    auto language = CommandLanguage(flags_.lang);
    if (!language) return Fail(language.error());
    flags_.language = *language;
    if (candidates_->parsed()) return RunCandidates(flags_);
    if (plan_->parsed()) return RunPlan(flags_);
    if (record_->parsed()) return RunRecord(flags_);
    if (alerts_->parsed()) return RunAlerts(flags_);
    return std::nullopt;
  }

 private:
  CLI::App *audits_ = nullptr, *candidates_ = nullptr, *plan_ = nullptr, *record_ = nullptr,
           *alerts_ = nullptr;
  AuditFlags flags_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewAuditCommands() { return std::make_unique<AuditCommands>(); }

}  // namespace isvgraph::cli
