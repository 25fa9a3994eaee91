#pragma once

// Server: serves the REST API and the web UI over HTTP/1.1, and keeps itself in shape while it
// runs (site names preloaded, freed heap given back when idle). The HTTP library is a
// private detail (Boost.Beast, in api/src/rest/http_server.cc) — nothing of it is visible here.
// Thread-safety: Start/Stop from one thread; requests are served on an internal pool.
// Ownership: borrows the Service, which must outlive the Server.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "isvgraph/api/service.h"
#include "isvgraph/base/result.h"
#include "isvgraph/base/status.h"

namespace isvgraph::api {

// Where the web UI's files live: share/isvgraph/web of an installed binary, else web/ of the
// source tree.
std::string DefaultWebDir();

// How each request's log line is written: text for a person at a terminal, or one JSON object
// per line for a log collector (time, request_id, method, target, route, status, duration_ms,
// organisation, token_id).
enum class LogFormat { kText, kJson };

struct ServerOptions {
  // Address to bind: an IPv4 literal or "localhost". Default: loopback only.
  std::string host = "127.0.0.1";
  // TCP port; 0 is not supported (the HTTP library cannot report the port it picked).
  uint16_t port = 8080;
  // Bind to a non-loopback address. Default false: a due-diligence store holds data of many
  // organisations and must not be exposed by accident.
  bool allow_remote = false;
  // Largest request body accepted, in bytes; larger bodies get 413. Default 32 MiB.
  size_t max_body_bytes = 32u << 20;
  // Worker threads of the HTTP pool. Measured on 2 cores: 2–8 threads serve ~25–28k small
  // requests/s, the library default of 40 only ~14k. The pool is process-wide and sized by the
  // first server started in a process; later values are ignored with a warning. Default 4.
  int threads = 4;
  // Write one log line per request (method, path, status, duration, request id, caller) to
  // stderr. Default true.
  bool log_requests = true;
  LogFormat log_format = LogFormat::kText;
  // A connection whose client has sent nothing for this long loses it: a silent or stalled
  // client, a half-sent request, an idle keep-alive connection (an answer still being written
  // is finished first). The HTTP library has no read timeout of its own. 0 = none. Default 60 s.
  std::chrono::milliseconds read_timeout{60'000};
  // Directory of the web UI's files, served at / and /ui/{file}. Default: DefaultWebDir().
  std::string web_dir = DefaultWebDir();
  // Where POST /v1/backups writes checkpoints (an operator's choice, never the caller's).
  // "" = backups over HTTP are off (409). Default "".
  std::string backup_dir;
  // Read every country's site names in the background after the start, so that no match waits
  // for a large country (about 8 s and 160 MB at a million sites). Default true.
  bool preload_site_names = true;
  // Give freed heap memory back to the system once the process has been idle (under 2 % of a
  // core) for this long, at most once per idle stretch; 0 = never. Off in sanitizer builds.
  // Default 10 s.
  std::chrono::milliseconds idle_trim_interval{10'000};
  // The demo's training sign-ins (`isvgraph demo` only): an organisation and its read-only token
  // each, offered by GET /v1/demo/sign-ins so that a trainee picks an authority instead of
  // pasting a token. Offered only on a loopback address (the demo's data is fictional, but a
  // token is a token). Empty, as on every real server: the route does not exist.
  std::vector<std::pair<std::string, std::string>> demo_sign_ins;
};

// True for addresses that only this machine can reach (127.0.0.0/8, ::1, localhost).
bool IsLoopbackHost(const std::string& host);

class Server {
 public:
  // Validates the options and starts listening.
  // Returns InvalidArgument for bad options, FailedPrecondition for a non-loopback host without
  // allow_remote, IoError when the address cannot be bound (for example when it is in use).
  static Result<std::unique_ptr<Server>> Start(Service& service, const ServerOptions& options);

  virtual ~Server() = default;  // stops the server
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Stops accepting requests and waits (bounded) for the listener to close. Idempotent.
  virtual Status Stop() = 0;
  // Base URL, e.g. "http://127.0.0.1:8080".
  virtual std::string url() const = 0;

 protected:
  Server() = default;
};

}  // namespace isvgraph::api
