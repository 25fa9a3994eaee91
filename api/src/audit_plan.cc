// Ranking joint-audit candidates and planning audit trips (Swedish model; Electronics Watch's
// "collective leverage": how many members are linked and their combined spend).

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "isvgraph/api/audits.h"
#include "isvgraph/base/csv.h"
#include "isvgraph/base/markup.h"
#include "isvgraph/maps/geometry.h"

namespace isvgraph::api {
namespace {

// A candidate with what only the plan may combine: each member's value reaching the site.
struct Ranked {
  AuditCandidate shown;
  std::map<std::string, int64_t> member_values;
  int64_t combined = 0;
  std::string why_not;  // why the site's last audit does not count for the asking member
};

std::string Fixed(double v, int digits) {
  char out[32];
  std::snprintf(out, sizeof out, "%.*f", digits, v);
  return out;
}

Result<std::vector<Ranked>> Rank(const Service& service, const std::string& organisation,
                                 const std::string& group, const std::string& today, size_t limit) {
  const graph::ChainStore& store = service.chains().store();
  auto org = store.GetOrganisation(organisation);
  if (!org || !std::binary_search(org->audit_groups.begin(), org->audit_groups.end(), group)) {
    return Status::NotFound("no audit group '" + group + "' of " + organisation);
  }
  std::set<std::string> members;
  ISV_RETURN_IF_ERROR(store.ScanOrganisations([&](graph::Organisation&& other) {
    if (std::binary_search(other.audit_groups.begin(), other.audit_groups.end(), group)) {
      members.insert(other.id);
    }
  }));
  auto audits = ListAudits(service, organisation);
  if (!audits) return audits.error();
  std::vector<Ranked> ranked;
  for (graph::JointAuditCandidate& c : service.chains().JointAuditCandidates(
           {.organisation = organisation},
           graph::CandidateQuery{.limit = 100000, .member_values = true})) {
    Ranked r;
    for (const auto& [member, value] : c.member_values) {
      if (members.count(member)) r.member_values[member] = value;
    }
    if (r.member_values.size() < 2) continue;  // shared with another circle, not this group
    bool counted = false;
    std::string why_not;                         // why the latest audit does not count
    for (const graph::Audit& audit : *audits) {  // newest first
      if (audit.site_id != c.site_id) continue;
      if (r.shown.last_audit_id.empty()) {
        r.shown.last_audit_id = audit.id;
        why_not = audit.valid_until < today ? "it expired on " + audit.valid_until
                  : audit.date > today      ? "it is dated after " + today
                                            : "it was done under the " + audit.clause_level +
                                             " clause, below your " + org->clause_level + " one";
      }
      counted = counted || AuditCounts(audit, *org, today);
    }
    if (counted) continue;
    r.why_not = std::move(why_not);
    auto site = store.GetSite(c.site_id);
    if (!site) continue;
    r.shown.site = std::move(site).value();
    r.shown.score = c.score_milli / 1000.0;
    r.shown.members = static_cast<int>(r.member_values.size());
    r.shown.own = r.member_values.count(organisation) > 0;
    r.shown.own_value_eur = r.shown.own ? r.member_values[organisation] : 0;
    for (const auto& [member, value] : r.member_values) r.combined += value;
    r.shown.leverage = r.shown.members * (static_cast<double>(r.combined) / 1e6);
    auto risk = service.risk().AssessSite(
        {.country = r.shown.site.country,
         .region = r.shown.site.region,
         .sector = service.risk().FindSector(r.shown.site.sector) ? r.shown.site.sector : "",
         .name = r.shown.site.name});
    if (const riskdata::ThemeRisk* worst = risk ? riskdata::WorstTheme(*risk) : nullptr) {
      r.shown.worst_theme = std::string(riskdata::ThemeId(worst->theme));
    }
    ranked.push_back(std::move(r));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.shown.leverage != b.shown.leverage) return a.shown.leverage > b.shown.leverage;
    if (a.shown.score != b.shown.score) return a.shown.score > b.shown.score;
    return a.shown.site.id < b.shown.site.id;
  });
  if (ranked.size() > limit) ranked.resize(limit);
  // Leverage is shown relative to the first candidate's: the ranking without the values.
  const double top = ranked.empty() ? 1 : std::max(ranked.front().shown.leverage, 1e-9);
  for (size_t i = 0; i < ranked.size(); ++i) {
    AuditCandidate& c = ranked[i].shown;
    c.rank = static_cast<int>(i + 1);
    c.leverage = std::round(c.leverage / top * 100) / 100;
    c.explanation = "rank " + std::to_string(c.rank) + ": reached by the contracts of " +
                    std::to_string(c.members) + " of the group's " +
                    std::to_string(members.size()) + " members; leverage " + Fixed(c.leverage, 2) +
                    " of the first candidate's (members x their combined contract value, which "
                    "is not shown); risk " +
                    Fixed(c.score, 2) +
                    (c.worst_theme.empty() ? "" : " (worst theme " + c.worst_theme + ")") + "; " +
                    (c.last_audit_id.empty() ? "never audited"
                                             : "its last audit " + c.last_audit_id +
                                                   " does not count for you: " + ranked[i].why_not);
  }
  return ranked;
}

}  // namespace

Result<std::vector<AuditCandidate>> RankAuditCandidates(const Service& service,
                                                        const std::string& organisation,
                                                        const std::string& group,
                                                        const CandidateOptions& options) {
  auto ranked = Rank(service, organisation, group,
                     options.today.empty() ? service.Today() : options.today, options.limit);
  if (!ranked) return ranked.error();
  std::vector<AuditCandidate> out;
  for (Ranked& r : *ranked) out.push_back(std::move(r.shown));
  return out;
}

Result<AuditPlan> PlanAudits(const Service& service, const std::string& organisation,
                             const std::string& group, const PlanOptions& options) {
  if (options.max_sites < 1 || !(options.radius_km > 0)) {
    return Status::InvalidArgument("a trip needs max_sites >= 1 and a radius > 0 km");
  }
  AuditPlan plan{.group = group,
                 .today = options.today.empty() ? service.Today() : options.today,
                 .options = options};
  auto ranked = Rank(service, organisation, group, plan.today, options.candidates);
  if (!ranked) return ranked.error();
  std::vector<bool> planned(ranked->size(), false);
  bool without_coordinates = false;
  for (size_t first = 0; first < ranked->size(); ++first) {
    if (planned[first]) continue;
    const graph::Site& start = (*ranked)[first].shown.site;
    AuditTrip trip{.number = static_cast<int>(plan.trips.size() + 1), .country = start.country};
    std::vector<size_t> in_trip;
    // The first unplanned candidate by rank opens a trip; lower-ranked ones of the same country
    // join it while within the radius (or, without coordinates, in the same region).
    for (size_t i = first; i < ranked->size() && in_trip.size() < options.max_sites; ++i) {
      if (planned[i]) continue;
      const graph::Site& site = (*ranked)[i].shown.site;
      if (site.country != start.country) continue;
      bool near = i == first;
      if (!near && site.lat && site.lon && start.lat && start.lon) {
        near = maps::GreatCircleKm({*start.lon, *start.lat}, {*site.lon, *site.lat}) <=
               options.radius_km;
      } else if (!near) {
        near = site.region == start.region;
        without_coordinates = true;
      }
      if (!near) continue;
      planned[i] = true;
      in_trip.push_back(i);
    }
    std::map<std::string, int64_t> values;
    int64_t total = 0;
    for (size_t i : in_trip) {
      trip.sites.push_back((*ranked)[i].shown);
      for (const auto& [member, value] : (*ranked)[i].member_values) {
        values[member] += value;
        total += value;
      }
    }
    int64_t lead_value = -1;
    for (const auto& [member, value] : values) {
      if (value > lead_value) {
        lead_value = value;
        trip.lead = member;
      }
      trip.shares.push_back({.organisation = member,
                             .share = total > 0 ? std::round(1000.0 * value / total) / 1000
                                                : 1.0 / static_cast<double>(values.size())});
    }
    trip.reason = std::to_string(trip.sites.size()) + " site(s) in " + trip.country + " within " +
                  Fixed(options.radius_km, 0) + " km of " + start.name + " (at most " +
                  std::to_string(options.max_sites) + " a trip); lead " + trip.lead +
                  ": the largest contract value reaching these sites, hence the largest leverage; "
                  "costs shared by the value of each member's contracts reaching them";
    plan.trips.push_back(std::move(trip));
  }
  if (without_coordinates) {
    plan.notes.push_back(
        "some sites have no coordinates: they were grouped by country and region only");
  }
  if (plan.trips.empty())
    plan.notes.push_back("no flagged site is shared by two members without a valid audit");
  return plan;
}

std::vector<std::vector<std::string>> AuditPlanTable(const AuditPlan& plan) {
  std::vector<std::vector<std::string>> table = {
      {"trip", "country", "lead", "shares", "rank", "site_id", "site_name", "lat", "lon", "score",
       "worst_theme", "members", "relative_leverage", "last_audit", "explanation"}};
  for (const AuditTrip& trip : plan.trips) {
    std::string shares;
    for (const TripShare& s : trip.shares) {
      shares += (shares.empty() ? "" : "; ") + s.organisation + " " + Fixed(s.share * 100, 1) + "%";
    }
    for (const AuditCandidate& c : trip.sites) {
      table.push_back(
          {std::to_string(trip.number), trip.country, trip.lead, shares, std::to_string(c.rank),
           c.site.id, c.site.name, c.site.lat ? Fixed(*c.site.lat, 4) : "",
           c.site.lon ? Fixed(*c.site.lon, 4) : "", Fixed(c.score, 2), c.worst_theme,
           std::to_string(c.members), Fixed(c.leverage, 2), c.last_audit_id, c.explanation});
    }
  }
  return table;
}

std::string AuditPlanCsv(const AuditPlan& plan) {
  std::ostringstream out;
  for (const std::vector<std::string>& row : AuditPlanTable(plan)) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvCell(row[i]);
    out << '\n';
  }
  return out.str();
}

std::string AuditPlanHtml(const AuditPlan& plan) {
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
  for (const AuditTrip& trip : plan.trips) {
    out << "<h2>Trip " << trip.number << ": " << EscapeMarkup(trip.country) << "</h2>\n<p>Lead: <b>"
        << EscapeMarkup(trip.lead) << "</b>. Co-financing:";
    for (const TripShare& s : trip.shares)
      out << " " << EscapeMarkup(s.organisation) << " " << Fixed(s.share * 100, 1) << "%";
    out << ".</p><p class=\"muted\">" << EscapeMarkup(trip.reason)
        << "</p>\n<table><tr><th>Rank</th><th>Site</th>"
        << "<th>Risk</th><th>Members</th><th>Leverage</th><th>Why</th></tr>\n";
    for (const AuditCandidate& c : trip.sites) {
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
