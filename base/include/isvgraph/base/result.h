#pragma once

// Result<T>: a value or a non-ok Status. Follows the std::expected API (value(), error(),
// has_value(), operator bool, operator*, operator->) so it can become std::expected when the
// toolchain has it. Thread-safety: a plain value type.

#include <optional>
#include <utility>
#include <variant>

#include "isvgraph/base/check.h"
#include "isvgraph/base/status.h"

namespace isvgraph {

template <typename T>
class [[nodiscard]] Result {
 public:
  // Requires: !status.ok() — an ok Status carries no value.
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    ISV_CHECK(!std::get<Status>(data_).ok());
  }
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return has_value(); }

  // Requires: has_value().
  T& value() & {
    ISV_CHECK(has_value());
    return std::get<T>(data_);
  }
  const T& value() const& {
    ISV_CHECK(has_value());
    return std::get<T>(data_);
  }
  T&& value() && {
    ISV_CHECK(has_value());
    return std::get<T>(std::move(data_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Requires: !has_value().
  const Status& error() const {
    ISV_CHECK(!has_value());
    return std::get<Status>(data_);
  }
  // The Status of this result: Ok when it holds a value.
  Status status() const { return has_value() ? Status::Ok() : std::get<Status>(data_); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace isvgraph

// Evaluates a Status expression and returns it from the enclosing function when not ok.
#define ISV_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::isvgraph::Status isv_status_ = (expr);   \
    if (!isv_status_.ok()) return isv_status_; \
  } while (false)
