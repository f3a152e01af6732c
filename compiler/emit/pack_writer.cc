#include "emit/pack_writer.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "base/date.h"
#include "base/file_system.h"
#include "base/sha256.h"
#include "base/strings.h"
#include "emit/conversions.h"
#include "emit/manifest.h"
#include "emit/pack_folder.h"
#include "emit/weasyprint_renderer.h"
#include "render/pack_json.h"

namespace policyc::emit {

std::string EpochOf(const std::string& date) {
  const std::optional<base::CivilDate> day = base::ParseDate(date);
  return day ? std::to_string(base::DaysSinceEpoch(*day) * 86400) : "0";
}

namespace {

/// Identifies the running policyc binary (path, size, time) without reading it.
std::string SelfFingerprint() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  struct stat st {};
  if (ec || stat(self.c_str(), &st) != 0) return "policyc:unknown;";
  return self.string() + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtime) + ";";
}

/// The Statement of Applicability for spreadsheets.
std::string SoaCsv(const model::ResolvedPack& pack) {
  std::string out = "control,title,applicable,justification,status,owner,implemented_by\n";
  for (const model::SoaRow& row : pack.soa) {
    std::string owner;
    for (const auto& role : pack.roles) {
      if (role.id == row.owner) owner = role.title;
    }
    out += base::CsvField(row.control) + "," + base::CsvField(row.title) + "," + (row.applicable ? "yes" : "no") +
           "," + base::CsvField(row.justification) + "," +
           base::CsvField(row.applicable ? (row.status.empty() ? "not stated" : row.status) : "excluded") + "," +
           base::CsvField(owner) + "," + base::CsvField(base::Join(row.implemented_by, " ")) + "\n";
  }
  return out;
}

/// The outputs made in process: pack.json, soa.csv, the logo and, when
/// HTML was asked for, the web pages. Sets `logo` to the logo's bytes.
bool WriteInProcessOutputs(base::FileSystem& fs, const std::string& staging, const model::ResolvedPack& pack,
                           const BuildOptions& options, render::HtmlRenderer& renderer, std::string& logo,
                           base::DiagnosticSink& sink) {
  auto write = [&](const std::string& name, const std::string& bytes) {
    return WritePackFile(fs, base::JoinPath(staging, name), bytes, sink);
  };
  bool ok = write("pack.json", render::PackToJson(pack)) && write("soa.csv", SoaCsv(pack));
  if (!pack.branding.logo.empty()) {
    std::string error;
    logo = fs.ReadFile(pack.branding.logo, &error).value_or("");
    ok = ok && write("logo." + pack.branding.logo_format, logo);
    renderer.SetLogo(logo);
  }
  if (!ok || !options.formats.count(Format::kHtml)) return ok;
  ok = write("index.html", renderer.IndexPage()) && write("style.css", renderer.StyleCss());
  for (const auto& [name, svg] : pack.images) ok = ok && write(name + ".svg", svg);
  for (size_t i = 0; ok && i < pack.documents.size(); ++i) {
    ok = write(pack.documents[i].id + ".html", renderer.DocumentPage(i));
  }
  return ok;
}

/// Every conversion job of the pack, document by document in the
/// registry's order of formats, with their inputs written.
bool PlanConversions(PlanContext& context, const std::set<Format>& formats, std::vector<ConversionJob>& jobs,
                     base::DiagnosticSink& sink) {
  for (size_t i = 0; i < context.pack.documents.size(); ++i) {
    for (const FormatInfo& format : AllFormats()) {
      if (format.plan && formats.count(format.format) && !format.plan(context, i, jobs, sink)) return false;
    }
  }
  return true;
}

/// A folder for every converted format asked for, except pptx/ when no
/// document has slides (a pack without training modules has no decks).
void MakeFormatFolders(base::FileSystem& fs, const std::string& staging, const std::set<Format>& formats,
                       const std::vector<ConversionJob>& jobs) {
  for (const FormatInfo& format : AllFormats()) {
    if (!format.plan || !formats.count(format.format)) continue;
    const std::string folder = base::JoinPath(staging, format.folder);
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (format.format != Format::kPptx) continue;
    bool any = false;
    for (const ConversionJob& job : jobs) any |= job.label.rfind(std::string(format.folder) + "/", 0) == 0;
    std::string ignored;
    if (!any) fs.Remove(folder, &ignored);
  }
}

}  // namespace

bool WritePack(const model::ResolvedPack& pack, const render::Templates& templates, const BuildOptions& options,
               const Converter& converter, base::DiagnosticSink& sink, BuildStats* stats) {
  base::DiskFileSystem disk;
  auto folder = PackFolder::Open(disk, options.out_dir, pack.profile_id, sink);
  if (!folder) return false;
  render::HtmlRenderer renderer(templates, pack);
  std::string logo;
  if (!WriteInProcessOutputs(disk, folder->staging(), pack, options, renderer, logo, sink)) return false;

  ConversionSettings settings{converter, options, EpochOf(pack.as_of), folder->work(), std::nullopt,
                              base::JoinPath(options.templates_dir, "print/weasyprint_worker.py")};
  if (options.formats.count(Format::kPdf) && disk.Exists(settings.weasyprint_script)) {
    settings.weasyprint_interpreter = WeasyPrintRenderer::FindInterpreter();
  }
  std::string worker, error;
  if (settings.weasyprint_interpreter) worker = disk.ReadFile(settings.weasyprint_script, &error).value_or("");
  // policyc itself is a tool too: what it does to Pandoc's output (tables
  // of contents, zip entries) changes with it, so a new policyc converts again.
  const std::string tools = converter.Fingerprint() + SelfFingerprint() +
                            (settings.weasyprint_interpreter ? base::Sha256Hex(worker) : "");
  PlanContext context{pack, renderer, disk, folder->staging(), folder->work(), settings.epoch, tools,
                      settings.weasyprint_interpreter.has_value(), logo, std::nullopt};
  std::vector<ConversionJob> jobs;
  if (!PlanConversions(context, options.formats, jobs, sink)) return false;
  MakeFormatFolders(disk, folder->staging(), options.formats, jobs);

  ReuseUnchanged(disk, folder->final_dir(), folder->staging(), jobs);
  if (!RunConversions(jobs, settings, disk, sink)) return false;
  std::string ignored;
  disk.Remove(folder->work(), &ignored);
  if (!WriteManifest(disk, folder->staging(), jobs, tools, sink)) return false;
  if (stats) {
    stats->reused = static_cast<int>(std::count_if(jobs.begin(), jobs.end(), [](auto& j) { return j.reused; }));
    stats->converted = static_cast<int>(jobs.size()) - stats->reused;
  }
  return folder->SwapIntoPlace(sink);
}

}  // namespace policyc::emit
