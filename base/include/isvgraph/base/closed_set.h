#pragma once

// ClosedSet: the names of an enum class whose enumerators are 0, 1, … N-1, in one place, so that
// a closed set of values (a role, an audit type, a follow-up step) is spelled once and every
// check of a name goes through it. Header-only.
//
//   enum class Grade { kPriority, kMajor, kMinor };
//   inline constexpr ClosedSet<Grade, 3> kGrades{{"priority", "major", "minor"}};
//   kGrades.Name(Grade::kMajor)   → "major"
//   kGrades.FromName("minor")     → Grade::kMinor;  kGrades.FromName("huge") → nullopt
//   kGrades.Alternatives()        → "priority, major or minor" (for messages)

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace isvgraph {

template <typename Enum, std::size_t N>
struct ClosedSet {
  std::array<std::string_view, N> names;

  constexpr std::string_view Name(Enum value) const {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view();
  }
  constexpr std::optional<Enum> FromName(std::string_view name) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i] == name) return static_cast<Enum>(i);
    }
    return std::nullopt;
  }
  // Every enumerator, in order.
  constexpr std::array<Enum, N> values() const {
    std::array<Enum, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<Enum>(i);
    return out;
  }
  // "a, b, c or d": the names for a message that lists what is allowed.
  std::string Alternatives(std::string_view last_joiner = " or ") const {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
      if (i > 0) out += i + 1 == N ? last_joiner : std::string_view(", ");
      out += names[i];
    }
    return out;
  }
};

}  // namespace isvgraph
