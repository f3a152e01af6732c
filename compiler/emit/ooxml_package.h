#ifndef POLICYC_EMIT_OOXML_PACKAGE_H_
#define POLICYC_EMIT_OOXML_PACKAGE_H_

#include <ctime>
#include <string>
#include <vector>

#include "emit/docx_anchors.h"
#include "emit/zip_archive.h"

/// Everything policyc does inside an Office Open XML package (DOCX, PPTX):
/// the reference packages it hands Pandoc, what it changes in Pandoc's
/// output so that the file opens in Word, PowerPoint and LibreOffice as it
/// will be read (no prompt, nothing that shows only after fields are
/// updated), the tracked changes of the diff's redline, and the check that
/// a file is the package it claims to be. Every package is written with
/// each entry stamped with one time, so that the same parts give the same
/// bytes.
namespace policyc::emit {

/// A reference package's parts as one text, for the input hash of the
/// conversion that uses it.
std::string PackageText(const ZipEntries& parts);

/// Finishes the parts of a pack document's DOCX, keeping every other part
/// as Pandoc wrote it:
/// - the Contents field's result is a list of the Heading 1 and 2 texts,
///   each a link to a bookmark around its heading, and the document proper
///   starts on a new page after it. The list has no page numbers: Word and
///   LibreOffice paginate differently (and both differently from the PDF),
///   so any number written here could be wrong; updating the field (F9 in
///   Word, Update Index in LibreOffice) adds them.
/// - nothing asks Word to update fields on open (w:updateFields in the
///   settings, w:dirty on a field), which made it prompt every time.
/// - a picture's description is its alt text: Pandoc gives the inner
///   picture its source as description, which for the pack's pictures is
///   the whole image as a data: URI.
/// - tables fill the page's text width with the column proportions the
///   print HTML gave, and no row breaks across pages.
/// - the bookmark of a section or statement (docx_anchors.h), which Pandoc
///   writes between paragraphs, starts inside its first paragraph and ends
///   inside its last, as Word writes one: LibreOffice drops a bookmark
///   that starts between paragraphs just after a table.
/// - the paragraph before a statement's compiled line keeps with it.
/// - a list inside a table cell indents by a third of a body list's
///   indent, so a narrow column's items do not wrap every few words.
void FinishDocxParts(ZipEntries& parts);

/// FinishDocxParts on the DOCX at `path`, then RecordAnchorBase with the
/// document's anchored `items` (none: no policyc part), rewritten with
/// every entry stamped with `mtime`. False with `error` set when it cannot
/// be read or written, or an item has no bookmark.
bool FinishDocx(const std::string& path, const std::vector<DocxAnchorBase>& items, time_t mtime,
                std::string* error);

/// Pandoc's PPTX writer stamps some parts with the clock, leaves the
/// title and author of the file's properties empty, and does not copy the
/// reference's media (the logo its slide master and title layout show).
/// Adds the media of `reference_parts` with their content type, fills in
/// `title` and `creator`, and rewrites every entry with `mtime`, so that
/// identical inputs give identical bytes. (An author in Pandoc's metadata
/// would also be a line of its own on the title slide.)
bool FinishPptx(const std::string& path, const ZipEntries& reference_parts, const std::string& title,
                const std::string& creator, time_t mtime, std::string* error);

/// Pandoc numbers an insertion and its deletion alike; Word wants every
/// tracked change (w:ins, w:del) of word/document.xml to have an id of its
/// own. Renumbers them 1, 2, … in order.
void NumberRevisionsApart(ZipEntries& parts);

/// Whether the file at `path` is a zip holding the main part of a `to`
/// package ("docx": word/document.xml, "pptx": ppt/presentation.xml).
/// When not, `error` says what it is instead, naming `tool` as the one
/// that wrote it.
bool IsPackage(const std::string& path, const std::string& to, const std::string& tool, std::string* error);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_OOXML_PACKAGE_H_
