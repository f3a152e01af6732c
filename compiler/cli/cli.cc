#include "cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "base/process.h"
#include "base/strings.h"
#include "cli/diff_command.h"
#include "cli/driver.h"
#include "cli/import_command.h"
#include "cli/release_command.h"
#include "cli/init_command.h"
#include "cli/lint_command.h"
#include "cli/list_command.h"
#include "emit/pack_writer.h"
#include "emit/pandoc_runner.h"
#include "load/source_loader.h"
#include "render/html_renderer.h"

namespace policyc::cli {

namespace {

int Code(ExitCode code) { return static_cast<int>(code); }

/// "html, docx, pdf, pptx": the formats a build can make, from the registry.
std::string FormatNames() {
  std::string names;
  for (const auto& info : emit::AllFormats()) names += (names.empty() ? "" : ", ") + std::string(info.name);
  return names;
}

/// The data an installed binary has beside it (PREFIX/share/policyc for
/// PREFIX/bin/policyc), or "" when there is none.
std::string InstalledData() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const std::filesystem::path data = (self.parent_path() / POLICYC_INSTALLED_DATA_FROM_BIN).lexically_normal();
  return std::filesystem::is_directory(data / "schemas", ec) ? data.string() : "";
}

/// The data folder: --data, then $POLICYC_DATA, then the data installed
/// beside the binary, then the source tree the binary was built from.
DataPaths FindData(const std::string& flag) {
  std::string root = flag;
  if (root.empty()) {
    if (const char* env = std::getenv("POLICYC_DATA")) root = env;
  }
  if (root.empty()) root = InstalledData();
  if (root.empty()) root = POLICYC_DATA_DIR;
  // Shown in diagnostics: relative to the working folder when inside it.
  namespace fs = std::filesystem;
  fs::path absolute = fs::absolute(root).lexically_normal();
  fs::path relative = absolute.lexically_relative(fs::current_path());
  if (!relative.empty() && *relative.begin() != "..") {
    return DataPaths{relative == "." ? "." : relative.string()};
  }
  return DataPaths{absolute.string()};
}

std::optional<std::set<emit::Format>> ParseFormats(const std::string& list) {
  std::set<emit::Format> formats;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = base::Trim(list.substr(start, comma - start));
    bool found = false;
    for (const auto& info : emit::AllFormats()) {
      if (name == info.name) {
        formats.insert(info.format);
        found = true;
      }
    }
    if (!found) return std::nullopt;
    start = comma + 1;
  }
  return formats;
}

/// An empty folder name is no folder (it used to reach std::filesystem and
/// abort with an uncaught filesystem_error): a usage error instead.
CLI::Validator NonEmpty() {
  return CLI::Validator(
      [](const std::string& value) { return value.empty() ? std::string("a folder name cannot be empty") : std::string(); },
      "FOLDER");
}

struct BuildFlags {
  std::vector<std::string> profiles;
  std::string out = "output";
  std::string formats = "html,docx,pdf,pptx";
  int jobs = 0;
  int deadline_seconds = 0;  ///< 0: none
  bool verbose = false;
  std::string shard;  ///< "K/N": build every N-th profile, starting with the K-th
};

/// Parses "K/N" (1 <= K <= N). False when it is not one.
bool ParseShard(const std::string& text, int* k, int* n) {
  char extra = 0;
  return std::sscanf(text.c_str(), "%d/%d%c", k, n, &extra) == 2 && *n >= 1 && *k >= 1 && *k <= *n;
}

/// The ids that two or more of `profiles` share. Each profile's pack goes
/// to OUT/ID, so the second would replace the first: reports each profile
/// whose id an earlier one has. Every shard checks the whole list, so that
/// shards on different machines never write two packs of one name. A
/// profile that does not load is left to the build, which says why.
std::set<std::string> SharedProfileIds(Session& session, const std::vector<std::string>& profiles,
                                       const std::string& out, base::DiagnosticSink& sink) {
  std::map<std::string, model::Profile> first;  // by id
  std::set<std::string> shared;
  for (const std::string& path : profiles) {
    base::DiagnosticSink ignored;
    auto profile = load::LoadProfile(session.reader(), session.fs(), path, ignored);
    if (!profile) continue;
    auto [it, inserted] = first.emplace(profile->id, *profile);
    if (inserted) continue;
    shared.insert(profile->id);
    const std::string folder = base::JoinPath(out, profile->id);
    if (session.fs().RealPath(profile->path) == session.fs().RealPath(it->second.path)) {
      sink.Report(base::DiagKind::kDuplicateId, profile->loc,
                  "this profile is named twice on the command line, and both builds would write " + folder +
                      "; name it once");
    } else {
      sink.Report(base::DiagKind::kDuplicateId, profile->loc,
                  "profile id '" + profile->id + "' is also the id of " + it->second.path +
                      ", named before it; both packs would be written to " + folder +
                      ", the second replacing the first; give each profile its own id");
      sink.AddNote(it->second.loc, "the other profile with this id");
    }
  }
  return shared;
}

ExitCode RunCheck(Session& session, const std::vector<std::string>& profiles) {
  base::DiagnosticSink sink;
  for (const std::string& profile : profiles) session.Resolve(profile, sink);
  return Conclude(sink);
}

ExitCode RunBuild(Session& session, const BuildFlags& flags) {
  auto formats = ParseFormats(flags.formats);
  if (!formats) return UsageError("--format takes a comma-separated list of " + FormatNames());
  int shard_k = 1, shard_n = 1;
  if (!flags.shard.empty() && !ParseShard(flags.shard, &shard_k, &shard_n)) {
    return UsageError("--shard takes K/N with 1 <= K <= N, e.g. --shard 2/4");
  }
  base::DiagnosticSink sink;
  emit::PandocRunner pandoc;
  for (const auto& info : emit::AllFormats()) {
    if (info.format == emit::Format::kHtml || !formats->count(info.format)) continue;
    std::string why;
    if (!pandoc.CanConvert(info.name, &why)) {
      sink.Report(base::DiagKind::kToolMissing, {}, why);
      formats->erase(info.format);
    }
  }
  auto templates = render::LoadTemplates(session.fs(), session.data().templates(), sink);
  if (!templates) return Conclude(sink);

  emit::BuildOptions options;
  options.out_dir = flags.out;
  options.formats = *formats;
  options.jobs = flags.jobs > 0 ? flags.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.verbose = flags.verbose;
  options.templates_dir = session.data().templates();
  if (flags.deadline_seconds > 0) {
    options.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(flags.deadline_seconds);
  }
  const bool tty = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  if (tty && !flags.verbose) {
    options.progress = [start](int done, int total, const std::string& what) {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(stderr, "\r\033[K[%d/%d] %s  %.1fs", done, total, what.c_str(), seconds);
      if (done == total) std::fputc('\n', stderr);
    };
  }
  sink.SetWarningsAsErrors(session.options().werror);
  std::vector<std::string> written;  // result lines, printed after the diagnostics
  // Neither of two profiles with one id is built: which pack belongs in
  // the folder is for the user to say, and the one already there stays.
  const std::set<std::string> shared_ids = SharedProfileIds(session, flags.profiles, flags.out, sink);
  for (size_t index = 0; index < flags.profiles.size(); ++index) {
    if (static_cast<int>(index % shard_n) != shard_k - 1) continue;  // another shard's
    const std::string& profile = flags.profiles[index];
    const int errors_before = sink.error_count();
    auto pack = session.Resolve(profile, sink);
    if (!pack || sink.error_count() > errors_before) continue;  // never a pack with errors
    if (shared_ids.count(pack->profile_id)) continue;  // reported by SharedProfileIds
    emit::BuildStats stats;
    if (emit::WritePack(*pack, *templates, options, pandoc, sink, &stats)) {
      written.push_back("policyc: wrote " + flags.out + "/" + pack->profile_id + " (" +
                        std::to_string(pack->documents.size()) + " documents; " + std::to_string(stats.converted) +
                        " converted, " + std::to_string(stats.reused) + " unchanged)\n");
    }
  }
  const ExitCode code = Conclude(sink);
  for (const std::string& line : written) std::fputs(line.c_str(), stderr);
  return code;
}

/// cli.no-data when the data folder has no schemas/; nothing when it has.
std::optional<ExitCode> MissingData(const base::FileSystem& fs, const Session& session) {
  if (fs.IsDirectory(session.data().schemas())) return std::nullopt;
  base::DiagnosticSink sink;
  sink.Report(base::DiagKind::kNoData, {},
              "no schemas in '" + session.data().root + "'; point --data or POLICYC_DATA at the policyc folder");
  return Conclude(sink);
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"policyc: compiles ISO/IEC 27001:2022 document packs from policy sources and "
               "organisation profiles"};
  app.set_version_flag("--version", std::string("policyc ") + POLICYC_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the command
  std::string data_flag;
  SourceOptions source_options;
  app.add_option("--data", data_flag, "folder holding schemas/, policies/ and templates/");
  std::string base_library;
  app.add_option("--base-library", base_library,
                 "use this folder instead of the shipped library (policies/)");
  app.add_option("-L,--library", source_options.libraries,
                 "a further library folder layered over the shipped one (repeatable)")
      ->allow_extra_args(false);
  app.add_flag("--werror", source_options.werror, "treat warnings as errors");

  std::vector<std::string> check_profiles;
  CLI::App* check = app.add_subcommand("check", "validate, resolve and run every check; write nothing");
  check->add_option("profile", check_profiles, "profile files or folders holding profile.xml")->required();
  bool check_verbose = false;
  check->add_flag("--verbose", check_verbose, "also print notes on how the layers were combined (which layer's text won)");

  BuildFlags build_flags;
  CLI::App* build = app.add_subcommand("build", "build the document pack of each profile");
  build->add_option("profile", build_flags.profiles, "profile files or folders holding profile.xml")->required();
  build->add_option("-o,--output", build_flags.out, "output folder (default: output)")->check(NonEmpty());
  build->add_option("--format", build_flags.formats, "comma-separated: " + FormatNames() + " (default: all; pptx is made for training modules)");
  build->add_option("-j,--jobs", build_flags.jobs, "parallel conversions (default: number of cores)");
  build->add_option("--deadline", build_flags.deadline_seconds,
                    "SECONDS: fail the build, leaving the previous packs as they were, if its conversions "
                    "are not done by then (default: no deadline)")
      ->check(CLI::Range(1, 7 * 24 * 3600));
  build->add_flag("--verbose", build_flags.verbose,
                  "print each external command, and notes on how the layers were combined");
  build->add_option("--shard", build_flags.shard,
                    "K/N: build only every N-th profile, starting with the K-th (spread a portfolio over machines)");

  ListFlags list_flags;
  CLI::App* list = app.add_subcommand("list", "list controls, documents, roles, parameters, facts or framework coverage");
  list->add_option("what", list_flags.what, "controls|documents|roles|parameters|facts|coverage")
      ->required()
      ->check(CLI::IsMember({"controls", "documents", "roles", "parameters", "facts", "coverage"}));
  list->add_option("profile", list_flags.profile, "a profile: list what applies to it");
  list->add_option("--format", list_flags.format, "text, csv or json (default: text)")
      ->check(CLI::IsMember({"text", "csv", "json"}));
  list->add_option("--catalogue", list_flags.catalogue, "for controls: 2022 (default), 2013 or a framework, e.g. soc2");
  list->add_option("--framework", list_flags.framework, "for coverage: the framework, e.g. nist-csf-2.0");

  LintFlags lint_flags;
  CLI::App* lint = app.add_subcommand(
      "lint", "check the library's writing: vague wording, UK spelling, unused declarations, duplicates, editorial slips");
  lint->add_option("profile", lint_flags.profile, "a profile: lint the layers it uses, with its overrides");
  lint->add_option("--dictionary", lint_flags.dictionary,
                   "Hunspell dictionary, without .aff/.dic (default: /usr/share/hunspell/en_GB)");
  lint->add_flag("--no-spelling", lint_flags.no_spelling, "skip the spelling check");
  bool lint_verbose = false;
  lint->add_flag("--verbose", lint_verbose, "also print notes on how the layers were combined");

  DiffFlags diff_flags;
  CLI::App* diff = app.add_subcommand(
      "diff", "compare two packs by stable ids: exit 0 when equal, 1 when different, 2 on error");
  diff->add_option("old", diff_flags.old_side, "a pack.json, a built pack's folder, or a profile")->required();
  diff->add_option("new", diff_flags.new_side, "the same (with --rev: default the old profile as it is now)");
  diff->add_option("--rev", diff_flags.rev, "read the old profile, and its libraries in the same git repository, at this revision");
  diff->add_option("--format", diff_flags.formats, "comma-separated: text (default), json, html, docx");
  diff->add_option("-o,--output", diff_flags.out, "folder for diff.html and diff.docx (default: diff)")
      ->check(NonEmpty());

  InitFlags init_flags;
  CLI::App* init = app.add_subcommand("init", "write DIR/profile.xml, a new profile to fill in");
  init->add_option("dir", init_flags.dir, "the new profile's folder (created when missing)")
      ->required()
      ->check(NonEmpty());

  ReleaseFlags release_flags;
  CLI::App* release = app.add_subcommand(
      "release", "approve every document changed since the last release: new versions and revision history");
  release->add_option("profile", release_flags.profile, "a profile file or a folder holding profile.xml")->required();
  release->add_option("--approver", release_flags.approver,
                      "the approving person's id (default: the profile's <document-control approver>)");
  release->add_option("--date", release_flags.date, "approval date YYYY-MM-DD (default: the profile's as-of date)");
  release->add_option("--message", release_flags.message, "added to every revision history entry of this release");
  release->add_option("--document", release_flags.documents,
                      "release only this document (repeatable); other changed documents stay drafts");
  release->add_flag("--dry-run", release_flags.dry_run, "print what would be released; write nothing");

  ImportFlags import_flags;
  CLI::App* import_cmd = AddImportCommand(app, import_flags);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that succeed; CLI11 prints them.
    if (e.get_exit_code() == 0) return app.exit(e);
    return Code(UsageError(std::string(e.what()) + "; see policyc --help, or policyc COMMAND --help"));
  }

  source_options.verbose = check_verbose || build_flags.verbose || lint_verbose;
  base::DiskFileSystem fs;
  DataPaths data = FindData(data_flag);
  data.base_library = base_library;
  Session session(fs, data, source_options);
  if (auto missing = MissingData(fs, session)) return Code(*missing);
  if (check->parsed()) return Code(RunCheck(session, check_profiles));
  if (build->parsed()) {
    base::InstallInterruptHandler();
    const ExitCode code = RunBuild(session, build_flags);
    return Code(base::Interrupted() ? ExitCode::kInterrupted : code);
  }
  if (lint->parsed()) return Code(RunLint(session, lint_flags));
  if (init->parsed()) return Code(RunInit(session, fs, init_flags));
  if (diff->parsed()) return Code(RunDiff(session, diff_flags));
  if (release->parsed()) return Code(RunRelease(session, release_flags));
  if (import_cmd->parsed()) return Code(RunImport(session, fs, import_flags));
  return Code(RunList(session, list_flags));
}

}  // namespace policyc::cli
