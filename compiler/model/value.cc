#include "model/value.h"

#include <charconv>

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

int64_t Duration::ApproxHours() const { return ApproxMinutes() / 60; }

int64_t Duration::ApproxMinutes() const {
  if (unit == "minutes") return amount;
  int64_t per = 60;
  if (unit == "days") per = 60 * 24;
  else if (unit == "weeks") per = 60 * 24 * 7;
  else if (unit == "months") per = 60 * 730;
  else if (unit == "years") per = 60 * 8760;
  return amount * per;
}

std::string Duration::ToString() const {
  std::string u = unit;
  if (amount == 1 && !u.empty()) u.pop_back();
  return std::to_string(amount) + " " + u;
}

std::optional<Duration> ParseDuration(std::string_view text) {
  auto words = base::SplitWhitespace(text);
  if (words.size() != 2) return std::nullopt;
  Duration d;
  auto [ptr, ec] = std::from_chars(words[0].data(), words[0].data() + words[0].size(), d.amount);
  if (ec != std::errc() || ptr != words[0].data() + words[0].size() || d.amount < 0) {
    return std::nullopt;
  }
  std::string unit = words[1];
  if (unit.back() != 's') unit += 's';
  for (const char* u : {"minutes", "hours", "days", "weeks", "months", "years"}) {
    if (unit == u) {
      d.unit = unit;
      return d;
    }
  }
  return std::nullopt;
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
