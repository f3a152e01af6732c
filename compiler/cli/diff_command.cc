#include "cli/diff_command.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>

#include "base/git_file_system.h"
#include "base/strings.h"
#include "diff/compare.h"
#include "diff/redline.h"
#include "diff/report.h"
#include "diff/snapshot.h"
#include "emit/pandoc_runner.h"
#include "emit/zip_archive.h"
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

/// A fresh private folder inside the output folder for the redlines'
/// temporary files. mkdtemp makes it with a new name, mode 0700, so no one
/// can have planted a link at a temporary name beforehand (fixed names
/// such as diff.docx.tmp were written through such links). Removed with
/// whatever is left in it.
class TemporaryFolder {
 public:
  static std::unique_ptr<TemporaryFolder> Create(const std::string& out, std::string* error) {
    std::error_code ec;
    std::filesystem::create_directories(out.empty() ? "." : out, ec);
    if (ec) {
      *error = "cannot create the folder: " + ec.message();
      return nullptr;
    }
    std::string name = base::JoinPath(out.empty() ? "." : out, ".diff-XXXXXX");
    if (::mkdtemp(name.data()) == nullptr) {
      *error = std::string("cannot create a temporary folder in it: ") + std::strerror(errno);
      return nullptr;
    }
    return std::unique_ptr<TemporaryFolder>(new TemporaryFolder(name));
  }
  ~TemporaryFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string Path(const std::string& name) const { return base::JoinPath(path_, name); }

 private:
  explicit TemporaryFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

/// True when a folder holds the name a redline goes to: renaming over it
/// would fail, and the user should hear why.
bool FolderInTheWay(const std::string& path, std::string* error) {
  std::error_code ec;
  if (!std::filesystem::is_directory(std::filesystem::symlink_status(path, ec))) return false;
  *error = "a folder is in the way; remove it or give another -o";
  return true;
}

/// Moves a finished temporary file to `path`.
bool MoveIntoPlace(const std::string& temporary, const std::string& path, std::string* error) {
  if (FolderInTheWay(path, error)) return false;
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) *error = ec.message();
  return !ec;
}

/// Writes `bytes` to `path` through a temporary file, so a failed run
/// leaves the previous file as it was.
bool WriteAtomically(const TemporaryFolder& temporaries, const std::string& path, const std::string& bytes,
                     std::string* error) {
  base::DiskFileSystem disk;
  const std::string temporary = temporaries.Path(std::filesystem::path(path).filename().string());
  return disk.WriteFile(temporary, bytes, error) && MoveIntoPlace(temporary, path, error);
}

/// Writes a reference DOCX in the newer pack's branding, as its own
/// documents have it (colour, font, logo, organisation): the header names
/// the organisation and "Changes to the pack", the footer the two sides.
/// False when the templates cannot be read (Pandoc's defaults are used).
bool WriteReference(const Session& session, const diff::Snapshot& old_pack, const diff::Snapshot& pack,
                    const std::string& path) {
  base::DiagnosticSink quiet;
  auto templates = render::LoadTemplates(session.fs(), session.data().templates(), quiet);
  if (!templates) return false;
  model::ResolvedPack shell;
  shell.organisation.name = pack.organisation;
  shell.organisation.legal_name = pack.legal_name.empty() ? pack.organisation : pack.legal_name;
  if (!pack.primary_colour.empty()) shell.branding.primary_colour = pack.primary_colour;
  shell.branding.font = pack.font;
  shell.branding.logo_format = pack.logo_format;
  model::ResolvedDocument doc;
  doc.id = "redline";
  doc.title = "Changes to the pack";
  doc.version = pack.as_of;
  doc.classification = "internal";
  doc.draft = false;
  shell.documents.push_back(doc);
  render::HtmlRenderer renderer(*templates, shell);
  renderer.SetLogo(pack.logo);
  std::string error;
  return emit::WriteZip(path, renderer.DocxReference(0, "Changes: " + diff::SideDate(old_pack) + " → " + diff::SideDate(pack)), 315532800,
                        &error);
}

/// Writes diff.docx: the redline's Markdown through Pandoc with the
/// branded reference, then every tracked change numbered apart. Its path,
/// or nullopt with the problem in `sink`.
std::optional<std::string> WriteDocxRedline(const Session& session, const DiffFlags& flags,
                                            const TemporaryFolder& temporaries, const diff::PackDiff& result,
                                            const diff::Snapshot& old_pack, const diff::Snapshot& new_pack,
                                            base::DiagnosticSink& sink) {
  emit::PandocRunner pandoc;
  std::string why;
  if (!pandoc.CanConvert("docx", &why)) {
    sink.Report(base::DiagKind::kToolMissing, {}, why);
    return std::nullopt;
  }
  const std::string markdown = temporaries.Path("diff.md");
  const std::string path = base::JoinPath(flags.out, "diff.docx");
  base::DiskFileSystem disk;
  std::string error;
  if (FolderInTheWay(path, &error)) {  // known before a conversion that would be wasted
    sink.Report(base::DiagKind::kOutputError, {path, 0, 0}, "cannot write the DOCX redline: " + error);
    return std::nullopt;
  }
  if (!disk.WriteFile(markdown, diff::DocxRedlineMarkdown(result, old_pack, new_pack), &error)) {
    sink.Report(base::DiagKind::kOutputError, {markdown, 0, 0}, "cannot write: " + error);
    return std::nullopt;
  }
  const std::string reference = temporaries.Path("reference.docx");
  const bool branded = WriteReference(session, old_pack, new_pack, reference);
  emit::ConversionRequest request;
  if (branded) request.reference_doc = reference;
  request.input_path = markdown;
  request.from = "markdown";
  request.to = "docx";
  request.output_path = temporaries.Path("diff.docx");
  request.source_date_epoch = "315532800";
  emit::ConversionResult converted = pandoc.Convert(request);
  if (!converted.ok || !RenumberRevisions(request.output_path, &error)) {
    sink.Report(base::DiagKind::kToolFailed, {path, 0, 0},
                "the DOCX redline: " + (converted.ok ? error : converted.message));
    return std::nullopt;
  }
  if (!MoveIntoPlace(request.output_path, path, &error)) {
    sink.Report(base::DiagKind::kOutputError, {path, 0, 0}, "cannot write the DOCX redline: " + error);
    return std::nullopt;
  }
  return path;
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
  std::string error;
  std::unique_ptr<TemporaryFolder> temporaries;
  if (formats.count("html") || formats.count("docx")) {
    temporaries = TemporaryFolder::Create(flags.out, &error);
    if (!temporaries) emit_sink.Report(base::DiagKind::kOutputError, {flags.out, 0, 0}, error);
  }
  if (temporaries && formats.count("html")) {
    const std::string path = base::JoinPath(flags.out, "diff.html");
    if (WriteAtomically(*temporaries, path, diff::HtmlRedline(result, *old_pack, *new_pack), &error)) {
      written.push_back(path);
    } else {
      emit_sink.Report(base::DiagKind::kOutputError, {path, 0, 0}, "cannot write the HTML redline: " + error);
    }
  }
  if (temporaries && formats.count("docx")) {
    if (auto path = WriteDocxRedline(session, flags, *temporaries, result, *old_pack, *new_pack, emit_sink)) written.push_back(*path);
  }
  const ExitCode emitted = Conclude(emit_sink);
  for (const std::string& path : written) std::fprintf(stderr, "policyc: wrote %s\n", path.c_str());
  if (emitted != ExitCode::kOk) return ExitCode::kUsage;
  return result.Empty() ? ExitCode::kOk : ExitCode::kDifferent;
}

}  // namespace policyc::cli
