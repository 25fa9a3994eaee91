#include "journal.h"

#include <charconv>

namespace isvgraph::graph {
namespace {

std::string Coordinate(const std::optional<double>& value) {
  if (!value) return "";
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, *value).ptr;
  return std::string(text, end);
}

void Compare(const char* field, const std::string& before, const std::string& after,
             std::vector<FieldChange>& changes) {
  if (before != after) changes.push_back({field, before, after});
}

}  // namespace

std::vector<FieldChange> CompareSites(const Site& before, const Site& after) {
  std::vector<FieldChange> changes;
  Compare("name", before.name, after.name, changes);
  Compare("country", before.country, after.country, changes);
  Compare("region", before.region, after.region, changes);
  Compare("sector", before.sector, after.sector, changes);
  Compare("role", before.role, after.role, changes);
  Compare("lat", Coordinate(before.lat), Coordinate(after.lat), changes);
  Compare("lon", Coordinate(before.lon), Coordinate(after.lon), changes);
  // External ids by scheme, in scheme order (both maps are sorted).
  auto b = before.external_ids.begin(), a = after.external_ids.begin();
  while (b != before.external_ids.end() || a != after.external_ids.end()) {
    if (a == after.external_ids.end() || (b != before.external_ids.end() && b->first < a->first)) {
      changes.push_back({"external_ids." + b->first, b->second, ""});
      ++b;
    } else if (b == before.external_ids.end() || a->first < b->first) {
      changes.push_back({"external_ids." + a->first, "", a->second});
      ++a;
    } else {
      if (b->second != a->second)
        changes.push_back({"external_ids." + a->first, b->second, a->second});
      ++a;
      ++b;
    }
  }
  return changes;
}

Result<JournalEntry> DescribeWrite(const WriteBatch& batch, const ChainStore& store, bool itemise) {
  const Author& author = batch.author();
  JournalEntry entry{.organisation = author.organisation,
                     .token_id = author.token_id,
                     .what = author.what,
                     .records = batch.size(),
                     .site_count = batch.sites().size() + batch.deleted_sites().size()};
  if (!itemise) return entry;
  for (const std::string& id : batch.deleted_sites()) {
    entry.sites.push_back({.site_id = id, .kind = "deleted"});
  }
  for (const Site& site : batch.sites()) {
    Result<Site> before = store.GetSite(site.id);
    if (!before) {
      if (before.error().code() != StatusCode::kNotFound) return before.error();
      entry.sites.push_back({.site_id = site.id, .kind = "created"});
      continue;
    }
    std::vector<FieldChange> fields = CompareSites(*before, site);
    if (!fields.empty()) {
      entry.sites.push_back({.site_id = site.id, .kind = "changed", .fields = std::move(fields)});
    }
  }
  entry.site_count = entry.sites.size();
  return entry;
}

}  // namespace isvgraph::graph
