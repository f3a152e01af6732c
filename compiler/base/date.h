#ifndef POLICYC_BASE_DATE_H_
#define POLICYC_BASE_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Calendar dates as sources and packs write them (YYYY-MM-DD) and the one
/// arithmetic on them: a review date, an overdue check, a file's timestamp
/// and a cycle counted in months or years all come from here, so that they
/// agree on the length of a month and on which way a cycle rounds.
namespace policyc::base {

/// A day of the Gregorian calendar.
struct CivilDate {
  int year = 0;
  int month = 0;  ///< 1 to 12
  int day = 0;    ///< 1 to DaysInMonth(year, month)
};

/// 28 to 31; `month` is 1 to 12.
int DaysInMonth(int year, int month);

/// The day `text` names when it is a date as the schemas' Date type allows
/// it: YYYY-MM-DD, a day that exists, in a year from 1000 to 9999.
std::optional<CivilDate> ParseDate(std::string_view text);
bool IsDate(std::string_view text);

/// "2026-10-15" + 12 months → "2027-10-15". The day is clamped to the
/// month ("2026-01-31" + 1 → "2026-02-28"), as a review "every month" from
/// the 31st falls on the month's last day. A result before year 1000 or
/// after 9999 is clamped to 1000-01-01 or 9999-12-31; a text that is not
/// IsDate is returned unchanged.
std::string AddMonths(std::string_view date, int months);

/// Days from 1970-01-01 to `date`, negative before it.
int64_t DaysSinceEpoch(const CivilDate& date);

/// A cycle `length` long (a review or audit interval) in whole `unit`s
/// (both in the same measure, `unit` > 0): rounded down, so that what the
/// cycle schedules is never later than it allows, and at least one unit,
/// as nothing recurs more often than the calendar can say. Eleven weeks
/// is two months, not three; 18 months is one year, not two.
int64_t WholeUnitsOfCycle(int64_t length, int64_t unit);

}  // namespace policyc::base

#endif  // POLICYC_BASE_DATE_H_
