#ifndef POLICYC_RENDER_MARKDOWN_H_
#define POLICYC_RENDER_MARKDOWN_H_

#include <string>
#include <string_view>

namespace policyc::render {

/// Markdown (GitHub flavour: tables, strikethrough, autolinks) → HTML with
/// cmark-gfm, in safe mode: raw HTML and javascript: links in the source
/// are never passed through.
std::string MarkdownToHtml(std::string_view markdown);

}  // namespace policyc::render

#endif  // POLICYC_RENDER_MARKDOWN_H_
