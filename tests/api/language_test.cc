// Answers in the request's language: ?lang and Accept-Language (q-values; ?lang wins), answered
// with Content-Language. The tender check in Dutch and in English differs only in its text for
// people; the contract report in Dutch has <html lang="nl">, Dutch headings and Dutch amounts.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "live_server.h"
#include "support/language_compare.h"

namespace isvgraph::api {
namespace {

using nlohmann::json;

constexpr char kTender[] = "/v1/tender-check?cpv=18100000-0&countries=BD,CN&value=500000";

class LanguageTest : public LiveServerTest {
 protected:
  isvgraph::testing::HttpResult GetIn(const std::string& target, const std::string& accept) {
    return isvgraph::testing::HttpRequest(port_, "GET", target, "",
                                          "Accept-Language: " + accept + "\r\n");
  }
};

TEST_F(LanguageTest, TenderCheckInDutchDiffersOnlyInItsText) {
  auto english = Get(kTender);
  auto dutch = GetIn(kTender, "nl-NL,nl;q=0.9,en;q=0.8");
  ASSERT_EQ(english.status, 200) << english.body;
  ASSERT_EQ(dutch.status, 200) << dutch.body;
  EXPECT_EQ(english.headers.at("content-language"), "en");
  EXPECT_EQ(dutch.headers.at("content-language"), "nl");
  EXPECT_NE(dutch.headers.at("vary").find("Accept-Language"), std::string::npos);
  const json en = JsonOf(english), nl = JsonOf(dutch);
  const std::vector<std::string> differences = isvgraph::testing::DifferencesBeyondText(en, nl);
  EXPECT_TRUE(differences.empty()) << differences.front();

  // Dutch throughout: the verdict, each theme's reason, measures and questions.
  EXPECT_EQ(nl["isv"]["reason"].get<std::string>().rfind("Verplicht: centrale overheid", 0), 0u)
      << nl["isv"]["reason"];
  EXPECT_EQ(en["isv"]["reason"].get<std::string>().rfind("Mandatory: central government", 0), 0u);
  for (size_t i = 0; i < nl["themes"].size(); ++i) {
    const json& theme = nl["themes"][i];
    EXPECT_NE(theme["reason"], en["themes"][i]["reason"]) << theme["theme"];
    for (const char* list : {"measures", "questions"}) {
      for (size_t j = 0; j < theme[list].size(); ++j) {
        EXPECT_NE(theme[list][j], en["themes"][i][list][j]) << theme["theme"] << " " << list;
      }
    }
  }
  EXPECT_EQ(nl["themes"][0]["name"], "Kinderarbeid");
  EXPECT_NE(nl["themes"][0]["reason"].get<std::string>().find("schakel 4"), std::string::npos);
}

TEST_F(LanguageTest, LangParameterWinsOverTheHeader) {
  auto english = GetIn(std::string(kTender) + "&lang=en", "nl");
  ASSERT_EQ(english.status, 200);
  EXPECT_EQ(english.headers.at("content-language"), "en");
  auto dutch = GetIn(std::string(kTender) + "&language=nl", "en");
  EXPECT_EQ(dutch.headers.at("content-language"), "nl");
  // The header's q-values decide when there is no parameter.
  EXPECT_EQ(GetIn(kTender, "en;q=0.4, nl;q=0.6").headers.at("content-language"), "nl");
  EXPECT_EQ(GetIn(kTender, "fr, de").headers.at("content-language"), "en");
  // A language we do not speak, asked by name, is refused with what we do speak.
  auto refused = Get(std::string(kTender) + "&lang=fr");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(ErrorOf(refused)["message"].get<std::string>().find("nl (Dutch) or en (English)"),
            std::string::npos);
}

TEST_F(LanguageTest, SiteRiskInDutchKeepsItsNumbers) {
  const std::string target = "/v1/risk/sites?country=IN&sector=quarrying_stone";
  auto english = Get(target);
  auto dutch = Get(target + "&lang=nl");
  ASSERT_EQ(english.status, 200) << english.body;
  ASSERT_EQ(dutch.status, 200);
  const json en = JsonOf(english), nl = JsonOf(dutch);
  const std::vector<std::string> differences = isvgraph::testing::DifferencesBeyondText(en, nl);
  EXPECT_TRUE(differences.empty()) << differences.front();
  EXPECT_EQ(nl["country"]["name"], "India");
  EXPECT_NE(nl["themes"][0]["explanation"].get<std::string>().find("Kinderarbeid"),
            std::string::npos)
      << nl["themes"][0]["explanation"];
}

TEST_F(LanguageTest, ErrorsInDutchKeepTheirCodes) {
  // A malformed CPV code: the knowledge base's message, in the language asked.
  auto dutch = GetIn("/v1/tender-check?cpv=1810000", "nl");
  auto english = Get("/v1/tender-check?cpv=1810000");
  ASSERT_EQ(dutch.status, 400) << dutch.body;
  ASSERT_EQ(english.status, 400) << english.body;
  EXPECT_EQ(dutch.headers.at("content-language"), "nl");
  EXPECT_EQ(JsonOf(dutch)["error"]["code"], JsonOf(english)["error"]["code"]);
  EXPECT_EQ(JsonOf(dutch)["error"]["message"],
            "onjuiste CPV-code '1810000': verwacht 8 cijfers, eventueel met '-' en een "
            "controlecijfer (bijvoorbeeld 18100000-0)");
  EXPECT_EQ(JsonOf(english)["error"]["message"].get<std::string>().rfind("malformed CPV code", 0),
            0u);
  // An unknown country in the risk explorer, and a parameter of the tender check.
  EXPECT_EQ(JsonOf(GetIn("/v1/risk/sites?country=Narnia", "nl"))["error"]["message"]
                .get<std::string>()
                .rfind("onbekend land 'Narnia'", 0),
            0u);
  EXPECT_EQ(JsonOf(GetIn("/v1/tender-check?cpv=18100000-0&value=veel", "nl"))["error"]["message"],
            "value moet een bedrag in euro zijn, niet 'veel'");
  // Refused before any handler runs: a route that needs a token.
  auto unauthenticated = GetIn("/v1/contracts", "nl");
  EXPECT_EQ(unauthenticated.status, 401);
  EXPECT_EQ(JsonOf(unauthenticated)["error"]["code"], "unauthenticated");
  EXPECT_EQ(JsonOf(unauthenticated)["error"]["message"],
            "dit eindpunt vraagt om een toegangstoken: 'Authorization: Bearer <token>'");
}

TEST_F(LanguageTest, ContractReportInDutch) {
  graph::WriteBatch batch;
  batch.PutOrganisation({.id = "rws", .name = "Rijkswaterstaat"});
  batch.PutSite(
      {.id = "R", .name = "Dutch ICT Reseller", .country = "NL", .sector = "wholesale_trading"});
  batch.PutSite({.id = "A",
                 .name = "Shenzhen Assembly Works",
                 .country = "CN",
                 .sector = "electronics_assembly"});
  batch.PutLink({.organisation = "rws", .supplier_id = "A", .customer_id = "R"});
  batch.PutContract({.id = "ICT-1",
                     .organisation = "rws",
                     .tier1_site_id = "R",
                     .title = "Laptops voor de ministeries",
                     .cpv = "30213100-6",
                     .value_eur = 1250000});
  ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
  const std::string token =
      service_->CreateToken({.organisation = "rws", .role = Role::kViewer}).value();
  auto get = [&](const std::string& target, const std::string& accept) {
    return isvgraph::testing::HttpRequest(
        port_, "GET", target, "",
        "Authorization: Bearer " + token + "\r\nAccept-Language: " + accept + "\r\n");
  };
  auto en = get("/v1/contracts/ICT-1/assessment", "en");
  auto nl = get("/v1/contracts/ICT-1/assessment", "nl");
  ASSERT_EQ(nl.status, 200) << nl.body;
  const std::vector<std::string> differences =
      isvgraph::testing::DifferencesBeyondText(JsonOf(en), JsonOf(nl));
  EXPECT_TRUE(differences.empty()) << differences.front();

  auto page = get("/v1/contracts/ICT-1/report.html", "nl");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.headers.at("content-language"), "nl");
  for (const char* part : {"<html lang=\"nl\">", "Ketenrisico per thema", "ISV-clausule verplicht",
                           "Rapport van ", "€\u00a01.250.000", "Smelter of raffinaderij",
                           "Het plan van aanpak voor gepaste zorgvuldigheid moet"}) {
    EXPECT_NE(page.body.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(page.body.find("Chain risk per theme"), std::string::npos);
  auto english = get("/v1/contracts/ICT-1/report.html", "en");
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(english.body.find("€1,250,000"), std::string::npos);
}

}  // namespace
}  // namespace isvgraph::api
