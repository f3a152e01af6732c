#ifndef POLICYC_EMIT_CONVERTER_H_
#define POLICYC_EMIT_CONVERTER_H_

#include <string>
#include <utility>
#include <vector>

namespace policyc::emit {

/// A plain-data request for one conversion. Only emit/ knows that Pandoc
/// is a program; everything else describes what it wants converted.
struct ConversionRequest {
  std::string input_path;  ///< an HTML file written by the renderer
  std::string from = "html";  ///< or "markdown" (the diff's redline)
  std::string to;          ///< "docx", "pdf", "pptx", or "html5" (PDF through the WeasyPrint worker)
  std::string output_path;
  std::string reference_doc;          ///< DOCX or PPTX styles, optional
  bool toc = false;                   ///< a table of contents (a field in DOCX)
  int shift_headings = 0;             ///< --shift-heading-level-by
  int slide_level = 0;                ///< --slide-level for PPTX
  std::vector<std::string> css;       ///< stylesheets for PDF
  std::vector<std::pair<std::string, std::string>> metadata;
  std::string source_date_epoch;      ///< fixes embedded dates, for reproducible output
  /// Where the converter runs. With WeasyPrint Pandoc writes html2pdf*
  /// temporary files into its working folder, so this is the pack's
  /// staging work folder, never the user's.
  std::string working_dir;
};

struct ConversionResult {
  bool ok = false;
  bool timed_out = false;  ///< stopped at the time limit: the tool may hang on every input
  std::string message;  ///< what went wrong, with the tool's own stderr
  std::vector<std::string> argv;  ///< what was run, for --verbose (empty when nothing was)
};

/// What the emit stage converts documents with: Pandoc in a build
/// (PandocRunner), a fake in tests (tests/support/fake_converter.h). A
/// converter is shared by the build's threads, so every method may be
/// called from several at once. It writes the output a request names and
/// nothing else; checking and finishing that output is the pack writer's.
class Converter {
 public:
  virtual ~Converter() = default;

  /// Whether output `to` can be made here; when not, `why` says so and how
  /// to fix it, for an emit.tool-missing diagnostic.
  virtual bool CanConvert(const std::string& to, std::string* why) const = 0;
  /// The tool's own name and version ("pandoc 2.17.1.1"), "" when missing.
  virtual std::string Version() const = 0;
  /// Identifies the installed tools without running them, so that an
  /// unchanged rebuild runs no program: an output converted by other tools
  /// is converted again.
  virtual std::string Fingerprint() const = 0;
  /// Converts one document; blocks until it is done, failed or stopped.
  virtual ConversionResult Convert(const ConversionRequest& request) const = 0;
  /// Stops every conversion running now (the build's deadline has
  /// passed); they return failed. Later conversions are not affected.
  virtual void StopRunning() const = 0;
};

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_CONVERTER_H_
