// The OpenAPI document and the route table describe the same API, in both directions.

#include "rest/openapi.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <gtest/gtest.h>

#include "isvgraph/api/service.h"
#include "rest/routes.h"
#include "support/temp_dir.h"

namespace isvgraph::api::rest {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  isvgraph::testing::TempDir dir;
  auto service = Service::Open({.db_path = dir.Sub("db")});
  ASSERT_TRUE(service) << service.error().ToString();
  const RouteTable table = BuildRouteTable(**service);
  const nlohmann::json doc = OpenApiDocument((*service)->Version());
  EXPECT_EQ(doc["openapi"], "3.0.3");

  std::set<std::pair<std::string, std::string>> routes;
  for (const Route& route : table.routes()) {
    routes.emplace(route.path_template, Lower(route.method));
    ASSERT_TRUE(doc["paths"].contains(route.path_template)) << route.path_template;
    const nlohmann::json& operation = doc["paths"][route.path_template][Lower(route.method)];
    ASSERT_TRUE(operation.is_object()) << route.method << " " << route.path_template;
    EXPECT_FALSE(operation["summary"].get<std::string>().empty());
    // Every operation documents its success answer (201 for creation, 204 for deletion).
    EXPECT_TRUE(operation["responses"].contains("200") ||
                operation["responses"].contains(route.method == "POST" ? "201" : "204") ||
                operation["responses"].contains("204"))
        << route.method << " " << route.path_template;
    // Every {param} of the template is documented as a path parameter.
    for (size_t open = route.path_template.find('{'); open != std::string::npos;
         open = route.path_template.find('{', open + 1)) {
      const std::string name =
          route.path_template.substr(open + 1, route.path_template.find('}', open) - open - 1);
      bool documented = false;
      for (const auto& parameter : operation["parameters"]) {
        documented = documented || (parameter["in"] == "path" && parameter["name"] == name);
      }
      EXPECT_TRUE(documented) << route.path_template << " {" << name << "}";
    }
  }
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      EXPECT_TRUE(routes.count({path, method}))
          << "documented but not routed: " << method << " " << path;
    }
  }
}

}  // namespace
}  // namespace isvgraph::api::rest
