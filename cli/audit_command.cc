#include "audit_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fail.h"
#include "isvgraph/api/audit_json.h"
#include "isvgraph/api/audits.h"

namespace isvgraph::cli {
namespace {

Result<std::unique_ptr<api::Service>> Open(const AuditFlags& flags) {
  if (!std::filesystem::exists(flags.db + "/CURRENT"))
    return Status::NotFound("no store at " + flags.db);
  return api::Service::Open({.db_path = flags.db, .risk_data_dir = flags.data});
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
  if (!service) return Fail(service.error());
  auto candidates = api::RankAuditCandidates(**service, flags.organisation, flags.group,
                                             {.today = flags.today, .limit = flags.limit});
  if (!candidates) return Fail(candidates.error());
  if (flags.format == "json") return Emit(flags, api::CandidatesJson(*candidates).dump(2));
  std::ostringstream out;
  out << candidates->size() << " joint-audit candidate(s) of " << flags.group << " for "
      << flags.organisation << "\n";
  for (const api::AuditCandidate& c : *candidates) {
    out << "  " << c.rank << ". " << c.site.name << " (" << c.site.id << ", " << c.site.country
        << ")\n     " << c.explanation << "\n";
  }
  return Emit(flags, out.str());
}

int RunPlan(const AuditFlags& flags) {
  auto service = Open(flags);
  if (!service) return Fail(service.error());
  auto plan = api::PlanAudits(**service, flags.organisation, flags.group,
                              {.today = flags.today,
                               .candidates = flags.candidates,
                               .radius_km = flags.radius_km,
                               .max_sites = flags.max_sites});
  if (!plan) return Fail(plan.error());
  if (flags.format == "json") return Emit(flags, api::AuditPlanJson(*plan).dump(2));
  if (flags.format == "csv") return Emit(flags, api::AuditPlanCsv(*plan));
  if (flags.format == "html") return Emit(flags, api::AuditPlanHtml(*plan));
  if (flags.format == "xlsx") {
    if (flags.out.empty()) return Fail(Status::InvalidArgument("--format xlsx needs --out FILE"));
    auto bytes = api::AuditPlanXlsx(*plan);
    if (!bytes) return Fail(bytes.error());
    return Emit(flags, *bytes);
  }
  std::ostringstream out;
  out << "Audit plan of " << plan->group << " (" << plan->today << "): " << plan->trips.size()
      << " trip(s)\n";
  for (const api::AuditTrip& trip : plan->trips) {
    out << "Trip " << trip.number << " (" << trip.country << "), lead " << trip.lead << "; shares";
    for (const api::TripShare& s : trip.shares)
      out << " " << s.organisation << " " << s.share * 100 << "%";
    out << "\n";
    for (const api::AuditCandidate& c : trip.sites)
      out << "  " << c.rank << ". " << c.site.name << " (" << c.site.id << ")\n";
  }
  for (const std::string& note : plan->notes) out << "note: " << note << "\n";
  return Emit(flags, out.str());
}

int RunRecord(const AuditFlags& flags) {
  std::ifstream in(flags.file);
  if (!in) return Fail(Status::NotFound("cannot read " + flags.file));
  const nlohmann::json body = nlohmann::json::parse(in, nullptr, false);
  if (body.is_discarded()) return Fail(Status::InvalidArgument(flags.file + " is not JSON"));
  auto audit = api::AuditFromJson(body);
  if (!audit) return Fail(audit.error());
  auto service = Open(flags);
  if (!service) return Fail(service.error());
  auto recorded = api::RecordAudit(**service, flags.organisation, std::move(audit).value());
  if (!recorded) return Fail(recorded.error());
  return Emit(flags, api::AuditJson(*recorded).dump(2));
}

int RunAlerts(const AuditFlags& flags) {
  auto service = Open(flags);
  if (!service) return Fail(service.error());
  auto alerts =
      api::Alerts(**service, flags.organisation, {.today = flags.today, .severe_days = flags.days});
  if (!alerts) return Fail(alerts.error());
  if (flags.format == "json") return Emit(flags, api::AlertsJson(*alerts).dump(2));
  std::ostringstream out;
  out << alerts->size() << " alert(s) for " << flags.organisation << "\n";
  for (const api::Alert& a : *alerts)
    out << "  " << a.kind << " " << a.site_id << ": " << a.text << "\n";
  return Emit(flags, out.str());
}

int RunOrgSet(const AuditFlags& flags) {
  auto service = Open(flags);
  if (!service) return Fail(service.error());
  Status set = api::SetOrganisationProfile(**service, flags.organisation, flags.authority,
                                           flags.clause_level);
  if (!set.ok()) return Fail(set);
  auto org = (*service)->chains().store().GetOrganisation(flags.organisation);
  std::cout << flags.organisation << ": authority "
            << (org->authority.empty() ? "central" : org->authority) << ", clause level "
            << (org->clause_level.empty() ? "basic" : org->clause_level) << "\n";
  return 0;
}

}  // namespace

void AddAuditCommands(CLI::App& app, AuditFlags& flags) {
  flags.data = api::DefaultRiskDataDir();
  CLI::App* audits = app.add_subcommand(
      "audits", "Joint audits (Swedish model): candidates, plan, records, alerts");
  audits->require_subcommand(1);
  CLI::App* candidates = audits->add_subcommand(
      "candidates", "Flagged sites members share, ranked by leverage and risk");
  CLI::App* plan = audits->add_subcommand(
      "plan", "Audit trips by country and distance, lead and co-financing shares");
  CLI::App* record =
      audits->add_subcommand("record", "Record an audit from a JSON file (findings, CAP items)");
  CLI::App* alerts =
      audits->add_subcommand("alerts", "Overdue corrective actions and recent severe findings");
  for (CLI::App* sub : {candidates, plan, record, alerts}) {
    sub->add_option("--db", flags.db, "Store directory")->required();
    sub->add_option("--org", flags.organisation, "Your organisation")->required();
    sub->add_option("--data", flags.data, "Risk data directory")->capture_default_str();
    sub->add_option("--out,-o", flags.out, "Write to this file instead of printing");
  }
  for (CLI::App* sub : {candidates, plan}) {
    sub->add_option("--group", flags.group, "Audit group")->required();
  }
  for (CLI::App* sub : {candidates, plan, alerts}) {
    sub->add_option("--today", flags.today,
                    "Date to judge validity and deadlines by (default today)");
  }
  candidates->add_option("--limit", flags.limit, "How many")->capture_default_str();
  candidates->add_option("--format", flags.format, "text or json")->capture_default_str();
  alerts->add_option("--format", flags.format, "text or json")->capture_default_str();
  alerts->add_option("--days", flags.days, "Severe findings of audits this recent")
      ->capture_default_str();
  plan->add_option("--format", flags.format, "text, json, csv, html or xlsx")
      ->capture_default_str();
  plan->add_option("--candidates", flags.candidates, "Top candidates to plan")
      ->capture_default_str();
  plan->add_option("--radius-km", flags.radius_km, "Trip radius")->capture_default_str();
  plan->add_option("--max-sites", flags.max_sites, "Sites per trip")->capture_default_str();
  record->add_option("file", flags.file, "The audit as JSON (as POST /v1/audits takes it)")
      ->required();

  CLI::App* org = app.add_subcommand("org", "Organisations");
  org->require_subcommand(1);
  CLI::App* set = org->add_subcommand(
      "set", "Set authority (central, sub_central) and clause level (basic, advanced)");
  set->add_option("--db", flags.db, "Store directory")->required();
  set->add_option("--org", flags.organisation, "Organisation id")->required();
  set->add_option("--authority", flags.authority, "central or sub_central");
  set->add_option("--clause-level", flags.clause_level, "basic or advanced");
}

std::optional<int> RunAuditCommands(const CLI::App& app, const AuditFlags& flags) {
  const CLI::App* audits = app.get_subcommand("audits");
  if (audits->parsed()) {
    if (audits->get_subcommand("candidates")->parsed()) return RunCandidates(flags);
    if (audits->get_subcommand("plan")->parsed()) return RunPlan(flags);
    if (audits->get_subcommand("record")->parsed()) return RunRecord(flags);
    if (audits->get_subcommand("alerts")->parsed()) return RunAlerts(flags);
  }
  if (app.get_subcommand("org")->get_subcommand("set")->parsed()) return RunOrgSet(flags);
  return std::nullopt;
}

}  // namespace isvgraph::cli
