// Text that tries to escape where it is written: ids with line breaks into response headers,
// oversize names, formulas into CSV cells. Each is refused at the write, or encoded where it
// leaves the program.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "isvgraph/api/service.h"
#include "live_server.h"

namespace isvgraph::api {
namespace {

using isvgraph::testing::HttpRequest;
using isvgraph::testing::HttpResult;
using nlohmann::json;

class InjectionTest : public LiveServerTest {
 protected:
  InjectionTest() { max_body_bytes_ = 32 << 20; }
  void SetUp() override {
    LiveServerTest::SetUp();
    buyer_ = service_->CreateToken({.organisation = "rws", .role = Role::kBuyer}).value();
    graph::WriteBatch batch;
    batch.PutSite({.id = "T", .name = "Trader", .country = "NL"});
    ASSERT_TRUE(service_->WriteAsOperator(std::move(batch)).ok());
  }
  HttpResult Send(const std::string& method, const std::string& target, const std::string& body) {
    return HttpRequest(
        port_, method, target, body,
        "Authorization: Bearer " + buyer_ + "\r\nContent-Type: application/json\r\n");
  }
  std::string buyer_;
};

TEST_F(InjectionTest, IdsAndNamesWithControlCharactersAreRefused) {
  HttpResult contract =
      Send("POST", "/v1/contracts",
           R"({"id":"C-HDR\r\nSet-Cookie: pwn=1","tier1_site_id":"T","value_eur":1})");
  ASSERT_EQ(contract.status, 400) << contract.body;
  EXPECT_NE(contract.body.find("control character"), std::string::npos) << contract.body;
  HttpResult site =
      Send("POST", "/v1/sites", R"({"id":"S\u0000X","name":"a\u001bb","country":"NL"})");
  EXPECT_EQ(site.status, 400) << site.body;
  EXPECT_EQ(service_->Stats().contracts, 0u);
  EXPECT_EQ(service_->Stats().sites, 1u);
  // Free text may break lines; ids and names may not.
  graph::WriteBatch direct;
  direct.PutContract({.id = "K\nX", .organisation = "rws", .tier1_site_id = "T"});
  EXPECT_EQ(service_->WriteAsOperator(std::move(direct)).code(), StatusCode::kInvalidArgument);
}

TEST_F(InjectionTest, OneLengthCapForEveryTextField) {
  const std::string long_name(5000, 'x');
  HttpResult site =
      Send("POST", "/v1/sites", R"({"id":"S1","name":")" + long_name + R"(","country":"NL"})");
  ASSERT_EQ(site.status, 400) << site.body.substr(0, 300);
  EXPECT_NE(site.body.find("longer than 4096 bytes"), std::string::npos);
  HttpResult ok = Send("POST", "/v1/sites",
                       R"({"id":"S1","name":")" + std::string(4096, 'x') + R"(","country":"NL"})");
  EXPECT_EQ(ok.status, 201) << ok.body.substr(0, 300);
}

TEST_F(InjectionTest, FileNamesInHeadersAreEncoded) {
  ASSERT_EQ(
      Send("POST", "/v1/contracts", R"({"id":"K \"zuid\" é;x","tier1_site_id":"T","value_eur":1})")
          .status,
      201);
  HttpResult map = HttpRequest(port_, "GET", "/v1/maps/chains/K%20%22zuid%22%20%C3%A9%3Bx.geojson",
                               "", "Authorization: Bearer " + buyer_ + "\r\n");
  ASSERT_EQ(map.status, 200) << map.body.substr(0, 300);
  const std::string disposition = map.headers["content-disposition"];
  EXPECT_EQ(disposition,
            "inline; filename=\"K__zuid_____x.geojson\"; "
            "filename*=UTF-8''K%20%22zuid%22%20%C3%A9%3Bx.geojson");
  // A line break in the URL never reaches a header: refused before routing.
  HttpResult crlf = HttpRequest(port_, "GET", "/v1/maps/chains/C%0D%0ASet-Cookie:%20x=1.geojson",
                                "", "Authorization: Bearer " + buyer_ + "\r\n");
  EXPECT_EQ(crlf.status, 400);
  EXPECT_EQ(crlf.headers.count("set-cookie"), 0u);
}

TEST_F(InjectionTest, ASiteCannotSupplyItself) {
  HttpResult loop =
      Send("POST", "/v1/links", R"({"supplier_id":"T","customer_id":"T","product":"x"})");
  EXPECT_EQ(loop.status, 400) << loop.body;
  EXPECT_EQ(service_->Stats().links, 0u);
}

}  // namespace
}  // namespace isvgraph::api
