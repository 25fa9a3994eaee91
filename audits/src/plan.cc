#include "isvgraph/audits/plan.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "isvgraph/base/geo.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "ranking.h"

namespace isvgraph::audits {

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
    for (const auto& [member, value] : values) {
      if (value > lead_value) {
        lead_value = value;
        trip.lead = member;
      }
      // Shares in tens of percent: exact shares and one's own value would tell a member the
      // others' contract values (520k at 43.1 % makes the 53.8 % member's about 650k).
      const double exact = total > 0 ? static_cast<double>(value) / static_cast<double>(total)
                                     : 1.0 / static_cast<double>(values.size());
      trip.shares.push_back(
          {.organisation = member, .share = std::max(0.1, std::round(exact * 10) / 10)});
    }
    trip.reason =
        i18n::Say(i18n::Msg::kAuditTripReason, {{"sites", std::to_string(trip.sites.size())},
                                                {"country", trip.country},
                                                {"radius", i18n::Decimal(options.radius_km, 0)},
                                                {"start", start.name},
                                                {"max", std::to_string(options.max_sites)},
                                                {"lead", trip.lead}});
    plan.trips.push_back(std::move(trip));
  }
  if (without_coordinates) {
    plan.notes.push_back(i18n::Say(i18n::Msg::kAuditNoteWithoutCoordinates));
  }
  if (plan.trips.empty()) plan.notes.push_back(i18n::Say(i18n::Msg::kAuditNoteNoCandidates));
  return plan;
}

}  // namespace isvgraph::audits
