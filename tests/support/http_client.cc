#include "support/http_client.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdlib>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "isvgraph/base/check.h"

namespace isvgraph::testing {
namespace {

sockaddr_in Loopback(uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

uint16_t FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ISV_CHECK(fd >= 0);
  sockaddr_in address = Loopback(0);
  ISV_CHECK(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  socklen_t length = sizeof(address);
  ISV_CHECK(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

int SendRawAndHold(uint16_t port, const std::string& bytes) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address = Loopback(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  SendAll(fd, bytes);
  return fd;
}

bool SendRawAndClose(uint16_t port, const std::string& bytes) {
  const int fd = SendRawAndHold(port, bytes);
  if (fd < 0) return false;
  close(fd);
  return true;
}

HttpResult HttpRequest(uint16_t port, const std::string& method, const std::string& target,
                       const std::string& body, const std::string& extra_headers) {
  HttpResult result;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    result.error = "socket failed";
    return result;
  }
  timeval timeout{.tv_sec = 30, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in address = Loopback(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    result.error = "connect failed";
    return result;
  }
  std::string request = method + " " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\n" + extra_headers;
  if (!body.empty() && Lower(extra_headers).find("content-length:") == std::string::npos) {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n";
  // A server may answer (413) and close before reading the whole body; a failed send of the
  // body is therefore not an error as long as a response arrives.
  SendAll(fd, request);
  SendAll(fd, body);

  std::string raw;
  char buffer[16384];
  while (true) {
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    raw.append(buffer, static_cast<size_t>(n));
  }
  close(fd);

  const size_t header_end = raw.find("\r\n\r\n");
  if (header_end == std::string::npos || raw.compare(0, 5, "HTTP/") != 0) {
    result.error = "no HTTP response (" + std::to_string(raw.size()) + " bytes)";
    return result;
  }
  const size_t first_line_end = raw.find("\r\n");
  result.status = std::stoi(raw.substr(raw.find(' ') + 1, 3));
  size_t line_start = first_line_end + 2;
  while (line_start < header_end) {
    size_t line_end = raw.find("\r\n", line_start);
    std::string line = raw.substr(line_start, line_end - line_start);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      result.headers[Lower(line.substr(0, colon))] = value;
    }
    line_start = line_end + 2;
  }
  result.body = raw.substr(header_end + 4);
  if (Lower(result.headers["transfer-encoding"]) == "chunked") {
    std::string decoded;
    size_t pos = 0;
    while (pos < result.body.size()) {
      size_t line_end = result.body.find("\r\n", pos);
      if (line_end == std::string::npos) break;
      size_t chunk = std::stoul(result.body.substr(pos, line_end - pos), nullptr, 16);
      if (chunk == 0) break;
      decoded += result.body.substr(line_end + 2, chunk);
      pos = line_end + 2 + chunk + 2;
    }
    result.body = decoded;
  }
  return result;
}

FloodResult Flood(uint16_t port, const std::string& head, const std::string& piece,
                  uint64_t max_bytes, int stall_ms) {
  FloodResult result;
  const int fd = SendRawAndHold(port, head);
  if (fd < 0) return result;
  timeval timeout{.tv_sec = stall_ms / 1000, .tv_usec = (stall_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  result.bytes_sent = head.size();
  while (result.bytes_sent < max_bytes) {
    const ssize_t n = send(fd, piece.data(), piece.size(), MSG_NOSIGNAL);
    if (n <= 0) break;  // closed, reset, or nothing taken for stall_ms
    result.bytes_sent += static_cast<uint64_t>(n);
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    result.response.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  if (result.response.rfind("HTTP/1.1 ", 0) == 0 && result.response.size() >= 12) {
    result.status = std::atoi(result.response.substr(9, 3).c_str());
  }
  return result;
}

}  // namespace isvgraph::testing
