#include "rest/risk_handlers.h"

#include <cctype>

#include "isvgraph/api/encode/risk_json.h"
#include "isvgraph/i18n/say.h"
#include "rest/error_envelope.h"

namespace isvgraph::api::rest {
namespace {

using nlohmann::json;

// Largest number of sites one POST /v1/risk/sites may score.
constexpr size_t kMaxSitesPerRequest = 1000;

bool IsCountryCodeShape(const std::string& code) {
  if (code.size() != 2 && code.size() != 3) return false;
  for (unsigned char c : code) {
    if (!std::isalpha(c)) return false;
  }
  return true;
}

// Reads one site description; InvalidArgument names the offending field.
Status SiteFromJson(const json& item, riskdata::SiteQuery* query) {
  if (!item.is_object())
    return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorSiteNotObject);
  for (auto [key, field] :
       {std::pair{"country", &query->country}, std::pair{"region", &query->region},
        std::pair{"sector", &query->sector}, std::pair{"product", &query->product},
        std::pair{"name", &query->name}}) {
    auto it = item.find(key);
    if (it == item.end() || it->is_null()) continue;
    if (!it->is_string()) {
      return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorFieldNotString,
                        {{"name", key}});
    }
    *field = it->get<std::string>();
  }
  for (auto it = item.begin(); it != item.end(); ++it) {
    const std::string& key = it.key();
    if (key != "country" && key != "region" && key != "sector" && key != "product" &&
        key != "name") {
      return i18n::Fail(StatusCode::kInvalidArgument, i18n::Msg::kErrorUnknownField,
                        {{"name", key}});
    }
  }
  return Status::Ok();
}

}  // namespace

HttpResponse GetRiskThemes(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  return JsonResponse(ThemesJson(*kb, request.language));
}

HttpResponse GetRiskLayers(const Service& service, const HttpRequest&) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  return JsonResponse(LayersJson(*kb));
}

HttpResponse GetRiskSectors(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  return JsonResponse(SectorsJson(*kb, request.language));
}

HttpResponse GetCountryRisk(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  std::string code = request.path_params.at("code");
  // A name ("India", "Bangladesh", "Turkije") as the tender check takes one; digits are no
  // country's name.
  if (!IsCountryCodeShape(code) && code.find_first_of("0123456789") == std::string::npos) {
    auto named = kb->FindCountry(code);
    if (!named) return ErrorResponse(named.error(), {{"code", code}});
    code = named->iso2;
  }
  if (!IsCountryCodeShape(code)) {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorCountryCodeLetters),
                         {{"code", code}, {"hint", "e.g. IN or IND"}});
  }
  auto risk = kb->AssessCountry(code);
  if (!risk) return ErrorResponse(risk.error(), {{"code", code}});
  return JsonResponse(CountryRiskJson(*kb, *risk, request.language));
}

HttpResponse GetSiteRisk(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  for (const auto& [key, value] : request.query) {
    if (key != "country" && key != "region" && key != "sector" && key != "product" &&
        key != "name") {
      return ErrorResponse(400, "invalid_argument",
                           i18n::Say(i18n::Msg::kErrorUnknownParameter, {{"name", key}}),
                           {{"allowed", {"country", "region", "sector", "product", "name"}}});
    }
  }
  riskdata::SiteQuery query{.country = QueryOr(request, "country"),
                            .region = QueryOr(request, "region"),
                            .sector = QueryOr(request, "sector"),
                            .product = QueryOr(request, "product"),
                            .name = QueryOr(request, "name")};
  if (query.country.empty() && query.sector.empty() && query.product.empty() &&
      query.name.empty()) {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorSiteNeedsSomething));
  }
  auto risk = kb->AssessSite(query);
  if (!risk) return ErrorResponse(risk.error());
  return JsonResponse(SiteRiskJson(*kb, *risk, request.language));
}

HttpResponse PostSiteRisks(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  const json& body = request.json;
  if (!body.is_object() || !body.contains("sites") || !body["sites"].is_array()) {
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorSitesBody));
  }
  const json& sites = body["sites"];
  if (sites.size() > kMaxSitesPerRequest) {
    return ErrorResponse(
        400, "invalid_argument",
        i18n::Say(i18n::Msg::kErrorSitesAtMost, {{"max", std::to_string(kMaxSitesPerRequest)}}),
        {{"count", sites.size()}});
  }
  json results = json::array();
  json errors = json::array();
  for (size_t i = 0; i < sites.size(); ++i) {
    riskdata::SiteQuery query;
    Status parsed = SiteFromJson(sites[i], &query);
    if (!parsed.ok()) {
      errors.push_back({{"index", i},
                        {"code", StatusCodeName(parsed.code())},
                        {"message", i18n::MessageIn(request.language, parsed)}});
      continue;
    }
    auto risk = kb->AssessSite(query);
    if (!risk) {
      errors.push_back({{"index", i},
                        {"code", StatusCodeName(risk.error().code())},
                        {"message", i18n::MessageIn(request.language, risk.error())}});
      continue;
    }
    results.push_back(SiteRiskJson(*kb, *risk, request.language));
  }
  if (!errors.empty()) {
    return ErrorResponse(
        400, "invalid_argument",
        i18n::Say(i18n::Msg::kErrorSitesNotScored, {{"failed", std::to_string(errors.size())},
                                                    {"total", std::to_string(sites.size())}}),
        {{"errors", errors}});
  }
  return JsonResponse({{"results", results}});
}

HttpResponse SearchCpv(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  const std::string text = QueryOr(request, "q");
  if (text.empty())
    return ErrorResponse(400, "invalid_argument", i18n::Say(i18n::Msg::kErrorCpvQueryNeeded));
  json out = json::array();
  for (const riskdata::CpvEntry& entry : kb->SearchCpv(text, 12)) {
    auto resolved = kb->ResolveCpv(entry.code);
    const riskdata::ProductGroup* group = resolved ? resolved->product_group : nullptr;
    out.push_back({{"code", entry.code},
                   {"level", entry.level},
                   {"en", entry.en},
                   {"nl", entry.nl},
                   {"product_group", group ? json(group->id) : json(nullptr)}});
  }
  return JsonResponse({{"q", text}, {"matches", out}});
}

HttpResponse GetCpv(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  const std::string& code = request.path_params.at("code");
  auto resolution = kb->ResolveCpv(code);
  if (!resolution) return ErrorResponse(resolution.error(), {{"code", code}});
  return JsonResponse(CpvJson(*kb, *resolution, request.language));
}

HttpResponse GetTenderCheck(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  riskdata::TenderQuery query;
  auto split = [](const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text + ",") {
      if (c == ',') {
        if (!item.empty()) out.push_back(item);
        item.clear();
      } else if (c != ' ') {
        item += c;
      }
    }
    return out;
  };
  if (auto it = request.query.find("cpv"); it != request.query.end()) query.cpv = split(it->second);
  if (auto it = request.query.find("countries"); it != request.query.end()) {
    query.countries = split(it->second);
  }
  if (auto it = request.query.find("value"); it != request.query.end()) {
    try {
      size_t used = 0;
      query.value_eur = std::stod(it->second, &used);
      if (used != it->second.size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      return ErrorResponse(400, "invalid_argument",
                           i18n::Say(i18n::Msg::kErrorValueNotNumber, {{"value", it->second}}));
    }
  }
  if (auto it = request.query.find("authority"); it != request.query.end()) {
    query.authority = it->second;
  }
  if (auto it = request.query.find("date"); it != request.query.end()) query.date = it->second;
  auto advice = kb->CheckTender(query);
  if (!advice) return ErrorResponse(advice.error());
  return JsonResponse(TenderAdviceJson(*kb, *advice, request.language));
}

HttpResponse ListProductGroups(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  json groups = json::array();
  for (const riskdata::ProductGroup& group : kb->product_groups()) {
    groups.push_back(ProductGroupJson(*kb, group, false, request.language));
  }
  return JsonResponse({{"product_groups", groups}});
}

HttpResponse GetProductGroup(const Service& service, const HttpRequest& request) {
  const std::shared_ptr<const riskdata::KnowledgeBase> kb = service.risk();
  const std::string& id = request.path_params.at("id");
  const riskdata::ProductGroup* group = kb->FindProductGroup(id);
  if (!group) {
    json ids = json::array();
    for (const auto& g : kb->product_groups()) ids.push_back(g.id);
    return ErrorResponse(404, "not_found",
                         i18n::Say(i18n::Msg::kErrorUnknownProductGroup, {{"id", id}}),
                         {{"product_groups", ids}});
  }
  return JsonResponse(ProductGroupJson(*kb, *group, true, request.language));
}

}  // namespace isvgraph::api::rest
