#ifndef POLICYC_RENDER_LINKS_H_
#define POLICYC_RENDER_LINKS_H_

#include <string>
#include <string_view>

namespace policyc::render {

/// The resolver writes cross-references as Markdown links to
/// "policyc:DOC" or "policyc:DOC#ID". Each output decides what they become:
/// a link within the current document is "#ID"; a link to another document
/// points at its sibling file with `extension` ("html" keeps the anchor,
/// others link to the file); with an empty `extension` it is no link at
/// all, just its words (PDF, where WeasyPrint would turn a relative link
/// into an absolute path on the building machine). In a DOCX (`extension`
/// "docx") a link within the document is "#" + WordBookmarkName(ID), the
/// name its target's bookmark has there. `current_document` may be empty
/// (the index).
std::string RewriteLinks(std::string_view markdown, std::string_view current_document,
                         std::string_view extension);

/// The anchor a section or statement gets in HTML and PDF: its id.
inline std::string Anchor(std::string_view id) { return std::string(id); }

/// The anchor a section or statement (`item_id`, unique in its document)
/// gets in a DOCX: a bookmark name. Word allows at most 40 characters of
/// [A-Za-z0-9_] starting with a letter, and a link to a longer name does
/// not work in Word (jgm/pandoc#5091), so the name is the id's first 31
/// characters with every other character as '_' (readable), then '_' and
/// the first 8 hex digits of the id's SHA-256 (distinct: "a-b" and "a.b"
/// differ). An id that does not start with a letter is prefixed "x".
/// Distinct ids can still meet in one name, however unlikely: the DOCX
/// planner checks each document's names (emit.internal-error).
std::string WordBookmarkName(std::string_view item_id);

}  // namespace policyc::render

#endif  // POLICYC_RENDER_LINKS_H_
