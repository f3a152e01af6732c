#include "emit/weasyprint_renderer.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "base/strings.h"

namespace policyc::emit {

std::optional<std::string> WeasyPrintRenderer::FindInterpreter() {
  auto program = base::FindProgram("weasyprint");
  if (!program) return std::nullopt;
  std::ifstream in(*program);
  std::string first;
  std::getline(in, first);
  if (first.rfind("#!", 0) != 0) return std::nullopt;
  auto words = base::SplitWhitespace(first.substr(2));
  if (words.empty()) return std::nullopt;
  // "#!/usr/bin/env python3" names the interpreter after env.
  if (words[0].size() >= 4 && words[0].compare(words[0].size() - 4, 4, "/env") == 0 && words.size() > 1) {
    return base::FindProgram(words[1]);
  }
  return words[0];
}

WeasyPrintRenderer::WeasyPrintRenderer(std::string interpreter, std::string script,
                                       std::string source_date_epoch, std::string working_dir,
                                       std::chrono::milliseconds timeout)
    : interpreter_(std::move(interpreter)),
      script_(std::move(script)),
      source_date_epoch_(std::move(source_date_epoch)),
      working_dir_(std::move(working_dir)),
      timeout_(timeout) {}

bool WeasyPrintRenderer::Render(const std::string& html, const std::string& pdf, std::string* error) {
  timed_out_ = false;
  if (!worker_) {
    base::ProcessRequest request;
    request.argv = {interpreter_, script_};
    request.working_dir = working_dir_;
    request.env = {{"SOURCE_DATE_EPOCH", source_date_epoch_}, {"PYTHONDONTWRITEBYTECODE", "1"}};
    std::string why;
    worker_ = base::Subprocess::Start(request, &why);
    if (!worker_) {
      *error = "cannot start WeasyPrint (" + interpreter_ + " " + script_ + "): " + why;
      return false;
    }
  }
  const nlohmann::json request = {{"html", html}, {"pdf", pdf}};
  if (!worker_->WriteLine(request.dump())) {
    worker_.reset();  // it stopped reading: the next document gets a fresh one
    *error = "WeasyPrint stopped reading its requests; it was ended";
    return false;
  }
  const auto start = std::chrono::steady_clock::now();
  std::optional<std::string> answer = worker_->ReadLine(timeout_);
  timed_out_ = !answer && std::chrono::steady_clock::now() - start >= timeout_;
  if (!answer) {
    worker_.reset();  // hung or died: the next document gets a fresh one
    *error = "WeasyPrint did not finish within " + std::to_string(timeout_.count() / 1000) +
             " seconds, or stopped; it was ended";
    return false;
  }
  return ReadAnswer(*answer, error);
}

bool WeasyPrintRenderer::ReadAnswer(const std::string& answer, std::string* error) {
  // The worker is another program: its answer is checked for shape and
  // type, never trusted to be {"ok": bool, "error": string}.
  const nlohmann::json response = nlohmann::json::parse(answer, nullptr, false);
  if (!response.is_object() || !response.contains("ok") || !response["ok"].is_boolean()) {
    *error = "WeasyPrint answered something that is not policyc's protocol: " + base::TerminalSafe(answer.substr(0, 200));
    return false;
  }
  if (response["ok"].get<bool>()) return true;
  const auto why = response.find("error");
  *error = "WeasyPrint failed: " + (why != response.end() && why->is_string()
                                        ? base::TerminalSafe(why->get<std::string>())
                                        : std::string("it gave no reason"));
  return false;
}

}  // namespace policyc::emit
