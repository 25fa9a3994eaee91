#include "cmrt_reader.h"

#include <algorithm>
#include <sstream>

#include "address_country.h"
#include "isvgraph/i18n/say.h"
#include "isvgraph/importers/table_file.h"

namespace isvgraph::importers {
namespace {

// The Smelter List's columns, by the start of their normalised CMRT 6.x headers.
struct SmelterColumns {
  int metal = -1, look_up = -1, name = -1, country = -1, cid = -1, input_cid = -1;
  bool ok() const { return metal >= 0 && (name >= 0 || look_up >= 0); }
};

SmelterColumns FindSmelterColumns(const TableRow& row) {
  SmelterColumns c;
  for (size_t i = 0; i < row.cells.size(); ++i) {
    const std::string h = NormaliseHeader(row.cells[i]);
    const int at = static_cast<int>(i);
    auto starts = [&](const char* prefix) { return h.rfind(prefix, 0) == 0; };
    if (h == "metal" || starts("metal_")) {
      c.metal = at;
    } else if (starts("smelter_look_up")) {
      c.look_up = at;
    } else if (starts("smelter_name")) {
      c.name = at;
    } else if (starts("smelter_country")) {
      c.country = at;
    } else if (starts("smelter_identification_number_input")) {
      c.input_cid = at;
    } else if (h == "smelter_identification" || h == "smelter_id") {
      c.cid = at;
    }
  }
  return c;
}

std::string Cell(const TableRow& row, int at) {
  if (at < 0 || at >= static_cast<int>(row.cells.size())) return "";
  std::string text = row.cells[at];
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  return text;
}

// "Tin" → "tin"; "" for anything that is not one of the four metals.
std::string Metal(const std::string& text) {
  const std::string m = NormaliseHeader(text);
  for (const char* metal : {"tantalum", "tin", "tungsten", "gold"}) {
    if (m == metal) return metal;
  }
  return "";
}

// The value next to a Declaration label: the first non-empty cell right of the label's cell.
std::string DeclarationValue(const TableSheet& sheet, const char* label, int* line) {
  for (const TableRow& row : sheet.rows) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (NormaliseHeader(row.cells[i]).rfind(label, 0) != 0) continue;
      for (size_t j = i + 1; j < row.cells.size(); ++j) {
        if (std::string value = Cell(row, static_cast<int>(j)); !value.empty()) {
          *line = row.line;
          return value;
        }
      }
    }
  }
  return "";
}

std::string Iso2(const riskdata::KnowledgeBase& kb, const std::string& text) {
  if (text.empty()) return "";
  auto country = kb.FindCountry(text);
  return country ? country->iso2 : "";
}

const TableSheet* SheetNamed(const std::vector<TableSheet>& sheets, const char* name) {
  for (const TableSheet& sheet : sheets) {
    if (NormaliseHeader(sheet.name) == name) return &sheet;
  }
  return nullptr;
}

}  // namespace

Status ReadCmrt(const std::string& path, const ImportOptions& options,
                const riskdata::KnowledgeBase& kb, RowImporter& importer, ImportReport& report) {
  auto read = ReadTableFile(path, {.raw = true});
  if (!read) return read.error();
  const std::vector<TableSheet>& sheets = *read;
  const TableSheet* declaration = SheetNamed(sheets, "declaration");
  const TableSheet* smelters = SheetNamed(sheets, "smelter_list");
  if (!smelters) {
    return Status::InvalidArgument(path + ": no 'Smelter List' sheet; is this a CMRT workbook?");
  }

  // The smelters' customer: the site given, or the Declaration's company.
  std::string customer = options.declaring_site, customer_label = options.declaring_site;
  if (customer.empty()) {
    if (!declaration) {
      return Status::InvalidArgument(path +
                                     ": no 'Declaration' sheet; give the declaring site instead");
    }
    int name_line = 0, address_line = 0;
    const std::string company = DeclarationValue(*declaration, "company_name", &name_line);
    const std::string address = DeclarationValue(*declaration, "address", &address_line);
    if (company.empty()) {
      return Status::InvalidArgument(path +
                                     ": Declaration: no company name; give the declaring site");
    }
    TableSheet sheet{.file = path,
                     .name = declaration->name,
                     .header = {"name", "country", "address", "role", "ref"}};
    ISV_RETURN_IF_ERROR(
        importer.BeginSheet(sheet, RecordKind::kSite, ColumnsWithRef(ImportKind::kSites)));
    const std::string country = CountryOfAddress(kb, address);
    if (country.empty()) {
      // Its smelters are still its smelters: the company is kept with an unknown country.
      report.warnings.push_back(
          i18n::Say(i18n::Msg::kImportCmrtAddressUnknown,
                    {{"where", path + ":" + declaration->name + ":" +
                                   std::to_string(address_line ? address_line : name_line)},
                     {"address", address},
                     {"company", company}}));
    }
    importer.Row(sheet, {.line = name_line,
                         .cells = {company, country, address, "declaring company", "declaring"}});
    ++report.rows;
    customer = "declaring";
    customer_label = company;
  }

  // The Smelter List: find the header row, then one site and one link per identified row.
  const TableRow* header = nullptr;
  SmelterColumns columns;
  for (const TableRow& row : smelters->rows) {
    columns = FindSmelterColumns(row);
    if (columns.ok()) {
      header = &row;
      break;
    }
  }
  if (!header) {
    return Status::InvalidArgument(path +
                                   ": Smelter List: no header row with 'Metal' and "
                                   "'Smelter Name' (CMRT 6.x has it on row 4)");
  }
  TableSheet site_sheet{
      .file = path,
      .name = smelters->name,
      .header = {"name", "country", "region", "sector", "role", "rmi_cid", "ref"}};
  TableSheet link_sheet{
      .file = path,
      .name = smelters->name,
      .header = {"supplier_id", "customer_id", "product", "confidence", "source"}};
  struct LinkRow {
    int line;
    std::string supplier, product;
    graph::LinkConfidence confidence = graph::LinkConfidence::kDeclared;
  };
  std::vector<LinkRow> links;
  ISV_RETURN_IF_ERROR(
      importer.BeginSheet(site_sheet, RecordKind::kSite, ColumnsWithRef(ImportKind::kSites)));
  for (const TableRow& row : smelters->rows) {
    if (row.line <= header->line) continue;
    const std::string metal_text = Cell(row, columns.metal);
    const std::string look_up = Cell(row, columns.look_up);
    std::string name = Cell(row, columns.name);
    const std::string country_text = Cell(row, columns.country);
    std::string cid = Cell(row, columns.cid);
    if (cid.empty()) cid = Cell(row, columns.input_cid);
    if (metal_text.empty() && look_up.empty() && name.empty() && cid.empty()) continue;
    ++report.rows;
    const std::string metal = Metal(metal_text);
    if (metal.empty()) {
      report.rejected.push_back({path, smelters->name, row.line, "metal",
                                 i18n::Say(i18n::Msg::kImportCmrtMetal, {{"text", metal_text}})});
      continue;
    }
    const std::string look = NormaliseHeader(look_up);
    const bool not_listed = look == "smelter_not_listed";
    const bool not_identified = look == "smelter_not_yet_identified" ||
                                NormaliseHeader(name) == "smelter_not_yet_identified" ||
                                NormaliseHeader(name) == "unknown";
    if (name.empty() && !not_listed && !not_identified) name = look_up;  // the look-up's name
    const std::string ref = "smelter@" + std::to_string(row.line);
    if (not_identified || (not_listed && (name.empty() || country_text.empty())) ||
        (cid.empty() && name.empty())) {
      // An unknown: kept as such. With a country it is a node of the chain (scored by country
      // and sector); without one it can only be reported.
      const std::string country = Iso2(kb, country_text);
      UnknownSupplier unknown{
          .file = path,
          .sheet = smelters->name,
          .line = row.line,
          .customer_id = customer,
          .product = metal,
          .country = country,
          .reason = i18n::Say(not_identified ? i18n::Msg::kImportSmelterNotIdentified
                                             : i18n::Msg::kImportSmelterNotNamed)};
      if (!country.empty()) {
        unknown.site_id = ref;
        importer.Row(site_sheet, {.line = row.line,
                                  .cells = {"Unidentified " + metal + " smelter (" + country +
                                                ") in the chain of " + customer_label,
                                            country, "", "smelting_refining",
                                            "unidentified_smelter", "", ref}});
        links.push_back({row.line, ref, metal, graph::LinkConfidence::kAssumed});
      }
      importer.Unknown(std::move(unknown));
      continue;
    }
    importer.Row(site_sheet,
                 {.line = row.line,
                  .cells = {name, country_text, "", "smelting_refining", "smelter", cid, ref}});
    links.push_back({row.line, ref, metal, graph::LinkConfidence::kDeclared});
    if (not_listed && cid.empty()) {
      // Named by the supplier but not on RMI's list: in the chain, yet nobody vouches for it.
      importer.Unknown({.file = path,
                        .sheet = smelters->name,
                        .line = row.line,
                        .customer_id = customer,
                        .product = metal,
                        .country = Iso2(kb, country_text),
                        .site_id = ref,
                        .reason = i18n::Say(i18n::Msg::kImportSmelterNoRmi, {{"name", name}})});
    }
  }
  ISV_RETURN_IF_ERROR(
      importer.BeginSheet(link_sheet, RecordKind::kLink, Columns(ImportKind::kLinks)));
  for (const LinkRow& link : links) {
    ++report.rows;  // rows count records, as for OCDS: a smelter row yields a site and a link
    importer.Row(link_sheet,
                 {.line = link.line,
                  .cells = {link.supplier, customer, link.product,
                            std::string(graph::kLinkConfidences.Name(link.confidence)), path}});
  }
  return Status::Ok();
}

}  // namespace isvgraph::importers
