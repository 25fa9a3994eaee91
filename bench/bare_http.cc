// The floor of the load test (scripts/load-test.sh): isvgraph's own HTTP layer (HttpServer and
// the Dispatcher) with one route that answers at once with a fixed JSON body of a site record's
// size — no store, no service, no logging. isvgraph's small lookups are compared against it on
// the same machine, in the same run, with the same number of HTTP threads: the difference is
// what the service adds.
//
// Usage: bare_http HOST:PORT [THREADS]   (loopback only; stops on SIGINT/SIGTERM)

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unistd.h>

#include "rest/dispatcher.h"
#include "rest/http_server.h"

namespace {

// About the size of GET /v1/sites/{id} for a benchmark site (measured: 250–300 bytes).
const std::string kBody =
    R"({"id":"S0000042","name":"Example Weaving Mills Ltd","country":"BD","region":"",)"
    R"("sector":"weaving_dyeing","role":"manufacturer","lat":23.81,"lon":90.41,)"
    R"("external_ids":{},"organisation":"","source":"sites.csv","updated":"2026-11-28"})";

}  // namespace

int main(int argc, char** argv) {
  namespace rest = isvgraph::api::rest;
  if (argc < 2) {
    std::fprintf(stderr, "usage: bare_http HOST:PORT [THREADS]\n");
    return 2;
  }
  const std::string listen = argv[1];
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || listen.substr(0, colon).rfind("127.", 0) != 0) {
    std::fprintf(stderr, "bare_http: listens on a loopback HOST:PORT only (got %s)\n",
                 listen.c_str());
    return 2;
  }
  const int threads = argc > 2 ? std::atoi(argv[2]) : 4;
  // Blocked before the server's threads start, so that they inherit it; waited for below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  rest::RouteTable routes;
  for (const char* path : {"/", "/v1/sites/{id}"}) {
    routes.Add({"GET", path, [](const rest::HttpRequest&) {
                  return rest::HttpResponse{.status = 200, .body = kBody};
                }});
  }
  auto server =
      rest::HttpServer::Start({.host = listen.substr(0, colon),
                               .port = static_cast<uint16_t>(std::atoi(listen.c_str() + colon + 1)),
                               .threads = threads},
                              std::make_shared<const rest::Dispatcher>(std::move(routes), 1 << 20));
  if (!server) {
    std::fprintf(stderr, "bare_http: %s\n", server.error().ToString().c_str());
    return 1;
  }
  std::printf("bare_http: listening on http://%s with %d threads\n", listen.c_str(), threads);
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  (*server)->Stop();
  return 0;
}
