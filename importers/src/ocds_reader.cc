#include "ocds_reader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "isvgraph/base/json_depth.h"
#include "isvgraph/i18n/say.h"
#include "text_encoding.h"

namespace isvgraph::importers {
namespace {

using nlohmann::json;

// One ocid's releases merged in order, by object id (later releases win), as a compiled release.
struct Process {
  std::string ocid;
  int line = 0;      // where its first release was: JSON line or position in the package
  std::string date;  // the latest release's date (YYYY-MM-DD), for currency conversion
  json buyer;
  json tender;
  std::map<std::string, json> parties, awards, contracts;
};

std::string Text(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return "";
}

// An OCDS address as one line: "street, locality, region postal code" (a US one then ends with
// its state and ZIP code, which the importer reads as US when no country is given).
std::string AddressLine(const json& address) {
  std::string line;
  auto add = [&](const std::string& part, const char* separator) {
    if (part.empty()) return;
    line += (line.empty() ? "" : separator) + part;
  };
  add(Text(address, "streetAddress"), ", ");
  add(Text(address, "locality"), ", ");
  add(Text(address, "region"), ", ");
  add(Text(address, "postalCode"), " ");
  return line;
}

// The member `key` of an object, or null — for anything that is not an object too: OCDS files
// from the wild put strings and nulls where objects belong (json::value() would throw; found by
// fuzz_import_ocds).
const json& Member(const json& object, const char* key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

void MergeById(std::map<std::string, json>& into, const json& list) {
  if (!list.is_array()) return;
  for (const json& item : list) {
    if (item.is_object()) into[Text(item, "id")] = item;
  }
}

bool LooksLikeRelease(const json& document) {
  return document.is_object() && document.contains("ocid");
}

// A versioned value: [{"releaseID", "releaseDate", "releaseTag", "value"}, …], oldest first.
bool IsVersionedValue(const json& value) {
  return value.is_array() && !value.empty() && value.back().is_object() &&
         value.back().contains("value") &&
         (value.back().contains("releaseDate") || value.back().contains("releaseID"));
}

// A versioned release (OCDS records' versionedRelease, also published on its own): an ocid
// whose other fields are versioned values.
bool HoldsVersionedValue(const json& value) {
  if (IsVersionedValue(value)) return true;
  if (!value.is_object() && !value.is_array()) return false;
  for (const json& member : value) {
    if (HoldsVersionedValue(member)) return true;
  }
  return false;
}

bool IsVersionedRelease(const json& document) {
  return LooksLikeRelease(document) && HoldsVersionedValue(document);
}

// The release a versioned one ends with: each versioned value replaced by its last value.
json LatestValues(const json& versioned) {
  if (IsVersionedValue(versioned)) return versioned.back()["value"];
  if (versioned.is_array()) {
    json out = json::array();
    for (const json& item : versioned) out.push_back(LatestValues(item));
    return out;
  }
  if (versioned.is_object()) {
    json out = json::object();
    for (const auto& [key, value] : versioned.items()) out[key] = LatestValues(value);
    return out;
  }
  return versioned;
}

// The first CPV code among items (classification or additionalClassifications).
std::string Cpv(const json& items) {
  if (!items.is_array()) return "";
  for (const json& item : items) {
    if (!item.is_object()) continue;
    std::vector<json> classifications;
    if (item.contains("classification")) classifications.push_back(item["classification"]);
    if (item.contains("additionalClassifications") &&
        item["additionalClassifications"].is_array()) {
      for (const json& c : item["additionalClassifications"]) classifications.push_back(c);
    }
    for (const json& c : classifications) {
      if (NormaliseHeader(Text(c, "scheme")) != "cpv" || Text(c, "id").empty()) continue;
      std::string code = Text(c, "id");
      // Published as a number (45233130, 3000000 for 03000000-1) or through a spreadsheet as
      // "45233130.0": the digits, without a zero fraction, with the leading zeros a number
      // cannot keep.
      const size_t dot = code.find('.');
      if (dot != std::string::npos && code.find_first_not_of('0', dot + 1) == std::string::npos) {
        code.erase(dot);
      }
      const bool number = c.is_object() && c.contains("id") && c["id"].is_number();
      if (number && code.size() < 8 && code.find_first_not_of("0123456789") == std::string::npos) {
        code.insert(0, 8 - code.size(), '0');
      }
      return code;
    }
  }
  return "";
}

// The length of the JSON value at the start of `text` (no leading space): up to its matching
// bracket or closing quote, or to the next space for a bare number or word. Strings and their
// escapes are skipped, so brackets inside names do not count. 0 when it does not close.
size_t ValueLength(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        if (depth == 0) return i + 1;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return i + 1;
      if (depth < 0) return 0;
    } else if (depth == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      return i;
    }
  }
  return depth == 0 && !in_string ? text.size() : 0;
}

// The JSON values of a text that holds several one after another (JSON lines, or arrays
// concatenated over many lines), each with the line it starts on; empty when the text is not
// such a sequence of two or more values.
std::vector<std::pair<json, int>> JsonSequence(const std::string& text) {
  std::vector<std::pair<json, int>> values;
  size_t at = 0;
  int line = 1;
  while (true) {
    const size_t start = text.find_first_not_of(" \t\r\n", at);
    if (start == std::string::npos) break;
    line += static_cast<int>(std::count(text.begin() + at, text.begin() + start, '\n'));
    const std::string_view rest(text.data() + start, text.size() - start);
    const size_t length = ValueLength(rest);
    if (length == 0) return {};
    json value = json::parse(rest.substr(0, length), nullptr, false);
    if (value.is_discarded()) return {};
    values.emplace_back(std::move(value), line);
    line += static_cast<int>(std::count(rest.begin(), rest.begin() + length, '\n'));
    at = start + length;
  }
  if (values.size() < 2) return {};
  return values;
}

class Collector {
 public:
  explicit Collector(ImportReport& report, const std::string& path)
      : report_(report), path_(path) {}

  // A release, record, package or array of them, from `line` of the file (1 unless JSON
  // lines). Problems are located by the entry's position in the file (releases and other
  // entries counted in order, across packages and lines) and by ocid.
  void Document(const json& document, int line) {
    if (document.is_array()) {
      for (const json& item : document) Document(item, line);
      return;
    }
    if (!document.is_object())
      return Reject(++entry_, "", i18n::Say(i18n::Msg::kImportOcdsNotRelease));
    if (document.contains("releases") && document["releases"].is_array()) {
      for (const json& release : document["releases"]) {
        if (release.is_string()) {
          return Reject(++entry_, "releases", i18n::Say(i18n::Msg::kImportOcdsLinkedReleases));
        }
        Release(release);
      }
      return;
    }
    if (document.contains("records") && document["records"].is_array()) {
      for (const json& record : document["records"]) {
        if (!record.is_object()) {
          Reject(++entry_, "records", i18n::Say(i18n::Msg::kImportOcdsRecordNotObject));
        } else if (record.contains("compiledRelease")) {
          Release(record["compiledRelease"]);
        } else if (record.contains("versionedRelease")) {
          Release(LatestValues(record["versionedRelease"]));
        } else if (record.contains("releases") && record["releases"].is_array()) {
          for (const json& release : record["releases"]) {
            if (LooksLikeRelease(release)) Release(release);
          }
        }
      }
      return;
    }
    if (IsVersionedRelease(document)) {
      report_.warnings.push_back(i18n::Say(i18n::Msg::kImportOcdsVersioned, {{"where", path_}}));
      return Release(LatestValues(document));
    }
    if (LooksLikeRelease(document)) return Release(document);
    if (document.contains("uri") || document.contains("publishedDate") ||
        document.contains("publisher")) {
      // Package metadata without content: published like this when a query found nothing.
      ++empty_packages_;
      report_.warnings.push_back(
          i18n::Say(i18n::Msg::kImportOcdsEmptyPackage,
                    {{"where", path_ + (line > 1 ? ":" + std::to_string(line) : "")}}));
      return;
    }
    Reject(++entry_, "", i18n::Say(i18n::Msg::kImportOcdsNotAnything));
  }

  std::vector<Process>& processes() { return processes_; }
  int empty_packages() const { return empty_packages_; }

  void Reject(int line, const std::string& column, i18n::Text reason) {
    report_.rejected.push_back({path_, "releases", line, column, std::move(reason)});
  }

 private:
  void Release(const json& release) {
    const int line = ++entry_;
    if (!release.is_object() || Text(release, "ocid").empty()) {
      return Reject(line, "ocid", i18n::Say(i18n::Msg::kImportOcdsNeedsOcid));
    }
    const std::string ocid = Text(release, "ocid");
    auto [it, added] = index_.try_emplace(ocid, processes_.size());
    if (added) processes_.push_back({.ocid = ocid, .line = line});
    Process& p = processes_[it->second];
    const std::string date = Text(release, "date").substr(0, 10);
    if (date > p.date) p.date = date;
    if (release.contains("buyer")) p.buyer = release["buyer"];
    if (release.contains("tender")) p.tender = release["tender"];
    MergeById(p.parties, Member(release, "parties"));
    MergeById(p.awards, Member(release, "awards"));
    MergeById(p.contracts, Member(release, "contracts"));
  }

  ImportReport& report_;
  std::string path_;
  int entry_ = 0;           // entries of the file so far
  int empty_packages_ = 0;  // packages without releases or records
  std::vector<Process> processes_;
  std::map<std::string, size_t> index_;
};

bool HasRole(const json& party, const char* role) {
  if (!party.contains("roles") || !party["roles"].is_array()) return false;
  for (const json& r : party["roles"]) {
    if (r.is_string() && r.get<std::string>() == role) return true;
  }
  return false;
}

// The value in euro at the ECB reference rate of the contract's date (its signature, else the
// award's, else the release's), with a warning that says so; "" with a warning that says why
// when it cannot be converted. *note says the same for the contract (Contract::value_note).
std::string Euros(const riskdata::KnowledgeBase& kb, const Process& p, const json& award,
                  const json& deal, const json& value, ImportReport& report, std::string* note) {
  const std::string amount = Text(value, "amount");
  const std::string currency = Text(value, "currency");
  *note = amount + " " + currency + " not converted: ";
  if (currency.empty()) {
    report.warnings.push_back(
        i18n::Say(i18n::Msg::kImportOcdsNoCurrency, {{"ocid", p.ocid}, {"amount", amount}}));
    *note += "no currency given";
    return "";
  }
  std::string date = Text(deal, "dateSigned").substr(0, 10);
  if (date.empty()) date = Text(award, "date").substr(0, 10);
  if (date.empty()) date = p.date;
  double number = 0;
  if (date.empty() || std::sscanf(amount.c_str(), "%lf", &number) != 1) {
    report.warnings.push_back(
        i18n::Say(i18n::Msg::kImportOcdsNoDate,
                  {{"ocid", p.ocid}, {"amount", amount}, {"currency", currency}}));
    *note += "no date or no number";
    return "";
  }
  auto rate = kb.EuroRateOn(currency, date);
  if (!rate) {
    report.warnings.push_back(
        i18n::Say(i18n::Msg::kImportOcdsNotConverted, {{"ocid", p.ocid},
                                                       {"amount", amount},
                                                       {"currency", currency},
                                                       {"reason", i18n::MessageOf(rate.error())}}));
    *note += rate.error().message();
    return "";
  }
  char euros[64], rate_text[32];
  std::snprintf(euros, sizeof euros, "%.2f", number / rate->rate);
  std::snprintf(rate_text, sizeof rate_text, "%.6g", rate->rate);
  const std::string how = std::string(" at the ECB euro reference rate of ") + rate->rate_date +
                          " (" + rate_text + " " + rate->currency + " per euro)";
  report.warnings.push_back(i18n::Say(i18n::Msg::kImportOcdsConverted, {{"ocid", p.ocid},
                                                                        {"amount", amount},
                                                                        {"currency", currency},
                                                                        {"euros", euros},
                                                                        {"date", rate->rate_date},
                                                                        {"rate", rate_text}}));
  *note = amount + " " + currency + how;
  return euros;
}

}  // namespace

Status ReadOcds(const std::string& path, ImportOptions* options, RowImporter& importer,
                ImportReport& report) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  // An OCDS spreadsheet (flatten-tool's layout: sheets of releases, parties, awards…) is a zip
  // (.xlsx, .ods) or an OLE file (.xls); it cannot be read as releases without its schema.
  if (bytes.rfind("PK\x03\x04", 0) == 0 || bytes.rfind("\xD0\xCF\x11\xE0", 0) == 0) {
    return Status::InvalidArgument(
        path +
        ": a spreadsheet, not OCDS JSON; if it is an OCDS spreadsheet (flatten-tool "
        "layout), convert it to JSON first (flatten-tool unflatten, or the OCDS Data "
        "Review Tool) and import that; a list of sites or contracts imports with --kind "
        "sites or --kind contracts");
  }
  auto decoded = DecodeToUtf8(bytes);
  if (!decoded) return Status::DataLoss(path + ": " + decoded.error().message());
  if (!decoded->encoding.empty()) {
    report.warnings.push_back(
        i18n::Say(i18n::Msg::kImportReadAs, {{"where", path}, {"encoding", decoded->encoding}}));
  }
  const std::string text = std::move(decoded->utf8);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(path + ": the file is empty");
  }
  if (JsonNestsDeeperThan(text)) {
    return Status::InvalidArgument(path + ": JSON nests deeper than " +
                                   std::to_string(kMaxJsonDepth) + " levels; OCDS needs about 6");
  }
  Collector collect(report, path);
  // One JSON document, or several one after another (JSON lines, concatenated arrays), or
  // else lines of which some are not JSON.
  json whole = json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::pair<json, int>> sequence;
  if (whole.is_discarded()) sequence = JsonSequence(text);
  if (!whole.is_discarded()) {
    collect.Document(whole, 1);
  } else if (!sequence.empty()) {
    for (const auto& [document, line] : sequence) collect.Document(document, line);
  } else {
    std::istringstream lines(text);
    int line = 0, parsed = 0;
    for (std::string row; std::getline(lines, row);) {
      ++line;
      if (row.find_first_not_of(" \t\r") == std::string::npos) continue;
      json document = json::parse(row, nullptr, false);
      if (document.is_discarded()) {
        if (parsed == 0 && line == 1) {
          try {
            const json strict = json::parse(text);
          } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e999
            return Status::DataLoss(path + ": not JSON (" + e.what() + ")");
          }
        }
        collect.Reject(line, "", i18n::Say(i18n::Msg::kImportOcdsLineNotJson));
        continue;
      }
      ++parsed;
      collect.Document(document, line);
    }
  }
  std::vector<Process>& processes = collect.processes();
  for (Process& p : processes) {  // OCDS 1.0 named the buyer only among the parties
    if (!p.buyer.is_null()) continue;
    for (const auto& [id, party] : p.parties) {
      if (HasRole(party, "buyer")) p.buyer = {{"id", id}, {"name", Text(party, "name")}};
    }
  }
  if (processes.empty() && report.rejected.empty()) {
    if (collect.empty_packages() > 0) return Status::Ok();  // said in a warning
    return Status::InvalidArgument(path + ": no OCDS releases in the file");
  }

  // The organisation: given, or the first buyer.
  auto buyer_of = [](const Process& p) {
    std::string id = Text(p.buyer, "id");
    return id.empty() ? NormaliseHeader(Text(p.buyer, "name")) : id;
  };
  const bool chosen = !options->organisation.empty();
  if (!chosen) {
    for (const Process& p : processes) {
      if (!buyer_of(p).empty()) {
        options->organisation = buyer_of(p);
        break;
      }
    }
    const bool any_award = std::any_of(processes.begin(), processes.end(),
                                       [](const Process& p) { return !p.awards.empty(); });
    if (options->organisation.empty() && !any_award) {
      // Nothing will be owned: say what there is (no awards yet) rather than ask for an owner.
      for (const Process& p : processes) {
        report.warnings.push_back(i18n::Say(i18n::Msg::kImportOcdsNoAwards, {{"ocid", p.ocid}}));
      }
      return Status::Ok();
    }
    if (options->organisation.empty()) {
      return Status::InvalidArgument(path +
                                     ": no release names its buyer; give the organisation that "
                                     "owns its contracts (--org)");
    }
  }

  // Sites: each process's buyer (when its country is known) and awarded suppliers.
  TableSheet sites{.file = path,
                   .name = "releases",
                   .header = {"name", "country", "sector", "role", "lei", "address", "ref"}};
  ISV_RETURN_IF_ERROR(
      importer.BeginSheet(sites, RecordKind::kSite, ColumnsWithRef(ImportKind::kSites)));
  auto party_ref = [](const Process& p, const std::string& id) {
    return "party:" + p.ocid + ":" + id;
  };
  std::map<std::string, bool> emitted;
  auto emit_party = [&](const Process& p, const json& reference, const char* role) -> std::string {
    const std::string id = Text(reference, "id");
    auto it = p.parties.find(id);
    const json& party = it != p.parties.end() ? it->second : reference;
    const std::string ref = party_ref(p, id.empty() ? Text(reference, "name") : id);
    if (emitted.count(ref)) return ref;
    const json address = Member(party, "address");
    std::string country = Text(address, "countryName");
    if (country.empty()) country = Text(address, "country");
    std::string lei;
    const json identifier = Member(party, "identifier");
    if (Text(identifier, "scheme") == "XI-LEI") lei = Text(identifier, "id");
    std::string name = Text(party, "name");
    if (name.empty()) name = Text(reference, "name");
    if (std::string(role) == "buyer" && country.empty()) return "";  // optional: left out
    // A supplier without a country is a site with an unknown one (the importer reads a US
    // state and ZIP code in its address as US); its award still imports.
    emitted[ref] = true;
    importer.Row(sites, {.line = p.line,
                         .cells = {name, country,
                                   std::string(role) == "buyer" ? "public_administration" : "",
                                   role, lei, AddressLine(address), ref}});
    ++report.rows;
    return ref;
  };

  struct ContractRow {
    int line;
    std::vector<std::string> cells;
  };
  std::vector<ContractRow> rows;
  for (const Process& p : processes) {
    if (chosen == false && buyer_of(p) != options->organisation) {
      collect.Reject(
          p.line, "buyer",
          i18n::Say(
              i18n::Msg::kImportOcdsOtherBuyer,
              {{"ocid", p.ocid}, {"buyer", buyer_of(p)}, {"organisation", options->organisation}}));
      continue;
    }
    std::string buyer_ref;
    if (!p.buyer.is_null()) buyer_ref = emit_party(p, p.buyer, "buyer");
    if (p.awards.empty()) {
      report.warnings.push_back(i18n::Say(i18n::Msg::kImportOcdsNoAwards, {{"ocid", p.ocid}}));
      continue;
    }
    // Contracts, and awards that have none.
    std::vector<std::pair<json, const json*>> deals;  // (contract or award, award)
    std::map<std::string, bool> awarded;
    for (const auto& [id, contract] : p.contracts) {
      auto award = p.awards.find(Text(contract, "awardID"));
      if (award == p.awards.end()) {
        // Its supplier is unknown, so it cannot enter a chain; the release's awards still do.
        report.warnings.push_back(
            i18n::Say(i18n::Msg::kImportOcdsMissingAward,
                      {{"ocid", p.ocid}, {"id", id}, {"award", Text(contract, "awardID")}}));
        continue;
      }
      awarded[award->first] = true;
      deals.emplace_back(contract, &award->second);
    }
    for (const auto& [id, award] : p.awards) {
      if (!awarded.count(id) && Text(award, "status") != "cancelled" &&
          Text(award, "status") != "unsuccessful") {
        deals.emplace_back(award, &award);
      }
    }
    for (const auto& [deal, award] : deals) {
      const json suppliers = Member(*award, "suppliers");
      if (!suppliers.is_array() || suppliers.empty()) {
        // Common in published data (awards recorded before the supplier is): nothing to link
        // the contract to, but no reason to refuse the rest of the release.
        report.warnings.push_back(i18n::Say(i18n::Msg::kImportOcdsAwardNoSupplier,
                                            {{"ocid", p.ocid}, {"award", Text(*award, "id")}}));
        continue;
      }
      std::string cpv = Cpv(Member(deal, "items"));
      if (cpv.empty()) cpv = Cpv(Member(*award, "items"));
      if (cpv.empty()) cpv = Cpv(Member(p.tender, "items"));
      std::string title = Text(deal, "title");
      if (title.empty()) title = Text(*award, "title");
      if (title.empty()) title = Text(p.tender, "title");
      json value = Member(deal, "value");
      if (Text(value, "amount").empty()) value = Member(*award, "value");
      std::string amount = Text(value, "amount"), value_note;
      if (!amount.empty() && Text(value, "currency") != "EUR") {
        amount = Euros(importer.kb(), p, *award, deal, value, report, &value_note);
      }
      for (size_t i = 0; i < suppliers.size(); ++i) {
        const std::string supplier = emit_party(p, suppliers[i], "supplier");
        if (supplier.empty()) continue;
        std::string id = p.ocid + "/" + Text(deal, "id");
        if (suppliers.size() > 1) id += "#" + std::to_string(i + 1);  // one per contractor
        rows.push_back({p.line, {id, supplier, title, cpv, amount, buyer_ref, value_note}});
      }
    }
  }
  TableSheet contracts{.file = path,
                       .name = "releases",
                       .header = {"id", "tier1_site_id", "title", "cpv", "value_eur",
                                  "buyer_site_id", "value_note"}};
  ISV_RETURN_IF_ERROR(
      importer.BeginSheet(contracts, RecordKind::kContract, Columns(ImportKind::kContracts)));
  for (ContractRow& row : rows) {
    importer.Row(contracts, {.line = row.line, .cells = std::move(row.cells)});
    ++report.rows;
  }
  return Status::Ok();
}

}  // namespace isvgraph::importers
