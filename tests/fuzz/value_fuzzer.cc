// Durations and parameter values, as a profile's <fact>/<param> and a
// library's <declare> give them. The input is lines:
//   type / min / max / enum values / the value / list items...
// Besides crashes, it checks what the rest of policyc relies on: a duration
// read is within the longest one and reads back as itself, and a value
// written as a profile writes it reads back the same.

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "base/numbers.h"
#include "base/strings.h"
#include "fuzz_sources.h"
#include "model/value.h"
#include "resolve/values.h"

using namespace policyc;

namespace {

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

/// Any duration ParseDuration accepts stays within bounds and round-trips.
void CheckDuration(const std::string& text) {
  model::DurationError problem;
  auto d = model::ParseDuration(text, &problem);
  if (!d) return;
  if (d->amount < 0 || d->ApproxMinutes() > model::kMaxDurationMinutes) Fail("duration out of bounds: " + text);
  const int months = d->CycleMonths();
  if (months < 1 || months > 12000) Fail("cycle of " + std::to_string(months) + " months from: " + text);
  auto again = model::ParseDuration(d->ToString());
  if (!again || again->amount != d->amount || again->unit != d->unit) {
    Fail("duration '" + text + "' written as '" + d->ToString() + "' does not read back");
  }
}

std::optional<std::string> Field(const std::vector<std::string>& lines, size_t i) {
  if (i >= lines.size() || lines[i].empty()) return std::nullopt;
  return lines[i];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input = fuzz::Text(data, size);
  std::vector<std::string> lines;
  std::istringstream in(input);
  for (std::string line; std::getline(in, line);) lines.push_back(line);

  CheckDuration(input);
  bool too_large = false;
  if (auto n = base::ParseInt64(input, &too_large); n && base::ParseInt64(std::to_string(*n)) != n) {
    Fail("integer '" + input + "' does not read back");
  }

  model::Declaration d;
  d.id = "fuzzed";
  d.type = Field(lines, 0).value_or("string");
  d.min = Field(lines, 1);
  d.max = Field(lines, 2);
  if (auto values = Field(lines, 3)) d.values = base::SplitWhitespace(*values);
  const std::optional<std::string> text = Field(lines, 4);
  std::vector<std::string> items;
  for (size_t i = 5; i < lines.size(); ++i) items.push_back(lines[i]);
  if (text) CheckDuration(*text);
  if (d.min) CheckDuration(*d.min);

  (void)resolve::CheckDeclaration(d);
  resolve::ValueError error;
  auto value = resolve::ParseTypedValue(d, text, items, &error);
  if (!value) return 0;
  (void)value->ToText("days");
  if (value->type == model::ValueType::kList) return 0;  // items are written as <item>s, not as text
  auto again = resolve::ParseTypedValue(d, value->ToSource(), {}, &error);
  if (!again || again->ToSource() != value->ToSource()) {
    Fail("value '" + *text + "' of type " + d.type + " written as '" + value->ToSource() + "' does not read back");
  }
  return 0;
}
