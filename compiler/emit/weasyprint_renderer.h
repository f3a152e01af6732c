#ifndef POLICYC_EMIT_WEASYPRINT_RENDERER_H_
#define POLICYC_EMIT_WEASYPRINT_RENDERER_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "base/process.h"

namespace policyc::emit {

/// Renders PDFs with a long-lived WeasyPrint process (templates/print/
/// weasyprint_worker.py) fed one document after another, so Python and
/// WeasyPrint start once per parallel job, not once per PDF. Pandoc still
/// turns each document into the standalone HTML that is rendered.
/// One renderer per thread; not thread-safe.
class WeasyPrintRenderer {
 public:
  /// The Python that runs the installed weasyprint program (its #! line),
  /// or nullopt when WeasyPrint is not installed.
  static std::optional<std::string> FindInterpreter();

  WeasyPrintRenderer(std::string interpreter, std::string script, std::string source_date_epoch,
                     std::string working_dir, std::chrono::milliseconds timeout);

  /// Renders `html` into `pdf`. False with `error` set (naming WeasyPrint)
  /// when it fails or takes longer than the timeout; the worker is then
  /// replaced for the next document.
  bool Render(const std::string& html, const std::string& pdf, std::string* error);
  /// Whether the last Render failed because it ran out of time.
  bool TimedOut() const { return timed_out_; }
  /// Whether the worker's answer line says the PDF was written; when not,
  /// `error` says why, whatever the line holds.
  static bool ReadAnswer(const std::string& answer, std::string* error);

 private:
  std::string interpreter_;
  std::string script_;
  std::string source_date_epoch_;
  std::string working_dir_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<base::Subprocess> worker_;
  bool timed_out_ = false;
};

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_WEASYPRINT_RENDERER_H_
