#ifndef POLICYC_IMPORT_SLOTS_H_
#define POLICYC_IMPORT_SLOTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// A statement's source text as a template: its literal words and its
/// {{variables}} as slots, in the plain words a reader sees in the DOCX,
/// so that a client's text can be read back into slot values.
namespace policyc::import {

/// Text with every run of white space (no-break spaces too) made one
/// space, and none at either end: how texts are compared, since Word and
/// Pandoc each break and space paragraphs their own way.
std::string EvenWords(std::string_view text);

/// The words of Markdown as a reader sees them once rendered: emphasis
/// marks, escapes and link targets gone, quotes and dashes made typographic
/// as the pack's renderer makes them, paragraphs and list items one after
/// the other; white space evened (EvenWords).
std::string PlainWords(std::string_view markdown);

/// A piece of a template: literal words, or a variable's slot.
struct TemplateToken {
  bool variable = false;
  std::string markdown;  ///< as the source writes it ("{{param.x}}" for a variable)
  std::string name;      ///< a variable's trimmed name ("param.x")
  std::string plain;     ///< a literal's words as a reader sees them; "" for a variable
};

/// The tokens of `markdown`, literals and variables alternating, starting
/// and ending with a literal (which may be empty).
std::vector<TemplateToken> TokeniseTemplate(std::string_view markdown);

/// A slot's value as found in a text: where it is, and what it says.
struct SlotValue {
  size_t start = 0, end = 0;  ///< in the text matched
  std::string text;
};

/// The values of the template's slots in `plain` (EvenWords applied), one
/// per variable token in order: the literals must appear in `plain` in
/// order, the first at its start and the last at its end, and no slot may
/// be empty (a variable never reads as nothing). The leftmost such reading;
/// nullopt when there is none, or when two variables meet with no words
/// between them (where one ends cannot be told).
std::optional<std::vector<SlotValue>> MatchTemplate(const std::vector<TemplateToken>& tokens,
                                                    std::string_view plain);

}  // namespace policyc::import

#endif  // POLICYC_IMPORT_SLOTS_H_
