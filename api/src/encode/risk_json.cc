#include "isvgraph/api/encode/risk_json.h"

#include <string>

#include "isvgraph/i18n/say.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;
using riskdata::KnowledgeBase;

json Score(const std::optional<double>& score) { return score ? json(*score) : json(nullptr); }

json LayerRef(const KnowledgeBase& kb, const std::string& layer_id) {
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    if (layer.id == layer_id) {
      return {{"layer", layer.id},
              {"title", layer.title},
              {"edition", layer.edition},
              {"publisher", layer.publisher},
              {"licence", layer.licence}};
    }
  }
  return {{"layer", layer_id}};
}

json SourceRef(const KnowledgeBase& kb, const std::string& id) {
  const riskdata::Source* source = kb.FindSource(id);
  if (!source) return {{"id", id}};
  return {{"id", source->id},
          {"title", source->title},
          {"publisher", source->publisher},
          {"year", source->year}};
}

json SourceRefs(const KnowledgeBase& kb, const std::vector<std::string>& ids) {
  json out = json::array();
  for (const std::string& id : ids) out.push_back(SourceRef(kb, id));
  return out;
}

json FlagJson(const KnowledgeBase& kb, const riskdata::RedFlag& flag, i18n::Language lang) {
  return {{"theme", riskdata::ThemeId(flag.theme)},
          {"floor", flag.floor},
          {"rule", flag.rule},
          {"detail", flag.detail.In(lang)},
          {"source", LayerRef(kb, flag.layer)}};
}

json IndicatorJson(const KnowledgeBase& kb, const riskdata::IndicatorValue& value) {
  return {{"indicator", value.indicator},
          {"label", value.label},
          {"raw", value.raw},
          {"unit", value.unit},
          {"year", value.year},
          {"normalised", value.normalised},
          {"transform", value.transform},
          {"source", LayerRef(kb, value.layer)}};
}

json CountryJson(const riskdata::Country& c, i18n::Language lang) {
  return {{"iso2", c.iso2},
          {"iso3", c.iso3},
          {"name", lang == i18n::Language::kDutch ? c.name_nl : c.name},
          {"m49_region", c.m49_region},
          {"m49_subregion", c.m49_subregion}};
}

json ThemeNames(const KnowledgeBase& kb, const std::vector<riskdata::Theme>& themes) {
  json out = json::array();
  for (riskdata::Theme theme : themes) {
    const riskdata::ThemeInfo& info = kb.theme(theme);
    out.push_back({{"theme", riskdata::ThemeId(theme)},
                   {"name_en", info.name_en},
                   {"name_nl", info.name_nl},
                   {"severity", info.severity}});
  }
  return out;
}

}  // namespace

json ThemesJson(const KnowledgeBase& kb, i18n::Language lang) {
  json themes = json::array();
  for (const riskdata::ThemeInfo& info : kb.themes()) {
    themes.push_back({{"id", riskdata::ThemeId(info.theme)},
                      {"name_en", info.name_en},
                      {"name_nl", info.name_nl},
                      {"severity", info.severity},
                      {"basis", info.basis.In(lang)},
                      {"sources", SourceRefs(kb, info.sources)}});
  }
  return {{"methodology", riskdata::kMethodologyId}, {"themes", themes}};
}

json LayersJson(const KnowledgeBase& kb) {
  json layers = json::array();
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    layers.push_back({{"id", layer.id},
                      {"title", layer.title},
                      {"publisher", layer.publisher},
                      {"edition", layer.edition},
                      {"licence", layer.licence},
                      {"attribution", layer.attribution},
                      {"file", layer.file},
                      {"optional", layer.optional},
                      {"loaded", layer.loaded},
                      {"rows", layer.rows},
                      {"countries", layer.countries}});
  }
  return {{"methodology", riskdata::kMethodologyId}, {"load_ms", kb.load_ms()}, {"layers", layers}};
}

json CountryRiskJson(const KnowledgeBase& kb, const riskdata::CountryRisk& risk,
                     i18n::Language lang) {
  json themes = json::array();
  for (const riskdata::CountryThemeRisk& theme : risk.themes) {
    json indicators = json::array();
    for (const auto& value : theme.indicators) indicators.push_back(IndicatorJson(kb, value));
    themes.push_back({{"theme", riskdata::ThemeId(theme.theme)},
                      {"score", Score(theme.score)},
                      {"rule", theme.rule.In(lang)},
                      {"proxy", Score(theme.proxy)},
                      {"proxy_rule", theme.proxy_rule.In(lang)},
                      {"indicators", indicators},
                      {"missing", theme.missing}});
  }
  json listings = json::array();
  for (const riskdata::RedFlag& flag : risk.listings) listings.push_back(FlagJson(kb, flag, lang));
  return {{"methodology", riskdata::kMethodologyId},
          {"country", CountryJson(risk.country, lang)},
          {"themes", themes},
          {"listings", listings}};
}

json SiteRiskJson(const KnowledgeBase& kb, const riskdata::SiteRisk& risk, i18n::Language lang) {
  json themes = json::array();
  for (const riskdata::ThemeRisk& theme : risk.themes) {
    json flags = json::array();
    for (const riskdata::RedFlag& flag : theme.flags) flags.push_back(FlagJson(kb, flag, lang));
    json sector = nullptr;
    if (theme.sector_level) {
      sector = {{"level", riskdata::RiskLevelId(*theme.sector_level)},
                {"score", *theme.sector_score},
                {"note", theme.sector_note.In(lang)},
                {"prior", theme.sector_prior},
                {"source", SourceRef(kb, theme.sector_source)}};
    }
    themes.push_back({{"theme", riskdata::ThemeId(theme.theme)},
                      {"score", Score(theme.score)},
                      {"flagged", theme.flagged},
                      {"country_score", Score(theme.country_score)},
                      {"country_proxy", theme.country_proxy},
                      {"sector", sector},
                      {"floor", Score(theme.floor)},
                      {"flags", flags},
                      {"explanation", theme.explanation.In(lang)},
                      {"summary", theme.summary.In(lang)}});
  }
  json products = json::array();
  for (const riskdata::Product* product : risk.products) {
    products.push_back({{"id", product->id}, {"name", product->label().In(lang)}});
  }
  return {{"methodology", risk.methodology},
          {"threshold", risk.threshold},
          {"country", CountryJson(risk.country, lang)},
          {"region", risk.region.empty() ? json(nullptr) : json(risk.region)},
          {"sector", risk.sector ? json(risk.sector->id) : json(nullptr)},
          {"products", products},
          {"flagged", risk.flagged},
          {"themes", themes},
          {"notes", i18n::AllIn(lang, risk.notes)}};
}

json CpvJson(const KnowledgeBase& kb, const riskdata::CpvResolution& resolution,
             i18n::Language lang) {
  auto entry_json = [](const riskdata::CpvEntry& e) {
    return json{{"code", e.code}, {"level", e.level}, {"en", e.en}, {"nl", e.nl}};
  };
  json ancestors = json::array();
  for (const auto& ancestor : resolution.ancestors) ancestors.push_back(entry_json(ancestor));
  json out = entry_json(resolution.entry);
  out["ancestors"] = ancestors;
  out["source"] = LayerRef(kb, "cpv");
  if (resolution.product_group) {
    out["product_group"] = ProductGroupJson(kb, *resolution.product_group, false, lang);
    out["matched_prefix"] = resolution.matched_prefix;
  } else {
    out["product_group"] = nullptr;
  }
  return out;
}

json ProductGroupJson(const KnowledgeBase& kb, const riskdata::ProductGroup& group, bool full,
                      i18n::Language lang) {
  json out = {
      {"id", group.id},
      {"name_en", group.name_en},
      {"name_nl", group.name_nl},
      {"isv_category", group.isv_category.empty() ? json(nullptr) : json(group.isv_category)},
      {"salient_themes", ThemeNames(kb, group.salient_themes)},
      {"guidance", SourceRefs(kb, group.guidance)},
      {"cpv_prefixes", group.cpv_prefixes}};
  if (!full) return out;
  out["description"] = group.description.In(lang);
  out["sources"] = SourceRefs(kb, group.sources);
  json tiers = json::array();
  for (const riskdata::TemplateTier& tier : group.tiers) {
    json origins = json::array();
    for (const riskdata::Origin& o : tier.origins) {
      origins.push_back({{"country", o.country},
                         {"region", o.region.empty() ? json(nullptr) : json(o.region)},
                         {"share", o.share}});
    }
    tiers.push_back({{"tier", tier.tier},
                     {"role", tier.role.In(lang)},
                     {"sector", tier.sector},
                     {"origins", origins},
                     {"source", SourceRef(kb, tier.source)},
                     {"shares_source", SourceRef(kb, tier.shares_source)}});
  }
  out["template_chain"] = tiers;
  return out;
}

json SectorsJson(const KnowledgeBase& kb, i18n::Language lang) {
  json sectors = json::array();
  for (const riskdata::Sector& sector : kb.sectors()) {
    json isic = json::array();
    for (size_t i = 0; i < sector.isic.size(); ++i) {
      isic.push_back({{"code", sector.isic[i]}, {"title", sector.isic_titles[i]}});
    }
    json themes = json::object();
    for (const auto& [theme, cell] : sector.themes) {
      themes[std::string(riskdata::ThemeId(theme))] = {{"level", riskdata::RiskLevelId(cell.level)},
                                                       {"note", cell.note.In(lang)},
                                                       {"source", SourceRef(kb, cell.source)}};
    }
    sectors.push_back({{"id", sector.id},
                       {"name", sector.label().In(lang)},
                       {"isic", isic},
                       {"description", sector.description},
                       {"themes", themes}});
  }
  return {{"methodology", riskdata::kMethodologyId}, {"sectors", sectors}};
}

json RedFlagsJson(const KnowledgeBase& kb, const std::vector<riskdata::RedFlag>& flags,
                  i18n::Language lang) {
  json out = json::array();
  for (const riskdata::RedFlag& flag : flags) out.push_back(FlagJson(kb, flag, lang));
  return out;
}

json TierAdviceJson(const KnowledgeBase& kb, const riskdata::TierAdvice& tier,
                    i18n::Language lang) {
  json places = json::array();
  for (const riskdata::TierPlace& place : tier.places) {
    json scores = json::object();
    for (const riskdata::ThemeRisk& risk : place.risk.themes) {
      scores[std::string(riskdata::ThemeId(risk.theme))] = Score(risk.score);
    }
    places.push_back({{"country", place.country},
                      {"region", place.region.empty() ? json(nullptr) : json(place.region)},
                      {"share", place.share},
                      {"assumed", place.assumed},
                      {"flagged", place.risk.flagged},
                      {"scores", scores}});
  }
  return {{"tier", tier.tier},
          {"role", tier.role.In(lang)},
          {"sector", tier.sector.empty() ? json(nullptr) : json(tier.sector)},
          {"product", tier.product.empty() ? json(nullptr) : json(tier.product)},
          {"source", tier.source.empty() ? json(nullptr) : SourceRef(kb, tier.source)},
          {"places", places}};
}

json IsvAdviceJson(const KnowledgeBase& kb, const riskdata::IsvAdvice& isv, i18n::Language lang) {
  return {{"category", isv.category.empty() ? json(nullptr) : json(isv.category)},
          {"mandatory", isv.mandatory},
          {"advised", isv.advised},
          {"threshold_eur", Score(isv.threshold_eur)},
          {"threshold_period", isv.threshold_period},
          {"threshold_source",
           isv.threshold_source.empty() ? json(nullptr) : SourceRef(kb, isv.threshold_source)},
          {"reason", isv.reason.In(lang)}};
}

json TenderAdviceJson(const KnowledgeBase& kb, const riskdata::TenderAdvice& advice,
                      i18n::Language lang) {
  json cpv = json::array();
  for (const riskdata::CpvEntry& e : advice.cpv) {
    cpv.push_back({{"code", e.code}, {"level", e.level}, {"en", e.en}, {"nl", e.nl}});
  }
  json themes = json::array();
  int rank = 0;
  for (const riskdata::ThemeAdvice& t : advice.themes) {
    json flags = RedFlagsJson(kb, t.flags, lang);
    json layers = json::array();
    for (const std::string& layer : t.layers) layers.push_back(LayerRef(kb, layer));
    themes.push_back({{"rank", ++rank},
                      {"theme", riskdata::ThemeId(t.theme)},
                      {"name", kb.theme(t.theme).label().In(lang)},
                      {"severity", t.severity},
                      {"likelihood", Score(t.likelihood)},
                      {"salient", t.salient},
                      {"in_profile", t.in_profile},
                      {"worst_tier", t.worst_tier < 0 ? json(nullptr) : json(t.worst_tier)},
                      {"worst_place", t.worst_place.empty() ? json(nullptr) : json(t.worst_place)},
                      {"reason", t.reason.In(lang)},
                      {"summary", t.summary.In(lang)},
                      {"flags", flags},
                      {"layers", layers},
                      {"sources", SourceRefs(kb, t.sources)},
                      {"measures", i18n::AllIn(lang, t.measures)},
                      {"questions", i18n::AllIn(lang, t.questions)}});
  }
  json tiers = json::array();
  for (const riskdata::TierAdvice& tier : advice.tiers)
    tiers.push_back(TierAdviceJson(kb, tier, lang));
  json guidance = json::array();
  for (const riskdata::Source& s : advice.guidance) guidance.push_back(SourceRef(kb, s.id));
  json actions = json::array();
  for (const riskdata::TenderAction& a : advice.actions) {
    actions.push_back({{"kind", riskdata::kActionKinds.Name(a.kind)},
                       {"name", a.name.In(lang)},
                       {"text", a.text.In(lang)},
                       {"source", SourceRef(kb, a.source)}});
  }
  return {{"methodology", advice.methodology},
          {"cpv", cpv},
          {"product_group", advice.product_group
                                ? ProductGroupJson(kb, *advice.product_group, false, lang)
                                : json(nullptr)},
          {"generic", advice.generic},
          {"generic_basis",
           advice.generic_basis.empty() ? json(nullptr) : json(advice.generic_basis.In(lang))},
          {"countries", advice.countries},
          {"isv", IsvAdviceJson(kb, advice.isv, lang)},
          {"themes", themes},
          {"tiers", tiers},
          {"actions", actions},
          {"guidance", guidance},
          {"notes", i18n::AllIn(lang, advice.notes)}};
}

}  // namespace isvgraph::api
