#ifndef POLICYC_MODEL_VALUE_H_
#define POLICYC_MODEL_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policyc::model {

/// The types a fact or parameter may have.
enum class ValueType { kInteger, kDuration, kEnum, kString, kBoolean, kList };

std::string_view ValueTypeName(ValueType type);
std::optional<ValueType> ParseValueType(std::string_view name);

/// The longest duration policyc reads, in minutes: 1,000 years. No
/// retention period or review cycle comes near it, and below it every
/// conversion of a duration (to minutes, hours or months) is exact in 64
/// bits, so a comparison with a declared maximum can never be fooled by an
/// overflow.
inline constexpr int64_t kMaxDurationMinutes = 1000LL * 8760 * 60;
inline constexpr const char* kMaxDurationText = "1000 years";

/// "72 hours", "12 months". Units are stored in their plural form.
struct Duration {
  int64_t amount = 0;
  std::string unit;  ///< minutes, hours, days, weeks, months or years

  /// A comparable size in hours (a month counts as 730 hours, a year 8760;
  /// minutes are rounded down).
  int64_t ApproxHours() const;
  /// A comparable size in minutes, as ApproxHours but exact for minutes.
  /// A duration longer than the longest one ParseDuration reads (only
  /// possible when built by hand) counts as that longest one.
  int64_t ApproxMinutes() const;
  /// The duration as a cycle in whole months: a year is 12, and shorter
  /// units count months of 730 hours rounded down (base::WholeUnitsOfCycle:
  /// a review never falls later than its cycle allows), never fewer than
  /// one. At most 12,000 for a duration ParseDuration read.
  int CycleMonths() const;
  /// "1 month", "72 hours".
  std::string ToString() const;
};

/// Why ParseDuration refused a text.
enum class DurationError {
  kNotADuration,  ///< not a number and a unit
  kTooLong,       ///< longer than kMaxDurationMinutes
};

/// Parses "15 minutes", "72 hours", "1 month", "12 months"; nullopt when it
/// is not one or is longer than kMaxDurationMinutes (`error` says which).
std::optional<Duration> ParseDuration(std::string_view text, DurationError* error = nullptr);

/// A typed value of a fact or parameter.
struct Value {
  ValueType type = ValueType::kString;
  int64_t integer = 0;
  bool boolean = false;
  Duration duration;
  std::string text;  ///< string and enum values
  std::vector<std::string> items;

  /// How the value reads in a sentence ("14 characters", "72 hours",
  /// "a, b and c"); `unit` is the declaration's unit for integers.
  std::string ToText(std::string_view unit = {}) const;
  /// How the value is written in a profile (no unit).
  std::string ToSource() const;
};

}  // namespace policyc::model

#endif  // POLICYC_MODEL_VALUE_H_
