#ifndef POLICYC_EMIT_FORMATS_H_
#define POLICYC_EMIT_FORMATS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "emit/converter.h"
#include "emit/docx_anchors.h"
#include "emit/zip_archive.h"
#include "model/resolved_model.h"
#include "render/html_renderer.h"

/// The output formats of a pack, one registry line each. A format made by
/// a converter has a planner: for one document it writes the converter's
/// input into the work folder and describes the conversion as a job.
namespace policyc::emit {

enum class Format { kHtml, kDocx, kPdf, kPptx };

/// One output of a pack made by a converter: the request, and what decides
/// the output's bytes.
struct ConversionJob {
  ConversionRequest request;
  std::string label;           ///< its path in the pack ("docx/ID.docx") and its key in the manifest
  std::string input_hash;      ///< of everything that determines the output
  std::string pdf_output;      ///< set when a WeasyPrint worker renders the converter's HTML output to this PDF
  ZipEntries reference_parts;  ///< the reference DOCX or PPTX, zipped only when the job runs
  std::string title;           ///< of a PPTX, for its core properties
  std::string creator;         ///< of a PPTX, for its core properties
  std::vector<DocxAnchorBase> anchors;  ///< of a pack document's DOCX: its sections and statements
  std::string known_sha256;    ///< of the reused file, from the previous manifest
  bool reused = false;         ///< copied from the previous pack instead of converted
};

/// What every planner draws on.
struct PlanContext {
  const model::ResolvedPack& pack;
  const render::HtmlRenderer& renderer;
  base::FileSystem& fs;
  std::string staging;       ///< the pack being built
  std::string work;          ///< the converters' inputs, removed before the swap
  std::string epoch;         ///< SOURCE_DATE_EPOCH, from the pack's as-of date
  std::string tools;         ///< identifies every program that shapes an output
  bool weasyprint = false;   ///< PDF through the long-lived WeasyPrint worker
  std::string logo;          ///< the pack's logo as the profile gives it
  std::optional<std::string> slide_logo;  ///< the logo as PNG, made for the first deck
};

/// Writes one document's input for a format and adds its job to `jobs`;
/// adds none when the format has nothing of the document (a deck of a
/// document without slides). False when an input could not be written
/// (the sink says why).
using PlanJob = bool (*)(PlanContext& context, size_t document, std::vector<ConversionJob>& jobs,
                         base::DiagnosticSink& sink);

/// One registry line per output format: its name, its folder in a pack
/// and, when a converter makes it, its planner.
struct FormatInfo {
  Format format;
  const char* name;
  const char* folder;  ///< "" for the pack's root
  PlanJob plan;        ///< nullptr for a format rendered in process (HTML)
};
const std::vector<FormatInfo>& AllFormats();

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_FORMATS_H_
