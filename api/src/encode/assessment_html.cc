// The contract report as one self-contained, printable HTML page: no scripts, no external
// files, every number with its reason and every reason with its sources and data editions.

#include <cstdio>
#include <set>
#include <sstream>

#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/base/markup.h"

namespace isvgraph::api {
namespace {

std::string Score(const std::optional<double>& score) {
  if (!score) return "no data";
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", *score);
  return text;
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
                                   const std::string& chain_map_png) {
  std::ostringstream out;
  const graph::Contract& c = a.contract;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Contract "
      << EscapeMarkup(c.id) << " — ISV assessment</title><style>" << kStyle
      << "</style></head><body>\n"
      << "<h1>Contract " << EscapeMarkup(c.id) << ": " << EscapeMarkup(c.title) << "</h1>\n<p>CPV "
      << EscapeMarkup(c.cpv.empty() ? "(none)" : c.cpv) << " · value EUR " << c.value_eur
      << (c.value_note.empty() ? "" : " (" + EscapeMarkup(c.value_note) + ")") << " · tier-1 site "
      << EscapeMarkup(c.tier1_site_id) << " · product group "
      << EscapeMarkup(a.product_group ? a.product_group->name_en : "(none)")
      << "</p>\n<p>Disclosed chain: " << a.reachable << " site(s) down to tier "
      << a.disclosed_depth << "; " << a.assumed_tiers.size()
      << " deeper template tier(s) <span class=\"assumed\">assumed</span> (no data is not no "
         "risk).</p>\n";

  if (!chain_map_png.empty()) {
    out << "<figure><img style=\"max-width:100%\" alt=\"Map of the chain of contract "
        << EscapeMarkup(c.id)
        << ": sites coloured by risk, assumed tiers dashed\" src=\"data:image/png;base64,"
        << Base64(chain_map_png)
        << "\"><figcaption class=\"muted\">The chain on a map. Sites without coordinates are drawn "
           "inside their country; assumed tiers and their links are "
           "dashed.</figcaption></figure>\n";
  }
  out << "<h2>ISV flags</h2>\n<ul>\n";
  for (const contracts::IsvFlag& f : a.flags) {
    out << "<li><span class=\"" << (f.assumed ? "assumed" : "flag") << "\">"
        << EscapeMarkup(std::string(contracts::kFlagKinds.Name(f.kind)))
        << "</span>: " << EscapeMarkup(f.text) << "</li>\n";
  }
  if (a.flags.empty()) out << "<li>none</li>\n";
  out << "</ul>\n";

  std::set<std::string> sources, layers;
  out << "<h2>Chain risk per theme</h2>\n<table><tr><th>Theme</th><th>Severity</th><th>Score</th>"
         "<th>Tier</th><th>Why</th></tr>\n";
  for (const contracts::ChainTheme& t : a.themes) {
    out << "<tr><td>" << EscapeMarkup(kb.theme(t.theme).name_en) << "</td><td>" << t.severity
        << "</td><td class=\"" << (t.flagged ? "flag" : "") << "\">" << Score(t.score)
        << (t.flagged ? " flagged" : "") << "</td><td>" << (t.score ? std::to_string(t.tier) : "")
        << (t.assumed ? " <span class=\"assumed\">assumed</span>" : "") << "</td><td>"
        << EscapeMarkup(t.reason);
    for (const riskdata::RedFlag& flag : t.flags) {
      out << "<br><span class=\"muted\">red flag " << EscapeMarkup(flag.rule) << ": "
          << EscapeMarkup(flag.detail) << "</span>";
      layers.insert(flag.layer);
    }
    out << "</td></tr>\n";
    for (const std::string& s : kb.theme(t.theme).sources) sources.insert(s);
  }
  out << "</table>\n";

  out << "<h2>Flagged disclosed sites</h2>\n<table><tr><th>Site</th><th>Tier</th><th>Score</th>"
         "<th>Worst path</th><th>Why</th></tr>\n";
  for (const contracts::AssessedSite& s : a.flagged_sites) {
    std::string path;
    for (const std::string& hop : s.worst_path) path += (path.empty() ? "" : " → ") + hop;
    out << "<tr><td>" << EscapeMarkup(s.name) << " (" << EscapeMarkup(s.site_id) << ", "
        << EscapeMarkup(s.country) << ")"
        << (s.joint_audit_organisations > 1 ? "<br><span class=\"flag\">joint-audit "
                                              "candidate</span>"
                                            : "")
        << "</td><td>" << s.tier << "</td><td>" << Score(s.score) << "</td><td>"
        << EscapeMarkup(path) << "</td><td>" << EscapeMarkup(s.explanation) << "</td></tr>\n";
  }
  if (a.flagged_sites.empty()) out << "<tr><td colspan=\"5\">none</td></tr>\n";
  out << "</table>\n";

  out << "<h2>Assumed tiers (template priors)</h2>\n<table><tr><th>Tier</th><th>Role</th>"
         "<th>Sector</th><th>Typical places</th></tr>\n";
  for (const contracts::AssumedTier& t : a.assumed_tiers) {
    std::string places;
    for (const riskdata::TierPlace& p : t.prior.places) {
      places += (places.empty() ? "" : ", ") + (p.region.empty() ? p.country : p.region) +
                (p.risk.flagged ? " (flagged)" : "");
    }
    out << "<tr><td>" << t.tier << "</td><td>" << EscapeMarkup(t.prior.role) << "</td><td>"
        << EscapeMarkup(t.prior.sector) << "</td><td>" << EscapeMarkup(places) << "</td></tr>\n";
    if (!t.prior.source.empty()) sources.insert(t.prior.source);
  }
  out << "</table>\n";
  if (a.isv && !a.isv->threshold_source.empty()) sources.insert(a.isv->threshold_source);

  out << "<h2>ISV follow-up</h2>\n<table><tr><th>Date</th><th>Step</th><th>Tier</th><th>Note</th>"
         "</tr>\n";
  for (const graph::FollowUpStep& step : c.followup) {
    out << "<tr><td>" << EscapeMarkup(step.date) << "</td><td>" << EscapeMarkup(step.step)
        << "</td><td>"
        << (step.tier == 0   ? "contractor"
            : step.tier == 1 ? "tier 1"
                             : "further up")
        << "</td><td>" << EscapeMarkup(step.note) << "</td></tr>\n";
  }
  if (c.followup.empty()) out << "<tr><td colspan=\"4\">no steps recorded</td></tr>\n";
  out << "</table>\n";

  if (!a.gaps.empty()) {
    out << "<h2>Data gaps</h2>\n<p>Scored as missing data, never as low risk.</p>\n<table>\n"
           "<tr><th>Site</th><th>Tier</th><th>Missing</th><th>What it means</th></tr>\n";
    for (const contracts::DataGap& g : a.gaps) {
      out << "<tr><td>" << EscapeMarkup(g.name) << " (" << EscapeMarkup(g.site_id) << ")</td><td>"
          << g.tier << "</td><td>" << EscapeMarkup(g.field) << "</td><td>" << EscapeMarkup(g.text)
          << "</td></tr>\n";
    }
    out << "</table>\n";
  }

  out << "<h2>Method, data and sources</h2>\n<p>Methodology <b>" << EscapeMarkup(a.methodology)
      << "</b> (docs/methodology.md). Scores are 0..1, 1 = highest risk; a theme is flagged at "
      << kb.flag_threshold() << " or above.</p>\n<ul>\n";
  for (const riskdata::LayerInfo& layer : kb.layers()) {
    if (!layer.loaded) continue;
    out << "<li>" << EscapeMarkup(layer.title) << " — " << EscapeMarkup(layer.edition) << " — "
        << EscapeMarkup(layer.publisher) << " (" << EscapeMarkup(layer.licence) << ")"
        << (layers.count(layer.id) ? " <b>cited above</b>" : "") << "</li>\n";
  }
  out << "</ul>\n<ul>\n";
  for (const std::string& id : sources) {
    if (const riskdata::Source* s = kb.FindSource(id)) {
      out << "<li>" << EscapeMarkup(s->title) << " (" << EscapeMarkup(s->publisher) << ", "
          << EscapeMarkup(s->year) << ")</li>\n";
    }
  }
  out << "</ul>\n";
  for (const std::string& note : a.notes)
    out << "<p class=\"muted\">Note: " << EscapeMarkup(note) << "</p>\n";
  out << "</body></html>\n";
  return out.str();
}

}  // namespace isvgraph::api
