#include "isvgraph/contracts/assessment.h"

#include <algorithm>
#include <map>

#include "isvgraph/i18n/messages.h"

namespace isvgraph::contracts {
namespace {

using i18n::Msg;
using i18n::Say;
using i18n::Text;

std::string PlaceOf(const std::string& country, const std::string& region) {
  return region.empty() ? country : region;
}

// Keeps the worse of the chain's current worst place and a new one for every theme.
void Consider(std::vector<ChainTheme>& themes, const riskdata::SiteRisk& risk, int tier,
              bool assumed, const std::string& site_id, const std::string& place,
              const Text& label) {
  for (const riskdata::ThemeRisk& theme_risk : risk.themes) {
    ChainTheme& chain = themes[static_cast<size_t>(theme_risk.theme)];
    if (!theme_risk.score || (chain.score && *theme_risk.score <= *chain.score)) continue;
    chain.score = theme_risk.score;
    chain.flagged = theme_risk.flagged;
    chain.tier = tier;
    chain.assumed = assumed;
    chain.site_id = site_id;
    chain.place = place;
    chain.reason = Say(assumed ? Msg::kContractReasonAssumed : Msg::kContractReason,
                       {{"tier", std::to_string(tier)},
                        {"label", label},
                        {"explanation", theme_risk.explanation}});
    chain.summary =
        Say(assumed ? Msg::kPlainAtTierAssumed : Msg::kPlainAtTier,
            {{"tier", std::to_string(tier)}, {"role", label}, {"summary", theme_risk.summary}});
    chain.flags = theme_risk.flags;
  }
}

}  // namespace

Result<ContractAssessment> AssessContract(const graph::ChainGraph& chains,
                                          const riskdata::KnowledgeBase& kb,
                                          const graph::Viewer& viewer,
                                          const std::string& contract_id) {
  auto contract = chains.GetContract(viewer, contract_id);
  if (!contract) return contract.error();
  ContractAssessment out{.contract = *contract};
  for (riskdata::Theme theme : riskdata::kAllThemes) {
    out.themes.push_back({.theme = theme, .severity = kb.theme(theme).severity});
  }
  out.product_group = kb.FindProductGroup(contract->chain_type);
  if (!out.product_group && !contract->cpv.empty()) {
    if (auto resolved = kb.ResolveCpv(contract->cpv)) out.product_group = resolved->product_group;
  }

  // The disclosed chain, scored site by site with the knowledge base.
  auto exposure =
      chains.Exposure(viewer, contract_id, {.all_sites = true, .explain = true, .links = true});
  if (!exposure) return exposure.error();
  out.reachable = exposure->reachable;
  for (const auto& [supplier, customer] : exposure->links) {
    out.links.emplace_back(std::string(supplier), std::string(customer));
  }
  for (const graph::ExposedSite& exposed : exposure->sites) {
    out.disclosed_depth = std::max(out.disclosed_depth, exposed.tier);
    auto site = chains.store().GetSite(std::string(exposed.site_id));
    if (!site) continue;
    riskdata::SiteQuery query{.country = site->country,
                              .region = site->region,
                              .sector = kb.FindSector(site->sector) ? site->sector : "",
                              .name = site->name};
    if (!site->sector.empty() && query.sector.empty()) {
      out.gaps.push_back({.site_id = site->id,
                          .name = site->name,
                          .field = "sector",
                          .tier = exposed.tier,
                          .text = Say(Msg::kGraphSectorNotInTaxonomy, {{"sector", site->sector}})});
    }
    if (site->country.empty()) {
      out.gaps.push_back({.site_id = site->id,
                          .name = site->name,
                          .field = "country",
                          .tier = exposed.tier,
                          .text = Say(Msg::kContractGapCountryUnknown)});
    }
    auto risk = kb.AssessSite(query);
    if (!risk) {
      out.notes.push_back(Say(Msg::kContractNoteSiteNotScored,
                              {{"site", site->id}, {"reason", risk.error().message()}}));
      continue;
    }
    Consider(out.themes, *risk, exposed.tier, false, site->id, PlaceOf(site->country, site->region),
             Text::Same(site->name));
    ChainSite scored{.site = *site, .tier = exposed.tier, .flagged = risk->flagged};
    if (const riskdata::ThemeRisk* worst = riskdata::WorstTheme(*risk)) {
      scored.score = *worst->score;
      scored.worst_theme = worst->theme;
      scored.reason = worst->explanation;
    }
    const double worst_score = scored.score;
    out.sites.push_back(std::move(scored));
    if (!risk->flagged) continue;
    AssessedSite flagged{.site_id = site->id,
                         .name = site->name,
                         .country = site->country,
                         .tier = exposed.tier,
                         .explanation = exposed.explanation};
    for (std::string_view hop : exposed.worst_path) flagged.worst_path.emplace_back(hop);
    flagged.score = worst_score;
    for (const riskdata::ThemeRisk& t : risk->themes) {
      if (t.flagged) flagged.flagged_themes.push_back(t.theme);
    }
    out.flagged_sites.push_back(std::move(flagged));
  }

  // Undisclosed tiers: the template's deeper tiers, as priors.
  if (!out.product_group) {
    out.notes.push_back(Say(Msg::kContractNoteNoProfile));
  } else {
    for (const riskdata::TemplateTier& tier : out.product_group->tiers) {
      const int chain_tier = tier.tier + 1;
      if (chain_tier <= out.disclosed_depth) continue;
      AssumedTier assumed{
          .tier = chain_tier,
          .prior = {
              .tier = chain_tier, .role = tier.role, .sector = tier.sector, .source = tier.source}};
      for (const riskdata::Origin& origin : tier.origins) {
        auto risk = kb.AssessSite(
            {.country = origin.country, .region = origin.region, .sector = tier.sector});
        if (!risk) return risk.error();
        Consider(out.themes, *risk, chain_tier, true, "", PlaceOf(origin.country, origin.region),
                 tier.role);
        assumed.prior.places.push_back({.country = origin.country,
                                        .region = origin.region,
                                        .share = origin.share,
                                        .assumed = true,
                                        .risk = std::move(risk).value()});
      }
      out.assumed_tiers.push_back(std::move(assumed));
    }
  }

  // The ISV flags.
  if (!contract->cpv.empty()) {
    riskdata::TenderQuery query{.cpv = {contract->cpv}};
    if (contract->value_eur > 0) query.value_eur = static_cast<double>(contract->value_eur);
    // The mandatory rule binds central government only; an organisation that has not said
    // what it is (isvgraph org set --authority) is taken as central, and the answer says so.
    auto org = chains.store().GetOrganisation(contract->organisation);
    const std::string authority = org && !org->authority.empty() ? org->authority : "";
    query.authority = authority.empty() ? "central" : authority;
    auto advice = kb.CheckTender(query);
    if (advice) {
      out.isv = advice->isv;
      if (authority.empty()) {
        out.notes.push_back(
            Say(Msg::kContractNoteAssumedCentral, {{"organisation", contract->organisation}}));
      }
      if (advice->isv.mandatory || advice->isv.advised) {
        out.flags.push_back({.kind = advice->isv.mandatory ? FlagKind::kIsvClauseRequired
                                                           : FlagKind::kIsvClauseAdvised,
                             .text = advice->isv.reason});
      }
    } else {
      out.notes.push_back(
          Say(Msg::kContractNoteIsvNotAssessed, {{"reason", advice.error().message()}}));
    }
  } else {
    out.notes.push_back(Say(Msg::kContractNoteNoCpv));
  }
  for (const ChainTheme& theme : out.themes) {
    if (!theme.flagged) continue;
    out.flags.push_back({.kind = FlagKind::kPlanTheme,
                         .text = Say(theme.assumed ? Msg::kContractFlagPlanThemeAssumed
                                                   : Msg::kContractFlagPlanTheme,
                                     {{"theme", kb.theme(theme.theme).label()},
                                      {"tier", std::to_string(theme.tier)},
                                      {"place", theme.place}}),
                         .theme = theme.theme,
                         .tier = theme.tier,
                         .assumed = theme.assumed,
                         .site_id = theme.site_id});
  }
  std::map<std::string, int> shared;
  for (const graph::JointAuditCandidate& c : chains.JointAuditCandidates(viewer, 1000)) {
    shared[c.site_id] = c.organisations;
  }
  for (AssessedSite& site : out.flagged_sites) {
    auto it = shared.find(site.site_id);
    if (it == shared.end() || it->second < 2) continue;
    site.joint_audit_organisations = it->second;
    out.flags.push_back(
        {.kind = FlagKind::kJointAudit,
         .text = Say(Msg::kContractFlagJointAudit, {{"site", site.name},
                                                    {"site_id", site.site_id},
                                                    {"count", std::to_string(it->second)}}),
         .tier = site.tier,
         .site_id = site.site_id});
  }
  std::sort(out.flagged_sites.begin(), out.flagged_sites.end(),
            [](const AssessedSite& a, const AssessedSite& b) {
              return a.score != b.score ? a.score > b.score : a.site_id < b.site_id;
            });
  return out;
}

}  // namespace isvgraph::contracts
