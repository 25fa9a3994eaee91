// The audit plan as a table, CSV and printable HTML.

#include <cstdio>
#include <sstream>

#include "isvgraph/api/encode/audits.h"
#include "isvgraph/base/csv.h"
#include "isvgraph/base/markup.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/say.h"

namespace isvgraph::api {
namespace {

std::string Fixed(double v, int digits) {
  char out[32];
  std::snprintf(out, sizeof out, "%.*f", digits, v);
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> AuditPlanTable(const audits::AuditPlan& plan,
                                                     i18n::Language lang) {
  std::vector<std::vector<std::string>> table = {
      {"trip", "country", "lead", "shares", "rank", "site_id", "site_name", "lat", "lon", "score",
       "worst_theme", "members", "relative_leverage", "last_audit", "explanation", "visit"}};
  for (const audits::AuditTrip& trip : plan.trips) {
    std::string shares;
    for (const audits::TripShare& s : trip.shares) {
      shares += (shares.empty() ? "" : "; ") + s.organisation + " " + Fixed(s.share * 100, 0) + "%";
    }
    for (const audits::AuditCandidate& c : trip.sites) {
      table.push_back({std::to_string(trip.number), trip.country, trip.lead, shares,
                       std::to_string(c.rank), c.site.id, c.site.name,
                       c.site.lat ? Fixed(*c.site.lat, 4) : "",
                       c.site.lon ? Fixed(*c.site.lon, 4) : "", Fixed(c.score, 2), c.worst_theme,
                       std::to_string(c.members), Fixed(c.leverage, 2), c.last_audit_id,
                       c.explanation.In(lang), "audit"});
    }
  }
  // Follow-up visits: on the trip they join (empty: a visit of their own), the audit they follow.
  for (const audits::FollowUpVisit& v : plan.follow_ups) {
    table.push_back({v.trip ? std::to_string(v.trip) : "", v.country, "", "", "", v.site_id,
                     v.site_name, "", "", "", "", "", "", v.audit_id, v.reason.In(lang),
                     "follow_up"});
  }
  return table;
}

std::string AuditPlanCsv(const audits::AuditPlan& plan, i18n::Language lang) {
  std::ostringstream out;
  for (const std::vector<std::string>& row : AuditPlanTable(plan, lang)) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvCell(row[i]);
    out << '\n';
  }
  return out.str();
}

std::string AuditPlanHtml(const audits::AuditPlan& plan, i18n::Language lang) {
  using i18n::Msg;
  auto html = [lang](Msg message, std::initializer_list<i18n::Arg> args = {}) {
    return EscapeMarkup(i18n::SayIn(lang, message, args));
  };
  auto percent = [lang](double share) { return i18n::Decimal(share * 100, 0).In(lang) + "%"; };
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"" << i18n::LanguageCode(lang)
      << "\"><head><meta charset=\"utf-8\"><title>"
      << html(Msg::kPlanTitle, {{"group", plan.group}})
      << "</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;"
      << "margin:2rem auto;padding:0 "
         "1rem}table{border-collapse:collapse;width:100%;font-size:.9rem}"
      << "td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}"
      << ".muted{color:#666;font-size:.85rem}</style></head><body>\n<h1>"
      << html(Msg::kPlanHeading, {{"group", plan.group}}) << "</h1>\n<p class=\"muted\">"
      << html(Msg::kPlanIntro, {{"date", i18n::LongDate(plan.today)},
                                {"candidates", std::to_string(plan.options.candidates)},
                                {"max", std::to_string(plan.options.max_sites)},
                                {"radius", i18n::Decimal(plan.options.radius_km, 0)}})
      << "</p>\n";
  for (const audits::AuditTrip& trip : plan.trips) {
    std::string shares;
    for (const audits::TripShare& s : trip.shares) {
      shares += (shares.empty() ? "" : ", ") + s.organisation + " " + percent(s.share);
    }
    out << "<h2>"
        << html(Msg::kPlanTrip,
                {{"number", std::to_string(trip.number)}, {"country", trip.country}})
        << "</h2>\n<p>" << html(Msg::kPlanLeadShares, {{"lead", trip.lead}, {"shares", shares}})
        << "</p><p class=\"muted\">" << EscapeMarkup(trip.reason.In(lang))
        << "</p>\n<table><tr><th>" << html(Msg::kPlanColRank) << "</th><th>"
        << html(Msg::kReportColSite) << "</th><th>" << html(Msg::kPlanColRisk) << "</th><th>"
        << html(Msg::kPlanColMembers) << "</th><th>" << html(Msg::kPlanColLeverage) << "</th><th>"
        << html(Msg::kReportColWhy) << "</th></tr>\n";
    for (const audits::AuditCandidate& c : trip.sites) {
      out << "<tr><td>" << c.rank << "</td><td>" << EscapeMarkup(c.site.name) << " ("
          << EscapeMarkup(c.site.id) << ")</td><td>" << i18n::Decimal(c.score, 2).In(lang) << " "
          << EscapeMarkup(c.worst_theme) << "</td><td>" << c.members << "</td><td>"
          << EscapeMarkup(c.leverage_words.In(lang)) << "</td><td>"
          << EscapeMarkup(c.explanation.In(lang)) << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  if (!plan.follow_ups.empty()) {
    out << "<h2>" << html(Msg::kPlanFollowUps) << "</h2>\n<ul>\n";
    for (const audits::FollowUpVisit& visit : plan.follow_ups) {
      out << "<li><b>" << EscapeMarkup(visit.site_name) << "</b> (" << EscapeMarkup(visit.site_id)
          << "): " << EscapeMarkup(visit.reason.In(lang)) << "</li>\n";
    }
    out << "</ul>\n";
  }
  for (const i18n::Text& note : plan.notes) {
    out << "<p class=\"muted\">" << EscapeMarkup(note.In(lang)) << "</p>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

}  // namespace isvgraph::api
