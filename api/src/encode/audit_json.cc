#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "isvgraph/api/encode/audits.h"
#include "isvgraph/audits/types.h"
#include "isvgraph/i18n/say.h"
#include "isvgraph/importers/table_file.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

// Reads the string fields of `object` named in `fields`; rejects other keys except `nested`.
Status ReadStrings(const json& object, const std::string& where,
                   const std::vector<std::pair<const char*, std::string*>>& fields,
                   const std::vector<std::string>& nested = {}) {
  if (!object.is_object()) return Status::InvalidArgument(where + " must be a JSON object");
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = std::find(nested.begin(), nested.end(), it.key()) != nested.end();
    for (const auto& [name, field] : fields) {
      if (it.key() != name) continue;
      known = true;
      if (it->is_null()) continue;
      if (!it->is_string()) return Status::InvalidArgument(where + it.key() + " must be a string");
      *field = it->get<std::string>();
    }
    if (!known) return Status::InvalidArgument("unknown field '" + where + it.key() + "'");
  }
  return Status::Ok();
}

}  // namespace

json AuditJson(const graph::Audit& a) {
  json findings = json::array();
  for (const graph::AuditFinding& f : a.findings) {
    findings.push_back({{"theme", f.theme},
                        {"grade", f.grade},
                        {"text", f.text},
                        {"severe", audits::SevereFinding(f)}});
  }
  json actions = json::array();
  for (const graph::CorrectiveAction& c : a.actions) {
    actions.push_back({{"finding", c.finding},
                       {"action", c.action},
                       {"owner", c.owner},
                       {"deadline", c.deadline},
                       {"status", c.status}});
  }
  return {{"id", a.id},
          {"site_id", a.site_id},
          {"organisation", a.organisation},
          {"audit_group", a.audit_group},
          {"type", a.type},
          {"date", a.date},
          {"valid_until", a.valid_until},
          {"clause_level", a.clause_level},
          {"auditor", a.auditor},
          {"summary", a.summary},
          {"findings", findings},
          {"actions", actions}};
}

Result<graph::Audit> AuditFromJson(const json& body) {
  graph::Audit a;
  ISV_RETURN_IF_ERROR(ReadStrings(body, "",
                                  {{"id", &a.id},
                                   {"site_id", &a.site_id},
                                   {"audit_group", &a.audit_group},
                                   {"type", &a.type},
                                   {"date", &a.date},
                                   {"valid_until", &a.valid_until},
                                   {"clause_level", &a.clause_level},
                                   {"auditor", &a.auditor},
                                   {"summary", &a.summary}},
                                  {"findings", "actions"}));
  if (auto it = body.find("findings"); it != body.end()) {
    if (!it->is_array()) return Status::InvalidArgument("findings must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      graph::AuditFinding f;
      ISV_RETURN_IF_ERROR(ReadStrings((*it)[i], "findings[" + std::to_string(i) + "].",
                                      {{"theme", &f.theme}, {"grade", &f.grade}, {"text", &f.text}},
                                      {"severe"}));
      a.findings.push_back(std::move(f));
    }
  }
  if (auto it = body.find("actions"); it != body.end()) {
    if (!it->is_array()) return Status::InvalidArgument("actions must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      const std::string where = "actions[" + std::to_string(i) + "].";
      graph::CorrectiveAction c;
      ISV_RETURN_IF_ERROR(ReadStrings(item, where,
                                      {{"action", &c.action},
                                       {"owner", &c.owner},
                                       {"deadline", &c.deadline},
                                       {"status", &c.status}},
                                      {"finding"}));
      auto finding = item.find("finding");
      if (finding == item.end() || !finding->is_number_integer()) {
        return Status::InvalidArgument(where + "finding must be the index of a finding");
      }
      c.finding = finding->get<int>();
      a.actions.push_back(std::move(c));
    }
  }
  return a;
}

json CandidatesJson(const std::vector<audits::AuditCandidate>& candidates, i18n::Language lang) {
  json out = json::array();
  for (const audits::AuditCandidate& c : candidates) {
    out.push_back({{"rank", c.rank},
                   {"site",
                    {{"id", c.site.id},
                     {"name", c.site.name},
                     {"country", c.site.country},
                     {"region", c.site.region},
                     {"sector", c.site.sector}}},
                   {"score", c.score},
                   {"worst_theme", c.worst_theme},
                   {"members", c.members},
                   {"relative_leverage", c.leverage},
                   {"leverage_words", c.leverage_words.In(lang)},
                   {"own", c.own},
                   {"own_value_eur", c.own_value_eur},
                   {"last_audit", c.last_audit_id.empty() ? json() : json(c.last_audit_id)},
                   {"explanation", c.explanation.In(lang)}});
  }
  return out;
}

json AuditPlanJson(const audits::AuditPlan& plan, i18n::Language lang) {
  json trips = json::array();
  for (const audits::AuditTrip& trip : plan.trips) {
    json shares = json::array();
    for (const audits::TripShare& s : trip.shares)
      shares.push_back({{"organisation", s.organisation}, {"share", s.share}});
    trips.push_back({{"trip", trip.number},
                     {"country", trip.country},
                     {"lead", trip.lead},
                     {"shares", shares},
                     {"reason", trip.reason.In(lang)},
                     {"sites", CandidatesJson(trip.sites, lang)}});
  }
  json follow_ups = json::array();
  for (const audits::FollowUpVisit& visit : plan.follow_ups) {
    follow_ups.push_back({{"site_id", visit.site_id},
                          {"site_name", visit.site_name},
                          {"country", visit.country},
                          {"audit_id", visit.audit_id},
                          {"overdue_since", visit.overdue_since},
                          {"actions", visit.actions},
                          {"trip", visit.trip ? json(visit.trip) : json()},
                          {"reason", visit.reason.In(lang)}});
  }
  return {{"group", plan.group},
          {"today", plan.today},
          {"options",
           {{"candidates", plan.options.candidates},
            {"radius_km", plan.options.radius_km},
            {"max_sites", plan.options.max_sites}}},
          {"trips", trips},
          {"follow_ups", follow_ups},
          {"notes", i18n::AllIn(lang, plan.notes)}};
}

json AlertsJson(const std::vector<audits::Alert>& alerts, i18n::Language lang) {
  json out = json::array();
  for (const audits::Alert& a : alerts) {
    out.push_back({{"kind", a.kind},
                   {"audit_id", a.audit_id},
                   {"site_id", a.site_id},
                   {"site_name", a.site_name},
                   {"date", a.date},
                   {"notify_by", a.due.empty() ? json() : json(a.due)},
                   {"text", a.text.In(lang)}});
  }
  return out;
}

json SharedSitesJson(const std::string& organisation, const std::string& methodology,
                     const std::vector<audits::SharedSite>& sites, i18n::Language lang) {
  json candidates = json::array();
  for (const audits::SharedSite& shared : sites) {
    const graph::JointAuditCandidate& c = shared.candidate;
    const graph::Site* site = shared.site ? &*shared.site : nullptr;
    candidates.push_back({{"rank", c.rank},
                          {"site_id", c.site_id},
                          {"site_name", site ? site->name : ""},
                          {"country", site ? site->country : ""},
                          {"sector", site ? site->sector : ""},
                          {"organisations", c.organisations},
                          {"score", c.score_milli / 1000.0},
                          {"own_contracts", c.contracts},
                          {"own_value_eur", c.value_eur},
                          {"explanation", shared.explanation.In(lang)}});
  }
  return {{"organisation", organisation},
          {"methodology", methodology},
          {"circle", i18n::Say(i18n::Msg::kAuditCircle).In(lang)},
          {"ranking", "organisations (desc), score (desc), site id"},
          {"candidates", candidates}};
}

Result<std::string> AuditPlanXlsx(const audits::AuditPlan& plan, i18n::Language lang) {
  std::vector<std::vector<std::string>> table = AuditPlanTable(plan, lang);
  importers::WorkbookSheet sheet{.name = "Audit plan", .header = table.front()};
  sheet.rows.assign(table.begin() + 1, table.end());
  // GDAL writes workbooks to files: a private directory of our own (mkdtemp, mode 0700), so that
  // nobody else on the machine can guess, pre-create or read the file.
  std::string dir = (std::filesystem::temp_directory_path() / "isvgraph-plan-XXXXXX").string();
  if (!mkdtemp(dir.data())) return Status::IoError("no temporary directory for the workbook");
  const std::filesystem::path file = std::filesystem::path(dir) / "plan.xlsx";
  Status written = importers::WriteWorkbook(file.string(), {sheet});
  std::string bytes;
  if (written.ok()) {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!written.ok()) return written;
  return bytes;
}

}  // namespace isvgraph::api
