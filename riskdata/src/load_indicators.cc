// Loads the country indicators of the methodology (indicators.cc) from their layer files.

#include <set>

#include "csv_table.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

std::string FormatYear(double year) { return std::to_string(static_cast<int>(year)); }

// Collects the values one layer contributes and keeps the layer's coverage figures.
class LayerReader {
 public:
  LayerReader(KnowledgeBaseData* data, const std::string& layer_id)
      : data_(data), layer_id_(layer_id), layer_(data->FindLayer(layer_id)) {}

  Result<CsvTable> Read(const std::vector<std::string>& columns) {
    return CsvTable::Read(data_->LayerPath(layer_id_), layer_->file, columns);
  }

  // Adds the value of `column` (if any) as indicator `indicator` of the row's country.
  Status AddFromColumn(const CsvRow& row, const std::string& iso2, const std::string& indicator,
                       const std::string& column, const std::string& year,
                       const std::string& unit_note = "") {
    Result<std::optional<double>> value = row.Number(column);
    if (!value) return value.error();
    if (*value) Add(iso2, indicator, **value, year, unit_note);
    return Status::Ok();
  }

  void Add(const std::string& iso2, const std::string& indicator, double raw,
           const std::string& year, const std::string& unit_note = "") {
    const IndicatorSpec& spec = FindIndicatorSpec(layer_id_, indicator);
    IndicatorValue value{.theme = spec.theme,
                         .layer = layer_id_,
                         .indicator = indicator,
                         .label = spec.label,
                         .raw = raw,
                         .unit = unit_note.empty() ? spec.unit : spec.unit + ", " + unit_note,
                         .year = year,
                         .normalised = Normalise(spec, raw),
                         .transform = spec.transform};
    value.stale = !year.empty() && std::stoi(year) < kOldestScoredYear;
    data_->indicators[iso2].push_back(std::move(value));
    countries_.insert(iso2);
  }

  void Finish(size_t rows) {
    layer_->loaded = true;
    layer_->rows = static_cast<int>(rows);
    layer_->countries = static_cast<int>(countries_.size());
  }

  KnowledgeBaseData& data() { return *data_; }

 private:
  KnowledgeBaseData* data_;
  std::string layer_id_;
  LayerInfo* layer_;
  std::set<std::string> countries_;
};

// Runs `per_row(row, iso2)` for every row of a country-keyed layer.
template <typename PerRow>
Status ForEachCountryRow(LayerReader& reader, const CsvTable& table, PerRow per_row) {
  for (const CsvRow& row : table.rows()) {
    std::string iso2;
    ISV_RETURN_IF_ERROR(reader.data().Iso2ForIso3(row, "iso3", &iso2));
    if (iso2.empty()) continue;
    ISV_RETURN_IF_ERROR(per_row(row, iso2));
  }
  reader.Finish(table.rows().size());
  return Status::Ok();
}

Status LoadSdgChildLabour(KnowledgeBaseData* data) {
  LayerReader reader(data, "sdg_8_7_1");
  auto table = reader.Read({"iso3", "econ_chores_year", "econ_chores_age", "econ_chores_pct",
                            "econ_year", "econ_age", "econ_pct"});
  if (!table) return table.error();
  return ForEachCountryRow(reader, *table, [&](const CsvRow& row, const std::string& iso2) {
    // The child-labour measure proper (economic activity and household chores) when published,
    // else economic activity only.
    for (const char* prefix : {"econ_chores", "econ"}) {
      const std::string p = prefix;
      Result<std::optional<double>> pct = row.Number(p + "_pct");
      if (!pct) return pct.error();
      if (!*pct) continue;
      Result<std::optional<double>> year = row.Number(p + "_year");
      if (!year) return year.error();
      reader.Add(iso2, "child_labour_pct", **pct, *year ? FormatYear(**year) : "",
                 "ages " + row.Get(p + "_age") + ", series " + p);
      break;
    }
    return Status::Ok();
  });
}

Status LoadDolFindings(KnowledgeBaseData* data) {
  LayerReader reader(data, "dol_findings");
  auto table = reader.Read({"iso3", "children_working_share", "children_working_age_range"});
  if (!table) return table.error();
  return ForEachCountryRow(reader, *table, [&](const CsvRow& row, const std::string& iso2) {
    return reader.AddFromColumn(row, iso2, "children_working_share", "children_working_share",
                                "2022", "ages " + row.Get("children_working_age_range"));
  });
}

Status LoadVdem(KnowledgeBaseData* data) {
  LayerReader reader(data, "vdem");
  auto table = reader.Read({"iso3", "year", "v2xcl_slave", "v2x_frassoc_thick", "v2x_civlib"});
  if (!table) return table.error();
  // Three V-Dem units have no ISO code of their own (Gaza, Somaliland, Zanzibar): left out.
  for (const CsvRow& row : table->rows()) {
    if (row.Get("iso3").empty()) continue;
    std::string iso2;
    ISV_RETURN_IF_ERROR(data->Iso2ForIso3(row, "iso3", &iso2));
    if (iso2.empty()) continue;
    for (const char* column : {"v2xcl_slave", "v2x_frassoc_thick", "v2x_civlib"}) {
      ISV_RETURN_IF_ERROR(reader.AddFromColumn(row, iso2, column, column, row.Get("year")));
    }
  }
  reader.Finish(table->rows().size());
  return Status::Ok();
}

Status LoadSdgLabourRights(KnowledgeBaseData* data) {
  LayerReader reader(data, "sdg_8_8_2");
  auto table = reader.Read({"iso3", "year", "labour_rights_score"});
  if (!table) return table.error();
  return ForEachCountryRow(reader, *table, [&](const CsvRow& row, const std::string& iso2) {
    return reader.AddFromColumn(row, iso2, "labour_rights_score", "labour_rights_score",
                                row.Get("year"));
  });
}

Status LoadWgi(KnowledgeBaseData* data) {
  LayerReader reader(data, "wgi");
  auto table = reader.Read({"iso3", "year", "rl_estimate", "cc_estimate", "pv_estimate"});
  if (!table) return table.error();
  return ForEachCountryRow(reader, *table, [&](const CsvRow& row, const std::string& iso2) {
    for (const char* column : {"rl_estimate", "cc_estimate", "pv_estimate"}) {
      ISV_RETURN_IF_ERROR(reader.AddFromColumn(row, iso2, column, column, row.Get("year")));
    }
    return Status::Ok();
  });
}

Status LoadSdgFatalInjuries(KnowledgeBaseData* data) {
  LayerReader reader(data, "sdg_8_8_1");
  auto table = reader.Read({"iso3", "year", "fatal_per_100k"});
  if (!table) return table.error();
  return ForEachCountryRow(reader, *table, [&](const CsvRow& row, const std::string& iso2) {
    return reader.AddFromColumn(row, iso2, "fatal_per_100k", "fatal_per_100k", row.Get("year"));
  });
}

Status LoadOecdCountryRisk(KnowledgeBaseData* data) {
  LayerReader reader(data, "oecd_crc");
  auto table = reader.Read({"iso3", "crc", "valid_as_of"});
  if (!table) return table.error();
  return ForEachCountryRow(reader, *table, [&](const CsvRow& row, const std::string& iso2) {
    // An empty category means "not classified", which is not category 0: no value.
    return reader.AddFromColumn(row, iso2, "crc", "crc", row.Get("valid_as_of").substr(0, 4));
  });
}

Status LoadUcdp(KnowledgeBaseData* data) {
  LayerReader reader(data, "ucdp_acd");
  auto table = reader.Read({"iso3", "year", "n_internal", "max_intensity_internal"});
  if (!table) return table.error();
  // Only the latest year counts. The dataset is global: a country without a row that year had
  // no state-based conflict with 25 or more battle deaths over its own government or territory,
  // which is a value (0), not a gap.
  int latest = 0;
  for (const CsvRow& row : table->rows()) {
    Result<std::optional<double>> year = row.Number("year");
    if (!year) return year.error();
    if (!*year) return row.Error("year", "empty year");
    latest = std::max(latest, static_cast<int>(**year));
  }
  std::map<std::string, double> intensity;
  for (const CsvRow& row : table->rows()) {
    if (std::stoi(row.Get("year")) != latest) continue;
    std::string iso2;
    ISV_RETURN_IF_ERROR(data->Iso2ForIso3(row, "iso3", &iso2));
    if (iso2.empty()) continue;
    Result<std::optional<double>> internal = row.Number("n_internal");
    if (!internal) return internal.error();
    Result<std::optional<double>> max_internal = row.Number("max_intensity_internal");
    if (!max_internal) return max_internal.error();
    if (*internal && **internal > 0) intensity[iso2] = max_internal->value_or(1);
  }
  for (const Country& country : data->countries) {
    auto it = intensity.find(country.iso2);
    reader.Add(country.iso2, "internal_conflict_intensity",
               it == intensity.end() ? 0.0 : it->second, std::to_string(latest));
  }
  reader.Finish(table->rows().size());
  return Status::Ok();
}

}  // namespace

Status LoadIndicators(KnowledgeBaseData* data) {
  ISV_RETURN_IF_ERROR(LoadSdgChildLabour(data));
  ISV_RETURN_IF_ERROR(LoadDolFindings(data));
  ISV_RETURN_IF_ERROR(LoadVdem(data));
  ISV_RETURN_IF_ERROR(LoadSdgLabourRights(data));
  ISV_RETURN_IF_ERROR(LoadWgi(data));
  ISV_RETURN_IF_ERROR(LoadSdgFatalInjuries(data));
  ISV_RETURN_IF_ERROR(LoadOecdCountryRisk(data));
  return LoadUcdp(data);
}

}  // namespace isvgraph::riskdata
