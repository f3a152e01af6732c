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
/// control, a role or evidence. Its editorial checks catch what makes a
/// pack look generated once values are substituted: a count of one
/// written out ("every 1 month", "1 days"), a word doubled by a unit or a
/// name ("5 records records", "Acme Systems systems"), the possessive of a
/// name ("Acme Systems's") and a metric target without its period.
/// Everything it reports is a warning; --werror makes the lint a gate.
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

/// What makes a training hint a rule rather than a topic heading: a word of
/// obligation anywhere ("must", "never", "only", "not"), or a clause that
/// opens with an imperative verb ("Lock your screen", "…; report it").
/// A hint that opens as a heading ("What…", "How…", "Things…") or lists
/// topics ("…, and that…", "how to…") is not a rule whatever follows.
struct RuleWords {
  std::vector<std::string> obligations;  ///< lower case
  std::vector<std::string> imperatives;  ///< lower case
  std::vector<std::string> headings;     ///< opening words, as written
  std::vector<std::string> topics;       ///< phrases that list topics, lower case
};
const RuleWords& TrainingRuleWords();

/// Does `prose` (variables blanked) read as a rule a learner acts on?
bool IsTrainingRule(const std::string& prose);

/// Words that often end an organisation's name ("Acme Systems", "Lantern
/// Carers Trust"): after {{org.name}} each would read doubled for such a
/// name, so the library puts the noun first ("the systems of {{org.name}}").
const std::vector<std::string>& NameEndings();

/// The name of a word list: words the spelling check accepts besides the
/// dictionary, one a line, '#' starting a comment.
inline constexpr const char* kWordList = "wordlist.txt";

/// The word lists a lint reads, whether they exist or not: each layer's
/// (wordlist.txt at the library folder's root), then the profile folder's
/// when `profile_path` is not "". A word in any of them passes everywhere.
std::vector<std::string> WordLists(const std::vector<model::Library>& layers, const std::string& profile_path);

/// Merges `layers` and then `last_layer` (a profile's overrides) as the
/// resolver does and lints the result. `spelling` may be null (no spell
/// check); it has read WordLists() already. `organisation` is the profile's
/// when lint was given one (then its own names are checked too, e.g.
/// "{{org.name}} trust" for a name that ends in Trust), else null.
/// `profile_path` is that profile's file, or "": a word the dictionary
/// lacks is reported with the word list nearest its text, that of the
/// layer holding it (the profile's folder for the profile's overrides).
void LintLibrary(const std::vector<model::Library>& layers,
                 const std::vector<model::Override>& last_layer, const SpellChecker* spelling,
                 base::DiagnosticSink& sink, const model::Organisation* organisation = nullptr,
                 const std::string& profile_path = "");

}  // namespace policyc::lint

#endif  // POLICYC_LINT_LINT_H_
