// Imports and where sites are: the "import → locate → score" pipeline (importers never call
// maps; the locating step is composed here), site matching without writing, location checks of
// the registry, and the country risk of one theme as a map.

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>

#include "isvgraph/api/service.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/say.h"
#include "service_state.h"

namespace isvgraph::api {
namespace {

// The locating step of imports (ImportOptions::locate): the region from the coordinates when
// the site has none (CN-XJ from Ürümqi's), and a disagreement when the coordinates lie in
// another country beyond the tolerance (with its sentence when `explain`).
importers::SiteLocating LocateSite(const maps::Boundaries& boundaries, graph::Site& site,
                                   bool explain) {
  importers::SiteLocating out;
  if (!site.lat || !site.lon) return out;
  // Where (lat, lon) fall in no country but (lon, lat) do, the columns look swapped.
  auto swapped_in = [&]() -> std::string {
    if (std::abs(*site.lon) > 90) return "";
    auto swapped = boundaries.Locate(*site.lon, *site.lat);
    return swapped && !swapped->country.empty() ? swapped->country_name : "";
  };
  if (site.country.empty()) {
    auto at = boundaries.Locate(*site.lat, *site.lon);
    if (at && !at->country.empty()) {
      site.country = at->country;
      site.region = at->region;
      out.country_from_coordinates = true;
      out.region_from_coordinates = !at->region.empty();
    } else if (std::string other = swapped_in(); !other.empty()) {
      out.disagrees = true;
      out.disagreement = i18n::Say(i18n::Msg::kImportSwappedNoCountry, {{"country", other}});
    }
    return out;
  }
  auto check = boundaries.CheckCountry(site.country, *site.lat, *site.lon, explain);
  if (!check) return out;  // a country Natural Earth does not draw: nothing to say
  if (check->agreement == maps::Agreement::kDisagrees) {
    out.disagrees = true;
    out.disagreement = std::move(check->text);
    if (explain && std::abs(*site.lon) <= 90) {
      auto swapped = boundaries.CheckCountry(site.country, *site.lon, *site.lat, false);
      if (swapped && swapped->agreement != maps::Agreement::kDisagrees) {
        out.disagreement += "; ";
        out.disagreement += i18n::Say(i18n::Msg::kImportSwappedDeclared);
      }
    }
    return out;
  }
  const maps::Location& at = check->location;
  if (site.region.empty() && at.country == site.country && !at.region.empty()) {
    site.region = at.region;
    out.region_from_coordinates = true;
  }
  return out;
}

// The editions of the layers a theme's country scores rest on, for the map's credits.
std::vector<std::string> LayerCredits(const riskdata::KnowledgeBase& kb,
                                      const std::set<std::string>& layer_ids) {
  std::vector<std::string> credits;
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    if (!layer_ids.count(layer.id)) continue;
    credits.push_back(layer.title + " (" + layer.publisher + ", " + layer.edition + "; " +
                      layer.licence + ")");
  }
  return credits;
}

}  // namespace

Result<importers::ImportReport> Service::Import(const std::vector<std::string>& files,
                                                const importers::ImportOptions& options) {
  importers::ImportOptions located = options;
  // The boundaries (~0.3 s to read) load on a thread of their own as soon as a sheet turns out
  // to have coordinate columns, while rows are read; an import without coordinates never
  // loads them. The matching thread waits for them only if it gets there first.
  std::jthread loading;
  located.locate_soon = [this, &loading] {
    if (!loading.joinable()) loading = std::jthread([this] { (void)boundaries(); });
  };
  located.locate_ready = [this] { return boundaries_->done.load(); };
  located.locate = [this](graph::Site& site, bool explain) {
    auto shapes = boundaries();
    return shapes ? LocateSite(**shapes, site, explain) : importers::SiteLocating{};
  };
  auto report = importers::ImportFiles(*chains_, *risk(), files, located);
  if (loading.joinable()) loading.join();
  // The matching thread has ended: what it tried is visible here.
  if (report && boundaries_->attempted && !boundaries_->loaded) {
    report->warnings.push_back(
        i18n::Say(i18n::Msg::kImportCoordinatesUnchecked,
                  {{"reason", i18n::MessageOf(boundaries_->loaded.error())}}));
  }
  if (report && !report->differences.empty()) ApplyDifferences(options, *report);
  if (!report) {
    imports_failed_.fetch_add(1, std::memory_order_relaxed);
  } else {
    (options.dry_run   ? imports_dry_run_
     : report->written ? imports_written_
                       : imports_not_written_)
        .fetch_add(1, std::memory_order_relaxed);
    rows_accepted_.fetch_add(report->accepted, std::memory_order_relaxed);
    rows_rejected_.fetch_add(report->rejected.size(), std::memory_order_relaxed);
  }
  return report;
}

Service::ImportCounts Service::Imports() const {
  auto read = [](const std::atomic<uint64_t>& n) { return n.load(std::memory_order_relaxed); };
  return {.written = read(imports_written_),
          .not_written = read(imports_not_written_),
          .dry_runs = read(imports_dry_run_),
          .failed = read(imports_failed_),
          .rows_accepted = read(rows_accepted_),
          .rows_rejected = read(rows_rejected_)};
}

void Service::ApplyDifferences(const importers::ImportOptions& options,
                               importers::ImportReport& report) {
  if (options.dry_run || (!report.rejected.empty() && !options.accept_partial)) {
    for (importers::SiteDifference& difference : report.differences) {
      difference.outcome = i18n::Say(i18n::Msg::kImportDifferenceNotWritten);
    }
    return;
  }
  // Each difference is a change of the importing organisation, as PUT /v1/sites/{id} would be.
  graph::Viewer writer{.organisation = options.organisation,
                       .all = options.organisation.empty(),
                       .token_id = options.author.token_id,
                       .what = options.author.what};
  if (writer.what.empty()) {
    writer.what = "import of";
    for (const std::string& file : report.files) {
      writer.what += " " + std::filesystem::path(file).filename().string();
    }
  }
  size_t written = 0, proposed = 0;
  std::lock_guard lock(registry_mutex_);
  for (importers::SiteDifference& difference : report.differences) {
    auto outcome = ChangeSiteLocked(writer, difference.merged, nullptr);
    if (!outcome) {
      difference.outcome = i18n::Say(i18n::Msg::kImportDifferenceFailed,
                                     {{"reason", i18n::MessageOf(outcome.error())}});
    } else if (outcome->kind == SiteWriteOutcome::Kind::kProposed) {
      std::string waits;
      for (const std::string& organisation : outcome->proposal->consent) {
        waits += (waits.empty() ? "" : ", ") + organisation;
      }
      difference.outcome =
          i18n::Say(i18n::Msg::kImportDifferenceProposal,
                    {{"id", std::to_string(outcome->proposal->id)}, {"organisations", waits}});
      ++proposed;
    } else if (outcome->kind == SiteWriteOutcome::Kind::kUnchanged) {
      difference.outcome = i18n::Say(i18n::Msg::kImportDifferenceAlready);
    } else {
      difference.outcome = i18n::Say(i18n::Msg::kImportDifferenceWritten);
      ++written;
    }
  }
  if (written + proposed > 0) {
    report.outcome += "; ";
    report.outcome +=
        i18n::Say(i18n::Msg::kImportOutcomeRegistry,
                  {{"written", std::to_string(written)}, {"proposed", std::to_string(proposed)}});
  }
}

std::vector<SiteMatch> Service::MatchSites(const std::vector<graph::Site>& candidates) const {
  std::vector<SiteMatch> out;
  for (importers::MatchAnswer& answer : importers::MatchSites(*chains_, *risk(), candidates)) {
    SiteMatch match{.answer = std::move(answer)};
    if (!match.answer.site_id.empty()) {
      if (auto site = chains_->store().GetSite(match.answer.site_id)) match.site = *site;
    }
    out.push_back(std::move(match));
  }
  return out;
}

Result<maps::CountryCheck> Service::CheckSiteLocation(const std::string& site_id) const {
  auto site = chains_->store().GetSite(site_id);
  if (!site) return site.error();
  if (!site->lat || !site->lon) {
    return Status::FailedPrecondition("site " + site_id + " has no coordinates");
  }
  auto shapes = boundaries();
  if (!shapes) return shapes.error();
  return (*shapes)->CheckCountry(site->country, *site->lat, *site->lon);
}

Result<LocationSurvey> Service::SurveySiteLocations() const {
  auto shapes = boundaries();
  if (!shapes) return shapes.error();
  LocationSurvey survey;
  std::string after;
  do {
    auto page = chains_->ListSites({}, after, 1000);
    if (!page) return page.error();
    for (const graph::Site& site : page->items) {
      ++survey.sites;
      if (!site.lat || !site.lon) continue;
      auto check = (*shapes)->CheckCountry(site.country, *site.lat, *site.lon);
      if (!check) continue;  // a country Natural Earth does not draw
      ++survey.with_coordinates;
      switch (check->agreement) {
        case maps::Agreement::kAgrees:
          ++survey.agree;
          break;
        case maps::Agreement::kNearBorder:
          ++survey.near_border;
          break;
        case maps::Agreement::kDisagrees:
          survey.conflicts.emplace_back(site.id, *std::move(check));
          break;
      }
    }
    after = page->next_after;
  } while (!after.empty());
  return survey;
}

maps::Choropleth CountryRiskMap(const riskdata::KnowledgeBase& kb,
                                const maps::Boundaries& boundaries, riskdata::Theme theme,
                                i18n::Language language) {
  maps::Choropleth map{.title = i18n::SayIn(language, i18n::Msg::kMapRiskTitle,
                                            {{"theme", kb.theme(theme).label()}}),
                       .theme = std::string(riskdata::ThemeId(theme))};
  std::set<std::string> layers;
  std::set<std::string> done;
  for (const maps::CountryShape& shape : boundaries.countries()) {
    if (shape.iso2.empty() || !done.insert(shape.iso2).second) continue;
    auto risk = kb.AssessCountry(shape.iso2);
    if (!risk) continue;  // not in the ISO list the knowledge base uses (e.g. Kosovo's XK)
    const riskdata::CountryThemeRisk& t = risk->themes[static_cast<size_t>(theme)];
    maps::CountryValue value{.iso2 = shape.iso2, .value = t.score};
    value.text = t.score ? i18n::Decimal(*t.score).In(language)
                         : maps::RiskClassLabel(maps::RiskClass::kNoData, language);
    std::string basis;
    for (const riskdata::IndicatorValue& indicator : t.indicators) {
      if (indicator.stale) continue;
      layers.insert(indicator.layer);
      basis += (basis.empty() ? "" : "; ") + indicator.label + " " + indicator.year;
    }
    if (!basis.empty()) value.text += " (" + basis + ")";
    map.values.push_back(std::move(value));
  }
  map.credits = LayerCredits(kb, layers);
  map.credits.insert(map.credits.begin(), i18n::SayIn(language, i18n::Msg::kMapCountryScoreCredit,
                                                      {{"methodology", riskdata::kMethodologyId}}));
  return map;
}

Result<maps::Choropleth> Service::CountryRiskMap(riskdata::Theme theme,
                                                 i18n::Language language) const {
  auto shapes = boundaries();
  if (!shapes) return shapes.error();
  return api::CountryRiskMap(*risk(), **shapes, theme, language);
}

}  // namespace isvgraph::api
