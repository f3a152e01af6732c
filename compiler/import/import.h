#ifndef POLICYC_IMPORT_IMPORT_H_
#define POLICYC_IMPORT_IMPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/file_system.h"
#include "emit/docx_anchors.h"
#include "model/resolved_model.h"
#include "model/source_model.h"
#include "resolve/resolver.h"

/// The import stage: a client's edited DOCX of a pack → profile changes a
/// consultant reviews (`policyc import`).
///
/// Each anchored statement or section of the DOCX (emit/docx_anchors.h) is
/// compared three ways: its text as built (the base, from the DOCX's own
/// policyc part), the client's text (tracked changes accepted or
/// rejected), and the library's text now (the profile resolved again). An
/// item the library changed since the build is a conflict, shown and never
/// decided. Otherwise the statement's source text, its {{variables}} as
/// slots, says what the client changed: only a parameter's value, a
/// person's name or a date of the profile becomes that profile value;
/// anything else becomes an override of the statement, keeping the
/// variables whose values the client left alone. The stage reads the disk
/// only through a FileSystem and writes nothing: the caller applies the
/// plan (EditProfile) or prints it.
namespace policyc::import {

/// The largest DOCX an import reads, on disk, and what its parts may
/// declare once unzipped: a policy's DOCX is well under a megabyte, and a
/// logo or two do not change that.
inline constexpr size_t kMaxDocxBytes = size_t{32} * 1024 * 1024;
inline constexpr emit::ZipLimits kDocxZipLimits{64ull * 1024 * 1024, 128ull * 1024 * 1024};

/// What an import compares a client's file with: the profile as loaded,
/// the layers merged with its overrides (the source of each statement),
/// and the pack resolved from them now.
struct ProfileSources {
  const model::Profile& profile;
  const resolve::MergedLibrary& library;
  const model::ResolvedPack& pack;
};

/// A client's DOCX of one document of the pack, read.
struct ClientFile {
  std::string path;
  std::string document_id;
  emit::DocxReading reading;
};

/// Reads `path` as a DOCX of one of `sources`' documents. Refuses, with a
/// diagnostic at the file, one over kMaxDocxBytes or kDocxZipLimits
/// (import.too-large), one that is no readable DOCX (import.bad-docx), one
/// without policyc's anchors (import.no-anchors) and one of another
/// profile or of a document the pack does not have (import.other-profile).
std::optional<ClientFile> ReadClientFile(const base::FileSystem& fs, const std::string& path,
                                         const ProfileSources& sources, base::DiagnosticSink& sink);

/// One change to the profile that a client's edit calls for.
struct ProfileChange {
  enum class Kind {
    kParameter,  ///< a parameter's value
    kAttribute,  ///< an attribute of a profile element: a person's name, an organisation's date
    kReplace,    ///< an <override> replacing a statement
    kRemove,     ///< an <override> removing a statement
    kAdd,        ///< an <override> adding a statement to a section
  };
  Kind kind = Kind::kParameter;
  /// kParameter: the parameter's name; kAttribute: what the element is
  /// ("person amara-okafor", "organisation"); the overrides: DOC#ID (for
  /// kAdd, the section).
  std::string target;
  std::string attribute;  ///< kAttribute: the attribute's name
  int line = 0;           ///< kAttribute: the element's line in the profile
  std::string after;      ///< kAdd: the statement the new one follows ("" at the section's start)
  std::string item;       ///< kParameter, kAttribute: the statement or section the client changed it in (DOC#ID)
  std::string number;     ///< the item's number in the document ("4.2"), for the report
  std::string old_text;   ///< the value, or the statement's words, as the base had them ("" when added)
  std::string new_text;   ///< the same as the client has them ("" when removed)
  /// kParameter: the value as the profile writes it; kReplace and kAdd:
  /// the <statement> element to write, without indentation.
  std::string source;
  std::vector<std::string> items;  ///< kParameter of a list: its items, written as <item>s
  std::string reason;     ///< of an override
  base::SourceLoc where;  ///< the DOCX file and paragraph
  std::vector<std::string> authors;  ///< of the tracked changes behind it
  std::vector<std::string> notes;    ///< Word comments on the item: "Author: text"
  /// kParameter: the other statements of the pack whose text it changes
  /// ("DOC#ID"), which the client may not have seen change.
  std::vector<std::string> also;
};

/// An item the library changed since the DOCX was built and the client
/// changed too: the three texts, for the consultant to decide.
struct Conflict {
  std::string target;  ///< DOC#ID
  std::string number;
  std::string base, library, client;
  base::SourceLoc where;
  std::vector<std::string> notes;
};

/// A Word comment on an item the client did not change.
struct ReviewNote {
  std::string target;  ///< DOC#ID, or the document id for a comment outside every item
  std::string number;
  std::string note;  ///< "Author: text"
  base::SourceLoc where;
};

/// What the client's files call for, in the order found.
struct ImportPlan {
  std::vector<ProfileChange> changes;
  std::vector<Conflict> conflicts;
  std::vector<ReviewNote> notes;
  int not_importable = 0;  ///< edits of compiled parts, reported as import.not-importable

  bool empty() const { return changes.empty() && conflicts.empty() && notes.empty() && not_importable == 0; }
};

/// Compares one client file with the profile and adds to `plan` what it
/// calls for. Edits of compiled parts (import.not-importable), values that
/// break a parameter's type or limits (import.bad-value), added statements
/// (import.confirm-added) and texts whose variables cannot be told apart
/// (import.variables-lost) are reported to `sink` at the DOCX paragraph.
void CompareClientFile(const ClientFile& file, const ProfileSources& sources, const base::FileSystem& fs,
                       emit::TrackedChanges tracked, ImportPlan& plan, base::DiagnosticSink& sink);

/// The profile with a plan's changes made, and the patch that makes them.
struct ProfileEdit {
  std::string text;
  std::string patch;  ///< a unified diff of the profile, three lines of context; "" when nothing changes
};

/// The profile's XML (`xml`, read from profile.path) with `plan`'s changes
/// made, changing only the lines concerned: a parameter's value attribute
/// on its line (or a new <parameter> in <parameters>, made when missing),
/// an attribute on its element's line, overrides appended inside
/// <overrides> (made before </profile> when missing) or put in place of
/// the profile's own override of the same statement. Comments and
/// formatting elsewhere stay as they are.
ProfileEdit EditProfile(const std::string& xml, const model::Profile& profile, const ImportPlan& plan);

/// For a terminal, in the style of `policyc diff`: each change with old →
/// new (statements word by word), the conflicts with their three texts,
/// the review notes, and a total.
std::string ImportReport(const std::string& profile_path, const std::vector<std::string>& files,
                         const ImportPlan& plan);

}  // namespace policyc::import

#endif  // POLICYC_IMPORT_IMPORT_H_
