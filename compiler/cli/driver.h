#ifndef POLICYC_CLI_DRIVER_H_
#define POLICYC_CLI_DRIVER_H_

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "diff/snapshot.h"
#include "load/xml_reader.h"
#include "model/resolved_model.h"
#include "model/source_model.h"

namespace policyc::cli {

/// Where the shipped data lives: schemas/, policies/, templates/.
struct DataPaths {
  std::string root;
  std::string base_library;  ///< replaces root/policies when set (--base-library)
  std::string schemas() const { return base::JoinPath(root, "schemas"); }
  std::string library() const {
    return base_library.empty() ? base::JoinPath(root, "policies") : base_library;
  }
  std::string templates() const { return base::JoinPath(root, "templates"); }
};

/// Options every command that reads sources shares.
struct SourceOptions {
  std::vector<std::string> libraries;  ///< -L folders, layered after the shipped library
  bool werror = false;
  /// Also report details (which layer's text won): check, build and lint --verbose.
  bool verbose = false;
};

/// Loads the shipped library once and resolves profiles against it.
class Session {
 public:
  Session(const base::FileSystem& fs, DataPaths data, SourceOptions options);

  /// Loads the shipped library and the -L libraries (once).
  const std::vector<model::Library>& BaseLayers(base::DiagnosticSink& sink);
  /// Appends the libraries a profile's <libraries> names to `layers` (which
  /// start with BaseLayers), each folder once: one named already is a note.
  void AddProfileLibraries(const model::Profile& profile, std::vector<model::Library>& layers,
                           base::DiagnosticSink& sink);
  /// What a release needs besides the pack: its content before document
  /// control, and the release record (when there is one).
  struct ReleaseState {
    diff::Snapshot content;
    std::optional<model::ReleaseRecord> record;
    std::string record_path;
  };

  /// Loads, layers and resolves one profile, with document control from
  /// its release record. nullopt when loading failed.
  std::optional<model::ResolvedPack> Resolve(const std::string& profile_path, base::DiagnosticSink& sink,
                                             ReleaseState* release = nullptr);

  const DataPaths& data() const { return data_; }
  const SourceOptions& options() const { return options_; }
  const load::XmlReader& reader() const { return reader_; }
  const base::FileSystem& fs() const { return fs_; }

 private:
  const base::FileSystem& fs_;
  DataPaths data_;
  SourceOptions options_;
  load::XmlReader reader_;
  std::optional<std::vector<model::Library>> base_layers_;
  std::vector<model::CompiledTemplate> compiled_templates_;  ///< loaded with the base layers
  bool base_layers_broken_ = false;
  std::vector<std::string> base_roots_;  ///< the base layers' folders, normalised, with how each was named
};

/// Prints the sink's diagnostics to stderr, GCC style, then "N errors, M
/// warnings" when there were any.
void PrintDiagnostics(const base::DiagnosticSink& sink);

/// The one table of exit codes (also in the diagnostic reference). Every
/// command returns one of these; which one an error gives is decided by its
/// kind's category in the diagnostic table, never by the command.
enum class ExitCode {
  kOk = 0,             ///< success (diff: the two sides are equal)
  kSourceErrors = 1,   ///< errors in the sources (base::Category::kSource)
  kDifferent = 1,      ///< diff: the two sides differ
  kUsage = 2,          ///< the command line or the environment (kUsage, kEnvironment); diff: any error
  kInterrupted = 130,  ///< SIGINT or SIGTERM: 128 + SIGINT, as shells report it
};

/// Finishes the sink, prints it, and gives the exit code its errors call
/// for: 1 when any error is the sources', else 2 when there are errors,
/// else 0.
ExitCode Conclude(base::DiagnosticSink& sink);

/// Reports a command line that cannot be run (cli.usage) and concludes.
ExitCode UsageError(const std::string& message);

}  // namespace policyc::cli

#endif  // POLICYC_CLI_DRIVER_H_
