#ifndef POLICYC_RESOLVE_CONDITION_H_
#define POLICYC_RESOLVE_CONDITION_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/value.h"

namespace policyc::resolve {

/// A parsed condition: a small boolean language over facts and parameters.
///
///   expr    := or
///   or      := and ("or" and)*
///   and     := unary ("and" unary)*
///   unary   := "not" unary | compare
///   compare := operand (("==" | "!=" | "<" | "<=" | ">" | ">=") operand)?
///   operand := "(" expr ")" | NAME | "param." NAME | "contact." KIND | INTEGER | 'string' | true | false
///
/// A bare NAME is a fact; param.NAME is a parameter; contact.KIND is true
/// when the profile lists an external contact of that kind. Strings compare
/// with enums and strings, and with durations when they read as one ('72 hours').
struct Condition {
  struct Node;
  std::shared_ptr<const Node> root;
  std::string source;
};

struct ConditionError {
  std::string message;
  int offset = 0;  ///< 0-based position in the source
};

/// The longest condition policyc reads, in bytes: what the schemas'
/// Condition type allows.
inline constexpr size_t kMaxConditionLength = 1000;
/// How deep parentheses and "not" may nest. Parsing recurses once per
/// level, so without a bound the stack is the limit: 2,000 '(' overflowed
/// it under the sanitizers (found by fuzzing). No condition a person
/// writes comes near it.
inline constexpr int kMaxConditionNesting = 100;

/// Parses `source`. On failure returns nullopt and sets `error`; a source
/// longer than kMaxConditionLength is refused before it is read, one
/// nested deeper than kMaxConditionNesting where it goes deeper.
std::optional<Condition> ParseCondition(const std::string& source, ConditionError* error);

/// What a name in a condition stands for.
enum class NameKind { kFact, kParameter, kContact };

/// Looks a name up (without its "param." or "contact." prefix). Returns
/// nullopt for an unknown name; `suggestion` may then name the closest
/// known one.
using NameLookup = std::function<std::optional<model::Value>(
    const std::string& name, NameKind kind, std::string* suggestion)>;

/// A problem found evaluating a condition: a name the lookup does not know
/// (`unknown` says of which kind, so a caller reports it under that kind's
/// code), or a value of the wrong type.
struct EvaluationError {
  std::optional<NameKind> unknown;  ///< set for an unknown fact, parameter or contact kind
  std::string message;
};

/// Evaluates the whole expression (both sides of every and/or, so that every
/// unknown name or type mistake is found whatever the values). Problems
/// are appended to `errors`; the result is then false.
bool EvaluateCondition(const Condition& condition, const NameLookup& lookup,
                       std::vector<EvaluationError>* errors);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_CONDITION_H_
