#pragma once

// A small blocking HTTP/1.1 client for tests: one connection per request, Connection: close.
// Written on plain sockets so that tests can also send what a well-behaved library would not
// (bad JSON, lying Content-Length). Loopback only.

#include <cstdint>
#include <map>
#include <string>

namespace isvgraph::testing {

struct HttpResult {
  int status = 0;                              // 0 when no response was received
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string error;  // set when status == 0
};

// Sends one request to 127.0.0.1:port. `extra_headers` are sent verbatim ("Name: value\r\n"
// each); Content-Length is added for a non-empty body unless extra_headers carries one.
HttpResult HttpRequest(uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body = "", const std::string& extra_headers = "");

// Connects, sends `bytes` as they are, and closes at once without reading a response: a client
// that hangs up mid-request. Returns false when the connection could not be made.
bool SendRawAndClose(uint16_t port, const std::string& bytes);

// Connects and sends `bytes` as they are, then keeps the connection open and silent: a slow
// client. Returns the socket for the caller to close(), or -1 when it could not connect.
int SendRawAndHold(uint16_t port, const std::string& bytes);

// What a client that keeps sending learnt: how many bytes the server took before it stopped
// reading or closed, and the status of the answer it sent, if one arrived (0 otherwise).
struct FloodResult {
  uint64_t bytes_sent = 0;
  int status = 0;
  std::string response;  // the raw bytes of the answer, as far as they arrived
};

// Sends `head`, then `piece` again and again until `max_bytes` are sent, the server closes, or
// it stops reading for `stall_ms` (its buffers full); then reads whatever answer came.
FloodResult Flood(uint16_t port, const std::string& head, const std::string& piece,
                  uint64_t max_bytes, int stall_ms = 1500);

// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read it back, close).
uint16_t FreeLoopbackPort();

}  // namespace isvgraph::testing
