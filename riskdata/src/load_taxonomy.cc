// Loads the curated taxonomy — sectors with their sector × theme table, the product vocabulary
// and the product-group profiles — and checks every reference in it against the layers.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "csv_table.h"
#include "kb_data.h"

namespace isvgraph::riskdata {
Result<CsvTable> ReadCurated(const KnowledgeBaseData& data, const std::string& file,
                             const std::vector<std::string>& columns) {
  return CsvTable::Read((std::filesystem::path(data.options.data_dir) / "curated" / file).string(),
                        "curated/" + file, columns);
}

i18n::Text ReadTranslated(KnowledgeBaseData* data, const CsvRow& row, const std::string& column) {
  i18n::Text text{row.Get(column), row.Get(column + "_nl")};
  if (!text.en.empty()) {
    data->translated.push_back({row.Where() + " " + column, text});
  }
  return text;
}

bool HasSource(const KnowledgeBaseData& data, const std::string& id) {
  return std::any_of(data.sources.begin(), data.sources.end(),
                     [&](const Source& s) { return s.id == id; });
}

namespace {

Sector* FindSectorIn(KnowledgeBaseData* data, const std::string& id) {
  for (Sector& sector : data->sectors) {
    if (sector.id == id) return &sector;
  }
  return nullptr;
}

Status LoadSectors(KnowledgeBaseData* data) {
  auto table = ReadCurated(*data, "sectors.csv", {"id", "name", "name_nl", "isic", "description"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    Sector sector{.id = row.Get("id"),
                  .name = row.Get("name"),
                  .name_nl = ReadTranslated(data, row, "name").nl,
                  .isic = SplitList(row.Get("isic")),
                  .description = row.Get("description")};
    if (sector.id.empty() || sector.name.empty()) return row.Error("id", "empty id or name");
    if (FindSectorIn(data, sector.id)) return row.Error("id", "duplicate sector " + sector.id);
    if (sector.isic.empty()) return row.Error("isic", "a sector maps to at least one ISIC code");
    for (const std::string& code : sector.isic) {
      auto it = data->isic_titles.find(code);
      if (it == data->isic_titles.end()) return row.Error("isic", "unknown ISIC Rev.4 " + code);
      sector.isic_titles.push_back(it->second);
    }
    data->sectors.push_back(std::move(sector));
  }

  auto cells =
      ReadCurated(*data, "sector_theme_risk.csv",
                  {"sector", "theme", "level", "source", "note", "note_nl", "evidence_countries"});
  if (!cells) return cells.error();
  for (const CsvRow& row : cells->rows()) {
    Sector* sector = FindSectorIn(data, row.Get("sector"));
    if (!sector) return row.Error("sector", "unknown sector '" + row.Get("sector") + "'");
    std::optional<Theme> theme = ThemeFromId(row.Get("theme"));
    if (!theme) return row.Error("theme", "unknown theme '" + row.Get("theme") + "'");
    SectorThemeRisk cell{.source = row.Get("source"), .note = ReadTranslated(data, row, "note")};
    const std::string& level = row.Get("level");
    if (level == "low") {
      cell.level = RiskLevel::kLow;
    } else if (level == "medium") {
      cell.level = RiskLevel::kMedium;
    } else if (level == "high") {
      cell.level = RiskLevel::kHigh;
    } else {
      return row.Error("level", "must be low, medium or high");
    }
    if (!HasSource(*data, cell.source)) return row.Error("source", "unknown source " + cell.source);
    const std::vector<std::string> places = SplitList(row.Get("evidence_countries"));
    if (places.size() == 1 && places[0] == "dol") {
      if (*theme != Theme::kChildLabour && *theme != Theme::kForcedLabour) {
        return row.Error("evidence_countries", "'dol' applies to child and forced labour only");
      }
      cell.evidence_countries = places;  // resolved by ResolveDolEvidence
    } else {
      for (const std::string& place : places) {
        if (place.size() != 2 || !data->country_by_key.count(place)) {
          return row.Error("evidence_countries", "'" + place + "' is not an ISO alpha-2 code");
        }
      }
      cell.evidence_countries = places;
    }
    if (!sector->themes.emplace(*theme, std::move(cell)).second) {
      return row.Error("theme", "duplicate cell for " + sector->id);
    }
  }
  for (const Sector& sector : data->sectors) {
    if (sector.themes.size() != kAllThemes.size()) {
      return Status::DataLoss("curated/sector_theme_risk.csv: sector " + sector.id + " has " +
                              std::to_string(sector.themes.size()) + " of " +
                              std::to_string(kAllThemes.size()) + " themes");
    }
  }
  return Status::Ok();
}

// True when HS code a is a prefix of b or b of a (a heading covers its subheadings).
bool HsOverlaps(const std::string& a, const std::string& b) {
  return a.compare(0, std::min(a.size(), b.size()), b, 0, std::min(a.size(), b.size())) == 0;
}

Status LoadProducts(KnowledgeBaseData* data) {
  auto table = ReadCurated(*data, "products.csv",
                           {"id", "name", "name_nl", "sectors", "dol_goods", "hs", "synonyms"});
  if (!table) return table.error();
  std::set<std::string> dol_goods;
  for (const DolListing& listing : data->dol_listings) dol_goods.insert(listing.good);
  for (const CsvRow& row : table->rows()) {
    Product product{.id = row.Get("id"),
                    .name = row.Get("name"),
                    .name_nl = ReadTranslated(data, row, "name").nl,
                    .sectors = SplitList(row.Get("sectors")),
                    .dol_goods = SplitList(row.Get("dol_goods")),
                    .hs = SplitList(row.Get("hs")),
                    .synonyms = SplitList(row.Get("synonyms"))};
    if (product.id.empty() || product.name.empty()) return row.Error("id", "empty id or name");
    for (const std::string& sector : product.sectors) {
      if (!FindSectorIn(data, sector)) return row.Error("sectors", "unknown sector " + sector);
    }
    for (const std::string& good : product.dol_goods) {
      if (!dol_goods.count(good)) return row.Error("dol_goods", "not a DOL good: '" + good + "'");
    }
    for (const std::string& hs : product.hs) {
      if (!data->hs.count(hs)) return row.Error("hs", "unknown HS 2022 code " + hs);
    }
    for (const UflpaSector& uflpa : data->uflpa_sectors) {
      const bool overlaps = std::any_of(product.hs.begin(), product.hs.end(), [&](auto& hs) {
        return std::any_of(uflpa.hs_hint.begin(), uflpa.hs_hint.end(),
                           [&](auto& hint) { return HsOverlaps(hs, hint); });
      });
      if (overlaps) product.uflpa_sectors.push_back(uflpa.name);
    }
    data->products.push_back(std::move(product));
  }
  // Every listed good is reachable by its DOL name, also when no curated product covers it.
  std::set<std::string> covered;
  for (const Product& product : data->products) {
    covered.insert(product.dol_goods.begin(), product.dol_goods.end());
  }
  for (const std::string& good : dol_goods) {
    if (covered.count(good)) continue;
    std::string id;
    for (char c : good) {
      const bool alnum = std::isalnum(static_cast<unsigned char>(c));
      if (alnum) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!alnum && !id.empty() && id.back() != '_') id += '_';
    }
    while (!id.empty() && id.back() == '_') id.pop_back();
    data->products.push_back(
        {.id = "dol:" + id, .name = good, .dol_goods = {good}, .curated = false});
  }
  return Status::Ok();
}

// A product of curated/products.csv (not one known only from the DOL list).
bool IsCuratedProduct(const KnowledgeBaseData& data, const std::string& id) {
  return std::any_of(data.products.begin(), data.products.end(),
                     [&](const Product& p) { return p.id == id && p.curated; });
}

ProductGroup* FindGroupIn(KnowledgeBaseData* data, const std::string& id) {
  for (ProductGroup& group : data->groups) {
    if (group.id == id) return &group;
  }
  return nullptr;
}

// Parses "IN:0.6|CN-XJ:0.2" into origins.
Status ParseOrigins(const KnowledgeBaseData& data, const CsvRow& row, std::vector<Origin>* out) {
  double total = 0;
  for (const std::string& part : SplitList(row.Get("origins"))) {
    const size_t colon = part.find(':');
    if (colon == std::string::npos) return row.Error("origins", "'" + part + "' lacks ':share'");
    Origin origin;
    const std::string place = part.substr(0, colon);
    origin.country = place.substr(0, 2);
    if (place.size() > 2) {
      if (place[2] != '-') return row.Error("origins", "'" + place + "' is not ISO 3166");
      origin.region = place;
    }
    if (!data.country_by_key.count(origin.country) || origin.country.size() != 2) {
      return row.Error("origins", "unknown country " + origin.country);
    }
    try {
      origin.share = std::stod(part.substr(colon + 1));
    } catch (const std::exception&) {
      return row.Error("origins", "bad share in '" + part + "'");
    }
    if (origin.share <= 0 || origin.share > 1) return row.Error("origins", "share out of 0..1");
    total += origin.share;
    out->push_back(std::move(origin));
  }
  if (out->empty()) return row.Error("origins", "no origins");
  if (total > 1.0001) return row.Error("origins", "shares add up to more than 1");
  return Status::Ok();
}

Status LoadProductGroups(KnowledgeBaseData* data) {
  auto table = ReadCurated(*data, "product_groups.csv",
                           {"id", "name_en", "name_nl", "isv_category", "salient_themes",
                            "guidance", "sources", "description", "description_nl"});
  if (!table) return table.error();
  for (const CsvRow& row : table->rows()) {
    ProductGroup group{.id = row.Get("id"),
                       .name_en = row.Get("name_en"),
                       .name_nl = row.Get("name_nl"),
                       .isv_category = row.Get("isv_category"),
                       .guidance = SplitList(row.Get("guidance")),
                       .sources = SplitList(row.Get("sources")),
                       .description = ReadTranslated(data, row, "description")};
    data->translated.push_back({row.Where() + " name_en", group.label()});
    if (group.id.empty() || group.name_en.empty()) return row.Error("id", "empty id or name");
    for (const std::string& id : SplitList(row.Get("salient_themes"))) {
      std::optional<Theme> theme = ThemeFromId(id);
      if (!theme) return row.Error("salient_themes", "unknown theme " + id);
      group.salient_themes.push_back(*theme);
    }
    for (const auto& [column, ids] :
         {std::pair{"guidance", &group.guidance}, std::pair{"sources", &group.sources}}) {
      for (const std::string& id : *ids) {
        if (!HasSource(*data, id)) return row.Error(column, "unknown source " + id);
      }
    }
    data->groups.push_back(std::move(group));
  }

  auto prefixes = ReadCurated(*data, "product_group_cpv.csv", {"group", "cpv_prefix", "products"});
  if (!prefixes) return prefixes.error();
  for (const CsvRow& row : prefixes->rows()) {
    ProductGroup* group = FindGroupIn(data, row.Get("group"));
    if (!group) return row.Error("group", "unknown product group " + row.Get("group"));
    const std::string& prefix = row.Get("cpv_prefix");
    if (prefix.size() < 2 || prefix.size() > 8 ||
        prefix.find_first_not_of("0123456789") != std::string::npos) {
      return row.Error("cpv_prefix", "must be 2 to 8 CPV digits");
    }
    auto it = data->cpv.lower_bound(prefix);
    if (it == data->cpv.end() || it->first.compare(0, prefix.size(), prefix) != 0) {
      return row.Error("cpv_prefix", "no CPV 2008 code starts with " + prefix);
    }
    group->cpv_prefixes.push_back(prefix);
    for (const std::string& id : SplitList(row.Get("products"))) {
      if (!IsCuratedProduct(*data, id)) return row.Error("products", "unknown product " + id);
      group->cpv_products[prefix].push_back(id);
    }
  }

  auto words = ReadCurated(*data, "cpv_search_words.csv", {"word", "cpv", "source"});
  if (!words) return words.error();
  for (const CsvRow& row : words->rows()) {
    const std::string& code8 = row.Get("cpv");
    if (!data->cpv.count(code8)) return row.Error("cpv", "not a CPV 2008 code (8 digits)");
    if (!HasSource(*data, row.Get("source"))) {
      return row.Error("source", "unknown source " + row.Get("source"));
    }
    const std::string& word = row.Get("word");
    if (word.empty() ||
        word.find_first_not_of("abcdefghijklmnopqrstuvwxyz ") != std::string::npos) {
      return row.Error("word", "must be lower-case words (a-z and spaces)");
    }
    data->cpv_words.emplace_back(word, code8);
  }

  auto tiers = ReadCurated(*data, "product_group_tiers.csv",
                           {"group", "tier", "role", "role_nl", "sector", "product", "origins",
                            "source", "shares_source"});
  if (!tiers) return tiers.error();
  for (const CsvRow& row : tiers->rows()) {
    ProductGroup* group = FindGroupIn(data, row.Get("group"));
    if (!group) return row.Error("group", "unknown product group " + row.Get("group"));
    Result<std::optional<double>> tier = row.Number("tier");
    if (!tier) return tier.error();
    if (!*tier || **tier < 0 || **tier > 20) return row.Error("tier", "must be 0..20");
    TemplateTier entry{.tier = static_cast<int>(**tier),
                       .role = ReadTranslated(data, row, "role"),
                       .sector = row.Get("sector"),
                       .product = row.Get("product"),
                       .source = row.Get("source"),
                       .shares_source = row.Get("shares_source")};
    if (!FindSectorIn(data, entry.sector)) return row.Error("sector", "unknown " + entry.sector);
    if (!entry.product.empty() && !IsCuratedProduct(*data, entry.product)) {
      return row.Error("product", "unknown product " + entry.product);
    }
    if (!HasSource(*data, entry.source)) return row.Error("source", "unknown " + entry.source);
    if (!HasSource(*data, entry.shares_source)) {
      return row.Error("shares_source", "unknown " + entry.shares_source);
    }
    ISV_RETURN_IF_ERROR(ParseOrigins(*data, row, &entry.origins));
    group->tiers.push_back(std::move(entry));
  }
  for (const ProductGroup& group : data->groups) {
    if (group.cpv_prefixes.empty() || group.tiers.empty()) {
      return Status::DataLoss("curated/product_groups.csv: group " + group.id +
                              " needs CPV prefixes and template tiers");
    }
  }
  return Status::Ok();
}

// Cells whose evidence is "dol": the countries where the DOL list lists one of the sector's
// goods for the cell's theme (a forced-child-labour listing counts for both themes).
Status ResolveDolEvidence(KnowledgeBaseData* data) {
  for (Sector& sector : data->sectors) {
    for (auto& [theme, cell] : sector.themes) {
      if (cell.evidence_countries != std::vector<std::string>{"dol"}) continue;
      std::set<std::string> places;
      for (const Product& product : data->products) {
        if (std::find(product.sectors.begin(), product.sectors.end(), sector.id) ==
            product.sectors.end()) {
          continue;
        }
        for (const DolListing& listing : data->dol_listings) {
          const bool listed =
              listing.forced_child_labour ||
              (theme == Theme::kChildLabour ? listing.child_labour : listing.forced_labour);
          if (listed && !listing.downstream &&
              std::find(product.dol_goods.begin(), product.dol_goods.end(), listing.good) !=
                  product.dol_goods.end()) {
            places.insert(listing.country);
          }
        }
      }
      if (places.empty()) {
        return Status::DataLoss("curated/sector_theme_risk.csv: " + sector.id + "/" +
                                std::string(ThemeId(theme)) +
                                " cites the DOL list, but none of the sector's goods is listed");
      }
      cell.evidence_countries.assign(places.begin(), places.end());
    }
  }
  return Status::Ok();
}

}  // namespace

Status LoadTaxonomy(KnowledgeBaseData* data) {
  ISV_RETURN_IF_ERROR(LoadSectors(data));
  ISV_RETURN_IF_ERROR(LoadProducts(data));
  ISV_RETURN_IF_ERROR(ResolveDolEvidence(data));
  return LoadProductGroups(data);
}

}  // namespace isvgraph::riskdata
