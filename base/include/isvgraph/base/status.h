#pragma once

// Status: the outcome of a fallible call. A closed set of codes (docs/style.md rule 5) so that
// every caller — CLI, REST, importers — can map them without knowing where they came from.
// Thread-safety: immutable value type; safe to copy between threads.

#include <string>
#include <string_view>
#include <utility>

namespace isvgraph {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong (bad code, malformed row, bad flag)
  kNotFound,            // the thing asked for does not exist (or is not visible to the caller)
  kAlreadyExists,       // a create would overwrite something that exists
  kFailedPrecondition,  // the system is not in a state that allows the call
  kPermissionDenied,    // the caller may not do this (another's group, an operator's action)
  kDataLoss,            // stored or shipped data is corrupt or unreadable
  kIoError,             // the operating system or a library refused I/O
  kInternal,            // a bug or an unexpected third-party failure
};

// Stable lower-case name of a code, as used in the REST error envelope and CLI messages.
constexpr std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kAlreadyExists:
      return "already_exists";
    case StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case StatusCode::kPermissionDenied:
      return "forbidden";
    case StatusCode::kDataLoss:
      return "data_loss";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  // A status said in English and in Dutch (i18n::Fail builds these from the message catalogue).
  Status(StatusCode code, std::string message, std::string message_nl)
      : code_(code), message_(std::move(message)), message_nl_(std::move(message_nl)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status DataLoss(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The message in English: for logs, and for whoever asked in English.
  const std::string& message() const { return message_; }
  // The same message in Dutch, or "" when the code that failed said it in English only
  // (i18n::MessageIn then falls back to English).
  const std::string& message_nl() const { return message_nl_; }

  // "not_found: contract 12 does not exist" — for logs and the CLI.
  std::string ToString() const {
    if (ok()) return "ok";
    return std::string(StatusCodeName(code_)) + ": " + message_;
  }

  bool operator==(const Status& other) const = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string message_nl_;
};

}  // namespace isvgraph
