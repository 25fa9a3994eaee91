#include <cstdio>
#include <sstream>

#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/api/encode/risk_json.h"
#include "isvgraph/contracts/followup.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

std::string Fixed(double value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

json OrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json ContractAssessmentJson(const riskdata::KnowledgeBase& kb,
                            const contracts::ContractAssessment& a) {
  json themes = json::array();
  for (const contracts::ChainTheme& t : a.themes) {
    themes.push_back({{"theme", riskdata::ThemeId(t.theme)},
                      {"name", kb.theme(t.theme).name_en},
                      {"severity", t.severity},
                      {"score", t.score ? json(*t.score) : json(nullptr)},
                      {"flagged", t.flagged},
                      {"tier", t.score ? json(t.tier) : json(nullptr)},
                      {"assumed", t.assumed},
                      {"site_id", OrNull(t.site_id)},
                      {"place", OrNull(t.place)},
                      {"reason", t.reason},
                      {"flags", RedFlagsJson(kb, t.flags)}});
  }
  json sites = json::array();
  for (const contracts::AssessedSite& s : a.flagged_sites) {
    json flagged = json::array();
    for (riskdata::Theme theme : s.flagged_themes) flagged.push_back(riskdata::ThemeId(theme));
    sites.push_back({{"site_id", s.site_id},
                     {"name", s.name},
                     {"country", s.country},
                     {"tier", s.tier},
                     {"score", s.score},
                     {"flagged_themes", flagged},
                     {"worst_path", s.worst_path},
                     {"explanation", s.explanation},
                     {"joint_audit_organisations", s.joint_audit_organisations}});
  }
  // The whole disclosed chain, for drawing it: every site reached and every link followed.
  json chain_sites = json::array();
  for (const contracts::ChainSite& c : a.sites) {
    chain_sites.push_back(
        {{"site_id", c.site.id},
         {"name", c.site.name},
         {"country", c.site.country},
         {"region", OrNull(c.site.region)},
         {"sector", OrNull(c.site.sector)},
         {"tier", c.tier},
         {"score", c.score},
         {"worst_theme", c.worst_theme ? json(riskdata::ThemeId(*c.worst_theme)) : json(nullptr)},
         {"reason", c.reason},
         {"flagged", c.flagged}});
  }
  json links = json::array();
  for (const auto& [supplier, customer] : a.links) {
    links.push_back({{"supplier_id", supplier}, {"customer_id", customer}});
  }
  json assumed = json::array();
  for (const contracts::AssumedTier& t : a.assumed_tiers)
    assumed.push_back(TierAdviceJson(kb, t.prior));
  json flags = json::array();
  for (const contracts::IsvFlag& f : a.flags) {
    flags.push_back({{"kind", contracts::kFlagKinds.Name(f.kind)},
                     {"text", f.text},
                     {"theme", f.theme ? json(riskdata::ThemeId(*f.theme)) : json(nullptr)},
                     {"tier", f.tier ? json(f.tier) : json(nullptr)},
                     {"assumed", f.assumed},
                     {"site_id", OrNull(f.site_id)}});
  }
  json gaps = json::array();
  for (const contracts::DataGap& g : a.gaps) {
    gaps.push_back({{"site_id", g.site_id},
                    {"name", g.name},
                    {"field", g.field},
                    {"tier", g.tier},
                    {"text", g.text}});
  }
  json followup = json::array();
  for (const graph::FollowUpStep& step : a.contract.followup) {
    followup.push_back(
        {{"step", step.step}, {"date", step.date}, {"note", step.note}, {"tier", step.tier}});
  }
  return {{"methodology", a.methodology},
          {"followup", followup},
          {"escalation_stage", OrNull(contracts::EscalationStage(a.contract))},
          {"contract",
           {{"id", a.contract.id},
            {"title", a.contract.title},
            {"cpv", OrNull(a.contract.cpv)},
            {"value_eur", a.contract.value_eur},
            {"value_note", OrNull(a.contract.value_note)},
            {"tier1_site_id", a.contract.tier1_site_id}}},
          {"product_group", a.product_group ? json(a.product_group->id) : json(nullptr)},
          {"reachable", a.reachable},
          {"disclosed_depth", a.disclosed_depth},
          {"isv", a.isv ? IsvAdviceJson(kb, *a.isv) : json(nullptr)},
          {"flags", flags},
          {"themes", themes},
          {"flagged_sites", sites},
          {"sites", chain_sites},
          {"links", links},
          {"assumed_tiers", assumed},
          {"gaps", gaps},
          {"notes", a.notes}};
}

std::string ContractAssessmentText(const riskdata::KnowledgeBase& kb,
                                   const contracts::ContractAssessment& a) {
  std::ostringstream out;
  out << "Contract " << a.contract.id << " — " << a.contract.title << "\n"
      << "  product group: " << (a.product_group ? a.product_group->name_en : "(none)")
      << "; disclosed chain: " << a.reachable << " site(s) down to tier " << a.disclosed_depth
      << "; " << a.assumed_tiers.size() << " deeper template tier(s) assumed\n\nFlags:\n";
  for (const contracts::IsvFlag& f : a.flags)
    out << "  [" << contracts::kFlagKinds.Name(f.kind) << "] " << f.text << "\n";
  out << "\nChain risk per theme (worst place; severity never discounted by tier):\n";
  for (const contracts::ChainTheme& t : a.themes) {
    out << "  " << riskdata::ThemeId(t.theme) << ": "
        << (t.score ? Fixed(*t.score) : std::string("no data")) << (t.flagged ? " FLAGGED" : "")
        << (t.assumed ? " (assumed)" : "") << "\n";
    if (t.flagged) out << "      " << t.reason << "\n";
  }
  out << "\nFlagged disclosed sites:\n";
  for (const contracts::AssessedSite& s : a.flagged_sites) {
    out << "  " << s.site_id << " " << s.name << " (" << s.country << ", tier " << s.tier
        << "): path";
    for (const std::string& hop : s.worst_path) out << " " << hop;
    out << "\n";
  }
  for (const contracts::DataGap& g : a.gaps) {
    out << "gap: " << g.site_id << " " << g.name << " (tier " << g.tier << "): " << g.text << "\n";
  }
  for (const std::string& note : a.notes) out << "note: " << note << "\n";
  (void)kb;
  return out.str();
}

}  // namespace isvgraph::api
