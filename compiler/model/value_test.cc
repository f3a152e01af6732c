#include "model/value.h"

#include <gtest/gtest.h>

namespace policyc::model {
namespace {

TEST(ModelValue, ParsesDurationsInSingularAndPlural) {
  auto d = ParseDuration("1 month");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->unit, "months");
  EXPECT_EQ(d->ToString(), "1 month");
  EXPECT_EQ(ParseDuration("72 hours")->ApproxHours(), 72);
  EXPECT_LT(ParseDuration("30 days")->ApproxHours(), ParseDuration("2 months")->ApproxHours());
  EXPECT_FALSE(ParseDuration("soon"));
  EXPECT_FALSE(ParseDuration("3 fortnights"));
  EXPECT_FALSE(ParseDuration("-1 days"));
}

TEST(ModelValue, MinutesCompareExactly) {
  auto d = ParseDuration("15 minutes");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->unit, "minutes");
  EXPECT_EQ(d->ToString(), "15 minutes");
  EXPECT_EQ(ParseDuration("1 minute")->ToString(), "1 minute");
  EXPECT_EQ(d->ApproxMinutes(), 15);
  EXPECT_EQ(d->ApproxHours(), 0);
  EXPECT_LT(d->ApproxMinutes(), ParseDuration("1 hour")->ApproxMinutes());
  EXPECT_EQ(ParseDuration("2 days")->ApproxMinutes(), 2 * 24 * 60);
}

TEST(ModelValue, ReadsInASentence) {
  Value integer;
  integer.type = ValueType::kInteger;
  integer.integer = 14;
  EXPECT_EQ(integer.ToText("characters"), "14 characters");
  Value list;
  list.type = ValueType::kList;
  list.items = {"app", "key", "card"};
  EXPECT_EQ(list.ToText(), "app, key and card");
}

TEST(ModelValue, RefusesDurationsLongerThanAThousandYears) {
  DurationError error = DurationError::kNotADuration;
  EXPECT_FALSE(ParseDuration("897067691255738469 years", &error));
  EXPECT_EQ(error, DurationError::kTooLong);
  EXPECT_FALSE(ParseDuration("99999999999999999999 minutes", &error));
  EXPECT_EQ(error, DurationError::kTooLong);
  EXPECT_FALSE(ParseDuration("1001 years", &error));
  EXPECT_EQ(error, DurationError::kTooLong);
  EXPECT_FALSE(ParseDuration("-99999999999999999999 days", &error));
  EXPECT_EQ(error, DurationError::kNotADuration);
  ASSERT_TRUE(ParseDuration("1000 years"));
  EXPECT_EQ(ParseDuration("1000 years")->ApproxMinutes(), kMaxDurationMinutes);
  EXPECT_EQ(ParseDuration("525600000 minutes")->ApproxMinutes(), kMaxDurationMinutes);
}

TEST(ModelValue, HandBuiltDurationsNeverOverflow) {
  Duration huge{897067691255738469, "years"};
  EXPECT_EQ(huge.ApproxMinutes(), kMaxDurationMinutes);
  EXPECT_GT(huge.ApproxMinutes(), ParseDuration("5 days")->ApproxMinutes());
  EXPECT_EQ(huge.CycleMonths(), 12000);
}

TEST(ModelValue, CycleMonthsRoundsDownToWholeMonthsOfAtLeastOne) {
  EXPECT_EQ(ParseDuration("36 months")->CycleMonths(), 36);
  EXPECT_EQ(ParseDuration("2 years")->CycleMonths(), 24);
  EXPECT_EQ(ParseDuration("365 days")->CycleMonths(), 12);
  // 11 weeks is 77 days: three months would review it two weeks late.
  EXPECT_EQ(ParseDuration("11 weeks")->CycleMonths(), 2);
  EXPECT_EQ(ParseDuration("90 days")->CycleMonths(), 2);
  EXPECT_EQ(ParseDuration("0 months")->CycleMonths(), 1);
  EXPECT_EQ(ParseDuration("1 week")->CycleMonths(), 1);
  EXPECT_EQ(ParseDuration("1000 years")->CycleMonths(), 12000);
}

}  // namespace
}  // namespace policyc::model
