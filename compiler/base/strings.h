#ifndef POLICYC_BASE_STRINGS_H_
#define POLICYC_BASE_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace policyc::base {

std::vector<std::string> SplitWhitespace(std::string_view text);
std::string Trim(std::string_view text);
/// `text` with its first letter in upper case ("policy" → "Policy"); ASCII,
/// as every id and keyword it is used on is.
std::string CapitaliseFirst(std::string text);
/// Removes the indentation common to all non-blank lines and the blank
/// lines at both ends, so that Markdown written indented inside an XML
/// element reads as the author meant it.
std::string Dedent(std::string_view text);
/// Joins "a", "b", "c" as "a, b and c" (UK style, no serial comma).
std::string JoinEnglish(const std::vector<std::string>& items);
std::string Join(const std::vector<std::string>& items, std::string_view sep);
/// The pieces of `text` between `sep`s: "a\n\nb\n" → "a", "", "b". An empty
/// text has no pieces, and a final separator ends the last piece.
std::vector<std::string> Split(std::string_view text, char sep);

/// The candidate closest to `name` by edit distance, or "" when none is
/// close enough to be a plausible typo.
std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates);
/// "; did you mean 'x'?" or "".
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

/// Orders ids with numbers naturally: A.5.2 < A.5.10, 6.1.2 < 10.1.
bool NaturalLess(std::string_view a, std::string_view b);

/// A CSV field, quoted when it must be (RFC 4180). A value a spreadsheet
/// would run as a formula (one beginning with =, +, -, @, tab or carriage
/// return) gets a leading apostrophe, so that it opens as the text it is.
std::string CsvField(std::string_view value);

/// Standard base64 (RFC 4648) with padding.
std::string Base64(std::string_view bytes);
/// Decodes standard base64; characters outside the alphabet are skipped.
std::string FromBase64(std::string_view text);

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
/// code points past U+10FFFF), as XML requires of what policyc writes.
bool IsValidUtf8(std::string_view text);

/// Escapes text for HTML element content and attribute values.
std::string EscapeHtml(std::string_view text);

/// Where XML text goes: element content, or a double-quoted attribute value.
enum class XmlPlace { kContent, kAttribute };

/// Text for XML that a parser reads back exactly: the markup characters
/// escaped (not the apostrophe, which neither place needs, so a written
/// file stays readable in review), and the white space a parser would
/// change as a character reference (a carriage return anywhere; a tab or
/// line feed in an attribute, where it would become a space).
std::string EscapeXml(std::string_view text, XmlPlace place);
/// Backslash-escapes Markdown punctuation so that a value inserted into
/// Markdown renders literally (no emphasis, links or raw HTML).
std::string EscapeMarkdown(std::string_view text);
/// EscapeMarkdown, and also what smart punctuation would change (straight
/// quotes, "--", "..."): for a literal value, such as a parameter's, that
/// must read exactly as it was given ("--all" stays "--all"). Only an
/// apostrophe inside a word ("Lantern's") may still curl.
std::string EscapeMarkdownLiteral(std::string_view text);

/// How PlainText treats the lines of its Markdown.
enum class LineBreaks {
  kKeep,      ///< each line stays a line, as the diff compares prose line by line
  kCollapse,  ///< every run of white space is one space, none at the ends: a sentence to quote
};
/// The words of Markdown without its inline markup: a link or an image is
/// its label, a backslash escape its character, a code span its text, and
/// the asterisks of emphasis go. An asterisk with white space on both
/// sides ("* item", "5 * 3") is not emphasis and stays, as does block
/// markup ("- item", "# Title").
std::string PlainText(std::string_view markdown, LineBreaks line_breaks);

/// The first sentence of plain text, with the punctuation that ends it: up
/// to the first '.', '?' or '!' (with any closing bracket or quote) that
/// white space and then anything but a lower-case letter follow. So no
/// sentence ends inside a number or clause ("1.5", "A.5.1"), before a word
/// that continues it ("etc. and"), or at an abbreviation: letters with
/// full stops between them ("e.g.", "i.e.", "a.m.") and the few words
/// policy text shortens ("cf.", "no.", "approx.", "Dr." and the like).
/// The whole text when no sentence ends before its end.
std::string FirstSentence(std::string_view text);

/// The length in bytes of the control character that begins `text` (C0,
/// DEL, or C1 as UTF-8), or 0 when it begins with none.
size_t ControlCharacterAt(std::string_view text);
/// `text` with every control character but newline and tab shown as an
/// escape (\u001b, \u009b), for printing text from sources, packs or
/// tools to a terminal, which would obey an escape sequence. The escapes
/// are JSON's, so JSON stays valid JSON of the same meaning.
std::string TerminalSafe(std::string_view text);

}  // namespace policyc::base

#endif  // POLICYC_BASE_STRINGS_H_
