#include "emit/pack_writer.h"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "base/file_system.h"
#include "render/pack_json.h"

namespace policyc::emit {

namespace fs = std::filesystem;
using base::DiagKind;
using base::SourceLoc;

const std::vector<FormatInfo>& AllFormats() {
  static const std::vector<FormatInfo> kFormats = {
      {Format::kHtml, "html", ""},
      {Format::kDocx, "docx", "docx"},
      {Format::kPdf, "pdf", "pdf"},
  };
  return kFormats;
}

std::string EpochOf(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return "0";
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long days = era * 146097L + static_cast<long>(doe) - 719468L;
  return std::to_string(days * 86400L);
}

namespace {

bool Write(const fs::path& path, const std::string& bytes, base::DiagnosticSink& sink) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out || ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{path.filename().string()},
                "cannot write this file of the pack");
    return false;
  }
  return true;
}

struct Job {
  ConversionRequest request;
  std::string label;
};

}  // namespace

bool WritePack(const model::ResolvedPack& pack, const render::Templates& templates,
               const BuildOptions& options, const PandocRunner& pandoc,
               base::DiagnosticSink& sink) {
  const fs::path out_dir = fs::absolute(options.out_dir);
  const fs::path final_dir = out_dir / pack.profile_id;
  const fs::path staging = out_dir / ("." + pack.profile_id + ".staging");
  const fs::path work = staging / ".work";
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::create_directories(work, ec);
  if (ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{options.out_dir},
                "cannot create the pack's staging folder here (" + ec.message() +
                    "); choose an output folder you can write with -o");
    return false;
  }
  auto fail = [&] {
    fs::remove_all(staging, ec);
    return false;
  };

  render::HtmlRenderer renderer(templates, pack);
  bool ok = Write(staging / "pack.json", render::PackToJson(pack), sink);
  if (options.formats.count(Format::kHtml)) {
    ok = ok && Write(staging / "index.html", renderer.IndexPage(), sink);
    ok = ok && Write(staging / "style.css", renderer.StyleCss(), sink);
    for (size_t i = 0; ok && i < pack.documents.size(); ++i) {
      ok = Write(staging / (pack.documents[i].id + ".html"), renderer.DocumentPage(i), sink);
    }
  }
  if (!ok) return fail();

  std::vector<Job> jobs;
  const std::string epoch = EpochOf(pack.as_of);
  for (size_t i = 0; i < pack.documents.size(); ++i) {
    const model::ResolvedDocument& doc = pack.documents[i];
    if (options.formats.count(Format::kDocx)) {
      fs::path input = work / (doc.id + ".docx.html");
      ok = ok && Write(input, renderer.PrintDocument(i, render::PrintTarget::kDocx), sink);
      ConversionRequest request;
      request.input_path = input.string();
      request.to = "docx";
      request.output_path = (staging / "docx" / (doc.id + ".docx")).string();
      request.metadata = {{"title", doc.title},
                          {"subtitle", pack.organisation.name},
                          {"author", doc.owner_title},
                          {"date", doc.approval_date}};
      request.source_date_epoch = epoch;
      jobs.push_back({request, "docx/" + doc.id + ".docx"});
    }
    if (options.formats.count(Format::kPdf)) {
      fs::path input = work / (doc.id + ".pdf.html");
      fs::path css = work / (doc.id + ".css");
      ok = ok && Write(input, renderer.PrintDocument(i, render::PrintTarget::kPdf), sink);
      ok = ok && Write(css, renderer.PrintCss(i), sink);
      ConversionRequest request;
      request.input_path = input.string();
      request.to = "pdf";
      request.output_path = (staging / "pdf" / (doc.id + ".pdf")).string();
      request.css = {css.string()};
      request.metadata = {{"pagetitle", doc.title + " — " + pack.organisation.name},
                          {"lang", "en-GB"}};
      request.source_date_epoch = epoch;
      jobs.push_back({request, "pdf/" + doc.id + ".pdf"});
    }
  }
  if (!ok) return fail();
  fs::create_directories(staging / "docx", ec);
  fs::create_directories(staging / "pdf", ec);
  if (!options.formats.count(Format::kDocx)) fs::remove(staging / "docx", ec);
  if (!options.formats.count(Format::kPdf)) fs::remove(staging / "pdf", ec);

  // External conversions run in parallel, up to options.jobs at a time.
  std::atomic<size_t> next{0};
  std::atomic<int> done{0};
  std::mutex report;
  std::vector<ConversionResult> results(jobs.size());
  auto worker = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      results[i] = pandoc.Convert(jobs[i].request);
      std::lock_guard<std::mutex> lock(report);
      int finished = ++done;
      if (options.progress) options.progress(finished, static_cast<int>(jobs.size()), jobs[i].label);
      if (options.verbose) {
        std::string line;
        for (const auto& arg : results[i].argv) line += (line.empty() ? "" : " ") + arg;
        std::fprintf(stderr, "policyc: ran %s\n", line.c_str());
      }
    }
  };
  std::vector<std::thread> threads;
  const int count = std::max(1, std::min<int>(options.jobs, static_cast<int>(jobs.size())));
  for (int t = 0; t < count; ++t) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!results[i].ok) {
      sink.Report(DiagKind::kToolFailed, SourceLoc{},
                  "making " + jobs[i].label + " failed: " + results[i].message +
                      "; the previous pack was left as it was");
      ok = false;
    }
  }
  if (!ok) return fail();

  fs::remove_all(work, ec);
  // Swap the finished pack into place; the old one goes only after.
  const fs::path old = out_dir / ("." + pack.profile_id + ".old");
  fs::remove_all(old, ec);
  if (fs::exists(final_dir)) {
    fs::rename(final_dir, old, ec);
    if (ec) {
      sink.Report(DiagKind::kOutputError, SourceLoc{base::JoinPath(options.out_dir, pack.profile_id)},
                  "cannot move the previous pack aside: " + ec.message());
      return fail();
    }
  }
  fs::rename(staging, final_dir, ec);
  if (ec) {
    sink.Report(DiagKind::kOutputError, SourceLoc{base::JoinPath(options.out_dir, pack.profile_id)},
                "cannot move the new pack into place: " + ec.message());
    fs::rename(old, final_dir, ec);
    return fail();
  }
  fs::remove_all(old, ec);
  return true;
}

}  // namespace policyc::emit
