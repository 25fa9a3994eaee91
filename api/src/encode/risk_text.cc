#include "isvgraph/api/encode/risk_text.h"

#include <cstdio>
#include <sstream>

#include "isvgraph/api/encode/risk_json.h"

namespace isvgraph::api {
namespace {

std::string Fixed(const std::optional<double>& value) {
  if (!value) return "no data";
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%.2f", *value);
  return buffer;
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

std::string CountryText(const riskdata::KnowledgeBase& kb, const riskdata::CountryRisk& risk) {
  std::ostringstream out;
  out << risk.country.name << " (" << risk.country.iso2 << ", " << risk.country.iso3 << "), "
      << risk.country.m49_subregion << " — methodology " << riskdata::kMethodologyId << "\n\n";
  for (const riskdata::CountryThemeRisk& theme : risk.themes) {
    out << Pad(std::string(riskdata::ThemeId(theme.theme)), 24) << Pad(Fixed(theme.score), 9)
        << theme.rule << "\n";
    for (const riskdata::IndicatorValue& v : theme.indicators) {
      out << "    " << v.label << ": " << v.raw << " (" << v.unit << ", " << v.year << ") -> "
          << Fixed(v.normalised) << " by " << v.transform << (v.stale ? " (stale: not scored)" : "")
          << "  [" << LayerEdition(kb, v.layer) << "]\n";
    }
    for (const std::string& missing : theme.missing) out << "    no data: " << missing << "\n";
    if (theme.proxy) out << "    sites use the " << theme.proxy_rule << "\n";
  }
  if (!risk.listings.empty()) {
    out << "\nListings:\n";
    for (const riskdata::RedFlag& flag : risk.listings) out << "  - " << flag.detail << "\n";
  }
  return out.str();
}

std::string SiteText(const riskdata::KnowledgeBase& kb, const riskdata::SiteRisk& risk) {
  std::ostringstream out;
  out << "Site in " << risk.country.name << (risk.region.empty() ? "" : " (" + risk.region + ")")
      << (risk.sector ? ", sector " + risk.sector->id : "");
  if (!risk.products.empty()) {
    out << ", products:";
    for (const riskdata::Product* p : risk.products) out << " " << p->id;
  }
  out << "\nmethodology " << risk.methodology << ", flag threshold " << Fixed(risk.threshold)
      << (risk.flagged ? " — FLAGGED" : " — not flagged") << "\n\n";
  for (const riskdata::ThemeRisk& theme : risk.themes) {
    out << (theme.flagged ? "! " : "  ") << Pad(std::string(riskdata::ThemeId(theme.theme)), 24)
        << Pad(Fixed(theme.score), 9) << theme.explanation << "\n";
    for (const riskdata::RedFlag& flag : theme.flags) {
      out << "      flag " << flag.rule << " (floor " << Fixed(flag.floor) << "): " << flag.detail
          << "  [" << LayerEdition(kb, flag.layer) << "]\n";
    }
    if (theme.sector_level) {
      const riskdata::Source* source = kb.FindSource(theme.sector_source);
      out << "      sector basis: " << theme.sector_note << "  ["
          << (source ? source->title + ", " + source->year : theme.sector_source) << "]\n";
    }
  }
  for (const std::string& note : risk.notes) out << "\nNote: " << note << "\n";
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
        << Fixed(info.severity) << "  " << info.basis << "\n";
  }
  out << "OECD guidance:";
  for (const std::string& id : g.guidance) {
    const riskdata::Source* source = kb.FindSource(id);
    out << "\n  - " << (source ? source->title + " (" + source->year + ")" : id);
  }
  out << "\nTemplate chain:\n";
  for (const riskdata::TemplateTier& tier : g.tiers) {
    out << "  tier " << tier.tier << "  " << Pad(tier.role, 44) << Pad(tier.sector, 26);
    for (const riskdata::Origin& o : tier.origins) {
      out << (o.region.empty() ? o.country : o.region) << " " << Fixed(o.share) << "  ";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace

Result<std::string> ReportCountryRisk(const riskdata::KnowledgeBase& kb, const std::string& code,
                                      OutputFormat format) {
  auto risk = kb.AssessCountry(code);
  if (!risk) return risk.error();
  if (format == OutputFormat::kJson) return CountryRiskJson(kb, *risk).dump(2);
  return CountryText(kb, *risk);
}

Result<std::string> ReportSiteRisk(const riskdata::KnowledgeBase& kb,
                                   const riskdata::SiteQuery& query, OutputFormat format) {
  auto risk = kb.AssessSite(query);
  if (!risk) return risk.error();
  if (format == OutputFormat::kJson) return SiteRiskJson(kb, *risk).dump(2);
  return SiteText(kb, *risk);
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
                                 const riskdata::TenderQuery& query, OutputFormat format) {
  auto advice = kb.CheckTender(query);
  if (!advice) return advice.error();
  if (format == OutputFormat::kJson) return TenderAdviceJson(kb, *advice).dump(2);
  std::ostringstream out;
  out << "Tender check (methodology " << advice->methodology << ")\n";
  for (const riskdata::CpvEntry& e : advice->cpv) out << "  CPV " << e.code << " " << e.en << "\n";
  if (advice->product_group) {
    out << "  Product group: " << advice->product_group->name_en << "\n";
  } else {
    out << "  Generic answer: " << advice->generic_basis << "\n";
  }
  const riskdata::IsvAdvice& isv = advice->isv;
  out << "\nISV clause: "
      << (isv.mandatory ? "MANDATORY"
          : isv.advised ? "advised"
                        : "not advised")
      << "\n  " << isv.reason << "\n\nThemes, severity first, then likelihood:\n";
  int rank = 0;
  for (const riskdata::ThemeAdvice& t : advice->themes) {
    out << Pad(std::to_string(++rank) + ".", 4) << Pad(std::string(riskdata::ThemeId(t.theme)), 24)
        << "severity " << Fixed(t.severity) << "  likelihood "
        << (t.likelihood ? Fixed(*t.likelihood) : std::string("no data"))
        << (t.salient ? "" : "  (lower likelihood)") << "\n";
    if (!t.salient) continue;
    out << "      why: " << t.reason << "\n";
    for (const std::string& q : t.questions) out << "      ask bidders: " << q << "\n";
    for (const std::string& m : t.measures) out << "      contract measure: " << m << "\n";
  }
  for (const auto kind : {riskdata::ActionKind::kContractElement, riskdata::ActionKind::kInitiative,
                          riskdata::ActionKind::kLivingWage}) {
    bool first = true;
    for (const riskdata::TenderAction& a : advice->actions) {
      if (a.kind != kind) continue;
      if (first) {
        out << (kind == riskdata::ActionKind::kContractElement ? "\nISV contract elements:\n"
                : kind == riskdata::ActionKind::kInitiative ? "\nSector initiatives to ask for:\n"
                                                            : "\nWage benchmarks:\n");
        first = false;
      }
      const riskdata::Source* source = kb.FindSource(a.source);
      out << "  - " << a.name << ": " << a.text << "  ["
          << (source ? source->title + ", " + source->year : a.source) << "]\n";
    }
  }
  out << "\nOECD guidance:\n";
  for (const riskdata::Source& s : advice->guidance) {
    out << "  " << s.title << " (" << s.publisher << ", " << s.year << ")\n";
  }
  for (const std::string& note : advice->notes) out << "note: " << note << "\n";
  return out.str();
}

}  // namespace isvgraph::api
