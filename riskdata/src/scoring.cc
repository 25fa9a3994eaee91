// Methodology isvgraph-risk-v2 (docs/methodology.md): country scores from indicators (a
// governance proxy where a theme has none), site scores from country, sector evidence tied to
// its places, and red-flag floors. Every number carries its explanation.

#include <algorithm>
#include <cstdio>

#include "entity_names.h"
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

std::string Fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.2f", value);
  return buffer;
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

std::string Verb(const DolListing& listing) {
  if (listing.forced_child_labour) return "forced child labour";
  if (listing.child_labour && listing.forced_labour) return "child labour and forced labour";
  return listing.child_labour ? "child labour" : "forced labour";
}

void AddDolFlags(const DolListing& listing, const std::string& country_name,
                 std::vector<RedFlag>* flags) {
  const std::string head =
      "US DOL List of Goods 2022 lists " + listing.good + " from " + country_name + " for ";
  if (listing.downstream) {
    const std::string detail =
        "US DOL List of Goods 2022 lists " + listing.good + " from " + country_name +
        " as made with a listed input" +
        (listing.input_country.empty() ? "" : " from " + listing.input_country);
    flags->push_back(
        {Theme::kChildLabour, kFloorDownstream, "dol_downstream", "dol_goods", detail});
    flags->push_back(
        {Theme::kForcedLabour, kFloorDownstream, "dol_downstream", "dol_goods", detail});
    return;
  }
  if (listing.forced_child_labour) {
    for (Theme theme : {Theme::kChildLabour, Theme::kForcedLabour}) {
      flags->push_back(
          {theme, kFloorForcedChild, "dol_forced_child_labour", "dol_goods", head + Verb(listing)});
    }
    return;
  }
  if (listing.child_labour) {
    flags->push_back(
        {Theme::kChildLabour, kFloorListed, "dol_child_labour", "dol_goods", head + Verb(listing)});
  }
  if (listing.forced_labour) {
    flags->push_back({Theme::kForcedLabour, kFloorListed, "dol_forced_labour", "dol_goods",
                      head + Verb(listing)});
  }
}

}  // namespace

CountryRisk KnowledgeBase::UnknownCountryRisk() const {
  CountryRisk risk{.country = {.name = "an unknown country"}};
  for (Theme theme : kAllThemes) {
    risk.themes.push_back({.theme = theme, .rule = "country unknown"});
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
    const std::string stale_note =
        stale == 0 ? ""
                   : "; " + std::to_string(stale) + " value(s) from before " +
                         std::to_string(kOldestScoredYear) + " shown but not scored";
    if (scored > 0) {
      theme_risk.score = sum / scored;
      theme_risk.rule =
          "mean of " + std::to_string(scored) + " normalised indicator(s)" + stale_note;
    } else if (stale > 0) {
      theme_risk.rule = "no data" + stale_note;
    } else if (theme_risk.missing.empty()) {
      theme_risk.rule = "no country layer for this theme";
    } else {
      theme_risk.rule = "no data: none of the theme's indicators has a value for this country";
    }
    risk.themes.push_back(std::move(theme_risk));
  }
  // The governance proxy for themes without a statistic of their own (rich countries publish
  // no child-labour survey; no theme has an environmental layer): how well law is enforced and
  // how free workers are to organise, the two conditions under which abuses come to light and
  // are remedied (docs/methodology.md, "Country scores").
  double proxy_sum = 0;
  std::string proxy_parts;
  int proxy_count = 0;
  struct ProxyPart {
    const char* layer;
    const char* indicator;
    const char* label;
  };
  for (const ProxyPart& part : {ProxyPart{"wgi", "rl_estimate", "rule of law"},
                                ProxyPart{"vdem", "v2x_frassoc_thick", "freedom of association"}}) {
    auto value = std::find_if(values.begin(), values.end(), [&](const IndicatorValue& v) {
      return v.layer == part.layer && v.indicator == part.indicator && !v.stale;
    });
    if (value == values.end()) continue;
    proxy_sum += value->normalised;
    ++proxy_count;
    proxy_parts += (proxy_parts.empty() ? "" : ", ") + std::string(part.label) + " " +
                   Fixed(value->normalised);
  }
  if (proxy_count > 0) {
    for (CountryThemeRisk& theme_risk : risk.themes) {
      if (theme_risk.score) continue;
      theme_risk.proxy = proxy_sum / proxy_count;
      theme_risk.proxy_rule = "governance proxy " + Fixed(*theme_risk.proxy) + " (mean of " +
                              proxy_parts + ") in place of the missing statistic";
    }
  }
  for (const DolListing& listing : data_->dol_listings) {
    if (listing.country != country->iso2) continue;
    // One line per listing: a good listed under two themes is one listing.
    std::vector<RedFlag> flags;
    AddDolFlags(listing, country->name, &flags);
    risk.listings.push_back(flags.front());
  }
  for (const CahraArea& area : data_->cahra) {
    if (area.country == country->iso2 && area.whole_country) {
      risk.listings.push_back({Theme::kConflict, kFloorCahraHighRisk, "cahra_country", "eu_cahra",
                               "EU indicative CAHRA list designates all of " + country->name});
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
    site.notes.push_back(
        "country unknown: scored as missing data on the sector alone (never as low risk); give "
        "the site's country to score it");
    if (!query.region.empty()) {
      return Status::InvalidArgument("region '" + query.region +
                                     "' needs the site's country as well");
    }
  }
  site.region = Upper(query.region);
  if (site.region == "CN-65") site.region = "CN-XJ";  // pre-2017 ISO code of Xinjiang
  if (!site.region.empty() && site.region.rfind(country.iso2 + "-", 0) != 0) {
    return Status::InvalidArgument("region '" + query.region + "' is not an ISO 3166-2 code of " +
                                   country.name + " (" + country.iso2 + "-…)");
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
      return Status::NotFound("unknown sector '" + query.sector + "'; sectors are: " + ids);
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
      return Status::NotFound("unknown product '" + query.product + "'; products are: " + ids +
                              ", their usual names and HS codes, or any good of the US DOL "
                              "2022 list by its name (e.g. Bricks, Cement)");
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
      if (Contains(product->dol_goods, listing.good)) AddDolFlags(listing, country.name, &flags);
    }
  }
  std::vector<std::string> priority_sectors;
  for (const Product* product : site.products) {
    for (const std::string& s : product->uflpa_sectors) {
      if (!Contains(priority_sectors, s)) priority_sectors.push_back(s);
    }
  }
  if (site.region == "CN-XJ") {
    std::string detail =
        "UFLPA presumes that goods made wholly or in part in Xinjiang are made with forced "
        "labour";
    if (!priority_sectors.empty()) detail += "; UFLPA priority sector: " + priority_sectors[0];
    flags.push_back(
        {Theme::kForcedLabour, kFloorXinjiang, "uflpa_xinjiang", "uflpa_sectors", detail});
  } else if (country.iso2 == "CN" && !priority_sectors.empty()) {
    flags.push_back({Theme::kForcedLabour, kFloorUflpaSectorChina, "uflpa_priority_sector_china",
                     "uflpa_sectors",
                     "UFLPA priority sector (" + priority_sectors[0] +
                         ") made in China outside Xinjiang: Xinjiang inputs are a known risk"});
  }
  if (!query.name.empty()) {
    auto entity = data_->uflpa_by_key.find(NameKey(query.name));
    if (entity == data_->uflpa_by_key.end()) {
      entity = data_->uflpa_by_key.find(NameKeyWithoutParentheses(query.name));
    }
    const UflpaEntity* listed = nullptr;
    std::string how;
    if (entity != data_->uflpa_by_key.end()) {
      listed = &entity->second;
    } else if (auto core = data_->uflpa_by_core.find(CoreKey(query.name));
               core != data_->uflpa_by_core.end() && !core->first.empty()) {
      // The same name in another script or without its legal form.
      listed = &core->second;
      how = " (legal form and script aside)";
    } else {
      const std::vector<std::string> words = CoreWords(query.name);
      for (const auto& [entity_words, candidate] : data_->uflpa_core_words) {
        if (IsShortName(words, entity_words)) {
          listed = &candidate;
          how = " by its short name: check the supplier's full legal name";
          break;
        }
      }
    }
    if (listed) {
      flags.push_back({Theme::kForcedLabour, kFloorUflpaEntity, "uflpa_entity", "uflpa_entities",
                       "'" + query.name + "' matches UFLPA Entity List entry '" + listed->name +
                           "'" + how + " (section " + listed->section + ", effective " +
                           listed->effective_date + ")"});
    }
  }
  const LayerInfo* cahra_layer = data_->FindLayer("eu_cahra");
  if (unknown_country) {
    // No listing can be checked without the country; the note above says so.
  } else if (!cahra_layer->loaded) {
    site.notes.push_back(
        "optional layer eu_cahra (EU CAHRA list) is not loaded: conflict "
        "regions were not checked");
  } else {
    int regions_in_country = 0;
    for (const CahraArea& area : data_->cahra) {
      if (area.country != country.iso2) continue;
      if (area.whole_country) {
        flags.push_back({Theme::kConflict, kFloorCahraHighRisk, "cahra_country", "eu_cahra",
                         "EU indicative CAHRA list designates all of " + country.name});
      } else if (area.region_code == site.region) {
        const bool conflict = area.conflict_affected;
        flags.push_back({Theme::kConflict, conflict ? kFloorCahraConflict : kFloorCahraHighRisk,
                         "cahra_region", "eu_cahra",
                         "EU indicative CAHRA list: " + area.region_name + " (" + area.region_code +
                             ") is " + (conflict ? "conflict-affected" : "high-risk")});
      } else {
        ++regions_in_country;
      }
    }
    if (site.region.empty() && regions_in_country > 0) {
      // Unknown is not unlisted: where most of the country's regions are listed (all 26
      // provinces of the DRC), a site whose region is not given is taken as listed.
      auto total = data_->cahra_country_regions.find(country.iso2);
      if (total != data_->cahra_country_regions.end() && regions_in_country * 2 >= total->second) {
        flags.push_back({Theme::kConflict, kFloorCahraHighRisk, "cahra_region_unknown", "eu_cahra",
                         "region not given: the EU indicative CAHRA list names " +
                             std::to_string(regions_in_country) + " of the " +
                             std::to_string(total->second) + " regions of " + country.name +
                             "; taken as listed until the site's region is known"});
        site.notes.push_back("give the site's region to check it against the EU CAHRA list");
      } else {
        site.notes.push_back(country.name + " has " + std::to_string(regions_in_country) +
                             " region(s) on the EU CAHRA list; give the site's region to check "
                             "it");
      }
    }
  }

  const std::string product_names = [&] {
    std::string names;
    for (const Product* product : site.products) {
      names += (names.empty() ? "" : ", ") + product->name;
    }
    return names;
  }();
  for (size_t i = 0; i < kAllThemes.size(); ++i) {
    const Theme theme = kAllThemes[i];
    const CountryThemeRisk& country_theme = country_risk->themes[i];
    ThemeRisk risk{.theme = theme, .country_score = country_theme.score};
    // One sentence naming the product, the place and the source of each number.
    std::string why = this->theme(theme).name_en;
    if (!product_names.empty()) why += " for " + product_names;
    why += " in " + country.name + ": ";
    if (country_theme.score) {
      why += "country " + Fixed(*country_theme.score) + " (" + country_theme.rule + ")";
    } else if (country_theme.proxy) {
      risk.country_score = country_theme.proxy;
      risk.country_proxy = true;
      why += "no statistic for " + country.iso2 + ", so its " + country_theme.proxy_rule;
    } else {
      why += unknown_country ? "country unknown (missing data)" : "country no data";
    }
    if (site.sector) {
      const SectorThemeRisk& cell = site.sector->themes.at(theme);
      RiskLevel level = cell.level;
      risk.sector_source = cell.source;
      if (unknown_country) {
        risk.sector_note = cell.note;
        why += "; sector " + site.sector->name + " " + std::string(RiskLevelId(level)) +
               (cell.evidence_countries.empty() ? ""
                                                : " (in full: the site may be where it was found)");
      } else if (cell.HoldsIn(country.iso2)) {
        risk.sector_note = cell.note;
        risk.sector_evidence_here = !cell.evidence_countries.empty();
        why += "; sector " + site.sector->name + " " + std::string(RiskLevelId(level)) +
               (risk.sector_evidence_here ? " (found in " + country.name + ")" : "");
      } else {
        // Evidence from other places: a prior one step lower.
        level = level == RiskLevel::kHigh ? RiskLevel::kMedium : RiskLevel::kLow;
        risk.sector_prior = true;
        std::string places;
        for (const std::string& code : cell.evidence_countries) {
          places += (places.empty() ? "" : ", ") + code;
        }
        risk.sector_note = "no evidence for " + country.name + "; the sector's " +
                           std::string(RiskLevelId(cell.level)) + " level rests on findings in " +
                           places + ", so a prior one step lower applies here";
        why += "; sector " + site.sector->name + " " + std::string(RiskLevelId(level)) +
               " (a prior: the sector's " + std::string(RiskLevelId(cell.level)) +
               " level was found in " + places + ", not in " + country.iso2 + ")";
      }
      risk.sector_level = level;
      risk.sector_score = RiskLevelValue(level);
      why += " " + Fixed(*risk.sector_score) + " [" + cell.source + "]";
    } else {
      why += "; no sector given";
    }
    std::optional<double> base;
    if (risk.country_score && risk.sector_score && risk.sector_evidence_here &&
        *risk.country_score < *risk.sector_score) {
      // Evidence about this very country is not diluted by national averages.
      base = risk.sector_score;
      why += " -> " + Fixed(*base) + ": the sector evidence is about " + country.name +
             ", so the national figure does not lower it";
    } else if (risk.country_score && risk.sector_score) {
      base = (*risk.country_score + *risk.sector_score) / 2;
      why += " -> mean " + Fixed(*base);
    } else if (risk.country_score || risk.sector_score) {
      base = risk.country_score ? *risk.country_score : *risk.sector_score;
      why += " -> " + Fixed(*base) + " from the one factor with data";
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
      why += "; raised to the floor " + Fixed(*risk.floor) + " by a listing: " + top->detail +
             " [" + top->rule + "]";
    } else {
      risk.score = base;
      if (risk.floor) why += "; red-flag floor " + Fixed(*risk.floor) + " is below it";
    }
    if (!risk.score) {
      why += " -> no data (not zero risk)";
    } else {
      risk.flagged = *risk.score >= site.threshold;
      why += risk.flagged ? "; flagged (>= " + Fixed(site.threshold) + ")" : "";
    }
    risk.explanation = why;
    site.flagged = site.flagged || risk.flagged;
    site.themes.push_back(std::move(risk));
  }
  return site;
}

}  // namespace isvgraph::riskdata
