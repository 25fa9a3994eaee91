#include "isvgraph/api/encode/record_json.h"

#include <array>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

#include "isvgraph/base/base64url.h"
#include "isvgraph/base/dates.h"
#include "isvgraph/base/utf8.h"

namespace isvgraph::api {
namespace {

using graph::WriteProblem;

// Reads the fields of one JSON object, adding a problem for each bad one.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& body, std::string record, std::vector<WriteProblem>* problems)
      : body_(body), record_(std::move(record)), problems_(problems), start_(problems->size()) {
    if (!body_.is_object()) Problem("", "must be a JSON object");
  }

  void String(const char* name, std::string* out, bool required = false) {
    const nlohmann::json* value = Find(name, required);
    if (!value) return;
    if (!value->is_string()) return Problem(name, "must be a string");
    *out = value->get<std::string>();
    if (required && out->empty()) Problem(name, "must not be empty");
  }
  void Number(const char* name, double* out) {
    const nlohmann::json* value = Find(name, false);
    if (!value) return;
    if (!value->is_number()) return Problem(name, "must be a number");
    *out = value->get<double>();
  }
  void OptionalNumber(const char* name, std::optional<double>* out) {
    const nlohmann::json* value = Find(name, false);
    if (!value || value->is_null()) return;
    if (!value->is_number()) return Problem(name, "must be a number or null");
    *out = value->get<double>();
  }
  void Integer(const char* name, int64_t* out) {
    const nlohmann::json* value = Find(name, false);
    if (!value) return;
    if (!value->is_number_integer()) return Problem(name, "must be a whole number");
    *out = value->get<int64_t>();
  }
  void StringMap(const char* name, std::map<std::string, std::string>* out) {
    const nlohmann::json* value = Find(name, false);
    if (!value) return;
    if (!value->is_object()) return Problem(name, "must be an object of strings");
    for (const auto& [key, item] : value->items()) {
      if (!item.is_string() || key.empty()) return Problem(name, "must be an object of strings");
      (*out)[key] = item.get<std::string>();
    }
  }
  // Every field not in `known` is a problem (a misspelt field must not be silently dropped).
  void RejectOthers(std::initializer_list<const char*> known, const char* why = "unknown field") {
    if (!body_.is_object()) return;
    std::set<std::string> names(known.begin(), known.end());
    for (const auto& [key, value] : body_.items()) {
      if (!names.count(key) && !read_.count(key)) Problem(key, why);
    }
  }
  void Refuse(const char* name, const char* why) {
    if (body_.is_object() && body_.contains(name)) Problem(name, why);
  }
  bool ok() const { return problems_->size() == start_; }

 private:
  const nlohmann::json* Find(const char* name, bool required) {
    read_.insert(name);
    if (!body_.is_object()) return nullptr;
    auto it = body_.find(name);
    if (it == body_.end()) {
      if (required) Problem(name, "is required");
      return nullptr;
    }
    return &*it;
  }
  void Problem(const std::string& field, const std::string& reason) {
    problems_->push_back({record_, field, reason});
  }

  const nlohmann::json& body_;
  std::string record_;
  std::vector<WriteProblem>* problems_;
  size_t start_;
  std::set<std::string> read_;
};

}  // namespace

nlohmann::json SiteJson(const graph::Site& site) {
  return {{"id", site.id},
          {"name", site.name},
          {"country", site.country},  // "" = unknown
          {"region", site.region},
          {"sector", site.sector},
          {"role", site.role},
          {"lat", site.lat ? nlohmann::json(*site.lat) : nlohmann::json(nullptr)},
          {"lon", site.lon ? nlohmann::json(*site.lon) : nlohmann::json(nullptr)},
          {"external_ids", site.external_ids}};
}

namespace {

// A string as nlohmann's dump writes it (ensure_ascii off): the two-letter escapes, other
// control characters as lower-case \u00xx, everything else as it is. Requires UTF-8.
void AppendJsonString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto needs_escape = [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  };
  out += '"';
  size_t run = 0;  // start of the characters not yet appended, which need no escape
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!needs_escape(c)) continue;
    out.append(text.data() + run, i - run);  // a site's text is almost always one run
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[(c >> 4) & 0xf];
        out += kHex[c & 0xf];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

// A number as nlohmann's dump writes it (its own shortest round-trip form; null when not
// finite), using the same routine.
void AppendJsonNumber(std::optional<double> value, std::string& out) {
  if (!value || !std::isfinite(*value)) {
    out += "null";
    return;
  }
  std::array<char, 64> buffer{};
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), *value);
  out.append(buffer.data(), end);
}

}  // namespace

std::string SiteJsonText(const graph::Site& site) {
  bool utf8 = IsUtf8(site.id) && IsUtf8(site.name) && IsUtf8(site.country) && IsUtf8(site.region) &&
              IsUtf8(site.sector) && IsUtf8(site.role);
  for (const auto& [scheme, value] : site.external_ids)
    utf8 = utf8 && IsUtf8(scheme) && IsUtf8(value);
  if (!utf8) {  // the writer's U+FFFD replacement is nlohmann's business
    return SiteJson(site).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // Keys in the order of nlohmann's object (a std::map): alphabetical.
  std::string out;
  out.reserve(160 + site.name.size());
  out += "{\"country\":";
  AppendJsonString(site.country, out);
  out += ",\"external_ids\":{";
  bool first = true;
  for (const auto& [scheme, value] : site.external_ids) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(scheme, out);
    out += ':';
    AppendJsonString(value, out);
  }
  out += "},\"id\":";
  AppendJsonString(site.id, out);
  out += ",\"lat\":";
  AppendJsonNumber(site.lat, out);
  out += ",\"lon\":";
  AppendJsonNumber(site.lon, out);
  out += ",\"name\":";
  AppendJsonString(site.name, out);
  out += ",\"region\":";
  AppendJsonString(site.region, out);
  out += ",\"role\":";
  AppendJsonString(site.role, out);
  out += ",\"sector\":";
  AppendJsonString(site.sector, out);
  out += '}';
  return out;
}

nlohmann::json LinkJson(const graph::SupplyLink& link) {
  return {{"id", LinkId(link)},
          {"organisation", link.organisation},
          {"supplier_id", link.supplier_id},
          {"customer_id", link.customer_id},
          {"product", link.product},
          {"share", link.share},
          {"confidence", link.confidence},
          {"source", link.source}};
}

nlohmann::json ContractJson(const graph::Contract& contract) {
  return {{"id", contract.id},
          {"organisation", contract.organisation},
          {"buyer_site_id", contract.buyer_site_id},
          {"tier1_site_id", contract.tier1_site_id},
          {"title", contract.title},
          {"cpv", contract.cpv},
          {"value_eur", contract.value_eur},
          {"value_note", contract.value_note},
          {"chain_type", contract.chain_type}};
}

bool SiteFromJson(const nlohmann::json& body, const std::string& record, graph::Site* site,
                  std::vector<WriteProblem>* problems) {
  FieldReader read(body, record, problems);
  read.String("id", &site->id, true);
  read.String("name", &site->name);
  // Absent, null or "" = an unknown country (scored as missing data).
  if (!body.is_object() || !body.contains("country") || !body["country"].is_null()) {
    read.String("country", &site->country);
  }
  read.String("region", &site->region);
  read.String("sector", &site->sector);
  read.String("role", &site->role);
  read.OptionalNumber("lat", &site->lat);
  read.OptionalNumber("lon", &site->lon);
  read.StringMap("external_ids", &site->external_ids);
  read.RejectOthers({});
  return read.ok();
}

bool LinkFromJson(const nlohmann::json& body, const std::string& record, graph::SupplyLink* link,
                  std::vector<WriteProblem>* problems) {
  FieldReader read(body, record, problems);
  read.Refuse("organisation", "is set by the server from the token");
  read.Refuse("id", "is derived from customer, supplier and product");
  read.String("supplier_id", &link->supplier_id, true);
  read.String("customer_id", &link->customer_id, true);
  read.String("product", &link->product);
  read.Number("share", &link->share);
  read.String("confidence", &link->confidence);
  read.String("source", &link->source);
  read.RejectOthers({"organisation", "id"});
  return read.ok();
}

bool ContractFromJson(const nlohmann::json& body, const std::string& record,
                      graph::Contract* contract, std::vector<WriteProblem>* problems) {
  FieldReader read(body, record, problems);
  read.Refuse("organisation", "is set by the server from the token");
  read.String("id", &contract->id, true);
  read.String("buyer_site_id", &contract->buyer_site_id);
  read.String("tier1_site_id", &contract->tier1_site_id, true);
  read.String("title", &contract->title);
  read.String("cpv", &contract->cpv);
  read.Integer("value_eur", &contract->value_eur);
  read.String("value_note", &contract->value_note);
  read.String("chain_type", &contract->chain_type);
  read.RejectOthers({"organisation"});
  return read.ok();
}

std::string LinkId(const graph::SupplyLink& link) {
  return Base64UrlEncode(graph::LinkPageKey(link));
}

bool ParseLinkId(const std::string& id, graph::SupplyLink* key) {
  std::string bytes;
  if (!Base64UrlDecode(id, &bytes)) return false;
  const size_t a = bytes.find('\0');
  const size_t b = a == std::string::npos ? a : bytes.find('\0', a + 1);
  if (b == std::string::npos || bytes.find('\0', b + 1) != std::string::npos) return false;
  key->customer_id = bytes.substr(0, a);
  key->supplier_id = bytes.substr(a + 1, b - a - 1);
  key->product = bytes.substr(b + 1);
  return !key->customer_id.empty() && !key->supplier_id.empty();
}

nlohmann::json ProblemsJson(const std::vector<WriteProblem>& problems) {
  nlohmann::json fields = nlohmann::json::array();
  for (const WriteProblem& p : problems) {
    fields.push_back({{"record", p.record}, {"field", p.field}, {"reason", p.reason}});
  }
  return {{"fields", fields}};
}

}  // namespace isvgraph::api

namespace isvgraph::api {

nlohmann::json FieldChangesJson(const std::vector<graph::FieldChange>& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const graph::FieldChange& change : changes) {
    out.push_back({{"field", change.field}, {"before", change.before}, {"after", change.after}});
  }
  return out;
}

nlohmann::json JournalEntryJson(const graph::JournalEntry& entry) {
  nlohmann::json sites = nlohmann::json::array();
  for (const graph::SiteChange& change : entry.sites) {
    sites.push_back({{"site_id", change.site_id},
                     {"change", change.kind},
                     {"fields", FieldChangesJson(change.fields)}});
  }
  return {{"seq", entry.seq},
          {"time", TimeOfUnix(entry.time_unix)},
          {"time_unix", entry.time_unix},
          // "" is the operator: the CLI on the server, the demo, administrative tools.
          {"organisation", entry.organisation.empty() ? "operator" : entry.organisation},
          {"token_id", entry.token_id},
          {"what", entry.what},
          {"records", entry.records},
          {"site_count", entry.site_count},
          {"sites", std::move(sites)}};
}

nlohmann::json SiteProposalJson(const graph::SiteProposal& proposal) {
  return {{"id", proposal.id},
          {"site_id", proposal.site_id},
          {"state", proposal.state},
          {"proposed_by", proposal.organisation},
          {"token_id", proposal.token_id},
          {"time", TimeOfUnix(proposal.time_unix)},
          {"changes", FieldChangesJson(proposal.changes)},
          {"proposed", SiteJson(proposal.proposed)},
          {"waits_for", proposal.consent},
          {"accepted_by", proposal.accepted},
          {"decided_by", proposal.decided_by},
          {"decided", proposal.decided_unix ? TimeOfUnix(proposal.decided_unix) : ""}};
}

}  // namespace isvgraph::api
