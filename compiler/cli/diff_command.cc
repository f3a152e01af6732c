#include "cli/diff_command.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "base/git_file_system.h"
#include "base/strings.h"
#include "diff/compare.h"
#include "diff/redline.h"
#include "diff/report.h"
#include "diff/snapshot.h"
#include "emit/pandoc_runner.h"
#include "emit/redline_writer.h"
#include "render/html_renderer.h"
#include "render/pack_json.h"

namespace policyc::cli {

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The logo for the redlines, read where the side keeps it: beside its
/// pack.json, or where its profile names it. Nothing when there is none or
/// it cannot be read (the redline is then without one, as a pack would be).
void ReadLogo(const base::FileSystem& fs, const std::string& path, diff::Snapshot& side) {
  if (path.empty()) return;
  std::string error;
  auto bytes = fs.ReadFile(path, &error);
  if (!bytes) return;
  side.logo = std::move(*bytes);
  side.logo_format = EndsWith(path, ".svg") ? "svg" : "png";
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
    if (!snapshot) {
      sink.Report(base::DiagKind::kBadPack, {json_path, 0, 0}, error);
    } else if (!snapshot->logo_file.empty()) {
      const std::string dir = std::filesystem::path(json_path).parent_path().string();
      ReadLogo(fs, base::JoinPath(dir.empty() ? "." : dir, snapshot->logo_file), *snapshot);
    }
    return snapshot;
  }
  const int errors_before = sink.error_count();
  auto pack = session.Resolve(path, sink);
  if (!pack || sink.error_count() > errors_before) return std::nullopt;
  std::string error;
  auto snapshot = diff::SnapshotFromJson(render::PackJson(*pack), &error);
  if (!snapshot) {
    sink.Report(base::DiagKind::kBadPack, {path, 0, 0}, error);
  } else {
    ReadLogo(fs, pack->branding.logo, *snapshot);
  }
  return snapshot;
}

/// What the emit stage makes the DOCX redline of `result` from, in the
/// new side's branding.
emit::DocxRedline DocxRedlineOf(const diff::PackDiff& result, const diff::Snapshot& old_pack,
                                const diff::Snapshot& new_pack) {
  return {diff::DocxRedlineMarkdown(result, old_pack, new_pack), diff::RedlineBranding(new_pack), new_pack.logo,
          diff::RedlineFooter(old_pack, new_pack)};
}

}  // namespace

ExitCode RunDiff(Session& session, const DiffFlags& flags) {
  std::set<std::string> formats;
  for (const std::string& part : base::SplitWhitespace(std::regex_replace(flags.formats, std::regex(","), " "))) {
    if (part != "text" && part != "json" && part != "html" && part != "docx") {
      return UsageError("--format takes a comma-separated list of text, json, html and docx");
    }
    formats.insert(part);
  }
  if (formats.count("text") && formats.count("json")) {
    return UsageError("text and json both go to standard output; ask for one of them");
  }
  const std::string new_side = flags.new_side.empty() ? flags.old_side : flags.new_side;
  if (flags.new_side.empty() && flags.rev.empty()) {
    return UsageError("diff needs OLD and NEW, or one profile with --rev REV");
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
      // What the old side says about its files, it says about them as they
      // were at the revision: REV:path, never the working copy's path.
      const size_t first = sink.diagnostics().size();
      Session at_revision(*git, session.data(), session.options());
      old_pack = LoadSide(at_revision, flags.old_side, sink);
      sink.RenameFiles(first, [&](const std::string& file) { return git->NameOf(file); });
      if (old_pack) old_pack->revision = flags.rev;
      old_label = flags.old_side + " at " + flags.rev + " (" + git->commit().substr(0, 12) + ")";
    }
  } else {
    old_pack = LoadSide(session, flags.old_side, sink);
  }
  auto new_pack = LoadSide(session, new_side, sink);
  // diff's exit 1 means "different", so any error is 2, the sides' too.
  if (!old_pack || !new_pack || sink.HasErrors()) {
    Conclude(sink);
    return ExitCode::kUsage;
  }

  diff::PackDiff result = diff::Compare(*old_pack, *new_pack);
  result.old_label = old_label;
  result.new_label = new_side;
  // The report quotes the packs, which may come from anyone: no escape
  // sequence in them reaches the terminal.
  if (formats.count("text")) std::fputs(base::TerminalSafe(diff::TextReport(result)).c_str(), stdout);
  if (formats.count("json")) std::fputs(base::TerminalSafe(diff::JsonReport(result)).c_str(), stdout);

  // The redlines' problems first, then what was written: the line a user
  // reads last is the result (the sides' own warnings are check's to show).
  base::DiagnosticSink emit_sink;
  std::vector<std::string> written;
  base::DiskFileSystem disk;
  if (formats.count("html")) {
    auto path = emit::WriteHtmlRedline(disk, flags.out, diff::HtmlRedline(result, *old_pack, *new_pack), emit_sink);
    if (path) written.push_back(*path);
  }
  if (formats.count("docx")) {
    base::DiagnosticSink quiet;
    auto templates = render::LoadTemplates(session.fs(), session.data().templates(), quiet);
    emit::PandocRunner pandoc;
    auto path = emit::WriteDocxRedline(disk, pandoc, templates ? &*templates : nullptr,
                                       DocxRedlineOf(result, *old_pack, *new_pack), flags.out, emit_sink);
    if (path) written.push_back(*path);
  }
  const ExitCode emitted = Conclude(emit_sink);
  for (const std::string& path : written) std::fprintf(stderr, "policyc: wrote %s\n", path.c_str());
  if (emitted != ExitCode::kOk) return ExitCode::kUsage;
  return result.Empty() ? ExitCode::kOk : ExitCode::kDifferent;
}

}  // namespace policyc::cli
