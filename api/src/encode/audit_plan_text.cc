// The audit plan as a table, CSV and printable HTML.

#include <cstdio>
#include <sstream>

#include "isvgraph/api/encode/audits.h"
#include "isvgraph/base/csv.h"
#include "isvgraph/base/markup.h"

namespace isvgraph::api {
namespace {

std::string Fixed(double v, int digits) {
  char out[32];
  std::snprintf(out, sizeof out, "%.*f", digits, v);
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> AuditPlanTable(const audits::AuditPlan& plan) {
  std::vector<std::vector<std::string>> table = {
      {"trip", "country", "lead", "shares", "rank", "site_id", "site_name", "lat", "lon", "score",
       "worst_theme", "members", "relative_leverage", "last_audit", "explanation"}};
  for (const audits::AuditTrip& trip : plan.trips) {
    std::string shares;
    for (const audits::TripShare& s : trip.shares) {
      shares += (shares.empty() ? "" : "; ") + s.organisation + " " + Fixed(s.share * 100, 1) + "%";
    }
    for (const audits::AuditCandidate& c : trip.sites) {
      table.push_back(
          {std::to_string(trip.number), trip.country, trip.lead, shares, std::to_string(c.rank),
           c.site.id, c.site.name, c.site.lat ? Fixed(*c.site.lat, 4) : "",
           c.site.lon ? Fixed(*c.site.lon, 4) : "", Fixed(c.score, 2), c.worst_theme,
           std::to_string(c.members), Fixed(c.leverage, 2), c.last_audit_id, c.explanation});
    }
  }
  return table;
}

std::string AuditPlanCsv(const audits::AuditPlan& plan) {
  std::ostringstream out;
  for (const std::vector<std::string>& row : AuditPlanTable(plan)) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvCell(row[i]);
    out << '\n';
  }
  return out.str();
}

std::string AuditPlanHtml(const audits::AuditPlan& plan) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Audit plan "
      << EscapeMarkup(plan.group)
      << "</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;"
      << "margin:2rem auto;padding:0 "
         "1rem}table{border-collapse:collapse;width:100%;font-size:.9rem}"
      << "td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}"
      << ".muted{color:#666;font-size:.85rem}</style></head><body>\n<h1>Joint audit plan: "
      << EscapeMarkup(plan.group) << "</h1>\n<p class=\"muted\">As of " << plan.today << "; top "
      << plan.options.candidates << " candidates; trips of at most " << plan.options.max_sites
      << " sites within " << Fixed(plan.options.radius_km, 0)
      << " km. Leverage = members reached × their combined contract value, shown relative to the "
         "first candidate (values stay with each member).</p>\n";
  for (const audits::AuditTrip& trip : plan.trips) {
    out << "<h2>Trip " << trip.number << ": " << EscapeMarkup(trip.country) << "</h2>\n<p>Lead: <b>"
        << EscapeMarkup(trip.lead) << "</b>. Co-financing:";
    for (const audits::TripShare& s : trip.shares)
      out << " " << EscapeMarkup(s.organisation) << " " << Fixed(s.share * 100, 1) << "%";
    out << ".</p><p class=\"muted\">" << EscapeMarkup(trip.reason)
        << "</p>\n<table><tr><th>Rank</th><th>Site</th>"
        << "<th>Risk</th><th>Members</th><th>Leverage</th><th>Why</th></tr>\n";
    for (const audits::AuditCandidate& c : trip.sites) {
      out << "<tr><td>" << c.rank << "</td><td>" << EscapeMarkup(c.site.name) << " ("
          << EscapeMarkup(c.site.id) << ")</td><td>" << Fixed(c.score, 2) << " "
          << EscapeMarkup(c.worst_theme) << "</td><td>" << c.members << "</td><td>"
          << Fixed(c.leverage, 2) << "</td><td>" << EscapeMarkup(c.explanation) << "</td></tr>\n";
    }
    out << "</table>\n";
  }
  for (const std::string& note : plan.notes)
    out << "<p class=\"muted\">" << EscapeMarkup(note) << "</p>\n";
  out << "</body></html>\n";
  return out.str();
}

}  // namespace isvgraph::api
