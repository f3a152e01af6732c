#include "emit/pandoc_runner.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>

#include "base/file_system.h"
#include "base/process.h"
#include "base/strings.h"

namespace policyc::emit {

PandocRunner::PandocRunner(std::string pandoc, std::chrono::milliseconds timeout)
    : pandoc_(std::move(pandoc)), timeout_(timeout) {}

bool PandocRunner::CanConvert(const std::string& to, std::string* why) const {
  // (pptx, like docx, needs Pandoc alone.)
  if (!base::FindProgram(pandoc_)) {
    *why = "Pandoc is not installed, so " + to + " cannot be made; install it "
           "(apt-get install pandoc) or build with --format html";
    return false;
  }
  if (to == "pdf" && !base::FindProgram("weasyprint")) {
    *why = "WeasyPrint is not installed, so PDF cannot be made; install it "
           "(apt-get install weasyprint) or leave pdf out of --format";
    return false;
  }
  return true;
}

std::string PandocRunner::Version() const {
  if (!base::FindProgram(pandoc_)) return "";
  base::ProcessRequest request{{pandoc_, "--version"}, {}, std::chrono::seconds(20), {}};
  base::ProcessResult result = base::RunProcess(request);
  if (!result.started || result.exit_code != 0) return "";
  return result.output.substr(0, result.output.find('\n'));
}

std::string PandocRunner::Fingerprint() const {
  std::string out;
  for (const std::string& program : {pandoc_, std::string("weasyprint")}) {
    auto path = base::FindProgram(program);
    struct stat st {};
    if (path && stat(path->c_str(), &st) == 0) {
      out += *path + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtime) + ";";
    } else {
      out += program + ":missing;";
    }
  }
  return out;
}

std::vector<std::string> PandocRunner::Argv(const ConversionRequest& request) const {
  std::vector<std::string> argv = {pandoc_, "--from=" + request.from, "--to=" + request.to,
                                   "--standalone", "--output=" + request.output_path};
  if (request.to == "pdf") {
    argv[2] = "--to=html5";
    argv.push_back("--pdf-engine=weasyprint");
  }
  if (request.to == "pdf" || request.to == "html5") {
    for (const std::string& css : request.css) argv.push_back("--css=" + css);
    // Pandoc wraps HTML text at 72 columns, the <title> too, and the PDF
    // takes its Title from there: a long title would be two lines.
    argv.push_back("--wrap=none");
  }
  if (!request.reference_doc.empty()) argv.push_back("--reference-doc=" + request.reference_doc);
  if (request.slide_level > 0) argv.push_back("--slide-level=" + std::to_string(request.slide_level));
  if (request.shift_headings != 0) {
    argv.push_back("--shift-heading-level-by=" + std::to_string(request.shift_headings));
  }
  if (request.toc) {
    argv.push_back("--toc");
    argv.push_back("--toc-depth=2");
    argv.push_back("--metadata=toc-title:Contents");
  }
  for (const auto& [key, value] : request.metadata) argv.push_back("--metadata=" + key + ":" + value);
  argv.push_back(request.input_path);
  return argv;
}

std::string PandocRunner::CheckVersion(const std::string& version_line) {
  int major = 0, minor = 0;
  if (version_line.empty()) return "'pandoc --version' did not run; is Pandoc installed properly?";
  if (std::sscanf(version_line.c_str(), "pandoc %d.%d", &major, &minor) != 2) {
    return "cannot tell which Pandoc this is ('" + version_line + "')";
  }
  if (major > kMinimumVersion[0] || (major == kMinimumVersion[0] && minor >= kMinimumVersion[1])) return "";
  return version_line + " is too old; policyc needs Pandoc " + std::to_string(kMinimumVersion[0]) + "." +
         std::to_string(kMinimumVersion[1]) + " or newer (Debian 12's pandoc is 2.17)";
}

PandocRunner::Sandbox PandocRunner::ProbeSandbox(const std::string& to, const std::string& working_dir) const {
  std::lock_guard<std::mutex> lock(sandbox_mutex_);
  auto known = sandbox_.find(to);
  if (known != sandbox_.end()) return known->second;
  const std::string probe = base::JoinPath(working_dir.empty() ? "." : working_dir, "policyc-sandbox-probe." + to);
  // The trial has the conversions' own time limit (at most 20 s): a Pandoc
  // that hangs on it would hang on the document too.
  base::ProcessRequest request{{pandoc_, "--sandbox", "--from=html", "--to=" + to, "--output=" + probe, "/dev/null"},
                               working_dir, std::min<std::chrono::milliseconds>(timeout_, std::chrono::seconds(20)),
                               {}};
  const base::ProcessResult result = base::RunProcess(request);
  std::remove(probe.c_str());
  Sandbox answer = Sandbox::kUnsupported;
  if (result.timed_out) {
    answer = Sandbox::kToolHung;
  } else if (result.started && result.exit_code >= 128) {
    // Ended by a signal: the build's deadline or an interrupt stopped it (or
    // Pandoc crashed). Nothing more starts with this Pandoc.
    answer = Sandbox::kStopped;
  } else if (result.started && result.exit_code == 0) {
    answer = Sandbox::kWorks;
  }
  return sandbox_[to] = answer;
}

void PandocRunner::StopRunning() const { base::StopChildren(); }

bool PandocRunner::SandboxWorks(const std::string& to, const std::string& working_dir) const {
  return ProbeSandbox(to, working_dir) == Sandbox::kWorks;
}

ConversionResult PandocRunner::Convert(const ConversionRequest& request) const {
  ConversionResult out;
  out.argv = Argv(request);
  // Checked once, and only when something is converted: a rebuild with
  // nothing to convert runs no program at all.
  std::call_once(version_checked_, [this] { version_problem_ = CheckVersion(Version()); });
  if (!version_problem_.empty()) {
    out.message = version_problem_;
    return out;
  }
  // Defence in depth (issue 14, point 1): the input names no file or
  // address, and where the sandbox works Pandoc could not follow one anyway.
  const std::string to = out.argv[2].substr(std::string("--to=").size());
  switch (ProbeSandbox(to, request.working_dir)) {
    case Sandbox::kWorks:
      out.argv.insert(out.argv.end() - 1, "--sandbox");
      break;
    case Sandbox::kUnsupported:
      break;
    case Sandbox::kToolHung:
      out.timed_out = true;
      out.message = "pandoc took longer than " + std::to_string(timeout_.count() / 1000) +
                    " seconds and was stopped";
      return out;
    case Sandbox::kStopped:
      out.message = "pandoc was stopped by a signal during a trial conversion";
      return out;
  }
  base::ProcessRequest process{out.argv, request.working_dir, timeout_, {}};
  if (!request.source_date_epoch.empty()) {
    process.env.emplace_back("SOURCE_DATE_EPOCH", request.source_date_epoch);
  }
  base::ProcessResult result = base::RunProcess(process);
  if (!result.started) {
    out.message = "cannot run " + pandoc_ + ": " + result.errors;
  } else if (result.timed_out) {
    out.timed_out = true;
    out.message = "pandoc took longer than " + std::to_string(timeout_.count() / 1000) +
                  " seconds and was stopped";
  } else if (result.exit_code != 0) {
    const std::string errors = base::Trim(result.errors);
    out.message = "pandoc exited with status " + std::to_string(result.exit_code) +
                  (errors.empty() ? "" : ": " + errors);
  } else {
    out.ok = true;
  }
  return out;
}

}  // namespace policyc::emit
