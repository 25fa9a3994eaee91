// libFuzzer target for the REST API without a socket: each input becomes one request handed to
// the dispatcher (routing, authentication, body limit, JSON decoding, handler) over the demo
// store, as organisation rws's administrator.
//
// Input: the first line names a route by its template ("GET /v1/contracts/{id}/chain"); a line
// that names none still picks one, by its hash, so every mutation reaches some handler. The
// next lines fill the template's parameters in order (raw, as they would appear in the URL).
// The rest is the query string (FUZZ_REQUEST_QUERY: GET routes) or the JSON body
// (FUZZ_REQUEST_BODY: routes that take JSON).
//
// Findings: crashes and sanitizer reports, a 5xx answer (every input, however broken, deserves
// a 4xx that says why), an answer that is not the declared content type's well-formed JSON, a
// header value with a control character (a forged header), or a CSV answer with a cell a
// spreadsheet would run as a formula.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo_service.h"
#include "isvgraph/base/csv.h"
#include "isvgraph/base/text.h"
#include "rest/dispatcher.h"
#include "rest/routes.h"

namespace {

namespace rest = isvgraph::api::rest;

struct RequestWorld {
  rest::Dispatcher dispatcher;
  std::vector<const rest::Route*> candidates;
};

bool IsCandidate(const rest::Route& route) {
#if defined(FUZZ_REQUEST_BODY)
  return route.takes_json;
#else
  return route.method == "GET";
#endif
}

RequestWorld& Requests() {
  static RequestWorld* world = [] {
    isvgraph::fuzz::DemoWorld& demo = isvgraph::fuzz::World();
    const std::string organisation = demo.tokens.admin_organisation;
    auto* w = new RequestWorld{
        rest::Dispatcher(
            rest::BuildRouteTable(*demo.service), 1u << 20,
            [organisation](std::string_view token) -> isvgraph::Result<isvgraph::api::Principal> {
              if (token != "fuzz") return isvgraph::Status::NotFound("token");
              return isvgraph::api::Principal{.organisation = organisation,
                                              .role = isvgraph::api::Role::kAdmin};
            }),
        {}};
    for (const rest::Route& route : w->dispatcher.routes().routes()) {
      if (IsCandidate(route)) w->candidates.push_back(&route);
    }
    return w;
  }();
  return *world;
}

// Takes the next line of `rest` (without its '\n'); the whole rest when there is no newline.
std::string_view NextLine(std::string_view* rest) {
  const size_t end = rest->find('\n');
  std::string_view line = rest->substr(0, end);
  rest->remove_prefix(end == std::string_view::npos ? rest->size() : end + 1);
  return line;
}

// Whether any cell of a CSV text (RFC 4180, comma-separated) starts like a formula.
bool CsvHasLiveFormula(std::string_view csv) {
  std::string cell;
  bool quoted = false, in_cell = false;
  auto end_cell = [&] {
    const bool live = isvgraph::StartsLikeAFormula(cell);
    cell.clear();
    in_cell = false;
    return live;
  };
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        cell += '"', ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && !in_cell) {
      quoted = in_cell = true;
    } else if (c == ',' || c == '\n') {
      if (end_cell()) return true;
    } else {
      cell += c;
      in_cell = true;
    }
  }
  return end_cell();
}

[[noreturn]] void Finding(const std::string& what, const rest::RawRequest& request,
                          const rest::HttpResponse& response) {
  std::fprintf(stderr, "%s\n  request: %s %s?%s (%zu-byte body)\n  answer %d: %.400s\n",
               what.c_str(), request.method.c_str(), request.raw_path.c_str(),
               request.raw_query.c_str(), request.body.size(), response.status,
               response.body.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  RequestWorld& world = Requests();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view name = NextLine(&input);

  const rest::Route* route = nullptr;
  for (const rest::Route* candidate : world.candidates) {
    if (name == candidate->method + " " + candidate->path_template) route = candidate;
  }
  if (route == nullptr) {
    route = world.candidates[std::hash<std::string_view>()(name) % world.candidates.size()];
  }

  rest::RawRequest request;
  request.method = route->method;
  const std::string& path = route->path_template;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      request.raw_path += path[i];
      continue;
    }
    request.raw_path += NextLine(&input);
    i = path.find('}', i);
  }
#if defined(FUZZ_REQUEST_BODY)
  request.body = std::string(input);
  request.headers["content-type"] = "application/json";
#else
  request.raw_query = std::string(input);
#endif
  request.headers["authorization"] = "Bearer fuzz";

  const rest::RawRequest sent = request;
  const rest::HttpResponse response = world.dispatcher.Handle(std::move(request));
  if (response.status >= 500) Finding("server error", sent, response);
  if (response.content_type == "application/json" && !nlohmann::json::accept(response.body)) {
    Finding("malformed JSON answer", sent, response);
  }
  for (const auto& [name, value] : response.headers) {
    if (isvgraph::HasControlCharacter(name) || isvgraph::HasControlCharacter(value)) {
      Finding("control character in the header " + name, sent, response);
    }
  }
  if (response.content_type.rfind("text/csv", 0) == 0 && CsvHasLiveFormula(response.body)) {
    Finding("a CSV cell that starts like a formula", sent, response);
  }
  return 0;
}
