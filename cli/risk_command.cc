// Questions to the risk knowledge base, no store needed: `isvgraph risk country|site|cpv|layers`
// and the tender check `isvgraph tender`.

#include "command.h"
#include "isvgraph/api/encode/risk_text.h"

namespace isvgraph::cli {
namespace {

class RiskCommands final : public CommandFamily {
 public:
  void Add(CLI::App& app) override {
    CLI::App* risk = app.add_subcommand("risk", "Ask the risk knowledge base (no store needed)");
    risk->require_subcommand(1);
    risk->add_option("--data", data_, "Risk data directory")->capture_default_str();
    risk->add_option("--flag-threshold", flag_threshold_,
                     "Theme score (0..1) at or above which a site is flagged")
        ->check(CLI::Range(0.01, 1.0))
        ->capture_default_str();
    risk->add_flag("--json", json_, "Print JSON (the REST API's document) instead of text");
    AddLanguageOption(risk, &lang_);
    country_ = risk->add_subcommand("country", "Risk of a country per theme, with every indicator");
    country_->add_option("code", code_, "ISO alpha-2/alpha-3 code or English name")->required();
    site_ = risk->add_subcommand(
        "site", "Inherent risk of a site from its country, region, sector and product");
    site_->add_option("--country", site_query_.country, "ISO code or name")->required();
    site_->add_option("--region", site_query_.region, "ISO 3166-2 region, e.g. CN-XJ");
    site_->add_option("--sector", site_query_.sector, "Sector id (see GET /v1/risk/sectors)");
    site_->add_option("--product", site_query_.product, "Product id, DOL good or HS code");
    site_->add_option("--name", site_query_.name, "Site or company name (UFLPA check)");
    cpv_ = risk->add_subcommand(
        "cpv", "A CPV code: description (EN/NL), ancestors, product group, ISV category");
    cpv_->add_option("code", code_, "CPV code, e.g. 18100000-0 or 44912100")->required();
    layers_ = risk->add_subcommand("layers", "The risk layers: edition, licence, rows");
    // `isvgraph risk site … --json` as well as `isvgraph risk --json site …`.
    for (CLI::App* question : {country_, site_, cpv_, layers_}) question->fallthrough();

    tender_ = app.add_subcommand(
        "tender", "Tender check before suppliers are known: salient themes, ISV clause, questions");
    tender_->add_option("--cpv", tender_query_.cpv, "CPV code(s), e.g. 18100000-0")
        ->required()
        ->delimiter(',');
    tender_
        ->add_option("--countries", tender_query_.countries,
                     "Expected source countries, e.g. BD,CN")
        ->delimiter(',');
    tender_->add_option("--value", tender_query_.value_eur, "Estimated contract value in euro");
    tender_->add_option("--authority", tender_query_.authority, "central or sub_central")
        ->capture_default_str();
    tender_->add_option("--date", tender_query_.date, "Tender date YYYY-MM-DD (default today)");
    tender_->add_option("--data", data_, "Risk data directory")->capture_default_str();
    tender_->add_flag("--json", json_, "Print the advice as JSON");
    AddLanguageOption(tender_, &lang_);
  }

  std::optional<int> Run() override {
    if (tender_->parsed()) return Tender();
    for (CLI::App* question : {country_, site_, cpv_, layers_}) {
      if (question->parsed()) return Ask(question);
    }
    return std::nullopt;
  }

 private:
  api::OutputFormat Format() const {
    return json_ ? api::OutputFormat::kJson : api::OutputFormat::kText;
  }

  int Ask(const CLI::App* question) {
    auto lang = CommandLanguage(lang_);
    if (!lang) return Fail(lang.error());
    auto kb = api::LoadKnowledgeBase(data_, flag_threshold_);
    if (!kb) return Fail(kb.error(), *lang);
    Result<std::string> answer =
        question == country_ ? api::ReportCountryRisk(**kb, code_, Format(), *lang)
        : question == site_  ? api::ReportSiteRisk(**kb, site_query_, Format(), *lang)
        : question == cpv_   ? api::ReportCpv(**kb, code_, Format())
                             : Result<std::string>(api::ReportLayers(**kb, Format()));
    if (!answer) return Fail(answer.error(), *lang);
    return Print(*answer);
  }

  int Tender() {
    auto lang = CommandLanguage(lang_);
    if (!lang) return Fail(lang.error());
    auto kb = api::LoadKnowledgeBase(data_);
    if (!kb) return Fail(kb.error(), *lang);
    auto answer = api::ReportTender(**kb, tender_query_, Format(), *lang);
    if (!answer) return Fail(answer.error(), *lang);
    return Print(*answer);
  }

  CLI::App *country_ = nullptr, *site_ = nullptr, *cpv_ = nullptr, *layers_ = nullptr;
  CLI::App* tender_ = nullptr;
  std::string data_ = api::DefaultRiskDataDir();
  double flag_threshold_ = riskdata::kDefaultFlagThreshold;
  bool json_ = false;
  std::string lang_;  // --lang; "" = the locale's
  std::string code_;  // country or CPV code
  riskdata::SiteQuery site_query_;
  riskdata::TenderQuery tender_query_;
};

}  // namespace

std::unique_ptr<CommandFamily> NewRiskCommands() { return std::make_unique<RiskCommands>(); }

}  // namespace isvgraph::cli
