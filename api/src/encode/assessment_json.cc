#include <cstdio>
#include <sstream>

#include "isvgraph/api/encode/assessment.h"
#include "isvgraph/api/encode/risk_json.h"
#include "isvgraph/contracts/followup.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "isvgraph/i18n/say.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

json OrNull(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

}  // namespace

json ContractAssessmentJson(const riskdata::KnowledgeBase& kb,
                            const contracts::ContractAssessment& a, i18n::Language lang) {
  json themes = json::array();
  for (const contracts::ChainTheme& t : a.themes) {
    themes.push_back({{"theme", riskdata::ThemeId(t.theme)},
                      {"name", kb.theme(t.theme).label().In(lang)},
                      {"severity", t.severity},
                      {"score", t.score ? json(*t.score) : json(nullptr)},
                      {"flagged", t.flagged},
                      {"tier", t.score ? json(t.tier) : json(nullptr)},
                      {"assumed", t.assumed},
                      {"site_id", OrNull(t.site_id)},
                      {"place", OrNull(t.place)},
                      {"reason", t.reason.In(lang)},
                      {"summary", t.summary.In(lang)},
                      {"flags", RedFlagsJson(kb, t.flags, lang)}});
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
                     {"explanation", s.explanation.In(lang)},
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
         {"reason", c.reason.In(lang)},
         {"flagged", c.flagged}});
  }
  json links = json::array();
  for (const auto& [supplier, customer] : a.links) {
    links.push_back({{"supplier_id", supplier}, {"customer_id", customer}});
  }
  json assumed = json::array();
  for (const contracts::AssumedTier& t : a.assumed_tiers)
    assumed.push_back(TierAdviceJson(kb, t.prior, lang));
  json flags = json::array();
  for (const contracts::IsvFlag& f : a.flags) {
    flags.push_back({{"kind", contracts::kFlagKinds.Name(f.kind)},
                     {"text", f.text.In(lang)},
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
                    {"text", g.text.In(lang)}});
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
          {"isv", a.isv ? IsvAdviceJson(kb, *a.isv, lang) : json(nullptr)},
          {"flags", flags},
          {"themes", themes},
          {"flagged_sites", sites},
          {"sites", chain_sites},
          {"links", links},
          {"assumed_tiers", assumed},
          {"gaps", gaps},
          {"notes", i18n::AllIn(lang, a.notes)}};
}

std::string ContractAssessmentText(const riskdata::KnowledgeBase& kb,
                                   const contracts::ContractAssessment& a, i18n::Language lang) {
  using i18n::Msg;
  auto say = [lang](Msg message, std::initializer_list<i18n::Arg> args = {}) {
    return i18n::SayIn(lang, message, args);
  };
  std::ostringstream out;
  out << say(Msg::kAssessTextHeading, {{"id", a.contract.id}, {"title", a.contract.title}})
      << "\n  "
      << say(Msg::kAssessTextSummary,
             {{"group", a.product_group ? a.product_group->label() : i18n::Say(Msg::kReportNone)},
              {"sites", i18n::Count(a.reachable)},
              {"depth", std::to_string(a.disclosed_depth)},
              {"assumed", i18n::Count(static_cast<int64_t>(a.assumed_tiers.size()))}})
      << "\n\n"
      << say(Msg::kAssessTextFlags) << "\n";
  for (const contracts::IsvFlag& f : a.flags)
    out << "  [" << contracts::kFlagKinds.Name(f.kind) << "] " << f.text.In(lang) << "\n";
  out << "\n" << say(Msg::kAssessTextThemes) << "\n";
  for (const contracts::ChainTheme& t : a.themes) {
    out << "  " << riskdata::ThemeId(t.theme) << ": "
        << (t.score ? i18n::Decimal(*t.score, 2).In(lang) : say(Msg::kTextNoData))
        << (t.flagged ? " " + say(Msg::kAssessTextFlagged) : "")
        << (t.assumed ? " (" + say(Msg::kReportAssumed) + ")" : "") << "\n";
    if (t.flagged) out << "      " << t.reason.In(lang) << "\n";
  }
  out << "\n" << say(Msg::kReportFlaggedSites) << ":\n";
  for (const contracts::AssessedSite& s : a.flagged_sites) {
    out << "  " << s.site_id << " " << s.name << " ("
        << say(Msg::kAssessTextSitePlace,
               {{"country", s.country}, {"tier", std::to_string(s.tier)}})
        << "):";
    for (const std::string& hop : s.worst_path) out << " " << hop;
    out << "\n";
  }
  for (const contracts::DataGap& g : a.gaps) {
    out << say(Msg::kAssessTextGap, {{"site", g.site_id},
                                     {"name", g.name},
                                     {"tier", std::to_string(g.tier)},
                                     {"text", g.text}})
        << "\n";
  }
  for (const i18n::Text& note : a.notes) out << say(Msg::kTextNote, {{"note", note}}) << "\n";
  (void)kb;
  return out.str();
}

}  // namespace isvgraph::api
