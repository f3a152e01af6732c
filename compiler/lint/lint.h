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

/// Lints `library`. `spelling` may be null (no spell check).
void LintLibrary(const resolve::MergedLibrary& library, const SpellChecker* spelling,
                 base::DiagnosticSink& sink);

}  // namespace policyc::lint

#endif  // POLICYC_LINT_LINT_H_
