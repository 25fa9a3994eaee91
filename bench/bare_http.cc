// The floor of the load test (scripts/load-test.sh, issue 10): a bare cpprestsdk listener that
// answers every request at once with a fixed JSON body of a site record's size — no routing,
// no store, no logging. isvgraph's small lookups are compared against it on the same machine,
// in the same run, with the same number of HTTP worker threads.
//
// Usage: bare_http HOST:PORT [THREADS]   (loopback only; stops on SIGINT/SIGTERM)

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

#include <cpprest/http_listener.h>
#include <pplx/threadpool.h>

namespace {

volatile std::sig_atomic_t stop = 0;

// About the size of GET /v1/sites/{id} for a benchmark site (measured: 250–300 bytes).
const std::string kBody =
    R"({"id":"S0000042","name":"Example Weaving Mills Ltd","country":"BD","region":"",)"
    R"("sector":"weaving_dyeing","role":"manufacturer","lat":23.81,"lon":90.41,)"
    R"("external_ids":{},"organisation":"","source":"sites.csv","updated":"2026-11-28"})";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bare_http HOST:PORT [THREADS]\n");
    return 2;
  }
  const std::string listen = argv[1];
  if (listen.rfind("127.", 0) != 0 && listen.rfind("localhost:", 0) != 0) {
    std::fprintf(stderr, "bare_http: listens on loopback only (got %s)\n", listen.c_str());
    return 2;
  }
  const int threads = argc > 2 ? std::atoi(argv[2]) : 4;
  crossplat::threadpool::initialize_with_threads(static_cast<size_t>(threads));
  using web::http::experimental::listener::http_listener;
  http_listener listener("http://" + listen);
  listener.support([](web::http::http_request request) {
    web::http::http_response response(web::http::status_codes::OK);
    response.set_body(std::vector<unsigned char>(kBody.begin(), kBody.end()));
    response.headers().set_content_type("application/json");
    request.reply(response);
  });
  listener.open().wait();
  std::signal(SIGINT, [](int) { stop = 1; });
  std::signal(SIGTERM, [](int) { stop = 1; });
  std::printf("bare_http: listening on http://%s with %d threads\n", listen.c_str(), threads);
  std::fflush(stdout);
  while (!stop) pause();
  listener.close().wait();
  return 0;
}
