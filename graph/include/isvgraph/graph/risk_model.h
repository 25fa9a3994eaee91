#pragma once

// SiteRiskModel: the per-site risk the chain analytics use. The graph asks it once per site when
// the index is built, so scoring costs nothing at query time. Two models exist: the knowledge
// base's methodology (NewKnowledgeBaseRiskModel, for real chains) and RiskTable (the benchmark's
// risk.csv). Thread-safety: implementations must be safe to call from several threads at once.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "isvgraph/base/result.h"
#include "isvgraph/graph/records.h"
#include "isvgraph/i18n/format.h"
#include "isvgraph/i18n/messages.h"
#include "isvgraph/riskdata/knowledge_base.h"

namespace isvgraph::graph {

// A site's score in thousandths (0..1000) and the theme that gives it (index into themes()).
struct SiteScore {
  uint16_t milli = 0;
  uint8_t theme = 0;
};

class SiteRiskModel {
 public:
  virtual ~SiteRiskModel() = default;
  virtual SiteScore Score(const Site& site) const = 0;
  // One sentence naming the inputs of the score, for flags' explanations.
  virtual i18n::Text Explain(const Site& site) const = 0;
  virtual const std::vector<std::string>& themes() const = 0;
  // Identifies the model and its data in answers, e.g. "isvgraph-risk-v2".
  virtual std::string id() const = 0;
};

// The knowledge base's methodology (riskdata, docs/methodology.md) as the chain engine's model:
// a site scores its worst theme for its country, region and sector; a sector the knowledge base
// does not know is left out and said so. Scores are cached per (country, region, sector).
std::shared_ptr<const SiteRiskModel> NewKnowledgeBaseRiskModel(
    std::shared_ptr<const riskdata::KnowledgeBase> kb);

// A (country, sector, theme) → score table: the benchmark's risk.csv (docs/benchmark.md).
// site score = the maximum over themes of the row for (country, sector); 0 without a row.
class RiskTable final : public SiteRiskModel {
 public:
  struct Row {
    std::string country;
    std::string sector;
    std::string theme;
    uint16_t milli = 0;  // score × 1000, exact (risk.csv has three decimals)
  };
  // InvalidArgument for a score outside 0..1000 or an empty key.
  static Result<std::unique_ptr<RiskTable>> FromRows(const std::vector<Row>& rows, std::string id);

  SiteScore Score(const Site& site) const override;
  i18n::Text Explain(const Site& site) const override;
  const std::vector<std::string>& themes() const override { return themes_; }
  std::string id() const override { return id_; }

 private:
  RiskTable() = default;
  std::string id_;
  std::vector<std::string> themes_;
  std::unordered_map<std::string, SiteScore> best_;  // country \0 sector → highest theme
};

}  // namespace isvgraph::graph
