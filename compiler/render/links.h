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
/// into an absolute path on the building machine). `current_document` may
/// be empty (the index).
std::string RewriteLinks(std::string_view markdown, std::string_view current_document,
                         std::string_view extension);

/// The anchor a section or statement gets in HTML: its id.
inline std::string Anchor(std::string_view id) { return std::string(id); }

}  // namespace policyc::render

#endif  // POLICYC_RENDER_LINKS_H_
