#include "model/value.h"

#include <algorithm>

#include "base/date.h"
#include "base/numbers.h"
#include "base/strings.h"

namespace policyc::model {

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kInteger: return "integer";
    case ValueType::kDuration: return "duration";
    case ValueType::kEnum: return "enum";
    case ValueType::kString: return "string";
    case ValueType::kBoolean: return "boolean";
    case ValueType::kList: return "list";
  }
  return "string";
}

std::optional<ValueType> ParseValueType(std::string_view name) {
  for (ValueType t : {ValueType::kInteger, ValueType::kDuration, ValueType::kEnum,
                      ValueType::kString, ValueType::kBoolean, ValueType::kList}) {
    if (ValueTypeName(t) == name) return t;
  }
  return std::nullopt;
}

namespace {

/// Minutes in one of `unit`, or 0 for a unit policyc does not know.
int64_t MinutesPer(std::string_view unit) {
  if (unit == "minutes") return 1;
  if (unit == "hours") return 60;
  if (unit == "days") return 60 * 24;
  if (unit == "weeks") return 60 * 24 * 7;
  if (unit == "months") return 60 * 730;
  if (unit == "years") return 60 * 8760;
  return 0;
}

}  // namespace

int64_t Duration::ApproxHours() const { return ApproxMinutes() / 60; }

int64_t Duration::ApproxMinutes() const {
  auto minutes = base::CheckedMultiply(amount, MinutesPer(unit));
  if (!minutes || *minutes > kMaxDurationMinutes) return kMaxDurationMinutes;
  return std::max<int64_t>(0, *minutes);
}

int Duration::CycleMonths() const {
  int64_t months = 0;
  if (unit == "years") {
    months = base::CheckedMultiply(amount, 12).value_or(kMaxDurationMinutes);
  } else if (unit == "months") {
    months = amount;
  } else {
    months = base::WholeUnitsOfCycle(ApproxMinutes(), MinutesPer("months"));
  }
  // Bounded by the longest duration, so it always fits in an int.
  const int64_t longest = kMaxDurationMinutes / MinutesPer("months");
  return static_cast<int>(std::clamp<int64_t>(months, 1, longest));
}

std::string Duration::ToString() const {
  std::string u = unit;
  if (amount == 1 && !u.empty()) u.pop_back();
  return std::to_string(amount) + " " + u;
}

std::optional<Duration> ParseDuration(std::string_view text, DurationError* error) {
  DurationError ignored;
  if (error == nullptr) error = &ignored;
  *error = DurationError::kNotADuration;
  auto words = base::SplitWhitespace(text);
  if (words.size() != 2) return std::nullopt;
  std::string unit = words[1];
  if (unit.back() != 's') unit += 's';
  if (MinutesPer(unit) == 0) return std::nullopt;
  if (words[0][0] == '-') return std::nullopt;  // a negative amount is no duration
  bool too_large = false;
  auto amount = base::ParseInt64(words[0], &too_large);
  if (!amount && !too_large) return std::nullopt;
  auto minutes = amount ? base::CheckedMultiply(*amount, MinutesPer(unit)) : std::nullopt;
  if (!minutes || *minutes > kMaxDurationMinutes) {
    *error = DurationError::kTooLong;
    return std::nullopt;
  }
  return Duration{*amount, unit};
}

std::string Value::ToText(std::string_view unit) const {
  switch (type) {
    case ValueType::kInteger: {
      std::string out = std::to_string(integer);
      std::string u(unit);
      // "1 seconds" reads wrong: a unit of one is singular.
      if (integer == 1 && u.size() > 1 && u.back() == 's' && u[u.size() - 2] != 's') u.pop_back();
      if (!u.empty()) out += " " + u;
      return out;
    }
    case ValueType::kDuration: return duration.ToString();
    case ValueType::kEnum:
    case ValueType::kString: return text;
    case ValueType::kBoolean: return boolean ? "yes" : "no";
    case ValueType::kList: return base::JoinEnglish(items);
  }
  return text;
}

std::string Value::ToSource() const {
  switch (type) {
    case ValueType::kInteger: return std::to_string(integer);
    case ValueType::kDuration: return duration.ToString();
    case ValueType::kBoolean: return boolean ? "true" : "false";
    case ValueType::kList: return base::Join(items, "; ");
    default: return text;
  }
}

}  // namespace policyc::model
