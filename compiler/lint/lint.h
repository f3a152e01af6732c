#ifndef POLICYC_LINT_LINT_H_
#define POLICYC_LINT_LINT_H_

#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "resolve/resolver.h"

/// The lint stage: checks the library's writing, not its logic.
///
/// Runs over every statement of the merged library, whatever a profile's
/// facts, so a house library is linted whole. It flags wording an auditor
/// cannot check, spelling that is not UK English, declarations nothing
/// uses, statements that say the same thing, and statements without a
/// control, a role or evidence. Everything it reports is a warning;
/// --werror makes the lint a gate.
///
/// A declaration counts as used when any layer's text or condition uses
/// it, including text that a higher layer replaced or removed: the library
/// that declares it cannot see, or remove it for, a house library's
/// override.
namespace policyc::lint {

/// Answers whether a word is spelt right. The real one is Hunspell with
/// the en_GB dictionary; tests may give their own.
class SpellChecker {
 public:
  virtual ~SpellChecker() = default;
  virtual bool Correct(const std::string& word) const = 0;
  /// The first suggestion, or "".
  virtual std::string Suggest(const std::string& word) const = 0;
};

/// Words policyc's writing forbids, and why.
struct VagueWord {
  std::string phrase;
  std::string advice;
};
const std::vector<VagueWord>& VagueWords();

/// Merges `layers` and then `last_layer` (a profile's overrides) as the
/// resolver does and lints the result. `spelling` may be null (no spell
/// check).
void LintLibrary(const std::vector<model::Library>& layers,
                 const std::vector<model::Override>& last_layer, const SpellChecker* spelling,
                 base::DiagnosticSink& sink);

}  // namespace policyc::lint

#endif  // POLICYC_LINT_LINT_H_
