#include "resolve/values.h"

#include "base/numbers.h"
#include "base/strings.h"

namespace policyc::resolve {

using model::Value;
using model::ValueType;

namespace {
std::optional<int64_t> ParseInteger(const std::string& text, bool* too_large = nullptr) {
  return base::ParseInt64(base::Trim(text), too_large);
}

/// Why a duration was refused, for a value or limit written `text`.
std::string DurationProblem(const std::string& text, model::DurationError error) {
  if (error == model::DurationError::kTooLong) {
    return "'" + text + "' is longer than " + model::kMaxDurationText + ", the longest duration policyc reads";
  }
  return "'" + text + "' is not a duration; write a number and a unit, e.g. '15 minutes', '72 hours', "
         "'30 days', '12 months'";
}
}  // namespace

std::optional<Value> ParseTypedValue(const model::Declaration& d,
                                     const std::optional<std::string>& text,
                                     const std::vector<std::string>& items, ValueError* error) {
  auto type = model::ParseValueType(d.type);
  if (!type) {
    *error = {"unknown type '" + d.type + "'"};
    return std::nullopt;
  }
  Value v;
  v.type = *type;
  if (*type == ValueType::kList) {
    if (!items.empty()) {
      v.items = items;
    } else if (text) {
      for (const std::string& part : base::SplitWhitespace(*text)) v.items.push_back(part);
    }
    if (v.items.empty()) {
      *error = {"a list needs at least one <item>"};
      return std::nullopt;
    }
    return v;
  }
  if (!text) {
    *error = {"no value given; set value=\"...\""};
    return std::nullopt;
  }
  const std::string t = base::Trim(*text);
  switch (*type) {
    case ValueType::kInteger: {
      bool too_large = false;
      auto n = ParseInteger(t, &too_large);
      if (too_large) {
        *error = {"'" + t + "' is too large to be a count policyc can read" +
                      (d.max ? "; the maximum is " + *d.max : std::string()),
                  true};
        return std::nullopt;
      }
      if (!n) {
        *error = {"'" + t + "' is not a whole number"};
        return std::nullopt;
      }
      v.integer = *n;
      if (d.min) {
        auto lo = ParseInteger(*d.min);
        if (lo && v.integer < *lo) {
          *error = {std::to_string(v.integer) + " is below the minimum of " + *d.min, true};
          return std::nullopt;
        }
      }
      if (d.max) {
        auto hi = ParseInteger(*d.max);
        if (hi && v.integer > *hi) {
          *error = {std::to_string(v.integer) + " is above the maximum of " + *d.max, true};
          return std::nullopt;
        }
      }
      return v;
    }
    case ValueType::kDuration: {
      model::DurationError problem;
      auto duration = model::ParseDuration(t, &problem);
      if (!duration) {
        const bool too_long = problem == model::DurationError::kTooLong;
        *error = {DurationProblem(t, problem) +
                      (too_long && d.max ? "; the maximum here is '" + *d.max + "'" : std::string()),
                  too_long};
        return std::nullopt;
      }
      v.duration = *duration;
      if (d.min) {
        auto lo = model::ParseDuration(*d.min);
        if (lo && duration->ApproxMinutes() < lo->ApproxMinutes()) {
          *error = {"'" + t + "' is shorter than the minimum of '" + *d.min + "'", true};
          return std::nullopt;
        }
      }
      if (d.max) {
        auto hi = model::ParseDuration(*d.max);
        if (hi && duration->ApproxMinutes() > hi->ApproxMinutes()) {
          *error = {"'" + t + "' is longer than the maximum of '" + *d.max + "'", true};
          return std::nullopt;
        }
      }
      return v;
    }
    case ValueType::kEnum: {
      for (const std::string& allowed : d.values) {
        if (allowed == t) {
          v.text = t;
          return v;
        }
      }
      *error = {"'" + t + "' is not one of: " + base::Join(d.values, ", ") +
                base::DidYouMean(t, d.values)};
      return std::nullopt;
    }
    case ValueType::kBoolean:
      if (t == "true" || t == "false") {
        v.boolean = t == "true";
        return v;
      }
      *error = {"'" + t + "' is not true or false"};
      return std::nullopt;
    case ValueType::kString:
      if (t.empty()) {
        *error = {"the value is empty; a blank would print as nothing"};
        return std::nullopt;
      }
      v.text = t;
      return v;
    case ValueType::kList:
      break;
  }
  return std::nullopt;
}

std::string CheckDeclaration(const model::Declaration& d) {
  auto type = model::ParseValueType(d.type);
  if (!type) return "unknown type '" + d.type + "'";
  if (*type == ValueType::kEnum && d.values.empty()) return "an enum needs values=\"a b c\"";
  if (*type == ValueType::kInteger) {
    for (const auto* limit : {&d.min, &d.max}) {
      if (*limit && !ParseInteger(**limit)) return "limit '" + **limit + "' is not a whole number";
    }
  }
  if (*type == ValueType::kDuration) {
    for (const auto* limit : {&d.min, &d.max}) {
      model::DurationError problem;
      if (*limit && !model::ParseDuration(**limit, &problem)) return "limit " + DurationProblem(**limit, problem);
    }
  }
  if (d.default_value || !d.default_items.empty()) {
    ValueError error;
    if (!ParseTypedValue(d, d.default_value, d.default_items, &error)) {
      return "default: " + error.message;
    }
  }
  return "";
}

}  // namespace policyc::resolve
