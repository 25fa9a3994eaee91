#include "rest/route_table.h"

#include <gtest/gtest.h>

namespace isvgraph::api::rest {
namespace {

Handler Named(const std::string& name) {
  return [name](const HttpRequest&) { return HttpResponse{.status = 200, .body = name}; };
}

RouteTable Table() {
  RouteTable table;
  table.Add({"GET", "/v1/contracts", Named("list")});
  table.Add({"POST", "/v1/contracts", Named("create")});
  table.Add({"GET", "/v1/contracts/{id}", Named("get")});
  table.Add({"DELETE", "/v1/contracts/{id}", Named("delete")});
  table.Add({"GET", "/v1/contracts/{id}/chain", Named("chain")});
  return table;
}

TEST(RouteTable, FindsLiteralAndTemplatedRoutes) {
  RouteTable table = Table();
  RouteMatch list = table.Find("GET", "/v1/contracts");
  ASSERT_EQ(list.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(list.route->handler({}).body, "list");

  RouteMatch chain = table.Find("GET", "/v1/contracts/42/chain");
  ASSERT_EQ(chain.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(chain.route->handler({}).body, "chain");
  EXPECT_EQ(chain.path_params.at("id"), "42");
}

TEST(RouteTable, DecodesParameters) {
  RouteMatch match = Table().Find("GET", "/v1/contracts/a%2Fb%20c");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(match.path_params.at("id"), "a/b c");
}

TEST(RouteTable, TrailingSlashIsTheSameRoute) {
  EXPECT_EQ(Table().Find("GET", "/v1/contracts/").kind, RouteMatch::Kind::kFound);
}

TEST(RouteTable, UnknownPathIsNotFound) {
  RouteTable table = Table();
  EXPECT_EQ(table.Find("GET", "/v1/nothing").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(table.Find("GET", "/v1/contracts/1/chain/extra").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(table.Find("GET", "/").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouteTable, LongPathsAndMalformedParametersMatchNothing) {
  RouteTable table = Table();
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "/v1";
  EXPECT_EQ(table.Find("GET", deep).kind, RouteMatch::Kind::kNotFound);
  // A parameter must be well-formed percent-encoding, whatever the method.
  EXPECT_EQ(table.Find("GET", "/v1/contracts/%zz").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(table.Find("PUT", "/v1/contracts/a%2").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(table.Find("GET", "/v1/contracts/%41%42").path_params.at("id"), "AB");
}

TEST(RouteTable, WrongMethodListsTheAllowedOnes) {
  RouteMatch match = Table().Find("PUT", "/v1/contracts/7");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"DELETE", "GET"}));
}

// Of the templates a path matches — literal segments or parameters, anywhere — the first route
// added with the request's method wins; a 405 lists the methods of all of them.
TEST(RouteTable, TheFirstMatchingRouteWinsWhereverItsParametersAre) {
  RouteTable table;
  table.Add({"GET", "/{version}/sites/{id}", Named("any version")});
  table.Add({"GET", "/v1/sites/{id}", Named("v1 site")});
  table.Add({"GET", "/v1/sites/match", Named("never: shadowed by both above")});
  table.Add({"POST", "/v1/sites/match", Named("match")});
  table.Add({"PUT", "/v1/{kind}/{id}", Named("put anything")});
  table.Add({"GET", "/v2/sites/{id}", Named("never: shadowed by the first")});
  EXPECT_EQ(table.Find("GET", "/v1/sites/7").route->handler({}).body, "any version");
  EXPECT_EQ(table.Find("GET", "/v2/sites/7").route->handler({}).body, "any version");
  EXPECT_EQ(table.Find("GET", "/v1/sites/match").route->handler({}).body, "any version");
  EXPECT_EQ(table.Find("POST", "/v1/sites/match").route->handler({}).body, "match");
  EXPECT_EQ(table.Find("PUT", "/v1/sites/7").route->handler({}).body, "put anything");
  // Extra slashes part the segments the same way.
  EXPECT_EQ(table.Find("POST", "//v1//sites///match").route->handler({}).body, "match");
  // A 405 lists the methods of every matching template.
  RouteMatch refused = table.Find("DELETE", "/v1/sites/match");
  ASSERT_EQ(refused.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(refused.allowed_methods, (std::vector<std::string>{"GET", "POST", "PUT"}));
  EXPECT_EQ(table.Find("GET", "/v1/other/7").kind, RouteMatch::Kind::kMethodNotAllowed);

  RouteTable later;  // the parameter template added after the literal ones
  later.Add({"GET", "/v1/sites/{id}", Named("v1 site")});
  later.Add({"GET", "/{version}/sites/{id}", Named("any version")});
  EXPECT_EQ(later.Find("GET", "/v1/sites/7").route->handler({}).body, "v1 site");
  EXPECT_EQ(later.Find("GET", "/v3/sites/7").route->handler({}).body, "any version");
}

TEST(RouteTableDeathTest, DuplicateRouteIsABug) {
  RouteTable table = Table();
  EXPECT_DEATH(table.Add({"GET", "/v1/contracts", Named("again")}), "ISV_CHECK failed");
}

TEST(PercentDecode, DecodesAndRejectsMalformedEscapes) {
  std::string out;
  EXPECT_TRUE(PercentDecode("a%20b+c", true, &out));
  EXPECT_EQ(out, "a b c");
  EXPECT_TRUE(PercentDecode("a+b", false, &out));
  EXPECT_EQ(out, "a+b");
  EXPECT_FALSE(PercentDecode("%zz", false, &out));
  EXPECT_FALSE(PercentDecode("abc%2", false, &out));
  EXPECT_FALSE(PercentDecode("%", false, &out));
}

TEST(ParseQuery, SplitsPairs) {
  std::map<std::string, std::string> query;
  ASSERT_TRUE(ParseQuery("cpv=18100000-0&countries=IN,BD&flag&value=1+000", &query));
  EXPECT_EQ(query.at("cpv"), "18100000-0");
  EXPECT_EQ(query.at("countries"), "IN,BD");
  EXPECT_EQ(query.at("flag"), "");
  EXPECT_EQ(query.at("value"), "1 000");
  EXPECT_FALSE(ParseQuery("a=%G0", &query));
}

}  // namespace
}  // namespace isvgraph::api::rest
