#ifndef POLICYC_EMIT_PANDOC_RUNNER_H_
#define POLICYC_EMIT_PANDOC_RUNNER_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "emit/converter.h"

namespace policyc::emit {

/// Runs Pandoc with an argv vector (never a shell), a timeout, and stderr
/// captured into the result. PDF goes through WeasyPrint, never LaTeX.
class PandocRunner : public Converter {
 public:
  explicit PandocRunner(std::string pandoc = "pandoc",
                        std::chrono::milliseconds timeout = std::chrono::seconds(180));

  /// Whether pandoc (and, for PDF, weasyprint) can be run; when not, says why.
  bool CanConvert(const std::string& to, std::string* why) const override;
  /// "pandoc 2.17.1.1", or "" when Pandoc is missing.
  std::string Version() const override;
  /// Identifies the installed pandoc and weasyprint (path, size, time)
  /// without running them, so an unchanged rebuild runs no program.
  std::string Fingerprint() const override;
  std::vector<std::string> Argv(const ConversionRequest& request) const;
  ConversionResult Convert(const ConversionRequest& request) const override;
  /// Ends every child process policyc runs, as an interrupt does
  /// (base::StopChildren): the WeasyPrint workers of a build too.
  void StopRunning() const override;

  /// Whether this Pandoc can convert to `to` with --sandbox (no file read
  /// but those on its command line, no network), tried once per format in
  /// `working_dir`. --sandbox exists from Pandoc 2.15, but a Pandoc built
  /// without embedded data files (Debian's 2.17) cannot read its own DOCX
  /// and PPTX parts in the sandbox (jgm/pandoc#8128); such conversions run
  /// without it, and the text check (resolve.bad-image) and the renderer
  /// keep every foreign picture out of their input.
  bool SandboxWorks(const std::string& to, const std::string& working_dir) const;

  /// The oldest Pandoc policyc works with (--shift-heading-level-by, --metadata).
  static constexpr int kMinimumVersion[2] = {2, 9};
  /// "" when `version_line` ("pandoc 2.17.1.1") is new enough, else why not.
  static std::string CheckVersion(const std::string& version_line);

 private:
  enum class Sandbox { kWorks, kUnsupported, kToolHung, kStopped };
  /// The trial behind SandboxWorks, remembered per format; a trial that
  /// hangs means the tool hangs; one ended by a signal (the deadline) stops
  /// every later conversion with this runner.
  Sandbox ProbeSandbox(const std::string& to, const std::string& working_dir) const;

  std::string pandoc_;
  std::chrono::milliseconds timeout_;
  mutable std::once_flag version_checked_;
  mutable std::string version_problem_;
  mutable std::mutex sandbox_mutex_;
  mutable std::map<std::string, Sandbox> sandbox_;  ///< by --to
};

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_PANDOC_RUNNER_H_
