// Loads the tender rules: dated EU thresholds for the ISV clause, contract measures and bidder
// questions per theme, and the typical sectors of CPV codes without a product-group profile.

#include <algorithm>
#include <cctype>

#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

bool IsDate(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-';
}

}  // namespace

Status LoadTenderRules(KnowledgeBaseData* data) {
  auto has_source = [&](const std::string& id) { return HasSource(*data, id); };
  auto thresholds = ReadCurated(
      *data, "isv_thresholds.csv",
      {"authority", "contract_type", "threshold_eur", "valid_from", "valid_to", "source"});
  if (!thresholds) return thresholds.error();
  for (const CsvRow& row : thresholds->rows()) {
    auto eur = row.Number("threshold_eur");
    if (!eur) return eur.error();
    if (!*eur) return row.Error("threshold_eur", "empty");
    KnowledgeBaseData::Threshold t{.authority = row.Get("authority"),
                                   .contract_type = row.Get("contract_type"),
                                   .eur = **eur,
                                   .valid_from = row.Get("valid_from"),
                                   .valid_to = row.Get("valid_to"),
                                   .source = row.Get("source")};
    if (!kAuthorities.FromName(t.authority)) {
      return row.Error("authority", "must be " + kAuthorities.Alternatives());
    }
    if (!IsDate(t.valid_from) || !IsDate(t.valid_to)) {
      return row.Error("valid_from", "dates are YYYY-MM-DD");
    }
    if (!has_source(t.source)) return row.Error("source", "unknown source " + t.source);
    data->thresholds.push_back(std::move(t));
  }
  auto known_groups = [&](const CsvRow& row) -> Result<std::vector<std::string>> {
    std::vector<std::string> groups = SplitList(row.Get("groups"));
    for (const std::string& id : groups) {
      const bool known = std::any_of(data->groups.begin(), data->groups.end(),
                                     [&](const ProductGroup& g) { return g.id == id; });
      if (!known) return row.Error("groups", "unknown product group " + id);
    }
    return groups;
  };
  auto measures = ReadCurated(
      *data, "theme_measures.csv",
      {"theme", "groups", "measure", "measure_nl", "question", "question_nl", "source"});
  if (!measures) return measures.error();
  for (const CsvRow& row : measures->rows()) {
    std::optional<Theme> theme = ThemeFromId(row.Get("theme"));
    if (!theme) return row.Error("theme", "unknown theme " + row.Get("theme"));
    if (!has_source(row.Get("source"))) {
      return row.Error("source", "unknown source " + row.Get("source"));
    }
    auto groups = known_groups(row);
    if (!groups) return groups.error();
    data->measures.push_back({*theme, std::move(groups).value(),
                              ReadTranslated(data, row, "measure"),
                              ReadTranslated(data, row, "question"), row.Get("source")});
  }
  auto actions = ReadCurated(*data, "group_actions.csv",
                             {"groups", "kind", "name", "name_nl", "text", "text_nl", "source"});
  if (!actions) return actions.error();
  for (const CsvRow& row : actions->rows()) {
    const std::optional<ActionKind> kind = kActionKinds.FromName(row.Get("kind"));
    if (!kind) return row.Error("kind", "must be " + kActionKinds.Alternatives());
    if (!has_source(row.Get("source"))) {
      return row.Error("source", "unknown source " + row.Get("source"));
    }
    if (row.Get("name").empty() || row.Get("text").empty()) {
      return row.Error("text", "an action needs a name and a text");
    }
    auto groups = known_groups(row);
    if (!groups) return groups.error();
    data->actions.push_back({std::move(groups).value(),
                             {*kind, ReadTranslated(data, row, "name"),
                              ReadTranslated(data, row, "text"), row.Get("source")}});
  }
  for (Theme theme : kAllThemes) {
    bool any = false;
    for (const auto& m : data->measures) any = any || (m.theme == theme && m.groups.empty());
    if (!any) {
      return Status::DataLoss("curated/theme_measures.csv: no measure for any group for theme " +
                              std::string(ThemeId(theme)));
    }
  }
  // CPV prefixes (a division, group or class: 2 to 5 digits) and their typical sector; an
  // empty sector says that the taxonomy has none for the prefix (paper, furniture, chemicals),
  // so that a finer prefix can undo a division's sector that would be wrong for it.
  auto divisions =
      ReadCurated(*data, "cpv_division_sectors.csv", {"cpv_prefix", "sector", "note", "note_nl"});
  if (!divisions) return divisions.error();
  for (const CsvRow& row : divisions->rows()) {
    const std::string prefix = row.Get("cpv_prefix");
    const std::string& sector_id = row.Get("sector");
    bool known = sector_id.empty();
    for (const Sector& sector : data->sectors) known = known || sector.id == sector_id;
    const bool digits = std::all_of(prefix.begin(), prefix.end(), ::isdigit);
    if (prefix.size() < 2 || prefix.size() > 5 || !digits) {
      return row.Error("cpv_prefix", "needs 2 to 5 digits of a CPV code");
    }
    if (!known) return row.Error("sector", "unknown sector " + sector_id);
    data->division_sectors[prefix] = {sector_id, ReadTranslated(data, row, "note")};
  }
  return Status::Ok();
}

}  // namespace isvgraph::riskdata
