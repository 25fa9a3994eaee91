#include "isvgraph/api/encode/import_json.h"

#include <nlohmann/json.hpp>

#include "isvgraph/i18n/say.h"

namespace isvgraph::api {

nlohmann::json ImportReportObject(const importers::ImportReport& report, i18n::Language language) {
  nlohmann::json rejected = nlohmann::json::array();
  for (const importers::RejectedRow& r : report.rejected) {
    rejected.push_back({{"file", r.file},
                        {"sheet", r.sheet},
                        {"line", r.line},
                        {"column", r.column},
                        {"reason", r.reason.In(language)}});
  }
  nlohmann::json matches = nlohmann::json::array();
  for (const importers::SiteMatch& m : report.matches) {
    matches.push_back({{"file", m.file},
                       {"sheet", m.sheet},
                       {"line", m.line},
                       {"input_name", m.input_name},
                       {"site_id", m.site_id},
                       {"created", m.created},
                       {"rule", m.rule},
                       {"score", m.score}});
  }
  nlohmann::json differences = nlohmann::json::array();
  for (const importers::SiteDifference& d : report.differences) {
    nlohmann::json fields = nlohmann::json::array();
    for (const graph::FieldChange& f : d.fields) {
      fields.push_back({{"field", f.field}, {"registry", f.before}, {"row", f.after}});
    }
    differences.push_back({{"file", d.file},
                           {"sheet", d.sheet},
                           {"line", d.line},
                           {"site_id", d.site_id},
                           {"fields", std::move(fields)},
                           {"outcome", d.outcome.In(language)}});
  }
  nlohmann::json unknowns = nlohmann::json::array();
  for (const importers::UnknownSupplier& u : report.unknowns) {
    unknowns.push_back({{"file", u.file},
                        {"sheet", u.sheet},
                        {"line", u.line},
                        {"customer_id", u.customer_id},
                        {"product", u.product},
                        {"country", u.country},
                        {"site_id", u.site_id},
                        {"reason", u.reason.In(language)}});
  }
  auto flags_json = [language](const std::vector<importers::LocationFlag>& flags) {
    nlohmann::json out = nlohmann::json::array();
    for (const importers::LocationFlag& f : flags) {
      out.push_back({{"file", f.file},
                     {"sheet", f.sheet},
                     {"line", f.line},
                     {"input_name", f.input_name},
                     {"text", f.text.In(language)}});
    }
    return out;
  };
  const nlohmann::json location_flags = flags_json(report.location_flags);
  const nlohmann::json unknown_countries = flags_json(report.unknown_countries);
  return nlohmann::json{{"kind", importers::ImportKindName(report.kind)},
                        {"files", report.files},
                        {"rows", report.rows},
                        {"accepted", report.accepted},
                        {"created", report.created},
                        {"matched", report.matched},
                        {"links", report.links},
                        {"contracts", report.contracts},
                        {"unknowns", unknowns},
                        {"location_flags", location_flags},
                        {"location_conflicts", report.location_conflicts},
                        {"regions_from_coordinates", report.regions_from_coordinates},
                        {"countries_from_coordinates", report.countries_from_coordinates},
                        {"countries_from_addresses", report.countries_from_addresses},
                        {"unknown_countries", unknown_countries},
                        {"unknown_country_rows", report.unknown_country_rows},
                        {"written", report.written},
                        {"outcome", report.outcome.In(language)},
                        {"seconds", report.seconds},
                        {"rejected", rejected},
                        {"matches", matches},
                        {"differences", differences},
                        {"warnings", i18n::AllIn(language, report.warnings)}};
}

std::string ImportReportJson(const importers::ImportReport& report, i18n::Language language) {
  // Text from files is checked where it is read; should some still not be UTF-8, U+FFFD stands
  // in for it rather than the answer failing (fuzz_import_* assert there is none).
  return ImportReportObject(report, language)
      .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace isvgraph::api
