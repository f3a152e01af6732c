#ifndef POLICYC_RESOLVE_VALUES_H_
#define POLICYC_RESOLVE_VALUES_H_

#include <optional>
#include <string>
#include <vector>

#include "model/source_model.h"
#include "model/value.h"

namespace policyc::resolve {

/// Why a value was refused; `out_of_range` separates a bad limit from a bad type.
struct ValueError {
  std::string message;
  bool out_of_range = false;
};

/// Reads a value written as text (or as list items) according to its
/// declaration: type, enum values and min/max limits.
std::optional<model::Value> ParseTypedValue(const model::Declaration& declaration,
                                            const std::optional<std::string>& text,
                                            const std::vector<std::string>& items,
                                            ValueError* error);

/// Checks the declaration itself: a known type, readable limits and a
/// default that satisfies them. Returns "" when it is sound.
std::string CheckDeclaration(const model::Declaration& declaration);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_VALUES_H_
