#include "audit_dates.h"

#include <cstdio>
#include <ctime>

namespace isvgraph::api {
namespace {

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<long> DayNumber(const std::string& date) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      date[4] != '-' || date[7] != '-' || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
      d > DaysIn(y, m)) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return static_cast<long>(timegm(&tm) / 86400);
}

std::string DateOfDay(long day) {
  const time_t t = static_cast<time_t>(day) * 86400;
  std::tm utc{};
  gmtime_r(&t, &utc);
  char out[16];
  std::strftime(out, sizeof out, "%Y-%m-%d", &utc);
  return out;
}

std::string AddYears(const std::string& date, int years) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return date;
  y += years;
  if (m == 2 && d == 29 && !Leap(y)) d = 28;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
  return out;
}

}  // namespace isvgraph::api
