#include "emit/conversions.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <thread>

#include "base/process.h"
#include "base/strings.h"
#include "emit/ooxml_package.h"
#include "emit/pictures.h"
#include "emit/weasyprint_renderer.h"

namespace policyc::emit {

namespace fs = std::filesystem;
using base::DiagKind;
using base::SourceLoc;

namespace {

/// The state the worker threads share while a pack's jobs are converted.
struct Run {
  Run(std::vector<ConversionJob>& j, const ConversionSettings& s, base::FileSystem& f)
      : jobs(j), settings(s), files(f), results(j.size()), not_started(j.size(), 0) {}

  std::vector<ConversionJob>& jobs;
  const ConversionSettings& settings;
  base::FileSystem& files;
  std::vector<size_t> to_convert;  ///< indices into jobs, in the order they start
  std::vector<ConversionResult> results;
  std::vector<char> not_started;   ///< skipped: a tool hung, or the deadline passed
  std::atomic<size_t> next{0};
  std::atomic<int> done{0};
  std::mutex report;
  // A tool that hung once will most likely hang on the next document too:
  // after its first timeout no conversion with it starts, and the build
  // fails in minutes instead of hours (issue 14, point 7).
  std::atomic<bool> converter_hung{false};
  std::atomic<bool> weasyprint_hung{false};

  bool PastDeadline() const {
    return settings.options.deadline && std::chrono::steady_clock::now() >= *settings.options.deadline;
  }
};

/// The jobs to convert, biggest input first, so that the longest
/// conversions do not start last and leave one core idle at the end.
std::vector<size_t> ConversionOrder(const std::vector<ConversionJob>& jobs, base::FileSystem& files) {
  std::vector<size_t> order;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!jobs[i].reused) order.push_back(i);
  }
  std::vector<size_t> sizes(jobs.size(), 0);
  for (size_t i : order) sizes[i] = files.FileSize(jobs[i].request.input_path).value_or(0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  return order;
}

/// Makes Pandoc's DOCX and PPTX what a reader opens (ooxml_package.h).
bool FinishPackage(const ConversionJob& job, time_t mtime, std::string* error) {
  if (job.request.to == "pptx") {
    return FinishPptx(job.request.output_path, job.reference_parts, job.title, job.creator, mtime, error);
  }
  if (job.request.to == "docx") return FinishDocx(job.request.output_path, job.anchors, mtime, error);
  return true;
}

/// Renders the converter's HTML into the job's PDF with this thread's
/// WeasyPrint worker, started on first use.
bool RenderPdf(Run& run, const ConversionJob& job, std::unique_ptr<WeasyPrintRenderer>& renderer,
               std::string* error) {
  const ConversionSettings& s = run.settings;
  if (!renderer) {
    renderer = std::make_unique<WeasyPrintRenderer>(*s.weasyprint_interpreter,
                                                    fs::absolute(s.weasyprint_script).string(), s.epoch, s.work,
                                                    std::chrono::seconds(180));
  }
  const bool ok = renderer->Render(job.request.output_path, job.pdf_output, error);
  if (renderer->TimedOut()) run.weasyprint_hung = true;
  return ok;
}

/// Converts one job, then checks and finishes its output.
ConversionResult ConvertOne(Run& run, const ConversionJob& job, std::unique_ptr<WeasyPrintRenderer>& renderer) {
  ConversionResult result;
  const time_t mtime = std::stol(run.settings.epoch);
  if (!job.reference_parts.empty() &&
      !WriteZip(job.request.reference_doc, job.reference_parts, mtime, &result.message)) {
    return result;
  }
  if (job.request.to == "docx") SvgPicturesToPng(run.files, job.request.input_path, run.settings.work);
  result = run.settings.converter.Convert(job.request);
  if (result.timed_out) run.converter_hung = true;
  // With WeasyPrint, the converter's output is HTML and the PDF is WeasyPrint's.
  const bool weasy = !job.pdf_output.empty();
  if (result.ok && weasy) result.ok = RenderPdf(run, job, renderer, &result.message);
  if (result.ok) {
    result.ok = IsWhatItSaysItIs(weasy ? job.pdf_output : job.request.output_path, weasy ? "pdf" : job.request.to,
                                 weasy ? "WeasyPrint" : "pandoc", &result.message);
  }
  if (result.ok) result.ok = FinishPackage(job, mtime, &result.message);
  return result;
}

/// Says that a job is done: progress, and with --verbose what was run.
void Announce(Run& run, size_t i) {
  std::lock_guard<std::mutex> lock(run.report);
  const int finished = ++run.done;
  const BuildOptions& options = run.settings.options;
  if (options.progress) options.progress(finished, static_cast<int>(run.to_convert.size()), run.jobs[i].label);
  if (options.verbose) {
    const std::string line = base::Join(run.results[i].argv, " ");
    std::fprintf(stderr, "policyc: ran %s\n", base::TerminalSafe(line).c_str());
  }
}

/// One worker thread: takes the next job until none is left.
void Work(Run& run) {
  std::unique_ptr<WeasyPrintRenderer> renderer;  // one long-lived WeasyPrint per thread
  for (size_t n = run.next++; n < run.to_convert.size() && !base::Interrupted(); n = run.next++) {
    const size_t i = run.to_convert[n];
    if (run.converter_hung || (run.weasyprint_hung && !run.jobs[i].pdf_output.empty()) || run.PastDeadline()) {
      run.not_started[i] = 1;
      continue;
    }
    run.results[i] = ConvertOne(run, run.jobs[i], renderer);
    Announce(run, i);
  }
}

/// Runs the workers; at the deadline the conversions still running are
/// stopped, so a hung tool cannot hold the build past it.
void RunWorkers(Run& run) {
  std::vector<std::thread> threads;
  const int count = std::min<int>(std::max(1, run.settings.options.jobs), static_cast<int>(run.to_convert.size()));
  for (int t = 0; t < count; ++t) threads.emplace_back([&run] { Work(run); });
  std::mutex finished_mutex;
  std::condition_variable finished_cv;
  bool finished = false;
  std::thread watchdog;
  if (run.settings.options.deadline) {
    watchdog = std::thread([&] {
      std::unique_lock<std::mutex> lock(finished_mutex);
      if (finished_cv.wait_until(lock, *run.settings.options.deadline, [&] { return finished; })) return;
      run.settings.converter.StopRunning();
      if (run.settings.weasyprint_interpreter) base::StopChildren();  // the WeasyPrint workers
    });
  }
  for (auto& thread : threads) thread.join();
  if (!watchdog.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(finished_mutex);
    finished = true;
  }
  finished_cv.notify_all();
  watchdog.join();
}

/// Reports what went wrong, if anything: an interrupt, the deadline, each
/// failed conversion, and those not started because a tool hung.
bool ReportOutcome(const Run& run, base::DiagnosticSink& sink) {
  if (base::Interrupted()) {
    sink.Report(DiagKind::kOutputError, SourceLoc{}, "interrupted; the previous pack was left as it was");
    return false;
  }
  int unfinished = 0, skipped = 0;
  for (size_t i = 0; i < run.jobs.size(); ++i) {
    unfinished += !run.jobs[i].reused && !run.results[i].ok;
    skipped += run.not_started[i];
  }
  if (run.PastDeadline() && unfinished > 0) {
    sink.Report(DiagKind::kToolFailed, SourceLoc{},
                "the build's deadline passed with " + std::to_string(unfinished) +
                    " conversion(s) unfinished; the previous pack was left as it was");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < run.jobs.size(); ++i) {
    if (run.jobs[i].reused || run.results[i].ok || run.not_started[i]) continue;
    sink.Report(DiagKind::kToolFailed, SourceLoc{},
                "making " + run.jobs[i].label + " failed: " + run.results[i].message +
                    "; the previous pack was left as it was");
    ok = false;
  }
  if (skipped > 0) {
    sink.Report(DiagKind::kToolFailed, SourceLoc{},
                std::to_string(skipped) + " other conversion(s) were not started, because " +
                    (run.converter_hung ? "pandoc" : "WeasyPrint") + " did not finish in time once already");
    ok = false;
  }
  return ok;
}

}  // namespace

bool RunConversions(std::vector<ConversionJob>& jobs, const ConversionSettings& settings, base::FileSystem& fs,
                    base::DiagnosticSink& sink) {
  Run run(jobs, settings, fs);
  run.to_convert = ConversionOrder(jobs, fs);
  RunWorkers(run);
  return ReportOutcome(run, sink);
}

bool IsWhatItSaysItIs(const std::string& path, const std::string& to, const std::string& tool, std::string* error) {
  std::error_code ec;
  const bool regular = fs::is_regular_file(fs::symlink_status(path, ec));
  const auto size = regular ? fs::file_size(path, ec) : 0;
  if (!regular || ec) {
    *error = tool + " reported success but wrote no file";
    return false;
  }
  if (size == 0) {
    *error = tool + " reported success but wrote an empty file";
    return false;
  }
  if (to != "pdf") return IsPackage(path, to, tool, error);
  char head[5] = {};
  std::ifstream(path, std::ios::binary).read(head, sizeof head);
  if (std::string(head, sizeof head) == "%PDF-") return true;
  *error = tool + " reported success but wrote a file that is not a PDF";
  return false;
}

}  // namespace policyc::emit
