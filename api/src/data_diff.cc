#include "isvgraph/api/data_diff.h"

#include <map>
#include <set>
#include <sstream>

#include "isvgraph/i18n/format.h"

namespace isvgraph::api {
namespace {

using contracts::ContractAssessment;

std::string IsvVerdict(const ContractAssessment& a) {
  if (!a.isv) return "no CPV code";
  return a.isv->mandatory ? "mandatory" : a.isv->advised ? "advised" : "not needed";
}

// The flags that depend on the risk data, as comparable lines ("plan_theme child_labour tier 4
// IN-KA"); joint-audit flags come from the store's index and are the same on both sides.
std::set<std::string> FlagLines(const ContractAssessment& a) {
  std::set<std::string> lines;
  for (const contracts::IsvFlag& flag : a.flags) {
    if (flag.kind == contracts::FlagKind::kJointAudit) continue;
    std::string line(contracts::kFlagKinds.Name(flag.kind));
    if (flag.theme) line += " " + std::string(riskdata::ThemeId(*flag.theme));
    if (flag.tier) line += " tier " + std::to_string(flag.tier);
    if (!flag.site_id.empty()) line += " site " + flag.site_id;
    lines.insert(line);
  }
  return lines;
}

// Flagged themes per disclosed site: "site Q1 (Example Quarry): child_labour, forced_labour".
std::map<std::string, std::string> SiteLines(const ContractAssessment& a) {
  std::map<std::string, std::string> lines;
  for (const contracts::AssessedSite& site : a.flagged_sites) {
    std::string themes;
    for (riskdata::Theme theme : site.flagged_themes) {
      themes += (themes.empty() ? "" : ", ") + std::string(riskdata::ThemeId(theme));
    }
    lines[site.site_id] = site.name + ": " + themes;
  }
  return lines;
}

std::string Score(const std::optional<double>& score) {
  return score ? i18n::Decimal(*score).en : "no data";
}

// Why the two assessments differ: listings (red flags) that went or came, and theme scores that
// moved, per theme.
std::vector<std::string> Causes(const ContractAssessment& from, const ContractAssessment& to) {
  std::vector<std::string> causes;
  for (size_t i = 0; i < from.themes.size() && i < to.themes.size(); ++i) {
    const contracts::ChainTheme& a = from.themes[i];
    const contracts::ChainTheme& b = to.themes[i];
    const std::string theme(riskdata::ThemeId(a.theme));
    auto listed = [](const contracts::ChainTheme& t) {
      std::map<std::string, std::string> out;  // rule + detail → "layer: detail"
      for (const riskdata::RedFlag& f : t.flags)
        out[f.rule + "|" + f.detail.en] = f.layer + ": " + f.detail.en;
      return out;
    };
    const auto before = listed(a), after = listed(b);
    for (const auto& [key, text] : before) {
      if (!after.count(key)) causes.push_back(theme + ": listing gone — " + text);
    }
    for (const auto& [key, text] : after) {
      if (!before.count(key)) causes.push_back(theme + ": listing new — " + text);
    }
    if (a.score != b.score || a.flagged != b.flagged) {
      causes.push_back(theme + ": chain score " + Score(a.score) + (a.flagged ? " (flagged)" : "") +
                       " -> " + Score(b.score) + (b.flagged ? " (flagged)" : ""));
    }
  }
  return causes;
}

// The changes between two assessments of one contract, each with its causes.
void Compare(const ContractAssessment& a, const ContractAssessment& b, ContractDiff* changed) {
  const std::vector<std::string> causes = Causes(a, b);
  if (IsvVerdict(a) != IsvVerdict(b)) {
    changed->changes.push_back(
        {.what = "isv", .before = IsvVerdict(a), .after = IsvVerdict(b), .causes = causes});
  }
  const std::set<std::string> flags_a = FlagLines(a), flags_b = FlagLines(b);
  for (const std::string& flag : flags_a) {
    if (!flags_b.count(flag)) changed->changes.push_back({"flag", flag, "", causes});
  }
  for (const std::string& flag : flags_b) {
    if (!flags_a.count(flag)) changed->changes.push_back({"flag", "", flag, causes});
  }
  const auto sites_a = SiteLines(a), sites_b = SiteLines(b);
  std::set<std::string> ids;
  for (const auto& [id, line] : sites_a) ids.insert(id);
  for (const auto& [id, line] : sites_b) ids.insert(id);
  for (const std::string& id : ids) {
    const std::string was = sites_a.count(id) ? sites_a.at(id) : "";
    const std::string now = sites_b.count(id) ? sites_b.at(id) : "";
    if (was != now) changed->changes.push_back({"site " + id, was, now, causes});
  }
  // A listing the chain reaches that went or came without moving a flag: the verdict holds (on
  // other listings or scores), but the buyer should still hear that its basis changed.
  if (changed->changes.empty()) {
    std::vector<std::string> listings;
    for (const std::string& cause : causes) {
      if (cause.find(": listing ") != std::string::npos) listings.push_back(cause);
    }
    if (!listings.empty()) {
      changed->changes.push_back(
          {"listings", "flags as before", "flags as before, on other grounds", listings});
    }
  }
}

}  // namespace

std::vector<LayerChange> CompareLayers(const riskdata::KnowledgeBase& from,
                                       const riskdata::KnowledgeBase& to) {
  std::vector<LayerChange> changes;
  std::map<std::string, const riskdata::LayerInfo*> before;
  for (const riskdata::LayerInfo& layer : from.layers()) before[layer.id] = &layer;
  for (const riskdata::LayerInfo& layer : to.layers()) {
    auto describe = [](const riskdata::LayerInfo& l) {
      return l.loaded ? l.edition + " (" + std::to_string(l.rows) + " rows)" : "not loaded";
    };
    auto it = before.find(layer.id);
    const std::string was = it == before.end() ? "absent" : describe(*it->second);
    if (was != describe(layer)) changes.push_back({layer.id, was, describe(layer)});
    if (it != before.end()) before.erase(it);
  }
  for (const auto& [id, layer] : before) changes.push_back({id, layer->edition, "absent"});
  return changes;
}

Result<DataDiff> DiffRiskData(const Service& service, const riskdata::KnowledgeBase& from,
                              const riskdata::KnowledgeBase& to, const std::string& organisation) {
  DataDiff diff{.layers = CompareLayers(from, to)};
  std::vector<std::string> organisations = {organisation};
  if (organisation.empty()) {
    auto ids = service.OrganisationIds();
    if (!ids) return ids.error();
    organisations = std::move(ids).value();
  }
  for (const std::string& org : organisations) {
    const graph::Viewer viewer{.organisation = org};
    std::string after;
    do {
      auto page = service.ListContracts(viewer, after, 500);
      if (!page) return page.error();
      for (const graph::Contract& contract : page->items) {
        ++diff.contracts_checked;
        auto a = service.AssessContractWith(from, viewer, contract.id);
        auto b = service.AssessContractWith(to, viewer, contract.id);
        ContractDiff changed{
            .organisation = org, .contract_id = contract.id, .title = contract.title};
        if (!a || !b) {
          changed.changes.push_back(
              {.what = "assessment",
               .before = a ? "assessed" : "not assessed: " + a.error().message(),
               .after = b ? "assessed" : "not assessed: " + b.error().message()});
        } else {
          Compare(*a, *b, &changed);
        }
        if (!changed.changes.empty()) diff.contracts.push_back(std::move(changed));
      }
      after = page->next_after;
    } while (!after.empty());
  }
  return diff;
}

std::string DataDiffText(const DataDiff& diff) {
  std::ostringstream out;
  out << "Risk data: " << diff.layers.size() << " layer(s) changed\n";
  for (const LayerChange& layer : diff.layers) {
    out << "  " << layer.layer << ": " << layer.before << " -> " << layer.after << "\n";
  }
  out << "Contracts: " << diff.contracts_checked << " checked, " << diff.contracts.size()
      << " with changed flags or ISV verdict\n";
  std::string organisation;
  for (const ContractDiff& contract : diff.contracts) {
    if (contract.organisation != organisation) {
      organisation = contract.organisation;
      out << "\n" << organisation << "\n";
    }
    out << "  " << contract.contract_id << " — " << contract.title << "\n";
    std::set<std::string> causes;
    for (const ContractChange& change : contract.changes) {
      out << "    " << change.what << ": " << (change.before.empty() ? "(none)" : change.before)
          << " -> " << (change.after.empty() ? "(none)" : change.after) << "\n";
      causes.insert(change.causes.begin(), change.causes.end());
    }
    for (const std::string& cause : causes) out << "      because " << cause << "\n";
  }
  return out.str();
}

}  // namespace isvgraph::api
