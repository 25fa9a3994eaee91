// RowImporter's matching side: site rows travel from the reading thread in chunks through a
// bounded queue to the matching thread, which locates them (when the import can), matches them
// against the registry and this import's earlier rows, and keeps what they resolve to. The
// reading side (row parsing, links, contracts) is row_importer.cc.

#include <array>
#include <optional>

#include "isvgraph/i18n/say.h"
#include "row_importer.h"

namespace isvgraph::importers {

void RowImporter::Send(bool wait_until_matched) {
  std::unique_lock lock(mutex_);
  if (!outgoing_.empty()) {
    sent_ += outgoing_.size();
    // A bounded queue: reading stays at most a few chunks ahead of matching.
    changed_.wait(lock, [&] { return queue_.size() < 8 || failure_; });
    queue_.push_back(std::move(outgoing_));
    outgoing_.clear();
    outgoing_.reserve(1024);
    changed_.notify_all();
  }
  if (wait_until_matched) changed_.wait(lock, [&] { return matched_ == sent_ || failure_; });
}

void RowImporter::MatchLoop() {
  try {
    for (;;) {
      std::vector<Pending> chunk;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;
        chunk = std::move(queue_.front());
        queue_.erase(queue_.begin());
        changed_.notify_all();
      }
      for (Pending& pending : chunk) Match(pending);
      std::lock_guard lock(mutex_);
      matched_ += chunk.size();
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
    changed_.notify_all();
  }
}

void RowImporter::Match(Pending& pending) {
  graph::Site& site = pending.site;
  const std::string input_id = site.id;
  if (options_.locate && site.lat && site.lon) {
    SiteLocating located =
        pending.located
            ? std::move(*pending.located)
            : options_.locate(site, report_.location_conflicts < ImportReport::kMaxLocationFlags);
    if (located.region_from_coordinates) ++report_.regions_from_coordinates;
    if (located.country_from_coordinates) ++report_.countries_from_coordinates;
    if (located.disagrees && ++report_.location_conflicts <= ImportReport::kMaxLocationFlags) {
      report_.location_flags.push_back({.file = pending.where->first,
                                        .sheet = pending.where->second,
                                        .line = pending.line,
                                        .input_name = site.name,
                                        .text = std::move(located.disagreement)});
    }
  }
  if (site.country.empty() && ++report_.unknown_country_rows <= ImportReport::kMaxLocationFlags) {
    report_.unknown_countries.push_back({.file = pending.where->first,
                                         .sheet = pending.where->second,
                                         .line = pending.line,
                                         .input_name = site.name,
                                         .text = i18n::Say(i18n::Msg::kImportCountryUnknownRows)});
  }
  SiteMatcher::Match match = matcher_.Find(site, pending.candidate);
  SiteMatch out{.file = pending.where->first,
                .sheet = pending.where->second,
                .line = pending.line,
                .input_name = site.name};
  // A row naming a registry site by its id is a match like any other: the import does not
  // overwrite a shared site (Differ lists what the row would change).
  std::optional<graph::Site> registered;
  if (!match.site_id.empty()) {
    if (auto stored = graph_.store().GetSite(match.site_id)) registered = std::move(*stored);
  }
  if (!match.site_id.empty() && (match.rule != "id" || registered)) {
    // The registry already has it: the row adds its identity, and what it says otherwise is
    // reported as a difference.
    if (registered) Differ(*registered, site, match.rule, pending);
    out.site_id = match.site_id;
    out.rule = match.rule;
    out.score = match.score;
    ++report_.matched;
  } else {
    if (site.id.empty()) site.id = matcher_.NewId(site, pending.candidate);
    out.site_id = site.id;
    out.created = match.site_id.empty();
    out.rule = match.site_id.empty() ? "new" : "id";
    out.score = match.site_id.empty() ? 0 : 1;
    if (out.created)
      ++report_.created;
    else
      ++report_.matched;
    matcher_.Remember(site, pending.candidate, site.id);
    batch_.PutSite(std::move(site));
  }
  for (const std::string* key : std::array<const std::string*, 2>{&input_id, &pending.ref}) {
    if (!key->empty() && *key != out.site_id) aliases_[*key] = out.site_id;
  }
  report_.matches.push_back(std::move(out));
}

void RowImporter::Differ(const graph::Site& registered, const graph::Site& row,
                         const std::string& rule, const Pending& pending) {
  graph::Site merged = registered;
  // A name matched by similarity is not a rename; identifiers (id, os_id, lei…) do vouch for it.
  const bool by_name = rule == "name+country" || rule == "similar name+country";
  if (!by_name && !row.name.empty()) merged.name = row.name;
  if (!row.country.empty()) merged.country = row.country;
  if (!row.region.empty()) merged.region = row.region;
  if (!row.sector.empty()) merged.sector = row.sector;
  if (!row.role.empty()) merged.role = row.role;
  if (row.lat && row.lon) {
    merged.lat = row.lat;
    merged.lon = row.lon;
  }
  for (const auto& [scheme, value] : row.external_ids) merged.external_ids[scheme] = value;
  std::vector<graph::FieldChange> fields = graph::CompareSites(registered, merged);
  if (fields.empty()) return;
  report_.differences.push_back({.file = pending.where->first,
                                 .sheet = pending.where->second,
                                 .line = pending.line,
                                 .site_id = registered.id,
                                 .fields = std::move(fields),
                                 .merged = std::move(merged)});
}

std::string RowImporter::ResolveSite(const std::string& id) {
  if (auto alias = aliases_.find(id); alias != aliases_.end()) return alias->second;
  if (matcher_.Known(id)) return id;
  auto it = known_sites_.find(id);  // the registry's answers; it does not change during imports
  if (it == known_sites_.end()) {
    it = known_sites_.emplace(id, graph_.store().GetSite(id).has_value()).first;
  }
  return it->second ? id : "";
}

}  // namespace isvgraph::importers
