#include "rest/dispatcher.h"

#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace isvgraph::api::rest {
namespace {

using nlohmann::json;

// A table with one route of each kind the dispatcher treats differently.
Dispatcher MakeDispatcher(size_t max_body = 64) {
  RouteTable table;
  table.Add({"GET", "/v1/items/{id}", [](const HttpRequest& r) {
               return JsonResponse({{"id", r.path_params.at("id")},
                                    {"q", r.query.count("q") ? r.query.at("q") : ""}});
             }});
  table.Add({"POST", "/v1/items",
             [](const HttpRequest& r) {
               return JsonResponse({{"echo", r.json}}, 201);
             },
             /*takes_json=*/true});
  table.Add({"GET", "/v1/boom",
             [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("kaput"); }});
  return Dispatcher(std::move(table), max_body);
}

json Envelope(const HttpResponse& response) {
  json body = json::parse(response.body);
  EXPECT_TRUE(body.contains("error")) << response.body;
  EXPECT_TRUE(body["error"].contains("code"));
  EXPECT_TRUE(body["error"].contains("message"));
  EXPECT_TRUE(body["error"]["details"].is_object());
  return body["error"];
}

TEST(Dispatcher, PassesDecodedPathAndQuery) {
  HttpResponse r = MakeDispatcher().Handle(
      {.method = "GET", .raw_path = "/v1/items/a%20b", .raw_query = "q=x%2By"});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), (json{{"id", "a b"}, {"q", "x+y"}}));
}

TEST(Dispatcher, UnknownPathIs404Envelope) {
  HttpResponse r = MakeDispatcher().Handle({.method = "GET", .raw_path = "/v1/nope"});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Envelope(r)["code"], "not_found");
}

TEST(Dispatcher, WrongMethodIs405WithAllow) {
  HttpResponse r = MakeDispatcher().Handle({.method = "DELETE", .raw_path = "/v1/items"});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Envelope(r)["details"]["allowed"], json::array({"POST"}));
  // Allow, and the answer's language (every answer names it).
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Allow", "POST"}));
  EXPECT_EQ(r.headers[1], (std::pair<std::string, std::string>{"Content-Language", "en"}));
}

TEST(Dispatcher, ErrorsComeInTheLanguageAsked) {
  // Before routing (no such endpoint), before the handler (no token) and for a bad ?lang.
  HttpResponse nope = MakeDispatcher().Handle({.method = "GET",
                                               .raw_path = "/v1/nope",
                                               .headers = {{"accept-language", "nl-NL,nl;q=0.9"}}});
  EXPECT_EQ(nope.status, 404);
  EXPECT_EQ(Envelope(nope)["code"], "not_found");  // codes stay as they are
  EXPECT_EQ(Envelope(nope)["message"], "dit eindpunt bestaat niet: /v1/nope");
  EXPECT_EQ(nope.headers.back(), (std::pair<std::string, std::string>{"Content-Language", "nl"}));
  HttpResponse english = MakeDispatcher().Handle({.method = "GET", .raw_path = "/v1/nope"});
  EXPECT_EQ(Envelope(english)["message"], "no such endpoint: /v1/nope");
  HttpResponse by_query =
      MakeDispatcher().Handle({.method = "GET", .raw_path = "/v1/nope", .raw_query = "lang=nl"});
  EXPECT_EQ(Envelope(by_query)["message"], "dit eindpunt bestaat niet: /v1/nope");
  HttpResponse french = MakeDispatcher().Handle({.method = "GET",
                                                 .raw_path = "/v1/items/x",
                                                 .raw_query = "lang=fr",
                                                 .headers = {{"accept-language", "nl"}}});
  EXPECT_EQ(french.status, 400);
  EXPECT_EQ(Envelope(french)["message"], "lang must be nl (Dutch) or en (English); got 'fr'");
}

TEST(Dispatcher, ParsesJsonBodies) {
  HttpResponse r = MakeDispatcher().Handle(
      {.method = "POST", .raw_path = "/v1/items", .body = R"({"a":[1,2]})"});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(json::parse(r.body)["echo"]["a"][1], 2);
}

TEST(Dispatcher, MalformedJsonIs400WithPosition) {
  HttpResponse r =
      MakeDispatcher().Handle({.method = "POST", .raw_path = "/v1/items", .body = R"({"a":)"});
  EXPECT_EQ(r.status, 400);
  json error = Envelope(r);
  EXPECT_EQ(error["code"], "invalid_argument");
  EXPECT_EQ(error["message"], "malformed JSON in request body");
  EXPECT_TRUE(error["details"].contains("byte"));
}

TEST(Dispatcher, MissingJsonBodyIs400) {
  HttpResponse r = MakeDispatcher().Handle({.method = "POST", .raw_path = "/v1/items"});
  EXPECT_EQ(r.status, 400);
}

TEST(Dispatcher, OversizeBodyIs413) {
  HttpResponse r = MakeDispatcher(8).Handle(
      {.method = "POST", .raw_path = "/v1/items", .body = R"({"long":"enough"})"});
  EXPECT_EQ(r.status, 413);
  json error = Envelope(r);
  EXPECT_EQ(error["code"], "payload_too_large");
  EXPECT_EQ(error["details"]["limit_bytes"], 8);
}

TEST(Dispatcher, MalformedEscapeIs400) {
  HttpResponse r =
      MakeDispatcher().Handle({.method = "GET", .raw_path = "/v1/items/1", .raw_query = "q=%zz"});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Envelope(r)["code"], "invalid_argument");
}

TEST(Dispatcher, EscapingExceptionBecomes500Envelope) {
  HttpResponse r = MakeDispatcher().Handle({.method = "GET", .raw_path = "/v1/boom"});
  EXPECT_EQ(r.status, 500);
  json error = Envelope(r);
  EXPECT_EQ(error["code"], "internal");
  // The exception text goes to the log, not to the client.
  EXPECT_EQ(r.body.find("kaput"), std::string::npos);
}

}  // namespace
}  // namespace isvgraph::api::rest

namespace isvgraph::api::rest {
namespace {

// Tokens "v" (viewer of org1) and "a" (admin of org1); any other is unknown.
Dispatcher GuardedDispatcher() {
  RouteTable table;
  table.Add({"GET", "/v1/mine",
             [](const HttpRequest& r) {
               return JsonResponse({{"org", r.principal->organisation},
                                    {"role", graph::kRoles.Name(r.principal->role)}});
             },
             false, Access::kViewer});
  table.Add({"DELETE", "/v1/mine", [](const HttpRequest&) { return JsonResponse({}, 204); }, false,
             Access::kAdmin});
  return Dispatcher(std::move(table), 1024, [](std::string_view token) -> Result<Principal> {
    if (token == "v") return Principal{.organisation = "org1", .role = Role::kViewer};
    if (token == "a") return Principal{.organisation = "org1", .role = Role::kAdmin};
    return Status::NotFound("unknown");
  });
}

TEST(DispatcherAuth, TokenRoleAndOrganisationReachTheHandler) {
  HttpResponse r = GuardedDispatcher().Handle(
      {.method = "GET", .raw_path = "/v1/mine", .headers = {{"authorization", "Bearer v"}}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body), (nlohmann::json{{"org", "org1"}, {"role", "viewer"}}));
}

TEST(DispatcherAuth, MissingOrUnknownTokenIs401AndLowRoleIs403) {
  Dispatcher d = GuardedDispatcher();
  EXPECT_EQ(d.Handle({.method = "GET", .raw_path = "/v1/mine"}).status, 401);
  EXPECT_EQ(
      d.Handle(
           {.method = "GET", .raw_path = "/v1/mine", .headers = {{"authorization", "Bearer zzz"}}})
          .status,
      401);
  EXPECT_EQ(
      d.Handle({.method = "GET", .raw_path = "/v1/mine", .headers = {{"authorization", "Basic v"}}})
          .status,
      401);
  HttpResponse viewer = d.Handle(
      {.method = "DELETE", .raw_path = "/v1/mine", .headers = {{"authorization", "Bearer v"}}});
  ASSERT_EQ(viewer.status, 403);
  EXPECT_EQ(nlohmann::json::parse(viewer.body)["error"]["code"], "permission_denied");
  EXPECT_EQ(
      d.Handle(
           {.method = "DELETE", .raw_path = "/v1/mine", .headers = {{"authorization", "Bearer a"}}})
          .status,
      204);
}

TEST(Dispatcher, JsonNestedDeeperThanTheLimitIs400BeforeParsing) {
  // 64 levels are fine; 65 and a 100,000-deep body are refused with the limit named, and the
  // handler never runs.
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_EQ(MakeDispatcher(1 << 20)
                .Handle({.method = "POST", .raw_path = "/v1/items", .body = ok})
                .status,
            201);
  for (size_t depth : {size_t{65}, size_t{100000}}) {
    HttpResponse r =
        MakeDispatcher(1 << 20).Handle({.method = "POST",
                                        .raw_path = "/v1/items",
                                        .body = std::string(depth, '[') + std::string(depth, ']')});
    EXPECT_EQ(r.status, 400) << depth;
    EXPECT_EQ(Envelope(r)["details"]["max_depth"], 64);
  }
  // Brackets inside strings, escaped quotes included, do not count.
  const std::string quoted = "[\"" + std::string(100, '[') + "\\\"" + std::string(100, '{') + "\"]";
  EXPECT_EQ(MakeDispatcher(1 << 20)
                .Handle({.method = "POST", .raw_path = "/v1/items", .body = quoted})
                .status,
            201)
      << quoted;
}

TEST(Dispatcher, FuzzFindingsAreClear400s) {
  // Found by fuzz_request_body / fuzz_request_query (fuzz/): each was a 500 before.
  Dispatcher dispatcher = MakeDispatcher(1 << 20);
  // A number past double's range: nlohmann throws out_of_range, not parse_error.
  HttpResponse huge = dispatcher.Handle(
      {.method = "POST", .raw_path = "/v1/items", .body = R"({"lat": 1.5e9123})"});
  EXPECT_EQ(huge.status, 400);
  EXPECT_EQ(Envelope(huge)["message"], "malformed JSON in request body");
  // Bytes that are not UTF-8 where JSON expects a key: the parser's message quotes them, and
  // the answer must still be JSON (U+FFFD in their place).
  HttpResponse latin1 = dispatcher.Handle(
      {.method = "POST", .raw_path = "/v1/items", .body = "{\"a\": 1, \xE0\xDD\x8B: 2}"});
  EXPECT_EQ(latin1.status, 400);
  EXPECT_TRUE(json::accept(latin1.body)) << latin1.body;
  // A path or query that decodes to bytes that are not UTF-8.
  for (const RawRequest& bad :
       {RawRequest{.method = "GET", .raw_path = "/v1/items/%FF%FE"},
        RawRequest{.method = "GET", .raw_path = "/v1/items/a", .raw_query = "q=%ED%A0%80"}}) {
    HttpResponse r = dispatcher.Handle(bad);
    EXPECT_EQ(r.status, 400) << bad.raw_path << "?" << bad.raw_query;
    EXPECT_EQ(Envelope(r)["message"],
              "the URL is not UTF-8 text without control characters once percent-decoded");
  }
}

}  // namespace
}  // namespace isvgraph::api::rest
