#include "isvgraph/api/encode/risk_text.h"

#include <cstdio>
#include <sstream>

#include "isvgraph/api/encode/risk_json.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/say.h"

namespace isvgraph::api {
namespace {

using i18n::Language;
using i18n::Msg;

using i18n::SayIn;

std::string Fixed(const std::optional<double>& value, Language lang = Language::kEnglish) {
  if (!value) return SayIn(lang, Msg::kTextNoData);
  return i18n::Decimal(*value, 2).In(lang);
}

std::string CountryName(const riskdata::Country& country, Language lang) {
  return lang == Language::kDutch ? country.name_nl : country.name;
}

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string LayerEdition(const riskdata::KnowledgeBase& kb, const std::string& id) {
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    if (layer.id == id) return layer.title + ", " + layer.edition;
  }
  return id;
}

std::string CountryText(const riskdata::KnowledgeBase& kb, const riskdata::CountryRisk& risk,
                        Language lang) {
  std::ostringstream out;
  out << CountryName(risk.country, lang) << " (" << risk.country.iso2 << ", " << risk.country.iso3
      << "), " << risk.country.m49_subregion << " — "
      << SayIn(lang, Msg::kTextMethodology, {{"methodology", riskdata::kMethodologyId}}) << "\n\n";
  for (const riskdata::CountryThemeRisk& theme : risk.themes) {
    out << Pad(std::string(riskdata::ThemeId(theme.theme)), 24) << Pad(Fixed(theme.score, lang), 9)
        << theme.rule.In(lang) << "\n";
    for (const riskdata::IndicatorValue& v : theme.indicators) {
      out << "    " << v.label << ": " << v.raw << " (" << v.unit << ", " << v.year << ") -> "
          << Fixed(v.normalised) << " by " << v.transform << (v.stale ? " (stale: not scored)" : "")
          << "  [" << LayerEdition(kb, v.layer) << "]\n";
    }
    for (const std::string& missing : theme.missing) {
      out << "    " << SayIn(lang, Msg::kTextNoDataFor, {{"what", missing}}) << "\n";
    }
    if (theme.proxy) {
      out << "    " << SayIn(lang, Msg::kTextSitesUseProxy, {{"rule", theme.proxy_rule}}) << "\n";
    }
  }
  if (!risk.listings.empty()) {
    out << "\n" << SayIn(lang, Msg::kTextListings) << "\n";
    for (const riskdata::RedFlag& flag : risk.listings) {
      out << "  - " << flag.detail.In(lang) << "\n";
    }
  }
  return out.str();
}

std::string SiteText(const riskdata::KnowledgeBase& kb, const riskdata::SiteRisk& risk,
                     Language lang) {
  std::ostringstream out;
  std::string products;
  for (const riskdata::Product* p : risk.products)
    products += (products.empty() ? "" : " ") + p->id;
  const std::string place =
      CountryName(risk.country, lang) + (risk.region.empty() ? "" : " (" + risk.region + ")");
  out << (!risk.sector ? SayIn(lang, Msg::kTextSiteIn, {{"place", place}})
          : products.empty()
              ? SayIn(lang, Msg::kTextSiteInSector, {{"place", place}, {"sector", risk.sector->id}})
              : SayIn(lang, Msg::kTextSiteInSectorProducts,
                      {{"place", place}, {"sector", risk.sector->id}, {"products", products}}));
  out << "\n"
      << SayIn(lang, risk.flagged ? Msg::kTextSiteFlagged : Msg::kTextSiteNotFlagged,
               {{"methodology", risk.methodology}, {"threshold", Fixed(risk.threshold, lang)}})
      << "\n\n";
  for (const riskdata::ThemeRisk& theme : risk.themes) {
    out << (theme.flagged ? "! " : "  ") << Pad(std::string(riskdata::ThemeId(theme.theme)), 24)
        << Pad(Fixed(theme.score, lang), 9) << theme.explanation.In(lang) << "\n";
    for (const riskdata::RedFlag& flag : theme.flags) {
      out << "      "
          << SayIn(
                 lang, Msg::kTextFlagLine,
                 {{"rule", flag.rule}, {"floor", Fixed(flag.floor, lang)}, {"detail", flag.detail}})
          << "  [" << LayerEdition(kb, flag.layer) << "]\n";
    }
    if (theme.sector_level) {
      const riskdata::Source* source = kb.FindSource(theme.sector_source);
      out << "      " << SayIn(lang, Msg::kTextSectorBasis, {{"note", theme.sector_note}}) << "  ["
          << (source ? source->title + ", " + source->year : theme.sector_source) << "]\n";
    }
  }
  for (const i18n::Text& note : risk.notes) {
    out << "\n" << SayIn(lang, Msg::kTextNote, {{"note", note}}) << "\n";
  }
  return out.str();
}

std::string CpvText(const riskdata::KnowledgeBase& kb, const riskdata::CpvResolution& r) {
  std::ostringstream out;
  out << r.entry.code << "  " << r.entry.en << "\n" << Pad("", 12) << r.entry.nl << " (NL)\n";
  for (const riskdata::CpvEntry& a : r.ancestors) {
    out << "  in " << a.code << " " << a.en << " (" << a.level << ")\n";
  }
  if (!r.product_group) {
    out << "\nNo product-group profile covers this code.\n";
    return out.str();
  }
  const riskdata::ProductGroup& g = *r.product_group;
  out << "\nProduct group: " << g.id << " — " << g.name_en << " / " << g.name_nl
      << " (matched CPV prefix " << r.matched_prefix << ")\n";
  out << "ISV category: "
      << (g.isv_category.empty() ? "none (ISV clause optional)" : g.isv_category)
      << "\nSalient themes (most salient first):\n";
  for (riskdata::Theme theme : g.salient_themes) {
    const riskdata::ThemeInfo& info = kb.theme(theme);
    out << "  - " << Pad(std::string(riskdata::ThemeId(theme)), 24) << "severity "
        << Fixed(info.severity) << "  " << info.basis.en << "\n";
  }
  out << "OECD guidance:";
  for (const std::string& id : g.guidance) {
    const riskdata::Source* source = kb.FindSource(id);
    out << "\n  - " << (source ? source->title + " (" + source->year + ")" : id);
  }
  out << "\nTemplate chain:\n";
  for (const riskdata::TemplateTier& tier : g.tiers) {
    out << "  tier " << tier.tier << "  " << Pad(tier.role.en, 44) << Pad(tier.sector, 26);
    for (const riskdata::Origin& o : tier.origins) {
      out << (o.region.empty() ? o.country : o.region) << " " << Fixed(o.share) << "  ";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace

Result<std::string> ReportCountryRisk(const riskdata::KnowledgeBase& kb, const std::string& code,
                                      OutputFormat format, Language lang) {
  auto risk = kb.AssessCountry(code);
  if (!risk) return risk.error();
  if (format == OutputFormat::kJson) return CountryRiskJson(kb, *risk, lang).dump(2);
  return CountryText(kb, *risk, lang);
}

Result<std::string> ReportSiteRisk(const riskdata::KnowledgeBase& kb,
                                   const riskdata::SiteQuery& query, OutputFormat format,
                                   Language lang) {
  auto risk = kb.AssessSite(query);
  if (!risk) return risk.error();
  if (format == OutputFormat::kJson) return SiteRiskJson(kb, *risk, lang).dump(2);
  return SiteText(kb, *risk, lang);
}

Result<std::string> ReportCpv(const riskdata::KnowledgeBase& kb, const std::string& code,
                              OutputFormat format) {
  auto resolution = kb.ResolveCpv(code);
  if (!resolution) return resolution.error();
  if (format == OutputFormat::kJson) return CpvJson(kb, *resolution).dump(2);
  return CpvText(kb, *resolution);
}

std::string ReportLayers(const riskdata::KnowledgeBase& kb, OutputFormat format) {
  if (format == OutputFormat::kJson) return LayersJson(kb).dump(2);
  std::ostringstream out;
  out << "Risk layers (methodology " << riskdata::kMethodologyId << ", loaded in "
      << Fixed(kb.load_ms()) << " ms)\n\n";
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    out << Pad(layer.id, 16) << Pad(layer.loaded ? "loaded" : "ABSENT", 8)
        << Pad(std::to_string(layer.rows) + " rows", 12) << layer.title << " — " << layer.edition
        << " — " << layer.licence << (layer.optional ? " (optional)" : "") << "\n";
  }
  return out.str();
}

Result<std::string> ReportTender(const riskdata::KnowledgeBase& kb,
                                 const riskdata::TenderQuery& query, OutputFormat format,
                                 Language lang) {
  auto advice = kb.CheckTender(query);
  if (!advice) return advice.error();
  if (format == OutputFormat::kJson) return TenderAdviceJson(kb, *advice, lang).dump(2);
  std::ostringstream out;
  out << SayIn(lang, Msg::kTextTenderHeading, {{"methodology", advice->methodology}}) << "\n";
  for (const riskdata::CpvEntry& e : advice->cpv) {
    out << "  CPV " << e.code << " " << (lang == Language::kDutch ? e.nl : e.en) << "\n";
  }
  if (advice->product_group) {
    out << "  " << SayIn(lang, Msg::kTextProductGroup, {{"group", advice->product_group->label()}})
        << "\n";
  } else {
    out << "  " << SayIn(lang, Msg::kTextGenericAnswer, {{"basis", advice->generic_basis}}) << "\n";
  }
  const riskdata::IsvAdvice& isv = advice->isv;
  out << "\n"
      << SayIn(lang, isv.mandatory ? Msg::kTextIsvMandatory
                     : isv.advised ? Msg::kTextIsvAdvised
                                   : Msg::kTextIsvNotAdvised)
      << "\n  " << isv.reason.In(lang) << "\n\n"
      << SayIn(lang, Msg::kTextThemesHeading) << "\n";
  int rank = 0;
  for (const riskdata::ThemeAdvice& t : advice->themes) {
    out << Pad(std::to_string(++rank) + ".", 4) << Pad(std::string(riskdata::ThemeId(t.theme)), 24)
        << SayIn(lang, Msg::kTextSeverityLikelihood,
                 {{"severity", Fixed(t.severity, lang)}, {"likelihood", Fixed(t.likelihood, lang)}})
        << (t.salient ? "" : "  " + SayIn(lang, Msg::kTextLowerLikelihood)) << "\n";
    if (!t.salient) continue;
    out << "      " << SayIn(lang, Msg::kTextWhy, {{"reason", t.reason}}) << "\n";
    for (const i18n::Text& q : t.questions) {
      out << "      " << SayIn(lang, Msg::kTextAskBidders, {{"question", q}}) << "\n";
    }
    for (const i18n::Text& m : t.measures) {
      out << "      " << SayIn(lang, Msg::kTextContractMeasure, {{"measure", m}}) << "\n";
    }
  }
  for (const auto kind : {riskdata::ActionKind::kContractElement, riskdata::ActionKind::kInitiative,
                          riskdata::ActionKind::kLivingWage}) {
    bool first = true;
    for (const riskdata::TenderAction& a : advice->actions) {
      if (a.kind != kind) continue;
      if (first) {
        out << "\n"
            << SayIn(lang, kind == riskdata::ActionKind::kContractElement
                               ? Msg::kTextIsvContractElements
                           : kind == riskdata::ActionKind::kInitiative ? Msg::kTextSectorInitiatives
                                                                       : Msg::kTextWageBenchmarks)
            << "\n";
        first = false;
      }
      const riskdata::Source* source = kb.FindSource(a.source);
      out << "  - " << a.name.In(lang) << ": " << a.text.In(lang) << "  ["
          << (source ? source->title + ", " + source->year : a.source) << "]\n";
    }
  }
  out << "\n" << SayIn(lang, Msg::kTextOecdGuidance) << "\n";
  for (const riskdata::Source& s : advice->guidance) {
    out << "  " << s.title << " (" << s.publisher << ", " << s.year << ")\n";
  }
  for (const i18n::Text& note : advice->notes) {
    out << SayIn(lang, Msg::kTextNote, {{"note", note}}) << "\n";
  }
  return out.str();
}

}  // namespace isvgraph::api
