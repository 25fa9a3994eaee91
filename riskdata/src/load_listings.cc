// Loads the listings that act as red flags: the DOL List of Goods, the EU CAHRA list (optional
// layer) and the UFLPA Entity List and priority sectors.

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "csv_table.h"
#include "entity_names.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
namespace {

Status LoadDolGoods(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("dol_goods");
  auto table = CsvTable::Read(data->LayerPath("dol_goods"), layer->file,
                              {"good", "iso3", "child_labor", "forced_labor", "forced_child_labor",
                               "downstream_of_listed_input", "input_country_iso3"});
  if (!table) return table.error();
  std::set<std::string> countries;
  for (const CsvRow& row : table->rows()) {
    DolListing listing{.good = row.Get("good")};
    if (listing.good.empty()) return row.Error("good", "empty good");
    ISV_RETURN_IF_ERROR(data->Iso2ForIso3(row, "iso3", &listing.country));
    if (listing.country.empty()) continue;
    for (auto [column, flag] : {std::pair{"child_labor", &listing.child_labour},
                                std::pair{"forced_labor", &listing.forced_labour},
                                std::pair{"forced_child_labor", &listing.forced_child_labour},
                                std::pair{"downstream_of_listed_input", &listing.downstream}}) {
      Result<bool> value = row.Flag(column);
      if (!value) return value.error();
      *flag = *value;
    }
    if (listing.downstream && !row.Get("input_country_iso3").empty()) {
      ISV_RETURN_IF_ERROR(data->Iso2ForIso3(row, "input_country_iso3", &listing.input_country));
    }
    if (!listing.child_labour && !listing.forced_labour && !listing.downstream) {
      return row.Error("child_labor",
                       "a listed good must be flagged for child or forced labour "
                       "or as downstream of a listed input");
    }
    countries.insert(listing.country);
    data->dol_listings.push_back(std::move(listing));
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  layer->countries = static_cast<int>(countries.size());
  return Status::Ok();
}

Status LoadCahra(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("eu_cahra");
  // Optional layer: its publisher states no licence, so a deployment may leave the file out.
  std::error_code ec;
  if (!std::filesystem::exists(data->LayerPath("eu_cahra"), ec)) return Status::Ok();
  auto table = CsvTable::Read(
      data->LayerPath("eu_cahra"), layer->file,
      {"iso3", "scope", "iso_3166_2", "region_name", "conflict_affected", "high_risk"});
  if (!table) return table.error();
  std::set<std::string> countries;
  for (const CsvRow& row : table->rows()) {
    CahraArea area;
    ISV_RETURN_IF_ERROR(data->Iso2ForIso3(row, "iso3", &area.country));
    if (area.country.empty()) continue;
    const std::string& scope = row.Get("scope");
    if (scope != "country" && scope != "region") {
      return row.Error("scope", "must be 'country' or 'region'");
    }
    area.whole_country = scope == "country";
    area.region_code = Upper(row.Get("iso_3166_2"));
    area.region_name = row.Get("region_name");
    if (!area.whole_country && area.region_code.rfind(area.country + "-", 0) != 0) {
      return row.Error("iso_3166_2", "region code does not start with " + area.country + "-");
    }
    Result<bool> conflict = row.Flag("conflict_affected");
    if (!conflict) return conflict.error();
    Result<bool> high_risk = row.Flag("high_risk");
    if (!high_risk) return high_risk.error();
    area.conflict_affected = *conflict;
    area.high_risk = *high_risk;
    countries.insert(area.country);
    data->cahra.push_back(std::move(area));
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  layer->countries = static_cast<int>(countries.size());
  // How many first-level regions each of those countries has. A file that is missing or
  // unreadable only costs the "most regions listed" rule, never the load.
  std::ifstream in(data->options.iso_3166_2_path);
  nlohmann::json iso = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (iso.is_object() && iso.contains("3166-2") && iso["3166-2"].is_array()) {
    for (const nlohmann::json& entry : iso["3166-2"]) {
      if (!entry.is_object() || entry.contains("parent") || !entry.contains("code")) continue;
      const std::string code = entry["code"].get<std::string>();
      const std::string country = code.substr(0, code.find('-'));
      if (countries.count(country)) ++data->cahra_country_regions[country];
    }
  }
  return Status::Ok();
}

Status LoadUflpaEntities(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("uflpa_entities");
  auto table = CsvTable::Read(data->LayerPath("uflpa_entities"), layer->file,
                              {"name", "name_key", "aliases", "uflpa_section", "effective_date"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    UflpaEntity entity{.name = row.Get("name"),
                       .section = row.Get("uflpa_section"),
                       .effective_date = row.Get("effective_date")};
    if (NameKey(entity.name).empty()) return row.Error("name", "empty entity name");
    if (entity.section != "i" && entity.section != "ii" && entity.section != "v") {
      return row.Error("uflpa_section", "must be i, ii or v");
    }
    std::vector<std::string> names = SplitList(row.Get("aliases"));
    names.push_back(entity.name);
    std::vector<std::string> keys = {row.Get("name_key")};
    for (const std::string& name : names) {
      keys.push_back(NameKey(name));
      keys.push_back(NameKeyWithoutParentheses(name));
    }
    for (const std::string& key : keys) {
      // An entity listed under several clauses keeps its first row; the name is what matters.
      if (!key.empty()) data->uflpa_by_key.emplace(key, entity);
    }
    for (const std::string& name : names) {
      std::vector<std::string> words = CoreWords(name);
      if (words.empty()) continue;
      data->uflpa_by_core.emplace(CoreKey(name), entity);
      data->uflpa_core_words.emplace_back(std::move(words), entity);
    }
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  layer->countries = 1;
  return Status::Ok();
}

Status LoadUflpaSectors(KnowledgeBaseData* data) {
  LayerInfo* layer = data->FindLayer("uflpa_sectors");
  auto table = CsvTable::Read(data->LayerPath("uflpa_sectors"), layer->file,
                              {"sector", "designated", "hs_hint"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    UflpaSector sector{.name = row.Get("sector"),
                       .designated = row.Get("designated"),
                       .hs_hint = SplitList(row.Get("hs_hint"))};
    if (sector.name.empty()) return row.Error("sector", "empty sector");
    for (const std::string& hs : sector.hs_hint) {
      if (!data->hs.count(hs)) return row.Error("hs_hint", "unknown HS 2022 code " + hs);
    }
    data->uflpa_sectors.push_back(std::move(sector));
  }
  layer->loaded = true;
  layer->rows = static_cast<int>(table->rows().size());
  layer->countries = 1;
  return Status::Ok();
}

}  // namespace

Status LoadListings(KnowledgeBaseData* data) {
  ISV_RETURN_IF_ERROR(LoadDolGoods(data));
  ISV_RETURN_IF_ERROR(LoadCahra(data));
  ISV_RETURN_IF_ERROR(LoadUflpaEntities(data));
  return LoadUflpaSectors(data);
}

}  // namespace isvgraph::riskdata
