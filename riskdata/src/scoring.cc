// Methodology isvgraph-risk-v2 (docs/methodology.md): country scores from indicators (a
// governance proxy where a theme has none), site scores from country, sector evidence tied to
// its places, and red-flag floors. Every number carries its explanation.

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "entity_names.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "isvgraph/i18n/say.h"
#include "isvgraph/riskdata/knowledge_base.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

// Red-flag floors (unchanged from methodology v1).
constexpr double kFloorListed = 0.9;            // DOL child or forced labour listing
constexpr double kFloorForcedChild = 1.0;       // DOL forced child labour
constexpr double kFloorDownstream = 0.6;        // DOL downstream of a listed input
constexpr double kFloorXinjiang = 1.0;          // UFLPA presumption for Xinjiang
constexpr double kFloorUflpaEntity = 1.0;       // UFLPA Entity List
constexpr double kFloorUflpaSectorChina = 0.6;  // UFLPA priority sector made elsewhere in China
constexpr double kFloorCahraConflict = 1.0;     // CAHRA region, conflict-affected
constexpr double kFloorCahraHighRisk = 0.8;     // CAHRA region (high-risk) or whole country

using i18n::Msg;
using i18n::Say;
using i18n::Text;

Text Fixed(double value) { return i18n::Decimal(value, 2); }

Text CountryLabel(const Country& country) { return {country.name, country.name_nl}; }

// A score as a level word: the midpoints between the sector table's level values.
RiskLevel LevelOfScore(double score) {
  if (score >= (RiskLevelValue(RiskLevel::kHigh) + RiskLevelValue(RiskLevel::kMedium)) / 2) {
    return RiskLevel::kHigh;
  }
  if (score >= (RiskLevelValue(RiskLevel::kMedium) + RiskLevelValue(RiskLevel::kLow)) / 2) {
    return RiskLevel::kMedium;
  }
  return RiskLevel::kLow;
}

Text LevelLabel(RiskLevel level);

// The fact that decided a theme's score, in one sentence without numbers: a listing that set
// the floor; else the sector evidence or the country's indicators, whichever weighs more; else
// that nothing is known.
Text PlainSummary(const ThemeRisk& risk, const Text& theme, const Text& country,
                  const Text& sector) {
  if (!risk.score) return Say(Msg::kPlainNoData, {{"theme", theme}, {"country", country}});
  if (risk.floor && *risk.floor >= *risk.score) {
    const auto top = std::find_if(risk.flags.begin(), risk.flags.end(),
                                  [&](const RedFlag& f) { return f.floor == *risk.floor; });
    if (top != risk.flags.end()) {
      // The listing's detail is written to follow a clause ("…: de US DOL List …"); on its own it
      // starts a sentence.
      Text sentence = top->detail;
      for (std::string* text : {&sentence.en, &sentence.nl}) {
        if (!text->empty())
          (*text)[0] = static_cast<char>(std::toupper(static_cast<unsigned char>((*text)[0])));
      }
      return sentence;
    }
  }
  const bool sector_weighs_more =
      risk.sector_score && (!risk.country_score || *risk.sector_score > *risk.country_score);
  if (sector_weighs_more) {
    const Text level = LevelLabel(*risk.sector_level);
    if (risk.sector_evidence_here) {
      return Say(Msg::kPlainSectorHere,
                 {{"theme", theme}, {"sector", sector}, {"country", country}});
    }
    if (risk.sector_prior) {
      return Say(Msg::kPlainSectorElsewhere,
                 {{"theme", theme}, {"sector", sector}, {"country", country}, {"level", level}});
    }
    return Say(Msg::kPlainSector, {{"theme", theme}, {"sector", sector}, {"level", level}});
  }
  return Say(risk.country_proxy ? Msg::kPlainCountryProxy : Msg::kPlainCountry,
             {{"theme", theme},
              {"country", country},
              {"level", LevelLabel(LevelOfScore(*risk.country_score))}});
}

Text LevelLabel(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLow:
      return Say(Msg::kLevelLow);
    case RiskLevel::kMedium:
      return Say(Msg::kLevelMedium);
    case RiskLevel::kHigh:
      break;
  }
  return Say(Msg::kLevelHigh);
}

// A product name as matched: upper case, trimmed, without a plural -s ("bricks" = "Brick").
std::string ProductKey(const std::string& text) {
  std::string key = Upper(text);
  const size_t first = key.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  key = key.substr(first, key.find_last_not_of(' ') - first + 1);
  if (key.size() > 3 && key.back() == 'S') key.pop_back();
  return key;
}

// What the DOL list says of a listing, as one sentence.
Text DolSentence(const DolListing& listing, const Text& country) {
  const Msg message = listing.forced_child_labour ? Msg::kFlagDolForcedChildLabour
                      : listing.child_labour && listing.forced_labour
                          ? Msg::kFlagDolChildAndForcedLabour
                      : listing.child_labour ? Msg::kFlagDolChildLabour
                                             : Msg::kFlagDolForcedLabour;
  return Say(message, {{"good", listing.good}, {"country", country}});
}

void AddDolFlags(const DolListing& listing, const Text& country_name, std::vector<RedFlag>* flags) {
  const Text sentence = DolSentence(listing, country_name);
  if (listing.downstream) {
    const Text detail =
        listing.input_country.empty()
            ? Say(Msg::kFlagDolDownstream, {{"good", listing.good}, {"country", country_name}})
            : Say(Msg::kFlagDolDownstreamFrom, {{"good", listing.good},
                                                {"country", country_name},
                                                {"input_country", listing.input_country}});
    flags->push_back(
        {Theme::kChildLabour, kFloorDownstream, "dol_downstream", "dol_goods", detail});
    flags->push_back(
        {Theme::kForcedLabour, kFloorDownstream, "dol_downstream", "dol_goods", detail});
    return;
  }
  if (listing.forced_child_labour) {
    for (Theme theme : {Theme::kChildLabour, Theme::kForcedLabour}) {
      flags->push_back(
          {theme, kFloorForcedChild, "dol_forced_child_labour", "dol_goods", sentence});
    }
    return;
  }
  if (listing.child_labour) {
    flags->push_back(
        {Theme::kChildLabour, kFloorListed, "dol_child_labour", "dol_goods", sentence});
  }
  if (listing.forced_labour) {
    flags->push_back(
        {Theme::kForcedLabour, kFloorListed, "dol_forced_labour", "dol_goods", sentence});
  }
}

}  // namespace

CountryRisk KnowledgeBase::UnknownCountryRisk() const {
  const Text unknown = Say(Msg::kCountryUnknownName);
  CountryRisk risk{.country = {.name = unknown.en, .name_nl = unknown.nl}};
  for (Theme theme : kAllThemes) {
    risk.themes.push_back({.theme = theme, .rule = Say(Msg::kCountryRuleUnknown)});
  }
  return risk;
}

Result<CountryRisk> KnowledgeBase::AssessCountry(const std::string& code_or_name) const {
  Result<Country> country = FindCountry(code_or_name);
  if (!country) return country.error();
  CountryRisk risk{.country = *country};
  static const std::vector<IndicatorValue> kNone;
  auto found = data_->indicators.find(country->iso2);
  const std::vector<IndicatorValue>& values =
      found == data_->indicators.end() ? kNone : found->second;
  for (Theme theme : kAllThemes) {
    CountryThemeRisk theme_risk{.theme = theme};
    double sum = 0;
    int scored = 0;
    for (const IndicatorSpec& spec : IndicatorSpecs()) {
      if (spec.theme != theme) continue;
      auto value = std::find_if(values.begin(), values.end(), [&](const IndicatorValue& v) {
        return v.layer == spec.layer && v.indicator == spec.indicator;
      });
      if (value == values.end()) {
        theme_risk.missing.push_back(spec.layer + "/" + spec.indicator);
      } else {
        theme_risk.indicators.push_back(*value);
        if (!value->stale) {
          sum += value->normalised;
          ++scored;
        }
      }
    }
    const size_t stale = theme_risk.indicators.size() - static_cast<size_t>(scored);
    const Text stale_note = stale == 0
                                ? Text{}
                                : "; " + Say(Msg::kCountryStaleValues,
                                             {{"count", i18n::Count(static_cast<int64_t>(stale))},
                                              {"year", std::to_string(kOldestScoredYear)}});
    if (scored > 0) {
      theme_risk.score = sum / scored;
      theme_risk.rule = Say(Msg::kCountryRuleMean, {{"count", i18n::Count(scored)}}) + stale_note;
    } else if (stale > 0) {
      theme_risk.rule = Say(Msg::kCountryRuleNoData) + stale_note;
    } else if (theme_risk.missing.empty()) {
      theme_risk.rule = Say(Msg::kCountryRuleNoLayer);
    } else {
      theme_risk.rule = Say(Msg::kCountryRuleNoValue);
    }
    risk.themes.push_back(std::move(theme_risk));
  }
  // The governance proxy for themes without a statistic of their own (rich countries publish
  // no child-labour survey; no theme has an environmental layer): how well law is enforced and
  // how free workers are to organise, the two conditions under which abuses come to light and
  // are remedied (docs/methodology.md, "Country scores").
  double proxy_sum = 0;
  std::vector<Text> proxy_parts;
  int proxy_count = 0;
  struct ProxyPart {
    const char* layer;
    const char* indicator;
    Msg label;
  };
  for (const ProxyPart& part :
       {ProxyPart{"wgi", "rl_estimate", Msg::kProxyPartRuleOfLaw},
        ProxyPart{"vdem", "v2x_frassoc_thick", Msg::kProxyPartFreedomOfAssociation}}) {
    auto value = std::find_if(values.begin(), values.end(), [&](const IndicatorValue& v) {
      return v.layer == part.layer && v.indicator == part.indicator && !v.stale;
    });
    if (value == values.end()) continue;
    proxy_sum += value->normalised;
    ++proxy_count;
    proxy_parts.push_back(Say(part.label, {{"value", Fixed(value->normalised)}}));
  }
  if (proxy_count > 0) {
    for (CountryThemeRisk& theme_risk : risk.themes) {
      if (theme_risk.score) continue;
      theme_risk.proxy = proxy_sum / proxy_count;
      theme_risk.proxy_rule =
          Say(Msg::kCountryProxyRule,
              {{"value", Fixed(*theme_risk.proxy)}, {"parts", i18n::Join(proxy_parts, ", ")}});
    }
  }
  for (const DolListing& listing : data_->dol_listings) {
    if (listing.country != country->iso2) continue;
    // One line per listing: a good listed under two themes is one listing.
    std::vector<RedFlag> flags;
    AddDolFlags(listing, CountryLabel(*country), &flags);
    risk.listings.push_back(flags.front());
  }
  for (const CahraArea& area : data_->cahra) {
    if (area.country == country->iso2 && area.whole_country) {
      risk.listings.push_back({Theme::kConflict, kFloorCahraHighRisk, "cahra_country", "eu_cahra",
                               Say(Msg::kFlagCahraCountry, {{"country", CountryLabel(*country)}})});
    }
  }
  return risk;
}

Result<SiteRisk> KnowledgeBase::AssessSite(const SiteQuery& query) const {
  // An unknown country is a value: no country statistic and no listing applies, and the
  // sector's level is taken in full (the site may be where its evidence was found).
  const bool unknown_country = query.country.find_first_not_of(" \t") == std::string::npos;
  Result<CountryRisk> country_risk =
      unknown_country ? UnknownCountryRisk() : AssessCountry(query.country);
  if (!country_risk) return country_risk.error();
  const Country& country = country_risk->country;

  SiteRisk site{.threshold = data_->options.flag_threshold, .country = country};
  if (unknown_country) {
    site.notes.push_back(Say(Msg::kSiteNoteCountryUnknown));
    if (!query.region.empty()) {
      return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorRegionNeedsCountry,
                        {{"region", query.region}});
    }
  }
  site.region = Upper(query.region);
  if (site.region == "CN-65") site.region = "CN-XJ";  // pre-2017 ISO code of Xinjiang
  if (!site.region.empty() && site.region.rfind(country.iso2 + "-", 0) != 0) {
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorRegionNotOfCountry,
                      {{"region", query.region},
                       {"country", i18n::Text{country.name, country.name_nl}},
                       {"code", country.iso2}});
  }
  if (!query.sector.empty()) {
    site.sector = FindSector(query.sector);
    if (!site.sector) {
      // A unique prefix of an id is accepted ("quarrying" for quarrying_stone).
      const Sector* only = nullptr;
      int matches = 0;
      for (const Sector& s : data_->sectors) {
        if (s.id.rfind(query.sector, 0) == 0) {
          only = &s;
          ++matches;
        }
      }
      if (matches == 1) site.sector = only;
    }
    if (!site.sector) {
      std::string ids;
      for (const Sector& s : data_->sectors) ids += (ids.empty() ? "" : ", ") + s.id;
      return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorSectorUnknown,
                        {{"sector", query.sector}, {"ids", ids}});
    }
  }
  if (!query.product.empty()) {
    // By id, name, DOL good, synonym or HS code; case and a plural -s do not matter. HS codes
    // match at any level: a heading finds the product, and so does a subheading under it.
    // Exact names first: "Pepper" and "Peppers" are two goods of the DOL list.
    const bool digits = std::all_of(query.product.begin(), query.product.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    for (auto key_of : {+[](const std::string& s) { return Upper(s); }, &ProductKey}) {
      const std::string key = key_of(query.product);
      for (const Product& product : data_->products) {
        bool match = key_of(product.id) == key || key_of(product.name) == key;
        for (const std::string& good : product.dol_goods) match = match || key_of(good) == key;
        for (const std::string& name : product.synonyms) match = match || key_of(name) == key;
        for (const std::string& hs : product.hs) {
          match = match || (digits && query.product.size() >= 4 &&
                            query.product.compare(0, hs.size(), hs) == 0);
        }
        if (match) {
          site.products.push_back(&product);
          break;
        }
      }
      if (!site.products.empty()) break;
    }
    if (site.products.empty()) {
      std::string ids;
      for (const Product& p : data_->products) {
        if (p.curated) ids += (ids.empty() ? "" : ", ") + p.id;
      }
      return i18n::Fail(StatusCode::kNotFound, i18n::Msg::kErrorProductUnknown,
                        {{"product", query.product}, {"ids", ids}});
    }
  } else if (site.sector) {
    for (const Product& product : data_->products) {
      if (Contains(product.sectors, site.sector->id)) site.products.push_back(&product);
    }
  }

  // Red flags of the site, over all themes.
  std::vector<RedFlag> flags;
  for (const DolListing& listing : data_->dol_listings) {
    if (listing.country != country.iso2) continue;
    for (const Product* product : site.products) {
      if (Contains(product->dol_goods, listing.good)) {
        AddDolFlags(listing, CountryLabel(country), &flags);
      }
    }
  }
  std::vector<std::string> priority_sectors;
  for (const Product* product : site.products) {
    for (const std::string& s : product->uflpa_sectors) {
      if (!Contains(priority_sectors, s)) priority_sectors.push_back(s);
    }
  }
  if (site.region == "CN-XJ") {
    const Text detail = priority_sectors.empty()
                            ? Say(Msg::kFlagUflpaXinjiang)
                            : Say(Msg::kFlagUflpaXinjiangSector, {{"sector", priority_sectors[0]}});
    flags.push_back(
        {Theme::kForcedLabour, kFloorXinjiang, "uflpa_xinjiang", "uflpa_sectors", detail});
  } else if (country.iso2 == "CN" && !priority_sectors.empty()) {
    flags.push_back({Theme::kForcedLabour, kFloorUflpaSectorChina, "uflpa_priority_sector_china",
                     "uflpa_sectors",
                     Say(Msg::kFlagUflpaSectorChina, {{"sector", priority_sectors[0]}})});
  }
  if (!query.name.empty()) {
    auto entity = data_->uflpa_by_key.find(NameKey(query.name));
    if (entity == data_->uflpa_by_key.end()) {
      entity = data_->uflpa_by_key.find(NameKeyWithoutParentheses(query.name));
    }
    const UflpaEntity* listed = nullptr;
    Msg how = Msg::kFlagUflpaEntity;
    if (entity != data_->uflpa_by_key.end()) {
      listed = &entity->second;
    } else if (auto core = data_->uflpa_by_core.find(CoreKey(query.name));
               core != data_->uflpa_by_core.end() && !core->first.empty()) {
      // The same name in another script or without its legal form.
      listed = &core->second;
      how = Msg::kFlagUflpaEntityOtherScript;
    } else {
      const std::vector<std::string> words = CoreWords(query.name);
      for (const auto& [entity_words, candidate] : data_->uflpa_core_words) {
        if (IsShortName(words, entity_words)) {
          listed = &candidate;
          how = Msg::kFlagUflpaEntityShortName;
          break;
        }
      }
    }
    if (listed) {
      flags.push_back({Theme::kForcedLabour, kFloorUflpaEntity, "uflpa_entity", "uflpa_entities",
                       Say(how, {{"name", query.name},
                                 {"entry", listed->name},
                                 {"section", listed->section},
                                 {"date", i18n::LongDate(listed->effective_date)}})});
    }
  }
  const LayerInfo* cahra_layer = data_->FindLayer("eu_cahra");
  if (unknown_country) {
    // No listing can be checked without the country; the note above says so.
  } else if (!cahra_layer->loaded) {
    site.notes.push_back(Say(Msg::kSiteNoteCahraNotLoaded));
  } else {
    int regions_in_country = 0;
    for (const CahraArea& area : data_->cahra) {
      if (area.country != country.iso2) continue;
      if (area.whole_country) {
        flags.push_back({Theme::kConflict, kFloorCahraHighRisk, "cahra_country", "eu_cahra",
                         Say(Msg::kFlagCahraCountry, {{"country", CountryLabel(country)}})});
      } else if (area.region_code == site.region) {
        const bool conflict = area.conflict_affected;
        flags.push_back(
            {Theme::kConflict, conflict ? kFloorCahraConflict : kFloorCahraHighRisk, "cahra_region",
             "eu_cahra",
             Say(conflict ? Msg::kFlagCahraRegionConflict : Msg::kFlagCahraRegionHighRisk,
                 {{"region", area.region_name}, {"code", area.region_code}})});
      } else {
        ++regions_in_country;
      }
    }
    if (site.region.empty() && regions_in_country > 0) {
      // Unknown is not unlisted: where most of the country's regions are listed (all 26
      // provinces of the DRC), a site whose region is not given is taken as listed.
      auto total = data_->cahra_country_regions.find(country.iso2);
      if (total != data_->cahra_country_regions.end() && regions_in_country * 2 >= total->second) {
        flags.push_back(
            {Theme::kConflict, kFloorCahraHighRisk, "cahra_region_unknown", "eu_cahra",
             Say(Msg::kFlagCahraRegionUnknown, {{"listed", i18n::Count(regions_in_country)},
                                                {"total", i18n::Count(total->second)},
                                                {"country", CountryLabel(country)}})});
        site.notes.push_back(Say(Msg::kSiteNoteGiveRegion));
      } else {
        site.notes.push_back(
            Say(Msg::kSiteNoteCountryHasCahraRegions,
                {{"country", CountryLabel(country)}, {"count", i18n::Count(regions_in_country)}}));
      }
    }
  }

  const Text product_names = [&] {
    std::vector<Text> names;
    for (const Product* product : site.products) names.push_back(product->label());
    return i18n::Join(names, ", ");
  }();
  const Text country_name = CountryLabel(country);
  for (size_t i = 0; i < kAllThemes.size(); ++i) {
    const Theme theme = kAllThemes[i];
    const CountryThemeRisk& country_theme = country_risk->themes[i];
    ThemeRisk risk{.theme = theme, .country_score = country_theme.score};
    // One sentence naming the product, the place and the source of each number.
    Text why = product_names.empty()
                   ? Say(Msg::kWhyThemeIn,
                         {{"theme", this->theme(theme).label()}, {"country", country_name}})
                   : Say(Msg::kWhyThemeForProductsIn, {{"theme", this->theme(theme).label()},
                                                       {"products", product_names},
                                                       {"country", country_name}});
    why += ": ";
    if (country_theme.score) {
      why += Say(Msg::kWhyCountry,
                 {{"score", Fixed(*country_theme.score)}, {"rule", country_theme.rule}});
    } else if (country_theme.proxy) {
      risk.country_score = country_theme.proxy;
      risk.country_proxy = true;
      why +=
          Say(Msg::kWhyProxy, {{"code", country.iso2}, {"proxy_rule", country_theme.proxy_rule}});
    } else {
      why += Say(unknown_country ? Msg::kWhyCountryUnknown : Msg::kWhyCountryNoData);
    }
    if (site.sector) {
      const SectorThemeRisk& cell = site.sector->themes.at(theme);
      RiskLevel level = cell.level;
      risk.sector_source = cell.source;
      const Text sector_name = site.sector->label();
      why += "; ";
      if (unknown_country) {
        risk.sector_note = cell.note;
        why += Say(cell.evidence_countries.empty() ? Msg::kWhySector : Msg::kWhySectorInFull,
                   {{"sector", sector_name}, {"level", LevelLabel(level)}});
      } else if (cell.HoldsIn(country.iso2)) {
        risk.sector_note = cell.note;
        risk.sector_evidence_here = !cell.evidence_countries.empty();
        why += risk.sector_evidence_here
                   ? Say(Msg::kWhySectorFoundHere, {{"sector", sector_name},
                                                    {"level", LevelLabel(level)},
                                                    {"country", country_name}})
                   : Say(Msg::kWhySector, {{"sector", sector_name}, {"level", LevelLabel(level)}});
      } else {
        // Evidence from other places: a prior one step lower.
        level = level == RiskLevel::kHigh ? RiskLevel::kMedium : RiskLevel::kLow;
        risk.sector_prior = true;
        std::string places;
        for (const std::string& code : cell.evidence_countries) {
          places += (places.empty() ? "" : ", ") + code;
        }
        risk.sector_note =
            Say(Msg::kSectorNotePrior,
                {{"country", country_name}, {"level", LevelLabel(cell.level)}, {"places", places}});
        why += Say(Msg::kWhySectorPrior, {{"sector", sector_name},
                                          {"level", LevelLabel(level)},
                                          {"cell_level", LevelLabel(cell.level)},
                                          {"places", places},
                                          {"code", country.iso2}});
      }
      risk.sector_level = level;
      risk.sector_score = RiskLevelValue(level);
      why += " " + Fixed(*risk.sector_score) + " [" + cell.source + "]";
    } else {
      why += "; " + Say(Msg::kWhyNoSector);
    }
    std::optional<double> base;
    if (risk.country_score && risk.sector_score && risk.sector_evidence_here &&
        *risk.country_score < *risk.sector_score) {
      // Evidence about this very country is not diluted by national averages.
      base = risk.sector_score;
      why +=
          " -> " + Say(Msg::kWhyEvidenceHere, {{"score", Fixed(*base)}, {"country", country_name}});
    } else if (risk.country_score && risk.sector_score) {
      base = (*risk.country_score + *risk.sector_score) / 2;
      why += " -> " + Say(Msg::kWhyMean, {{"score", Fixed(*base)}});
    } else if (risk.country_score || risk.sector_score) {
      base = risk.country_score ? *risk.country_score : *risk.sector_score;
      why += " -> " + Say(Msg::kWhyOneFactor, {{"score", Fixed(*base)}});
    }
    for (const RedFlag& flag : flags) {
      if (flag.theme != theme) continue;
      risk.flags.push_back(flag);
      if (!risk.floor || flag.floor > *risk.floor) risk.floor = flag.floor;
    }
    if (risk.floor && (!base || *risk.floor > *base)) {
      risk.score = risk.floor;
      const auto top = std::find_if(risk.flags.begin(), risk.flags.end(),
                                    [&](const RedFlag& f) { return f.floor == *risk.floor; });
      why +=
          "; " + Say(Msg::kWhyRaisedToFloor,
                     {{"floor", Fixed(*risk.floor)}, {"detail", top->detail}, {"rule", top->rule}});
    } else {
      risk.score = base;
      if (risk.floor) why += "; " + Say(Msg::kWhyFloorBelow, {{"floor", Fixed(*risk.floor)}});
    }
    if (!risk.score) {
      why += " -> " + Say(Msg::kWhyNoData);
    } else {
      risk.flagged = *risk.score >= site.threshold;
      if (risk.flagged) why += "; " + Say(Msg::kWhyFlagged, {{"threshold", Fixed(site.threshold)}});
    }
    risk.explanation = why;
    risk.summary = PlainSummary(risk, this->theme(theme).label(), country_name,
                                site.sector ? site.sector->label() : Text());
    site.flagged = site.flagged || risk.flagged;
    site.themes.push_back(std::move(risk));
  }
  return site;
}

}  // namespace isvgraph::riskdata
