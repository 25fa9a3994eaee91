#pragma once

// Calendar dates as the audit records hold them: "YYYY-MM-DD" (UTC), which compare correctly
// as strings.

#include <optional>
#include <string>

namespace isvgraph::api {

// Days since 1970-01-01 of a valid date; nullopt for anything else ("2026-02-30", "26-1-1").
std::optional<long> DayNumber(const std::string& date);
std::string DateOfDay(long day);
// The same day `years` later (29 February becomes 28 February).
std::string AddYears(const std::string& date, int years);

}  // namespace isvgraph::api
