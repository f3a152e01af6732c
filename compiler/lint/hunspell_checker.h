#ifndef POLICYC_LINT_HUNSPELL_CHECKER_H_
#define POLICYC_LINT_HUNSPELL_CHECKER_H_

#include <memory>
#include <string>
#include <vector>

#include "lint/lint.h"

class Hunspell;

namespace policyc::lint {

/// Hunspell with a dictionary (en_GB) plus project word lists.
class HunspellChecker : public SpellChecker {
 public:
  /// nullptr when the dictionary files are missing.
  static std::unique_ptr<HunspellChecker> Open(const std::string& affix, const std::string& dictionary);
  ~HunspellChecker() override;

  /// Adds every word of a word list (one a line, '#' starts a comment).
  void AddWords(const std::string& list);

  bool Correct(const std::string& word) const override;
  std::string Suggest(const std::string& word) const override;

 private:
  explicit HunspellChecker(std::unique_ptr<Hunspell> hunspell);
  std::unique_ptr<Hunspell> hunspell_;
};

}  // namespace policyc::lint

#endif  // POLICYC_LINT_HUNSPELL_CHECKER_H_
