#ifndef POLICYC_IMPORT_CHANGES_H_
#define POLICYC_IMPORT_CHANGES_H_

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "import/import.h"
#include "import/slots.h"

/// The rules that turn one changed item into profile changes, internal to
/// the import stage (compare.cc walks the DOCX and calls them).
namespace policyc::import {

/// What a changed slot of a statement's template becomes.
struct SlotEdit {
  enum class Outcome {
    kProfileValue,  ///< `change` sets it in the profile
    kRefused,       ///< the profile sets it, but not to that (reported)
    kText,          ///< the profile does not set it: the statement's own text changes
  };
  Outcome outcome = Outcome::kText;
  ProfileChange change;
};

/// The profile change a slot of variable `name` calls for when the client
/// turned `old_value` into `new_value` (both as the DOCX reads): a
/// parameter ({{param.X}}, its value read and checked against its
/// declaration), the name or job title of a role's one holder
/// ({{holders.X}}), or an organisation's or certification's detail or date
/// ({{org.X}}). `before` is the text the slot follows ("every " lets a count
/// of one drop its number). A refused value is reported at `where`.
SlotEdit ClassifySlot(const std::string& name, const std::string& before, const std::string& old_value,
                      const std::string& new_value, const ProfileSources& sources, const base::SourceLoc& where,
                      base::DiagnosticSink& sink);

/// The client's words as statement Markdown, with each slot whose value
/// the client left alone written back as its variable: the literals are
/// lined up by a word diff of the base text and the client's, and a
/// variable comes back wherever its whole value lies in an unchanged run.
std::string ClientSource(const std::vector<TemplateToken>& tokens, const std::string& base_plain,
                         const std::vector<SlotValue>& base_slots, const std::string& client_plain);

/// Plain words as Markdown that renders them as they are: the few marks
/// that would start emphasis, a link, code, raw HTML, an entity or a
/// variable are escaped, and nothing else (a reviewer reads this in the
/// profile); curly quotes are written straight, as the library writes them.
std::string WordsAsMarkdown(const std::string& words);

/// The <statement> element of `statement` as its source file writes it,
/// with `markdown` as its text: its id, controls, roles, evidence and
/// training kept. Without indentation. nullopt when the file cannot be
/// read at the statement's line.
std::optional<std::string> ReplacementElement(const base::FileSystem& fs, const model::Statement& statement,
                                              const std::string& markdown);

/// A new <statement> with `id`, the controls, clauses and roles of
/// `neighbour`, and `markdown` as its text.
std::string AddedElement(const std::string& id, const model::Statement& neighbour, const std::string& markdown);

}  // namespace policyc::import

#endif  // POLICYC_IMPORT_CHANGES_H_
