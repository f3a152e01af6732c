#include "cli/diff_command.h"

#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>

#include "base/git_file_system.h"
#include "base/strings.h"
#include "diff/compare.h"
#include "diff/report.h"
#include "diff/snapshot.h"
#include "emit/pandoc_runner.h"
#include "emit/zip_archive.h"
#include "render/html_renderer.h"
#include "render/pack_json.h"

namespace policyc::cli {

namespace {

constexpr int kEqual = 0, kDifferent = 1, kError = 2;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// One side of the diff: a pack.json (or a built pack's folder holding
/// one), or a profile resolved now. nullopt when it cannot be read; the
/// sink says why.
std::optional<diff::Snapshot> LoadSide(Session& session, const std::string& path, base::DiagnosticSink& sink) {
  const base::FileSystem& fs = session.fs();
  std::string json_path;
  if (EndsWith(path, ".json")) json_path = path;
  if (fs.IsDirectory(path) && fs.Exists(base::JoinPath(path, "pack.json"))) json_path = base::JoinPath(path, "pack.json");
  if (!json_path.empty()) {
    // A pack.json is a few MiB; refuse what cannot be one before reading it.
    constexpr size_t kMaxPackJson = 256u << 20;
    if (auto size = fs.FileSize(json_path); size && *size > kMaxPackJson) {
      sink.Report(base::DiagKind::kFileTooLarge, {json_path, 0, 0},
                  "is " + std::to_string(*size >> 20) + " MiB; a pack.json is never larger than 256 MiB");
      return std::nullopt;
    }
    std::string error;
    auto text = fs.ReadFile(json_path, &error);
    if (!text) {
      sink.Report(base::DiagKind::kIoError, {json_path, 0, 0}, error);
      return std::nullopt;
    }
    auto snapshot = diff::SnapshotFromPackJson(*text, &error);
    if (!snapshot) sink.Report(base::DiagKind::kBadPack, {json_path, 0, 0}, error);
    return snapshot;
  }
  const int errors_before = sink.error_count();
  auto pack = session.Resolve(path, sink);
  if (!pack || sink.error_count() > errors_before) return std::nullopt;
  std::string error;
  auto snapshot = diff::SnapshotFromJson(render::PackJson(*pack), &error);
  if (!snapshot) sink.Report(base::DiagKind::kBadPack, {path, 0, 0}, error);
  return snapshot;
}

/// Pandoc numbers an insertion and its deletion alike; Word wants every
/// tracked change to have an id of its own.
bool RenumberRevisions(const std::string& docx, std::string* error) {
  auto entries = emit::ReadZip(docx, error);
  if (!entries) return false;
  for (auto& [name, bytes] : *entries) {
    if (name != "word/document.xml") continue;
    static const std::regex kId(R"((<w:(?:ins|del) w:id=")\d+")");
    std::string out;
    int next = 1;
    auto begin = std::sregex_iterator(bytes.begin(), bytes.end(), kId);
    size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      out.append(bytes, last, it->position() - last);
      out += (*it)[1].str() + std::to_string(next++) + "\"";
      last = it->position() + it->length();
    }
    out.append(bytes, last, std::string::npos);
    bytes = std::move(out);
  }
  return emit::WriteZip(docx, *entries, 315532800 /* 1980-01-01, the zip epoch */, error);
}

/// Writes `bytes` to `path` through a temporary file, so a failed run
/// leaves the previous file as it was.
bool WriteAtomically(const std::string& path, const std::string& bytes, std::string* error) {
  base::DiskFileSystem disk;
  const std::string temporary = path + ".tmp";
  if (!disk.WriteFile(temporary, bytes, error)) return false;
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) *error = ec.message();
  return !ec;
}

/// Writes a reference DOCX in the newer pack's branding: the header names
/// the organisation and "Changes to the pack", the footer the as-of date.
/// False when the templates cannot be read (Pandoc's defaults are used).
bool WriteReference(const Session& session, const diff::Snapshot& pack, const std::string& path) {
  base::DiagnosticSink quiet;
  auto templates = render::LoadTemplates(session.fs(), session.data().templates(), quiet);
  if (!templates) return false;
  model::ResolvedPack shell;
  shell.organisation.name = pack.organisation;
  shell.organisation.legal_name = pack.legal_name.empty() ? pack.organisation : pack.legal_name;
  if (!pack.primary_colour.empty()) shell.branding.primary_colour = pack.primary_colour;
  shell.branding.font = pack.font;
  model::ResolvedDocument doc;
  doc.id = "redline";
  doc.title = "Changes to the pack";
  doc.version = pack.as_of;
  doc.classification = "internal";
  doc.draft = false;
  shell.documents.push_back(doc);
  render::HtmlRenderer renderer(*templates, shell);
  std::string error;
  return emit::WriteZip(path, renderer.DocxReference(0), 315532800, &error);
}

}  // namespace

int RunDiff(Session& session, const DiffFlags& flags) {
  std::set<std::string> formats;
  for (const std::string& part : base::SplitWhitespace(std::regex_replace(flags.formats, std::regex(","), " "))) {
    if (part != "text" && part != "json" && part != "html" && part != "docx") {
      std::fprintf(stderr, "policyc: error: --format takes a comma-separated list of text, json, html and docx\n");
      return kError;
    }
    formats.insert(part);
  }
  if (formats.count("text") && formats.count("json")) {
    std::fprintf(stderr, "policyc: error: text and json both go to standard output; ask for one of them\n");
    return kError;
  }
  const std::string new_side = flags.new_side.empty() ? flags.old_side : flags.new_side;
  if (flags.new_side.empty() && flags.rev.empty()) {
    std::fprintf(stderr, "policyc: error: diff needs OLD and NEW, or one profile with --rev REV\n");
    return kError;
  }

  base::DiagnosticSink sink;
  std::optional<diff::Snapshot> old_pack;
  std::string old_label = flags.old_side;
  if (!flags.rev.empty()) {
    std::string error;
    auto git = base::GitFileSystem::Open(flags.old_side, flags.rev, session.fs(), &error);
    if (!git) {
      sink.Report(base::DiagKind::kBadRevision, {flags.old_side, 0, 0}, error);
    } else {
      Session at_revision(*git, session.data(), session.options());
      old_pack = LoadSide(at_revision, flags.old_side, sink);
      old_label = flags.old_side + " at " + flags.rev + " (" + git->commit().substr(0, 12) + ")";
    }
  } else {
    old_pack = LoadSide(session, flags.old_side, sink);
  }
  auto new_pack = LoadSide(session, new_side, sink);
  sink.Finish();
  if (!old_pack || !new_pack || sink.HasErrors()) {
    PrintDiagnostics(sink);
    return kError;
  }

  diff::PackDiff result = diff::Compare(*old_pack, *new_pack);
  result.old_label = old_label;
  result.new_label = new_side;
  // The report quotes the packs, which may come from anyone: no escape
  // sequence in them reaches the terminal.
  if (formats.count("text")) std::fputs(base::TerminalSafe(diff::TextReport(result)).c_str(), stdout);
  if (formats.count("json")) std::fputs(base::TerminalSafe(diff::JsonReport(result)).c_str(), stdout);

  std::string error;
  if (formats.count("html")) {
    const std::string path = base::JoinPath(flags.out, "diff.html");
    if (!WriteAtomically(path, diff::HtmlRedline(result, *old_pack, *new_pack), &error)) {
      std::fprintf(stderr, "policyc: error[emit.output-error]: cannot write %s: %s\n", path.c_str(), error.c_str());
      return kError;
    }
    std::fprintf(stderr, "policyc: wrote %s\n", path.c_str());
  }
  if (formats.count("docx")) {
    emit::PandocRunner pandoc;
    std::string why;
    if (!pandoc.CanConvert("docx", &why)) {
      std::fprintf(stderr, "policyc: error[emit.tool-missing]: %s\n", why.c_str());
      return kError;
    }
    const std::string markdown = base::JoinPath(flags.out, ".diff.md");
    const std::string path = base::JoinPath(flags.out, "diff.docx");
    // The redline's changes are dated by the newer pack's as-of date, so
    // the same two packs always give the same file.
    const std::string date = new_pack->as_of.empty() ? "2000-01-01" : new_pack->as_of;
    base::DiskFileSystem disk;
    if (!disk.WriteFile(markdown, diff::DocxRedlineMarkdown(result, "policyc", date), &error)) {
      std::fprintf(stderr, "policyc: error[emit.output-error]: cannot write %s: %s\n", markdown.c_str(), error.c_str());
      return kError;
    }
    // The client's branding (colour, font, header and footer) from the same
    // reference DOCX as the pack's own documents.
    const std::string reference = base::JoinPath(flags.out, ".diff.reference.docx");
    const bool branded = WriteReference(session, *new_pack, reference);
    emit::ConversionRequest request;
    if (branded) request.reference_doc = reference;
    request.input_path = markdown;
    request.from = "markdown";
    request.to = "docx";
    request.output_path = path + ".tmp";
    request.source_date_epoch = "315532800";
    emit::ConversionResult converted = pandoc.Convert(request);
    std::filesystem::remove(markdown);
    std::filesystem::remove(reference);
    if (!converted.ok || !RenumberRevisions(request.output_path, &error)) {
      std::filesystem::remove(request.output_path);
      std::fprintf(stderr, "policyc: error[emit.tool-failed]: the DOCX redline: %s\n",
                   base::TerminalSafe(converted.ok ? error : converted.message).c_str());
      return kError;
    }
    std::filesystem::rename(request.output_path, path);
    std::fprintf(stderr, "policyc: wrote %s\n", path.c_str());
  }
  return result.Empty() ? kEqual : kDifferent;
}

}  // namespace policyc::cli
