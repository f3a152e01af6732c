// Reading a client's DOCX, and refusing one that is not an edit of this
// profile's pack before anything in it is compared.
#include <algorithm>

#include "import/import.h"

namespace policyc::import {

using base::DiagKind;

namespace {

/// Whole megabytes, rounded up: a file one byte over the limit reads as over it.
std::string Megabytes(size_t bytes) { return std::to_string((bytes + 1024 * 1024 - 1) / (1024 * 1024)) + " MB"; }

/// The custom property `name`, or "".
std::string Property(const emit::DocxReading& reading, const std::string& name) {
  auto it = reading.properties.find(name);
  return it == reading.properties.end() ? "" : it->second;
}

/// Whether the reading's anchors are policyc's: a base part naming items
/// that some paragraph still carries.
bool HasAnchors(const emit::DocxReading& reading) {
  if (reading.base.empty()) return false;
  return std::any_of(reading.paragraphs.begin(), reading.paragraphs.end(),
                     [](const emit::DocxParagraph& p) { return !p.anchors.empty(); });
}

/// Refuses a reading that is of another profile, or of a document this
/// pack does not have. The file is named in the message; what it says it
/// is comes from its policyc part, or else its custom properties.
bool BelongsToProfile(const ClientFile& file, const ProfileSources& sources, base::DiagnosticSink& sink) {
  // The policyc part first: Word's UI edits custom properties, not it.
  const std::string profile = !file.reading.built_as.profile.empty() ? file.reading.built_as.profile
                                                                     : Property(file.reading, "policyc-profile");
  const base::SourceLoc at{file.path};
  if (profile != sources.profile.id) {
    sink.Report(DiagKind::kImportOtherProfile, at,
                (profile.empty() ? std::string("this DOCX names no policyc profile")
                                 : "this DOCX was built for profile '" + profile + "'") +
                    ", not for '" + sources.profile.id + "' (" + sources.profile.path +
                    "); import it into its own profile");
    return false;
  }
  const auto& documents = sources.pack.documents;
  if (file.document_id.empty() ||
      std::none_of(documents.begin(), documents.end(),
                   [&](const model::ResolvedDocument& d) { return d.id == file.document_id; })) {
    sink.Report(DiagKind::kImportOtherProfile, at,
                "this DOCX is of document '" + file.document_id + "', which the pack of '" +
                    sources.profile.id +
                    "' no longer has (a condition or an override left it out); nothing in it can be imported");
    return false;
  }
  return true;
}

}  // namespace

std::optional<ClientFile> ReadClientFile(const base::FileSystem& fs, const std::string& path,
                                         const ProfileSources& sources, base::DiagnosticSink& sink) {
  const base::SourceLoc at{path};
  // The size first: a file far bigger than any DOCX is refused unread.
  const std::optional<size_t> size = fs.FileSize(path);
  if (!size) {
    sink.Report(DiagKind::kImportBadDocx, at, "cannot read this file; check the name");
    return std::nullopt;
  }
  if (*size > kMaxDocxBytes) {
    sink.Report(DiagKind::kImportTooLarge, at,
                "this file is " + Megabytes(*size) + ", larger than the " + Megabytes(kMaxDocxBytes) +
                    " a DOCX of a pack can be; it is not read");
    return std::nullopt;
  }
  std::string error;
  bool bomb = false;
  std::optional<emit::ZipEntries> parts = emit::ReadZip(path, &error, kDocxZipLimits, &bomb);
  if (!parts) {
    sink.Report(bomb ? DiagKind::kImportTooLarge : DiagKind::kImportBadDocx, at,
                (bomb ? "this DOCX is refused unread: " + error
                      : "this is not a readable DOCX (" + error + "); ask for the file again, saved as a Word document"));
    return std::nullopt;
  }
  std::optional<emit::DocxReading> reading = emit::ReadDocxAnchors(*parts, &error);
  if (!reading) {
    sink.Report(DiagKind::kImportBadDocx, at,
                "this is not a readable DOCX (" + error + "); ask for the file again, saved as a Word document");
    return std::nullopt;
  }
  if (!HasAnchors(*reading)) {
    sink.Report(DiagKind::kImportNoAnchors, at,
                "this DOCX has none of the anchors policyc puts around statements (it was retyped, pasted "
                "into a new document or made by another tool), so its edits cannot be traced to statements; "
                "ask the client to edit the DOCX of the pack, or make the changes in the profile by hand");
    return std::nullopt;
  }
  std::string document = !reading->built_as.document.empty() ? reading->built_as.document
                                                             : Property(*reading, "document-id");
  ClientFile file{path, std::move(document), std::move(*reading)};
  if (!BelongsToProfile(file, sources, sink)) return std::nullopt;
  return file;
}

}  // namespace policyc::import
