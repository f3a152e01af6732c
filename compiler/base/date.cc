#include "base/date.h"

#include <algorithm>
#include <cstdio>

namespace policyc::base {

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::optional<CivilDate> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t from, size_t length) {
    int n = 0;
    for (size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      n = n * 10 + (text[i] - '0');
    }
    return n;
  };
  const CivilDate date{number(0, 4), number(5, 2), number(8, 2)};
  if (date.year < 1000 || date.month < 1 || date.month > 12) return std::nullopt;
  if (date.day < 1 || date.day > DaysInMonth(date.year, date.month)) return std::nullopt;
  return date;
}

bool IsDate(std::string_view text) { return ParseDate(text).has_value(); }

std::string AddMonths(std::string_view date, int months) {
  const std::optional<CivilDate> from = ParseDate(date);
  if (!from) return std::string(date);
  // Four-digit years plus any int of months cannot overflow 64 bits.
  const int64_t total = int64_t{from->year} * 12 + (from->month - 1) + months;
  if (total < int64_t{1000} * 12) return "1000-01-01";
  if (total >= int64_t{10000} * 12) return "9999-12-31";
  const int year = static_cast<int>(total / 12);
  const int month = static_cast<int>(total % 12) + 1;
  const int day = std::min(from->day, DaysInMonth(year, month));
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

int64_t DaysSinceEpoch(const CivilDate& date) {
  // Howard Hinnant's days_from_civil: eras of 400 years, each 146,097
  // days, with the year starting in March so that a leap day is its last.
  const int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

int64_t WholeUnitsOfCycle(int64_t length, int64_t unit) { return std::max<int64_t>(1, length / unit); }

}  // namespace policyc::base
