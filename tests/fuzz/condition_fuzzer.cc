// A condition (a statement's or document's `when`), parsed and evaluated
// against the shipped library's facts and parameters at their defaults,
// so that every type meets every operator.

#include <cstdio>
#include <cstdlib>
#include <map>

#include "fuzz_sources.h"
#include "resolve/condition.h"
#include "resolve/resolver.h"
#include "resolve/values.h"

using namespace policyc;

namespace {

struct Names {
  std::map<std::string, model::Value> facts, parameters;
};

/// A declaration's default as a typed value; a fact without one is false.
std::optional<model::Value> DefaultOf(const model::Declaration& d) {
  resolve::ValueError error;
  auto value = resolve::ParseTypedValue(d, d.default_value, d.default_items, &error);
  if (!value && d.type == "boolean") value = resolve::ParseTypedValue(d, std::string("false"), {}, &error);
  return value;
}

const Names& ShippedNames() {
  static const Names* names = [] {
    base::DiagnosticSink sink;
    auto merged = resolve::MergeLibraries({fuzz::ShippedLibrary()}, {}, sink);
    auto* out = new Names;
    for (const auto& d : merged.facts) {
      if (auto v = DefaultOf(d)) out->facts[d.id] = *v;
    }
    for (const auto& d : merged.parameters) {
      if (auto v = DefaultOf(d)) out->parameters[d.id] = *v;
    }
    return out;
  }();
  return *names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Names& names = ShippedNames();
  const std::string source = fuzz::Text(data, size);
  resolve::ConditionError error;
  auto condition = resolve::ParseCondition(source, &error);
  if (!condition) {
    // The column of the diagnostic is taken from the offset.
    if (error.offset < 0 || static_cast<size_t>(error.offset) > source.size()) {
      std::fprintf(stderr, "error offset %d outside a source of %zu bytes\n", error.offset, source.size());
      std::abort();
    }
    return 0;
  }
  std::vector<resolve::EvaluationError> errors;
  resolve::EvaluateCondition(
      *condition,
      [&](const std::string& name, resolve::NameKind kind, std::string* suggestion) -> std::optional<model::Value> {
        if (kind == resolve::NameKind::kContact) {
          model::Value present;
          present.type = model::ValueType::kBoolean;
          present.boolean = name.size() % 2 == 0;
          return present;
        }
        const auto& table = kind == resolve::NameKind::kParameter ? names.parameters : names.facts;
        auto it = table.find(name);
        if (it == table.end()) {
          *suggestion = table.empty() ? "" : table.begin()->first;
          return std::nullopt;
        }
        return it->second;
      },
      &errors);
  return 0;
}
