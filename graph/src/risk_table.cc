#include <algorithm>
#include <cstdio>

#include "isvgraph/graph/risk_model.h"

namespace isvgraph::graph {

Result<std::unique_ptr<RiskTable>> RiskTable::FromRows(const std::vector<Row>& rows,
                                                       std::string id) {
  std::unique_ptr<RiskTable> table(new RiskTable());
  table->id_ = std::move(id);
  for (const Row& row : rows) {
    if (row.country.empty() || row.sector.empty() || row.theme.empty()) {
      return Status::InvalidArgument("risk table row with an empty country, sector or theme");
    }
    if (row.milli > 1000) return Status::InvalidArgument("risk table score above 1");
    auto theme = std::find(table->themes_.begin(), table->themes_.end(), row.theme);
    if (theme == table->themes_.end()) {
      if (table->themes_.size() == 255) return Status::InvalidArgument("too many themes");
      table->themes_.push_back(row.theme);
      theme = table->themes_.end() - 1;
    }
    const SiteScore score{row.milli, static_cast<uint8_t>(theme - table->themes_.begin())};
    auto [it, inserted] = table->best_.emplace(row.country + '\0' + row.sector, score);
    if (!inserted && score.milli > it->second.milli) it->second = score;
  }
  return table;
}

SiteScore RiskTable::Score(const Site& site) const {
  auto it = best_.find(site.country + '\0' + site.sector);
  return it == best_.end() ? SiteScore{} : it->second;
}

i18n::Text RiskTable::Explain(const Site& site) const {
  using i18n::Msg;
  auto it = best_.find(site.country + '\0' + site.sector);
  if (it == best_.end()) {
    return i18n::Say(Msg::kGraphRiskTableNoRow,
                     {{"table", id_}, {"country", site.country}, {"sector", site.sector}});
  }
  return i18n::Say(Msg::kGraphRiskTableRow,
                   {{"table", id_},
                    {"country", site.country},
                    {"sector", site.sector},
                    {"theme", themes_[it->second.theme]},
                    {"score", i18n::Decimal(it->second.milli / 1000.0, 3)}});
}

}  // namespace isvgraph::graph
