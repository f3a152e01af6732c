#ifndef POLICYC_BASE_NUMBERS_H_
#define POLICYC_BASE_NUMBERS_H_

#include <cstdint>
#include <optional>
#include <string_view>

/// Whole numbers read from sources, which strangers write: every number a
/// source gives (a fact, a duration's amount, a review cycle, a version) is
/// read by ParseInt64, and every sum or product made from one goes through
/// CheckedAdd or CheckedMultiply, so that a huge value is refused where it
/// was written and never wraps into a small or negative one.
namespace policyc::base {

/// `text` as a decimal whole number with an optional leading '-'; nullopt
/// when it is anything else, or (with `*too_large` set) when it does not
/// fit in 64 bits.
std::optional<int64_t> ParseInt64(std::string_view text, bool* too_large = nullptr);

/// a + b and a × b, or nullopt when the result does not fit in 64 bits.
std::optional<int64_t> CheckedAdd(int64_t a, int64_t b);
std::optional<int64_t> CheckedMultiply(int64_t a, int64_t b);

}  // namespace policyc::base

#endif  // POLICYC_BASE_NUMBERS_H_
