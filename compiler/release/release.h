#ifndef POLICYC_RELEASE_RELEASE_H_
#define POLICYC_RELEASE_RELEASE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "diff/snapshot.h"
#include "model/resolved_model.h"
#include "model/source_model.h"

/// Releases and document control: the release record beside a profile
/// gives each document its version, approval, revision history and next
/// review; a document whose content changed since is a DRAFT.
namespace policyc::release {

/// "examples/acme/profile.xml" → "examples/acme/profile.release.xml".
std::string RecordPath(const std::string& profile_path);

/// Gives every document its document control from `record` (null: no
/// record, every document an unapproved draft) and compiles the derived
/// documents, once: the library's documents get their control first, then
/// the derived documents are compiled and get theirs, then the register of
/// documented information, which lists them all. Warns about documents
/// changed since their release and overdue reviews. Returns the pack's
/// content, which is what a release records.
diff::Snapshot ApplyRecord(model::ResolvedPack& pack, const model::ReleaseRecord* record, base::DiagnosticSink& sink);

struct ReleaseRequest {
  std::string approver;  ///< person id
  std::string date;      ///< YYYY-MM-DD
  std::string message;   ///< appended to every summary; optional
  /// Release only these documents (ids); empty: every changed document.
  /// The others keep their record, and stay drafts if they changed.
  std::vector<std::string> only;
};

/// One document's part in a release.
struct ReleasedChange {
  std::string id;
  std::string title;
  std::string old_version;  ///< "" when first released
  std::string new_version;
  std::string summary;
  bool withdrawn = false;  ///< no longer in the pack: dropped from the record
};

struct ReleaseResult {
  model::ReleaseRecord record;
  std::vector<ReleasedChange> changes;
  int unchanged = 0;
  int held_back = 0;  ///< changed, but not among the documents asked for
  /// Unchanged documents whose record was older than document-control
  /// hashes and now has one: the record is written though no version moved.
  int control_recorded = 0;
};

/// The next record: documents changed since `previous` (or all, without
/// one) get a new version — major when obligations changed, minor for
/// editorial changes — and a revision whose summary is derived from the
/// diff. Unchanged documents keep theirs. nullopt after reporting when the
/// request is wrong (an unknown approver, a date before the last release).
std::optional<ReleaseResult> Release(const model::ResolvedPack& pack, const diff::Snapshot& content,
                                     const model::ReleaseRecord* previous, const ReleaseRequest& request,
                                     base::DiagnosticSink& sink);

/// The record as the text file committed beside the profile.
std::string WriteRecord(const model::ReleaseRecord& record);

/// The highest MAJOR or MINOR a release record holds (schemas/release.xsd
/// allows six digits each).
inline constexpr int64_t kMaxVersionPart = 999999;

/// "1.3" → "2.0" (major) or "1.4" (minor); "1.0" for a version it cannot
/// read. nullopt when the part to raise is already kMaxVersionPart: a
/// version past it could not be read back.
std::optional<std::string> NextVersion(const std::string& version, bool major);

}  // namespace policyc::release

#endif  // POLICYC_RELEASE_RELEASE_H_
