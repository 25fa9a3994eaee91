#include "isvgraph/audits/plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include "isvgraph/audits/alerts.h"
#include "isvgraph/base/geo.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "ranking.h"

namespace isvgraph::audits {

std::vector<int> TensOfPercent(const std::vector<double>& exact) {
  std::vector<int> tenths;
  if (exact.empty()) return tenths;
  int sum = 0;
  for (double share : exact) {
    tenths.push_back(std::max(1, static_cast<int>(std::floor(share * 10 + 1e-9))));
    sum += tenths.back();
  }
  auto gap = [&](size_t i) { return exact[i] * 10 - tenths[i]; };  // > 0: below its exact share
  while (sum < 10) {
    size_t most = 0;
    for (size_t i = 1; i < tenths.size(); ++i) {
      if (gap(i) > gap(most)) most = i;
    }
    ++tenths[most];
    ++sum;
  }
  while (sum > 10) {
    std::optional<size_t> least;
    for (size_t i = 0; i < tenths.size(); ++i) {
      if (tenths[i] > 1 && (!least || gap(i) < gap(*least))) least = i;
    }
    if (!least) break;
    --tenths[*least];
    --sum;
  }
  return tenths;
}

namespace {

// Whether a site lies on a trip: same country, and within the radius of the trip's first site
// (without coordinates on either side: in the same region).
bool OnTrip(const AuditTrip& trip, const graph::Site& site, double radius_km) {
  if (trip.sites.empty() || site.country != trip.country) return false;
  const graph::Site& start = trip.sites.front().site;
  if (site.lat && site.lon && start.lat && start.lon) {
    return GreatCircleKm(*start.lat, *start.lon, *site.lat, *site.lon) <= radius_km;
  }
  return site.region == start.region;
}

// A follow-up visit per site with overdue corrective actions, oldest first, each put on the
// first trip that passes within the radius.
Status AddFollowUps(const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
                    const std::string& organisation, AuditPlan& plan) {
  auto alerts = Alerts(chains, kb, organisation, {.today = plan.today});
  if (!alerts) return alerts.error();
  std::map<std::string, size_t> visit_of;  // site id -> index in plan.follow_ups
  for (const Alert& alert : *alerts) {     // oldest deadline first within overdue actions
    if (alert.kind != "overdue_action") continue;
    auto [it, added] = visit_of.emplace(alert.site_id, plan.follow_ups.size());
    if (added) {
      plan.follow_ups.push_back({.site_id = alert.site_id,
                                 .site_name = alert.site_name,
                                 .audit_id = alert.audit_id,
                                 .overdue_since = alert.date});
    }
    ++plan.follow_ups[it->second].actions;
  }
  for (FollowUpVisit& visit : plan.follow_ups) {
    auto site = chains.store().GetSite(visit.site_id);
    if (site) {
      visit.country = site->country;
      for (const AuditTrip& trip : plan.trips) {
        if (OnTrip(trip, *site, plan.options.radius_km)) {
          visit.trip = trip.number;
          break;
        }
      }
    }
    using i18n::Msg;
    visit.reason = i18n::Say(
        Msg::kAuditFollowUp,
        {{"actions", std::to_string(visit.actions)},
         {"deadline", i18n::LongDate(visit.overdue_since)},
         {"audit", visit.audit_id},
         {"site", visit.site_name},
         {"when", visit.trip ? i18n::Say(Msg::kAuditFollowUpOnTrip,
                                         {{"trip", std::to_string(visit.trip)},
                                          {"radius", i18n::Decimal(plan.options.radius_km, 0)}})
                             : i18n::Say(Msg::kAuditFollowUpOwnVisit)}});
  }
  return Status::Ok();
}

}  // namespace

Result<AuditPlan> PlanAudits(const graph::ChainGraph& chains, const riskdata::KnowledgeBase& kb,
                             const std::string& organisation, const std::string& group,
                             const PlanOptions& options) {
  if (options.max_sites < 1 || !(options.radius_km > 0)) {
    return Status::InvalidArgument("a trip needs max_sites >= 1 and a radius > 0 km");
  }
  AuditPlan plan{.group = group, .today = options.today, .options = options};
  auto ranked = Rank(chains, kb, organisation, group, plan.today, options.candidates);
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
        near = GreatCircleKm(*start.lat, *start.lon, *site.lat, *site.lon) <= options.radius_km;
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
    std::vector<double> exact;
    for (const auto& [member, value] : values) {
      if (value > lead_value) {
        lead_value = value;
        trip.lead = member;
      }
      exact.push_back(total > 0 ? static_cast<double>(value) / static_cast<double>(total)
                                : 1.0 / static_cast<double>(values.size()));
      trip.shares.push_back({.organisation = member});
    }
    const std::vector<int> tenths = TensOfPercent(exact);
    for (size_t i = 0; i < trip.shares.size(); ++i) trip.shares[i].share = tenths[i] / 10.0;
    trip.reason =
        i18n::Say(i18n::Msg::kAuditTripReason, {{"sites", std::to_string(trip.sites.size())},
                                                {"country", trip.country},
                                                {"radius", i18n::Decimal(options.radius_km, 0)},
                                                {"start", start.name},
                                                {"max", std::to_string(options.max_sites)},
                                                {"lead", trip.lead}});
    plan.trips.push_back(std::move(trip));
  }
  ISV_RETURN_IF_ERROR(AddFollowUps(chains, kb, organisation, plan));
  if (without_coordinates) {
    plan.notes.push_back(i18n::Say(i18n::Msg::kAuditNoteWithoutCoordinates));
  }
  if (plan.trips.empty()) plan.notes.push_back(i18n::Say(i18n::Msg::kAuditNoteNoCandidates));
  return plan;
}

}  // namespace isvgraph::audits
