#ifndef POLICYC_RESOLVE_TEXT_H_
#define POLICYC_RESOLVE_TEXT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/source_model.h"

namespace policyc::resolve {

/// Why a variable could not be resolved.
struct VariableFailure {
  base::DiagKind kind = base::DiagKind::kUnknownVariable;
  std::string message;
  base::SourceLoc note_loc;  ///< optional place the note points at
  std::string note;
  /// The cause was reported already (e.g. a bad profile value); say nothing more.
  bool already_reported = false;
};

/// Answers what one {{variable}} stands for, as Markdown.
class VariableResolver {
 public:
  virtual ~VariableResolver() = default;
  /// `name` is the trimmed text between the braces. Returns nullopt with
  /// `failure` filled when it cannot be resolved. A resolved value is
  /// never empty: a blank in the output is exactly what policyc refuses.
  virtual std::optional<std::string> Resolve(std::string_view name,
                                             VariableFailure* failure) const = 0;
};

/// Substitutes every {{...}} in `text`, and reports (resolve.bad-image)
/// every picture that is not a pack image (IsPackImage). Each failure is reported at the
/// variable's own line (and column when known); its place in the output
/// keeps the raw {{...}} so that nothing is silently dropped, but the sink
/// then has errors and the driver writes no pack.
///
/// `budget`, when given, is how many bytes of output the pack may still
/// take; what this text takes is subtracted. A text that would pass it is
/// reported (resolve.text-too-large) at the variable that did, and it and
/// every later text are kept as written: a variable that names 20,000
/// people, used a thousand times, would otherwise fill the memory.
std::string ExpandText(const model::Text& text, const VariableResolver& resolver,
                       base::DiagnosticSink& sink, size_t* budget = nullptr);

/// The bytes all of a pack's texts may take once their variables are filled
/// in: 64 MiB, some thirty times the largest example pack.
inline constexpr size_t kPackTextBudget = size_t{64} * 1024 * 1024;

/// `value` as it reads after `before`, the text that precedes it: after
/// the word "every", a count of one drops its number, so that "every
/// {{param.x}}" with x = 1 month reads "every month", not "every 1 month".
/// Any other value is returned as it is. Every substitution of a value
/// into text (library text and compiled templates alike) goes through it.
std::string ReadsAfter(std::string_view before, std::string_view value);

/// The trimmed names of the {{...}} variables in `markdown`, in order of
/// first use, each once: what a text depends on besides its own words.
std::vector<std::string> VariableNames(std::string_view markdown);

}  // namespace policyc::resolve

#endif  // POLICYC_RESOLVE_TEXT_H_
