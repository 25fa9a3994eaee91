#pragma once

// Calendar dates as records hold them: "YYYY-MM-DD" (UTC), which compare correctly as strings.
// Used by audits (validity, deadlines, alerts) and contracts (follow-up steps). Header-only.

#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

namespace isvgraph {

namespace dates_detail {
inline bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}
}  // namespace dates_detail

// Days since 1970-01-01 of a valid date; nullopt for anything else ("2026-02-30", "26-1-1").
inline std::optional<long> DayNumber(const std::string& date) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      date[4] != '-' || date[7] != '-' || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
      d > dates_detail::DaysIn(y, m)) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return static_cast<long>(timegm(&tm) / 86400);
}

// The date of a day number (the inverse of DayNumber).
inline std::string DateOfDay(long day) {
  const time_t t = static_cast<time_t>(day) * 86400;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &utc);
  return out;
}

// The same day `years` later (29 February becomes 28 February); the input unchanged when it is
// not a date.
inline std::string AddYears(const std::string& date, int years) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return date;
  y += years;
  if (m == 2 && d == 29 && !dates_detail::Leap(y)) d = 28;
  char out[40];  // room for any int, so that the compiler sees no truncation
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return out;
}

// The UTC date of a time in seconds since the epoch.
inline std::string DateOfUnix(long long seconds) {
  return DateOfDay(static_cast<long>(seconds / 86400));
}

// The UTC time of seconds since the epoch in ISO 8601: "2026-12-03T21:06:18Z".
inline std::string TimeOfUnix(long long seconds) {
  const time_t t = static_cast<time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return out;
}

}  // namespace isvgraph
