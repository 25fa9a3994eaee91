// The contract report as one self-contained, printable HTML page: no scripts, no external
// files, every number with its reason and every reason with its sources and data editions.

#include <cstdio>
#include <set>
#include <sstream>

#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/base/markup.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/say.h"

namespace isvgraph::api {
namespace {

using i18n::Language;
using i18n::Msg;

// A catalogue message in the report's language, escaped for HTML.
std::string Html(Language lang, Msg message, std::initializer_list<i18n::Arg> args = {}) {
  return EscapeMarkup(i18n::SayIn(lang, message, args));
}

std::string Score(const std::optional<double>& score, Language lang) {
  if (!score) return Html(lang, Msg::kTextNoData);
  return i18n::Decimal(*score, 2).In(lang);
}

Msg FlagKindName(contracts::FlagKind kind) {
  switch (kind) {
    case contracts::FlagKind::kIsvClauseRequired:
      return Msg::kFlagKindIsvClauseRequired;
    case contracts::FlagKind::kIsvClauseAdvised:
      return Msg::kFlagKindIsvClauseAdvised;
    case contracts::FlagKind::kPlanTheme:
      return Msg::kFlagKindPlanTheme;
    case contracts::FlagKind::kJointAudit:
      break;
  }
  return Msg::kFlagKindJointAudit;
}

std::string Base64(const std::string& bytes) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[n & 63] : '=';
  }
  return out;
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
.flag{color:#a40000;font-weight:600}.assumed{color:#7a5b00;font-style:italic}.muted{color:#666;font-size:.85rem}
li{margin:.3rem 0}@media print{body{margin:0}h2{page-break-after:avoid}}
)";

}  // namespace

std::string ContractAssessmentHtml(const riskdata::KnowledgeBase& kb,
                                   const contracts::ContractAssessment& a,
                                   const std::string& chain_map_png, Language lang,
                                   const std::string& today) {
  std::ostringstream out;
  const graph::Contract& c = a.contract;
  const std::string none = Html(lang, Msg::kReportNone);
  out << "<!DOCTYPE html>\n<html lang=\"" << i18n::LanguageCode(lang)
      << "\"><head><meta charset=\"utf-8\"><title>" << Html(lang, Msg::kReportTitle, {{"id", c.id}})
      << "</title><style>" << kStyle << "</style></head><body>\n"
      << "<h1>" << Html(lang, Msg::kReportHeading, {{"id", c.id}, {"title", c.title}}) << "</h1>\n";
  if (!today.empty()) {
    out << "<p class=\"muted\">"
        << Html(lang, Msg::kReportMadeOn, {{"date", i18n::LongDate(today)}}) << "</p>\n";
  }
  out << "<p>"
      << Html(lang, Msg::kReportContractLine,
              {{"cpv", c.cpv.empty() ? i18n::Say(Msg::kReportNone) : i18n::Text::Same(c.cpv)},
               {"value", i18n::Euro(static_cast<double>(c.value_eur))},
               {"site", c.tier1_site_id},
               {"group", a.product_group ? a.product_group->label() : i18n::Say(Msg::kReportNone)}})
      << (c.value_note.empty() ? "" : " (" + EscapeMarkup(c.value_note) + ")") << "</p>\n<p>"
      << Html(lang, Msg::kReportDisclosedChain,
              {{"sites", i18n::Count(a.reachable)},
               {"depth", std::to_string(a.disclosed_depth)},
               {"assumed", i18n::Count(static_cast<int64_t>(a.assumed_tiers.size()))}})
      << "</p>\n";

  if (!chain_map_png.empty()) {
    out << "<figure><img style=\"max-width:100%\" alt=\""
        << Html(lang, Msg::kReportMapAlt, {{"id", c.id}}) << "\" src=\"data:image/png;base64,"
        << Base64(chain_map_png) << "\"><figcaption class=\"muted\">"
        << Html(lang, Msg::kReportMapCaption) << "</figcaption></figure>\n";
  }
  out << "<h2>" << Html(lang, Msg::kReportIsvFlags) << "</h2>\n<ul>\n";
  for (const contracts::IsvFlag& f : a.flags) {
    out << "<li><span class=\"" << (f.assumed ? "assumed" : "flag") << "\">"
        << Html(lang, FlagKindName(f.kind)) << "</span>: " << EscapeMarkup(f.text.In(lang))
        << "</li>\n";
  }
  if (a.flags.empty()) out << "<li>" << none << "</li>\n";
  out << "</ul>\n";

  std::set<std::string> sources, layers;
  out << "<h2>" << Html(lang, Msg::kReportThemesHeading) << "</h2>\n<table><tr><th>"
      << Html(lang, Msg::kReportColTheme) << "</th><th>" << Html(lang, Msg::kReportColSeverity)
      << "</th><th>" << Html(lang, Msg::kReportColScore) << "</th><th>"
      << Html(lang, Msg::kReportColTier) << "</th><th>" << Html(lang, Msg::kReportColWhy)
      << "</th></tr>\n";
  const std::string assumed_mark =
      " <span class=\"assumed\">" + Html(lang, Msg::kReportAssumed) + "</span>";
  for (const contracts::ChainTheme& t : a.themes) {
    out << "<tr><td>" << EscapeMarkup(kb.theme(t.theme).label().In(lang)) << "</td><td>"
        << i18n::Decimal(t.severity, 2).In(lang) << "</td><td class=\"" << (t.flagged ? "flag" : "")
        << "\">" << Score(t.score, lang) << (t.flagged ? " " + Html(lang, Msg::kReportFlagged) : "")
        << "</td><td>" << (t.score ? std::to_string(t.tier) : "") << (t.assumed ? assumed_mark : "")
        << "</td><td>";
    // The plain sentence first, the calculation behind it below (as the web UI shows them).
    if (!t.summary.empty()) {
      out << EscapeMarkup(t.summary.In(lang)) << "<br><span class=\"muted\">"
          << EscapeMarkup(t.reason.In(lang)) << "</span>";
    } else {
      out << EscapeMarkup(t.reason.In(lang));
    }
    for (const riskdata::RedFlag& flag : t.flags) {
      out << "<br><span class=\"muted\">"
          << Html(lang, Msg::kReportRedFlag, {{"rule", flag.rule}, {"detail", flag.detail}})
          << "</span>";
      layers.insert(flag.layer);
    }
    out << "</td></tr>\n";
    for (const std::string& s : kb.theme(t.theme).sources) sources.insert(s);
  }
  out << "</table>\n";

  out << "<h2>" << Html(lang, Msg::kReportFlaggedSites) << "</h2>\n<table><tr><th>"
      << Html(lang, Msg::kReportColSite) << "</th><th>" << Html(lang, Msg::kReportColTier)
      << "</th><th>" << Html(lang, Msg::kReportColScore) << "</th><th>"
      << Html(lang, Msg::kReportColWorstPath) << "</th><th>" << Html(lang, Msg::kReportColWhy)
      << "</th></tr>\n";
  for (const contracts::AssessedSite& s : a.flagged_sites) {
    std::string path;
    for (const std::string& hop : s.worst_path) path += (path.empty() ? "" : " → ") + hop;
    out << "<tr><td>" << EscapeMarkup(s.name) << " (" << EscapeMarkup(s.site_id) << ", "
        << EscapeMarkup(s.country) << ")"
        << (s.joint_audit_organisations > 1
                ? "<br><span class=\"flag\">" + Html(lang, Msg::kReportJointAuditCandidate) +
                      "</span>"
                : "")
        << "</td><td>" << s.tier << "</td><td>" << Score(s.score, lang) << "</td><td>"
        << EscapeMarkup(path) << "</td><td>";
    // The flagged themes by name first, the calculation below.
    std::string themes;
    for (riskdata::Theme theme : s.flagged_themes) {
      themes += (themes.empty() ? "" : ", ") + kb.theme(theme).label().In(lang);
    }
    if (!themes.empty()) out << "<b>" << EscapeMarkup(themes) << "</b><br>";
    out << "<span class=\"muted\">" << EscapeMarkup(s.explanation.In(lang))
        << "</span></td></tr>\n";
  }
  if (a.flagged_sites.empty()) out << "<tr><td colspan=\"5\">" << none << "</td></tr>\n";
  out << "</table>\n";

  out << "<h2>" << Html(lang, Msg::kReportAssumedTiers) << "</h2>\n<table><tr><th>"
      << Html(lang, Msg::kReportColTier) << "</th><th>" << Html(lang, Msg::kReportColRole)
      << "</th><th>" << Html(lang, Msg::kReportColSector) << "</th><th>"
      << Html(lang, Msg::kReportColTypicalPlaces) << "</th></tr>\n";
  const std::string flagged_mark = " (" + Html(lang, Msg::kReportFlagged) + ")";
  for (const contracts::AssumedTier& t : a.assumed_tiers) {
    std::string places;
    for (const riskdata::TierPlace& p : t.prior.places) {
      places += (places.empty() ? "" : ", ") +
                EscapeMarkup(p.region.empty() ? p.country : p.region) +
                (p.risk.flagged ? flagged_mark : "");
    }
    const riskdata::Sector* sector = kb.FindSector(t.prior.sector);
    out << "<tr><td>" << t.tier << "</td><td>" << EscapeMarkup(t.prior.role.In(lang)) << "</td><td>"
        << EscapeMarkup(sector ? sector->label().In(lang) : t.prior.sector) << "</td><td>" << places
        << "</td></tr>\n";
    if (!t.prior.source.empty()) sources.insert(t.prior.source);
  }
  if (a.assumed_tiers.empty()) out << "<tr><td colspan=\"4\">" << none << "</td></tr>\n";
  out << "</table>\n";
  if (a.isv && !a.isv->threshold_source.empty()) sources.insert(a.isv->threshold_source);

  out << "<h2>" << Html(lang, Msg::kReportFollowUp) << "</h2>\n<table><tr><th>"
      << Html(lang, Msg::kReportColDate) << "</th><th>" << Html(lang, Msg::kReportColStep)
      << "</th><th>" << Html(lang, Msg::kReportColTier) << "</th><th>"
      << Html(lang, Msg::kReportColNote) << "</th></tr>\n";
  for (const graph::FollowUpStep& step : c.followup) {
    out << "<tr><td>" << EscapeMarkup(i18n::LongDate(step.date).In(lang)) << "</td><td>"
        << EscapeMarkup(step.step) << "</td><td>"
        << Html(lang, step.tier == 0   ? Msg::kReportStepContractor
                      : step.tier == 1 ? Msg::kReportStepTier1
                                       : Msg::kReportStepFurtherUp)
        << "</td><td>" << EscapeMarkup(step.note) << "</td></tr>\n";
  }
  if (c.followup.empty()) {
    out << "<tr><td colspan=\"4\">" << Html(lang, Msg::kReportNoSteps) << "</td></tr>\n";
  }
  out << "</table>\n";

  if (!a.gaps.empty()) {
    out << "<h2>" << Html(lang, Msg::kReportDataGaps) << "</h2>\n<p>"
        << Html(lang, Msg::kReportDataGapsIntro) << "</p>\n<table>\n<tr><th>"
        << Html(lang, Msg::kReportColSite) << "</th><th>" << Html(lang, Msg::kReportColTier)
        << "</th><th>" << Html(lang, Msg::kReportColMissing) << "</th><th>"
        << Html(lang, Msg::kReportColMeaning) << "</th></tr>\n";
    for (const contracts::DataGap& g : a.gaps) {
      out << "<tr><td>" << EscapeMarkup(g.name) << " (" << EscapeMarkup(g.site_id) << ")</td><td>"
          << g.tier << "</td><td>" << EscapeMarkup(g.field) << "</td><td>"
          << EscapeMarkup(g.text.In(lang)) << "</td></tr>\n";
    }
    out << "</table>\n";
  }

  out << "<h2>" << Html(lang, Msg::kReportMethodHeading) << "</h2>\n<p>"
      << Html(
             lang, Msg::kReportMethod,
             {{"methodology", a.methodology}, {"threshold", i18n::Decimal(kb.flag_threshold(), 2)}})
      << "</p>\n<ul>\n";
  const std::string cited = " <b>" + Html(lang, Msg::kReportCitedAbove) + "</b>";
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    if (!layer.loaded) continue;
    out << "<li>" << EscapeMarkup(layer.title) << " — " << EscapeMarkup(layer.edition) << " — "
        << EscapeMarkup(layer.publisher) << " (" << EscapeMarkup(layer.licence) << ")"
        << (layers.count(layer.id) ? cited : "") << "</li>\n";
  }
  out << "</ul>\n<ul>\n";
  for (const std::string& id : sources) {
    if (const riskdata::Source* s = kb.FindSource(id)) {
      out << "<li>" << EscapeMarkup(s->title) << " (" << EscapeMarkup(s->publisher) << ", "
          << EscapeMarkup(s->year) << ")</li>\n";
    }
  }
  out << "</ul>\n";
  for (const i18n::Text& note : a.notes) {
    out << "<p class=\"muted\">" << Html(lang, Msg::kTextNote, {{"note", note}}) << "</p>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

}  // namespace isvgraph::api
