// KnowledgeBase::CheckTender: the product group of the CPV codes, its template chain scored by
// the risk engine, themes ranked severity first, the ISV clause, measures and questions.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <sstream>

#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "isvgraph/i18n/say.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

constexpr double kSalient = 0.5;  // "medium" or higher: a theme the tender must address

std::string Today() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

using i18n::Msg;
using i18n::Say;
using i18n::Text;

Text ThemeNames(const std::vector<Text>& names) { return i18n::Join(names, ", "); }

}  // namespace

Result<TenderAdvice> KnowledgeBase::CheckTender(const TenderQuery& query) const {
  if (query.cpv.empty())
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorTenderNoCpv);
  const std::optional<Authority> authority = kAuthorities.FromName(query.authority);
  if (!authority) {
    return i18n::Fail(
        StatusCode::kInvalidArgument, i18n::Msg::kErrorAuthorityUnknown,
        {{"choices", i18n::Text{kAuthorities.Alternatives(), kAuthorities.Alternatives(" of ")}},
         {"authority", query.authority}});
  }
  if (query.value_eur && *query.value_eur < 0) {
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorValueNegative);
  }
  TenderAdvice advice;
  for (const std::string& text : query.countries) {
    auto country = FindCountry(text);
    if (!country) return country.error();
    advice.countries.push_back(country->iso2);
  }
  bool works = false;
  std::string generic_division;
  std::set<std::string> products;  // the products the codes name; empty = the whole group
  bool whole_group = false;
  for (const std::string& code : query.cpv) {
    auto resolved = ResolveCpv(code);
    if (!resolved) return resolved.error();
    advice.cpv.push_back(resolved->entry);
    works = works || resolved->entry.code8.rfind("45", 0) == 0;
    if (!advice.product_group && resolved->product_group) {
      advice.product_group = resolved->product_group;
    }
    if (resolved->product_group && resolved->product_group == advice.product_group) {
      whole_group = whole_group || resolved->products.empty();
      products.insert(resolved->products.begin(), resolved->products.end());
    }
    if (generic_division.empty()) generic_division = resolved->entry.code8.substr(0, 2);
  }

  // The chain to score: the product group's template, or one generic production tier.
  std::vector<TemplateTier> tiers;
  if (advice.product_group) {
    // A code that names products (coffee) keeps their tiers and the tiers common to all; the
    // other products' farms are not this purchase's chain.
    for (const TemplateTier& tier : advice.product_group->tiers) {
      if (whole_group || tier.product.empty() || products.count(tier.product)) {
        tiers.push_back(tier);
      }
    }
  } else {
    advice.generic = true;
    // The longest listed prefix of the code: a group or class can say more than its division
    // (office furniture is not textiles, paper is not electronics).
    const std::string& code8 = advice.cpv.front().code8;
    auto division = data_->division_sectors.end();
    for (size_t length = 5; length >= 2 && division == data_->division_sectors.end(); --length) {
      division = data_->division_sectors.find(code8.substr(0, length));
    }
    const auto entry = data_->cpv.find(generic_division + "000000");
    const Text division_name =
        entry != data_->cpv.end() ? Text{entry->second.en, entry->second.nl} : Text{};
    TemplateTier tier{.tier = 1, .role = Say(Msg::kTenderRoleGeneric)};
    if (division != data_->division_sectors.end() && !division->second.first.empty()) {
      tier.sector = division->second.first;
      advice.generic_basis = Say(Msg::kTenderGenericSector, {{"prefix", division->first},
                                                             {"note", division->second.second},
                                                             {"division", generic_division},
                                                             {"division_name", division_name},
                                                             {"sector", tier.sector}});
    } else if (division != data_->division_sectors.end()) {
      advice.generic_basis = Say(Msg::kTenderGenericNoSectorPrefix,
                                 {{"prefix", division->first}, {"note", division->second.second}});
    } else {
      advice.generic_basis =
          Say(Msg::kTenderGenericNoSectorDivision,
              {{"division", generic_division}, {"division_name", division_name}});
    }
    tiers.push_back(std::move(tier));
    advice.notes.push_back(Say(Msg::kTenderNoteGeneric, {{"basis", advice.generic_basis}}));
  }
  const std::set<std::string> given(advice.countries.begin(), advice.countries.end());
  // Countries the officer names that no tier of the template has: the officer knows a source
  // the template does not, and it is never dropped. Such a country joins the tiers where other
  // named countries are; when the template has none of them anywhere, it takes every tier
  // abroad (see `home` below), and the tiers it cannot apply to keep the template's places,
  // marked assumed.
  std::vector<std::string> unplaced;
  for (const std::string& country : advice.countries) {
    const bool placed = std::any_of(tiers.begin(), tiers.end(), [&](const TemplateTier& t) {
      return std::any_of(t.origins.begin(), t.origins.end(),
                         [&](const Origin& o) { return o.country == country; });
    });
    if (!placed) unplaced.push_back(country);
  }
  const bool none_placed = unplaced.size() == advice.countries.size();
  // The buyer's side of the chain: the contractor's countries (tier 0). A tier sourced there
  // (an importer) keeps its places; every other tier is abroad and, when the template knows none
  // of the named countries, takes them (Norwegian kerbs have no Indian exporter).
  std::set<std::string> home;
  for (const TemplateTier& tier : tiers) {
    if (tier.tier != 0) continue;
    for (const Origin& origin : tier.origins) home.insert(origin.country);
  }
  std::vector<int> honoured_at;  // tiers where unplaced countries were scored
  for (const TemplateTier& tier : tiers) {
    TierAdvice out{.tier = tier.tier,
                   .role = tier.role,
                   .sector = tier.sector,
                   .product = tier.product,
                   .source = tier.source};
    std::vector<Origin> origins;
    for (const Origin& origin : tier.origins) {
      if (given.count(origin.country)) origins.push_back(origin);
    }
    const bool abroad =
        tier.tier != 0 && std::none_of(tier.origins.begin(), tier.origins.end(),
                                       [&](const Origin& o) { return home.count(o.country); });
    if (!unplaced.empty() && !tier.origins.empty() &&
        (!origins.empty() || (none_placed && abroad))) {
      for (const std::string& country : unplaced) origins.push_back({country, "", 0});
      honoured_at.push_back(tier.tier);
    }
    const bool narrowed = !origins.empty();
    if (!narrowed) origins = tier.origins;  // the template's places, as assumptions
    if (origins.empty()) {
      for (const std::string& country : advice.countries) origins.push_back({country, "", 0});
    }
    for (const Origin& origin : origins) {
      auto risk = AssessSite({.country = origin.country,
                              .region = origin.region,
                              .sector = tier.sector,
                              .product = tier.product});
      if (!risk) return risk.error();
      out.places.push_back({.country = origin.country,
                            .region = origin.region,
                            .share = origin.share,
                            .assumed = !narrowed && !given.count(origin.country),
                            .risk = std::move(risk).value()});
    }
    advice.tiers.push_back(std::move(out));
  }
  if (!unplaced.empty() && !honoured_at.empty()) {
    std::string countries, at;
    for (const std::string& c : unplaced) countries += (countries.empty() ? "" : ", ") + c;
    for (int t : honoured_at) at += (at.empty() ? "" : ", ") + std::to_string(t);
    advice.notes.push_back(
        Say(unplaced.size() == 1 ? Msg::kTenderNoteUnplacedOne : Msg::kTenderNoteUnplacedMany,
            {{"countries", countries}, {"tiers", at}}));
  }
  if (advice.generic && advice.countries.empty()) {
    advice.notes.push_back(Say(Msg::kTenderNoteGenericNoCountries));
  }

  // Themes: the worst place per theme (severity is never discounted by tier).
  for (Theme theme : kAllThemes) {
    const ThemeInfo& info = this->theme(theme);
    ThemeAdvice out{.theme = theme, .severity = info.severity};
    if (advice.product_group) {
      const auto& salient = advice.product_group->salient_themes;
      out.in_profile = std::find(salient.begin(), salient.end(), theme) != salient.end();
    }
    for (const TierAdvice& tier : advice.tiers) {
      for (const TierPlace& place : tier.places) {
        const ThemeRisk& risk = place.risk.themes[static_cast<size_t>(theme)];
        if (!risk.score || (out.likelihood && *risk.score <= *out.likelihood)) continue;
        out.likelihood = risk.score;
        out.worst_tier = tier.tier;
        out.worst_place = place.region.empty() ? place.country : place.region;
        out.reason = Say(place.assumed ? Msg::kTenderReasonAssumed : Msg::kTenderReason,
                         {{"tier", std::to_string(tier.tier)},
                          {"role", tier.role},
                          {"place", out.worst_place},
                          {"explanation", risk.explanation}});
        if (!risk.sector_note.empty()) {
          out.reason += " " + Say(Msg::kTenderSectorBasis, {{"note", risk.sector_note}});
        }
        out.summary = Say(
            place.assumed ? Msg::kPlainAtTierAssumed : Msg::kPlainAtTier,
            {{"tier", std::to_string(tier.tier)}, {"role", tier.role}, {"summary", risk.summary}});
        out.flags = risk.flags;
        out.sources = info.sources;
        if (!risk.sector_source.empty()) out.sources.push_back(risk.sector_source);
      }
    }
    out.salient = out.likelihood && *out.likelihood >= kSalient;
    if (!out.likelihood) {
      out.reason = Say(Msg::kTenderReasonNoData);
      out.summary = out.reason;
    }
    for (const RedFlag& flag : out.flags) out.layers.push_back(flag.layer);
    // The product group's own measures for the theme where it has them, else the general ones.
    const std::string group = advice.product_group ? advice.product_group->id : "";
    auto for_group = [&](const KnowledgeBaseData::ThemeMeasure& m) {
      return m.theme == theme && Contains(m.groups, group);
    };
    const bool own = std::any_of(data_->measures.begin(), data_->measures.end(), for_group);
    for (const auto& m : data_->measures) {
      if (own ? !for_group(m) : (m.theme != theme || !m.groups.empty())) continue;
      out.measures.push_back(m.measure);
      out.questions.push_back(m.question);
      out.sources.push_back(m.source);
    }
    std::sort(out.sources.begin(), out.sources.end());
    out.sources.erase(std::unique(out.sources.begin(), out.sources.end()), out.sources.end());
    advice.themes.push_back(std::move(out));
  }
  // Severity before likelihood (UNGP 14, OECD 2018): among the themes likely enough to address,
  // the gravest first; then the rest in the same order.
  std::stable_sort(advice.themes.begin(), advice.themes.end(),
                   [](const ThemeAdvice& a, const ThemeAdvice& b) {
                     if (a.salient != b.salient) return a.salient;
                     if (a.severity != b.severity) return a.severity > b.severity;
                     return a.likelihood.value_or(-1) > b.likelihood.value_or(-1);
                   });

  // The ISV clause.
  IsvAdvice& isv = advice.isv;
  isv.category = advice.product_group ? advice.product_group->isv_category : "";
  const std::string date = query.date.empty() ? Today() : query.date;
  const std::string type = works ? "works" : "supplies_services";
  const KnowledgeBaseData::Threshold* threshold = nullptr;
  for (const auto& t : data_->thresholds) {
    if (t.authority != query.authority || t.contract_type != type) continue;
    if (t.valid_from <= date && date <= t.valid_to) {
      threshold = &t;
      break;
    }
    if (t.valid_to < date && (!threshold || t.valid_to > threshold->valid_to)) threshold = &t;
  }
  Text threshold_note;
  if (threshold) {
    isv.threshold_eur = threshold->eur;
    isv.threshold_period = threshold->valid_from + ".." + threshold->valid_to;
    isv.threshold_source = threshold->source;
    if (threshold->valid_to < date) {
      threshold_note =
          Say(Msg::kIsvThresholdOutOfDate, {{"date", i18n::LongDate(date)},
                                            {"from", i18n::LongDate(threshold->valid_from)},
                                            {"to", i18n::LongDate(threshold->valid_to)}});
      advice.notes.push_back(Say(Msg::kTenderNoteThresholdOutOfDate, {{"why", threshold_note}}));
    }
  }
  const bool salient = std::any_of(advice.themes.begin(), advice.themes.end(),
                                   [](const ThemeAdvice& t) { return t.salient; });
  // No data is not no risk: the product group's own themes without data, or a generic answer
  // with no data at all, are a reason to ask (docs/methodology.md, "Data gaps").
  std::vector<Text> gaps;
  const bool any_data = std::any_of(advice.themes.begin(), advice.themes.end(),
                                    [](const ThemeAdvice& t) { return t.likelihood.has_value(); });
  for (const ThemeAdvice& t : advice.themes) {
    if (!t.likelihood && (t.in_profile || (advice.generic && !any_data))) {
      gaps.push_back(this->theme(t.theme).label());
    }
  }
  const bool above = threshold && query.value_eur && *query.value_eur >= threshold->eur;
  isv.mandatory = *authority == Authority::kCentral && !isv.category.empty() && above;
  isv.advised = !isv.mandatory && (salient || !isv.category.empty() || !gaps.empty());
  if (isv.mandatory) {
    isv.reason = Say(Msg::kIsvMandatory, {{"category", isv.category},
                                          {"value", i18n::Euro(*query.value_eur)},
                                          {"threshold", i18n::Euro(threshold->eur)}});
  } else {
    Text why;
    if (isv.category.empty()) {
      why = Say(Msg::kIsvWhyNoCategory);
    } else if (*authority != Authority::kCentral) {
      why = Say(Msg::kIsvWhySubCentral);
    } else if (!query.value_eur) {
      why = Say(Msg::kIsvWhyNoValue);
    } else if (!threshold) {
      why = Say(Msg::kIsvWhyNoThreshold, {{"value", i18n::Euro(*query.value_eur)}});
    } else {
      why = Say(Msg::kIsvWhyBelow, {{"value", i18n::Euro(*query.value_eur)},
                                    {"threshold", i18n::Euro(threshold->eur)}});
    }
    Text advised;
    if (salient || !isv.category.empty()) {
      advised = Say(Msg::kIsvAdvisedSalient);
    } else if (!gaps.empty()) {
      advised = Say(Msg::kIsvAdvisedGaps, {{"themes", ThemeNames(gaps)}});
    } else {
      std::vector<Text> missing;
      for (const ThemeAdvice& t : advice.themes) {
        if (!t.likelihood) missing.push_back(theme(t.theme).label());
      }
      advised = missing.empty()
                    ? Say(Msg::kIsvNotAdvised)
                    : Say(Msg::kIsvNotAdvisedMissing, {{"themes", ThemeNames(missing)}});
    }
    isv.reason = Say(Msg::kIsvNotMandatory, {{"why", why}, {"advice", advised}});
  }
  if (!threshold_note.empty()) isv.reason += " " + threshold_note;

  const std::string group = advice.product_group ? advice.product_group->id : "";
  for (const auto& entry : data_->actions) {
    const bool general = entry.groups.empty();
    if (general ? (isv.mandatory || isv.advised) : Contains(entry.groups, group)) {
      advice.actions.push_back(entry.action);
    }
  }

  std::vector<std::string> guidance =
      advice.product_group ? advice.product_group->guidance : std::vector<std::string>{};
  if (std::find(guidance.begin(), guidance.end(), "oecd_ddg_2018") == guidance.end()) {
    guidance.insert(guidance.begin(), "oecd_ddg_2018");
  }
  for (const std::string& id : guidance) {
    if (const Source* source = FindSource(id)) advice.guidance.push_back(*source);
  }
  return advice;
}

}  // namespace isvgraph::riskdata
