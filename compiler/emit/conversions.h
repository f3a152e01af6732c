#ifndef POLICYC_EMIT_CONVERSIONS_H_
#define POLICYC_EMIT_CONVERSIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "emit/converter.h"
#include "emit/formats.h"
#include "emit/pack_writer.h"

/// Runs a pack's conversion jobs in parallel and checks what they made.
namespace policyc::emit {

/// What the conversions of one pack share.
struct ConversionSettings {
  const Converter& converter;
  const BuildOptions& options;  ///< jobs, deadline, progress and verbose
  std::string epoch;            ///< SOURCE_DATE_EPOCH; every package entry is stamped with it
  std::string work;             ///< the work folder, for temporary files
  /// The Python and worker script of the WeasyPrint worker, when PDFs are
  /// rendered by it (jobs with a pdf_output).
  std::optional<std::string> weasyprint_interpreter;
  std::string weasyprint_script;
};

/// Converts every job not reused, up to options.jobs at a time, biggest
/// input first; checks that each output is what its name says and finishes
/// the DOCX and PPTX packages. After a tool's first timeout no conversion
/// with it starts; at the deadline the running ones are stopped. False
/// with every failure in `sink` (the previous pack is kept).
bool RunConversions(std::vector<ConversionJob>& jobs, const ConversionSettings& settings, base::FileSystem& fs,
                    base::DiagnosticSink& sink);

/// A converter that exits 0 may still have written nothing, or something
/// else: whether the file at `path` exists, holds bytes and is the kind
/// `to` ("docx", "pdf" or "pptx") says. When not, `error` says what it is,
/// naming `tool`.
bool IsWhatItSaysItIs(const std::string& path, const std::string& to, const std::string& tool, std::string* error);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_CONVERSIONS_H_
