#ifndef POLICYC_EMIT_REDLINE_WRITER_H_
#define POLICYC_EMIT_REDLINE_WRITER_H_

#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "emit/converter.h"
#include "model/resolved_model.h"
#include "render/html_renderer.h"

/// The diff's redlines as files in the output folder (diff -o). Each
/// replaces its file whole or not at all: a failed run leaves the previous
/// redline as it was, and nothing is written through a link planted at a
/// temporary name.
namespace policyc::emit {

/// Writes the HTML redline (diff::HtmlRedline) to OUT/diff.html. Its path,
/// or nullopt with an emit.output-error in `sink`.
std::optional<std::string> WriteHtmlRedline(base::FileSystem& fs, const std::string& out_dir,
                                            const std::string& html, base::DiagnosticSink& sink);

/// What the DOCX redline is made from.
struct DocxRedline {
  std::string markdown;          ///< diff::DocxRedlineMarkdown: tracked changes as Pandoc spans
  model::ResolvedPack branding;  ///< diff::RedlineBranding: one document, in the new side's branding
  std::string logo;              ///< the new side's logo (PNG or SVG bytes), or ""
  std::string footer;            ///< diff::RedlineFooter
};

/// Writes OUT/diff.docx: the redline's Markdown converted with a reference
/// DOCX rendered from `templates` in the redline's branding (Pandoc's own
/// styles when `templates` is null), every tracked change then numbered
/// apart. Its temporary files go to a private folder in OUT, removed after.
/// Its path, or nullopt with the problem in `sink` (emit.tool-missing,
/// emit.tool-failed or emit.output-error).
std::optional<std::string> WriteDocxRedline(base::FileSystem& fs, const Converter& converter,
                                            const render::Templates* templates, const DocxRedline& redline,
                                            const std::string& out_dir, base::DiagnosticSink& sink);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_REDLINE_WRITER_H_
