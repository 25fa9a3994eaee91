// Loads the registry files: layers, sources, themes and the ISO 3166 country list.

#include <filesystem>

#include "country_names.h"
#include "csv_table.h"
#include "isvgraph/i18n/format.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

std::string CuratedPath(const KnowledgeBaseData& data, const std::string& file) {
  return (std::filesystem::path(data.options.data_dir) / "curated" / file).string();
}

Status LoadLayers(KnowledgeBaseData* data) {
  auto table = CsvTable::Read(
      CuratedPath(*data, "layers.csv"), "curated/layers.csv",
      {"id", "file", "title", "publisher", "edition", "licence", "optional", "attribution"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    LayerInfo layer{.id = row.Get("id"),
                    .file = row.Get("file"),
                    .title = row.Get("title"),
                    .publisher = row.Get("publisher"),
                    .edition = row.Get("edition"),
                    .licence = row.Get("licence"),
                    .attribution = row.Get("attribution")};
    Result<bool> optional = row.Flag("optional");
    if (!optional) return optional.error();
    layer.optional = *optional;
    if (layer.id.empty()) return row.Error("id", "empty layer id");
    if (data->FindLayer(layer.id) != nullptr) return row.Error("id", "duplicate " + layer.id);
    data->layers.push_back(std::move(layer));
  }
  // Every layer the loaders read must be registered.
  for (const char* id : {"countries", "dol_goods", "dol_findings", "wgi", "sdg_8_8_2", "sdg_8_7_1",
                         "sdg_8_8_1", "vdem", "ucdp_acd", "oecd_crc", "eu_cahra", "uflpa_entities",
                         "uflpa_sectors", "cpv", "isic", "hs"}) {
    if (data->FindLayer(id) == nullptr) {
      return Status::DataLoss("curated/layers.csv: layer '" + std::string(id) +
                              "' is not registered");
    }
  }
  return Status::Ok();
}

Status LoadSources(KnowledgeBaseData* data) {
  auto table = CsvTable::Read(CuratedPath(*data, "sources.csv"), "curated/sources.csv",
                              {"id", "title", "publisher", "year", "note"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    if (row.Get("id").empty() || row.Get("title").empty()) {
      return row.Error("id", "a source needs an id and a title");
    }
    data->sources.push_back(Source{.id = row.Get("id"),
                                   .title = row.Get("title"),
                                   .publisher = row.Get("publisher"),
                                   .year = row.Get("year"),
                                   .note = row.Get("note")});
  }
  return Status::Ok();
}

Status LoadThemes(KnowledgeBaseData* data) {
  auto table = CsvTable::Read(
      CuratedPath(*data, "themes.csv"), "curated/themes.csv",
      {"id", "name_en", "name_nl", "severity", "basis_sources", "basis", "basis_nl"});
  if (!table) return table.error();
  std::map<Theme, ThemeInfo> by_theme;
  for (const CsvRow& row : table->rows()) {
    std::optional<Theme> theme = ThemeFromId(row.Get("id"));
    if (!theme) return row.Error("id", "unknown theme '" + row.Get("id") + "'");
    Result<std::optional<double>> severity = row.Number("severity");
    if (!severity) return severity.error();
    if (!*severity || **severity < 0 || **severity > 1) {
      return row.Error("severity", "must be a number in 0..1");
    }
    ThemeInfo info{.theme = *theme,
                   .name_en = row.Get("name_en"),
                   .name_nl = row.Get("name_nl"),
                   .severity = **severity,
                   .basis = ReadTranslated(data, row, "basis"),
                   .sources = SplitList(row.Get("basis_sources"))};
    for (const std::string& source : info.sources) {
      bool known = false;
      for (const Source& s : data->sources) known = known || s.id == source;
      if (!known) return row.Error("basis_sources", "unknown source '" + source + "'");
    }
    data->translated.push_back({row.Where() + " name_en", info.label()});
    by_theme[*theme] = std::move(info);
  }
  for (Theme theme : kAllThemes) {
    auto it = by_theme.find(theme);
    if (it == by_theme.end()) {
      return Status::DataLoss("curated/themes.csv: theme '" + std::string(ThemeId(theme)) +
                              "' is missing");
    }
    data->themes.push_back(it->second);
  }
  return Status::Ok();
}

Status LoadCountries(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("countries");
  auto table = CsvTable::Read(
      data->LayerPath("countries"), layer->file,
      {"iso2", "iso3", "iso_numeric", "name", "name_official_un", "m49_region", "m49_subregion"});
  if (!table) return table.error();
  // Countries that ISO 3166-1 does not list but the risk layers do, under user-assigned codes
  // (Kosovo, XK/XKX), each with its source: read after the layer, in the same way.
  auto extra =
      ReadCurated(*data, "countries_user_assigned.csv",
                  {"iso2", "iso3", "name", "m49_region", "m49_subregion", "source", "note"});
  if (!extra) return extra.error();
  std::vector<std::pair<const CsvRow*, bool>> rows;  // (row, user-assigned)
  for (const CsvRow& row : table->rows()) rows.emplace_back(&row, false);
  for (const CsvRow& row : extra->rows()) {
    if (!HasSource(*data, row.Get("source"))) {
      return row.Error("source", "unknown source '" + row.Get("source") + "'");
    }
    rows.emplace_back(&row, true);
  }
  for (const auto& [each, user_assigned] : rows) {
    const CsvRow& row = *each;
    const std::string no_value;
    const std::string& official = user_assigned ? no_value : row.Get("name_official_un");
    Country country{.iso2 = row.Get("iso2"),
                    .iso3 = row.Get("iso3"),
                    .numeric = user_assigned ? no_value : row.Get("iso_numeric"),
                    .name = row.Get("name"),
                    .name_nl = i18n::CountryName(row.Get("iso2"), row.Get("name")).nl,
                    .m49_region = row.Get("m49_region"),
                    .m49_subregion = row.Get("m49_subregion")};
    if (country.iso2.size() != 2) return row.Error("iso2", "not a 2-letter code");
    if (country.iso3.size() != 3) return row.Error("iso3", "not a 3-letter code");
    const size_t index = data->countries.size();
    // ISO 3166-1 numeric codes as published ("036") and as a number loses them ("36").
    const std::string numeric_short =
        country.numeric.empty() || country.numeric == "000"
            ? ""
            : country.numeric.substr(country.numeric.find_first_not_of('0'));
    for (const std::string& key : {country.iso2, country.iso3, country.numeric, numeric_short,
                                   Upper(country.name), Upper(official)}) {
      if (key.empty()) continue;
      auto [it, inserted] = data->country_by_key.emplace(key, index);
      if (!inserted && it->second != index && key.size() <= 3) {
        return row.Error("iso2", "duplicate code " + key);
      }
    }
    data->iso2_by_iso3[country.iso3] = country.iso2;
    for (const std::string& name : {country.name, official}) {
      if (!name.empty()) data->country_by_name.emplace(CountryNameKey(name), index);
    }
    data->countries.push_back(std::move(country));
  }
  // Names from Debian's iso-codes, then the aliases no standard keeps. The layer's names win.
  auto add_name = [&](const std::string& iso2, const std::string& name) {
    auto found = data->country_by_key.find(iso2);
    if (found != data->country_by_key.end()) {
      data->country_by_name.emplace(CountryNameKey(name), found->second);
    }
  };
  (void)ForEachIsoCodesName(data->options.iso_3166_1_path, add_name);  // optional: see options
  auto aliases = ReadCurated(*data, "country_aliases.csv", {"alias", "iso2", "source", "note"});
  if (!aliases) return aliases.error();
  for (const CsvRow& row : aliases->rows()) {
    auto found = data->country_by_key.find(row.Get("iso2"));
    if (row.Get("iso2").size() != 2 || found == data->country_by_key.end()) {
      return row.Error("iso2", "unknown country code '" + row.Get("iso2") + "'");
    }
    if (!HasSource(*data, row.Get("source"))) {
      return row.Error("source", "unknown source " + row.Get("source"));
    }
    const std::string key = CountryNameKey(row.Get("alias"));
    auto [it, inserted] = data->country_by_name.emplace(key, found->second);
    if (!inserted && it->second != found->second) {
      return row.Error(
          "alias", "'" + row.Get("alias") + "' already names " + data->countries[it->second].name);
    }
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  layer->countries = layer->rows;
  return Status::Ok();
}

}  // namespace

LayerInfo* KnowledgeBaseData::FindLayer(const std::string& id) {
  for (LayerInfo& layer : layers) {
    if (layer.id == id) return &layer;
  }
  return nullptr;
}

const LayerInfo* KnowledgeBaseData::FindLayer(const std::string& id) const {
  for (const LayerInfo& layer : layers) {
    if (layer.id == id) return &layer;
  }
  return nullptr;
}

std::string KnowledgeBaseData::LayerPath(const std::string& id) const {
  const LayerInfo* layer = FindLayer(id);
  ISV_CHECK(layer != nullptr);
  return (std::filesystem::path(options.data_dir) / layer->file).string();
}

Status KnowledgeBaseData::Iso2ForIso3(const CsvRow& row, const std::string& column,
                                      std::string* iso2) const {
  const std::string& iso3 = row.Get(column);
  auto it = iso2_by_iso3.find(iso3);
  if (it != iso2_by_iso3.end()) {
    *iso2 = it->second;
    return Status::Ok();
  }
  return row.Error(column, "unknown ISO 3166 alpha-3 code '" + iso3 + "'");
}

Status LoadRegistry(KnowledgeBaseData* data) {
  ISV_RETURN_IF_ERROR(LoadLayers(data));
  ISV_RETURN_IF_ERROR(LoadSources(data));
  ISV_RETURN_IF_ERROR(LoadThemes(data));
  return LoadCountries(data);
}

}  // namespace isvgraph::riskdata
