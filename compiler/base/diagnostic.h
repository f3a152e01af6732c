#ifndef POLICYC_BASE_DIAGNOSTIC_H_
#define POLICYC_BASE_DIAGNOSTIC_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/source_loc.h"

namespace policyc::base {

enum class Severity { kNote, kWarning, kError };

/// Whose problem an error is, which decides the exit code: the sources'
/// (1: fix the library or profile), or the command line's or the
/// environment's (2: a bad option, a tool missing or failing, an output
/// that cannot be written).
enum class Category { kSource, kUsage, kEnvironment };

/// Every kind of diagnostic policyc reports. The table in diagnostic.cc
/// gives each its stable code and default severity; docs and tests are
/// generated from it. Codes never change once released.
enum class DiagKind {
  // load
  kIoError,
  kFileTooLarge,
  kMalformedXml,
  kForbiddenDtd,
  kTooDeep,
  kSchemaViolation,
  kUnknownRoot,
  kDuplicateId,
  kDeprecated,
  kLibraryTwice,
  kControlCharacter,
  // resolve
  kUnknownFact,
  kUnknownParameter,
  kBadValue,
  kOutOfRange,
  kMissingValue,
  kBadCondition,
  kUnknownVariable,
  kBadImage,
  kDanglingReference,
  kUnknownRole,
  kUnheldRole,
  kRoleCapacity,
  kUnknownBuilder,
  kTemplateName,
  kUnknownPerson,
  kSegregationConflict,
  kOverrideTargetMissing,
  kOverrideConflict,
  kOverrideShadowed,
  kOverrideIdMismatch,
  kUnknownControl,
  kUnknownClause,
  kReservedId,
  kDuplicateSoaDecision,
  kUncoveredControl,
  kUncoveredClause,
  kExcludedControlImplemented,
  kStatusWithoutDate,
  kStatusMissing,
  kUnjustifiedControl,
  kRequirementExcludedControl,
  kCertification,
  kOrganisation,
  kOwnerNotOnePerson,
  kRiskAcceptor,
  kRiskAcceptedLater,
  kRiskUntreated,
  kRiskExcludedControl,
  kRiskResidualNotAccepted,
  kRiskOverdue,
  kCorrectiveActionOverdue,
  kObjectiveOverdue,
  kProcessingRole,
  kUnknownContactKind,
  kMissingContact,
  kNoDeputy,
  kSectionReviewDate,
  kSectionReviewOverdue,
  kUnknownFramework,
  kFrameworkSuggested,
  kFrameworkUncovered,
  kFrameworkGap,
  kFrameworkContradiction,
  kTextTooLarge,
  // release and diff
  kDraftDocument,
  kReviewOverdue,
  kBadReleaseRecord,
  kBadPack,
  kBadRevision,
  // import
  kImportTooLarge,
  kImportBadDocx,
  kImportNoAnchors,
  kImportOtherProfile,
  kImportConflict,
  kImportNotImportable,
  kImportBadValue,
  kImportConfirmAdded,
  kImportVariablesLost,
  kTooManyDiagnostics,
  // lint
  kVagueWording,
  kSpelling,
  kUnusedDeclaration,
  kDuplicateStatement,
  kMissingEvidence,
  kMissingRole,
  kMissingControl,
  kCountOfOne,
  kDoubledWord,
  kNamePossessive,
  kCompanyWords,
  kMetricWithoutPeriod,
  kTrainingNotARule,
  kTrainingRoute,
  // the command line
  kUsage,
  kNoData,
  kWouldOverwrite,
  // render
  kTemplateError,
  // emit
  kToolMissing,
  kToolFailed,
  kOutputError,
  kInternalError,
};

struct DiagKindInfo {
  DiagKind kind;
  std::string_view code;  ///< stable, e.g. "resolve.unknown-parameter"
  Severity severity;
  std::string_view summary;  ///< one line for the diagnostic reference
  /// An account of a decision policyc took as documented (which layer's
  /// text won), not a problem to fix: printed only with --verbose.
  bool detail = false;
  Category category = Category::kSource;
};

/// The whole table, in declaration order.
const std::vector<DiagKindInfo>& AllDiagKinds();
const DiagKindInfo& Info(DiagKind kind);

struct Note {
  SourceLoc loc;
  std::string message;
};

struct Diagnostic {
  DiagKind kind;
  Severity severity;
  SourceLoc loc;
  std::string message;
  std::vector<Note> notes;
};

/// GCC style: "file:line:col: error: message [code]", then one line per note.
std::string FormatDiagnostic(const Diagnostic& d);

/// Where stages report. Stages keep going after an error so that one run
/// finds as much as it can; the driver stops between stages when
/// HasErrors(). Repeats of one code beyond a cap are counted, not stored,
/// and summarised once by Finish().
class DiagnosticSink {
 public:
  explicit DiagnosticSink(int cap_per_code = 20) : cap_per_code_(cap_per_code) {}

  /// Reports a diagnostic of `kind` with its default severity.
  Diagnostic& Report(DiagKind kind, SourceLoc loc, std::string message);
  void AddNote(SourceLoc loc, std::string message);

  /// Turns every warning reported from now on into an error (--werror); the
  /// driver sets it before the first stage reports anything.
  void SetWarningsAsErrors(bool on) { werror_ = on; }
  /// Whether diagnostics of detail kinds (DiagKindInfo::detail) are kept
  /// (--verbose). By default they are dropped as they are reported: neither
  /// stored nor counted, and their notes go with them.
  void SetKeepDetails(bool on) { keep_details_ = on; }

  bool HasErrors() const;
  /// Whether an error of the sources' (Category::kSource) was reported:
  /// then the exit code is 1, whatever else went wrong.
  bool HasSourceErrors() const;
  int error_count() const;
  int warning_count() const;
  /// Adds one summary diagnostic per code whose repeats were suppressed.
  void Finish();
  /// Renames the files of the diagnostics from index `first` on, and of
  /// their notes: e.g. "REV:path" for files a stage read at a git revision
  /// under their working-copy path.
  void RenameFiles(size_t first, const std::function<std::string(const std::string&)>& name);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  int cap_per_code_;
  bool werror_ = false;
  bool keep_details_ = false;
  bool last_dropped_ = false;
  int suppressed_errors_ = 0;
  int suppressed_warnings_ = 0;
  std::vector<Diagnostic> diagnostics_;
  std::map<DiagKind, int> counts_;
  std::map<DiagKind, int> suppressed_;
};

}  // namespace policyc::base

#endif  // POLICYC_BASE_DIAGNOSTIC_H_
