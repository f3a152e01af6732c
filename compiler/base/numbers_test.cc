#include "base/numbers.h"

#include <gtest/gtest.h>

#include <limits>

namespace policyc::base {
namespace {

TEST(BaseNumbers, ParseInt64ReadsWholeNumbersOnly) {
  EXPECT_EQ(ParseInt64("42"), 42);
  EXPECT_EQ(ParseInt64("-7"), -7);
  EXPECT_EQ(ParseInt64("9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(ParseInt64(""));
  EXPECT_FALSE(ParseInt64("12 "));
  EXPECT_FALSE(ParseInt64("1.5"));
  EXPECT_FALSE(ParseInt64("+3"));
}

TEST(BaseNumbers, ParseInt64SaysWhenANumberIsTooLarge) {
  bool too_large = false;
  EXPECT_FALSE(ParseInt64("99999999999999999999", &too_large));
  EXPECT_TRUE(too_large);
  EXPECT_FALSE(ParseInt64("-9223372036854775809", &too_large));
  EXPECT_TRUE(too_large);
  EXPECT_FALSE(ParseInt64("many", &too_large));
  EXPECT_FALSE(too_large);
}

TEST(BaseNumbers, CheckedArithmeticRefusesOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(CheckedMultiply(897067691255738469, 1), 897067691255738469);
  EXPECT_FALSE(CheckedMultiply(897067691255738469, 8760 * 60));
  EXPECT_FALSE(CheckedAdd(kMax, 1));
  EXPECT_EQ(CheckedAdd(kMax - 1, 1), kMax);
}

}  // namespace
}  // namespace policyc::base
