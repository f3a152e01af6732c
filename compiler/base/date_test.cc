#include "base/date.h"

#include <gtest/gtest.h>

namespace policyc::base {
namespace {

TEST(BaseDate, IsDateAcceptsWhatTheSchemaDateAccepts) {
  EXPECT_TRUE(IsDate("2026-11-01"));
  EXPECT_TRUE(IsDate("2028-02-29"));
  EXPECT_TRUE(IsDate("2000-02-29"));
  EXPECT_FALSE(IsDate("2100-02-29"));
  EXPECT_FALSE(IsDate("2026-02-29"));
  EXPECT_FALSE(IsDate("2026-02-30"));
  EXPECT_FALSE(IsDate("2026-00-10"));
  EXPECT_FALSE(IsDate("0000-01-01"));
  EXPECT_FALSE(IsDate("-2026-01-01"));
  EXPECT_FALSE(IsDate("12026-01-01"));
  EXPECT_FALSE(IsDate("2026-1-01"));
  EXPECT_FALSE(IsDate("2026-11-01Z"));
  EXPECT_FALSE(IsDate("2026-+1-01"));
  EXPECT_FALSE(IsDate(""));
}

TEST(BaseDate, ParseDateGivesTheDay) {
  const auto date = ParseDate("2027-03-09");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->year, 2027);
  EXPECT_EQ(date->month, 3);
  EXPECT_EQ(date->day, 9);
}

TEST(BaseDate, AddMonthsClampsTheDay) {
  EXPECT_EQ(AddMonths("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(AddMonths("2027-11-30", 3), "2028-02-29");
  EXPECT_EQ(AddMonths("2026-10-15", 12), "2027-10-15");
  EXPECT_EQ(AddMonths("2026-03-31", -1), "2026-02-28");
  EXPECT_EQ(AddMonths("2026-12-05", 1), "2027-01-05");
}

TEST(BaseDate, AddMonthsStaysInsideTheCalendar) {
  EXPECT_EQ(AddMonths("9990-06-15", 12000), "9999-12-31");
  EXPECT_EQ(AddMonths("2026-06-15", 2147483647), "9999-12-31");
  EXPECT_EQ(AddMonths("1000-01-15", -1), "1000-01-01");
  // A negative year used to index the month table out of range.
  EXPECT_EQ(AddMonths("-0005-05-01", 12), "-0005-05-01");
  EXPECT_EQ(AddMonths("-5-05-01", 12), "-5-05-01");
  EXPECT_EQ(AddMonths("2026-13-01", 1), "2026-13-01");
}

TEST(BaseDate, DaysSinceEpochCountsFromNewYear1970) {
  EXPECT_EQ(DaysSinceEpoch({1970, 1, 1}), 0);
  EXPECT_EQ(DaysSinceEpoch({1969, 12, 31}), -1);
  EXPECT_EQ(DaysSinceEpoch({1980, 1, 1}), 3652);  // the zip epoch, 315532800 s
  EXPECT_EQ(DaysSinceEpoch({2026, 11, 1}) * 86400, 1793491200);
  // Across a leap day and a century that is not a leap year.
  EXPECT_EQ(DaysSinceEpoch({2028, 3, 1}) - DaysSinceEpoch({2028, 2, 28}), 2);
  EXPECT_EQ(DaysSinceEpoch({2100, 3, 1}) - DaysSinceEpoch({2100, 2, 28}), 1);
}

TEST(BaseDate, ACycleRoundsDownToWholeUnitsOfAtLeastOne) {
  EXPECT_EQ(WholeUnitsOfCycle(36, 12), 3);
  EXPECT_EQ(WholeUnitsOfCycle(18, 12), 1);  // audited every year, never 24 months apart
  EXPECT_EQ(WholeUnitsOfCycle(23, 12), 1);
  EXPECT_EQ(WholeUnitsOfCycle(24, 12), 2);
  EXPECT_EQ(WholeUnitsOfCycle(6, 12), 1);
  EXPECT_EQ(WholeUnitsOfCycle(0, 12), 1);
  EXPECT_EQ(WholeUnitsOfCycle(-5, 12), 1);
}

}  // namespace
}  // namespace policyc::base
