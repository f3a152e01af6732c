#ifndef POLICYC_EMIT_DOCX_ANCHORS_H_
#define POLICYC_EMIT_DOCX_ANCHORS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emit/zip_archive.h"

/// The anchors that let a client's edits to a pack's DOCX come back as
/// profile changes (`policyc import`).
///
/// Every statement and section of a pack document carries its stable id in
/// the DOCX as a bookmark around it. Word allows a bookmark name of at most
/// 40 letters, digits and '_' starting with a letter (a longer one breaks
/// links in Word), so the name is made from the id by WordBookmarkName, and
/// the same name is the target of the document's internal links.
///
/// The DOCX also carries, in a custom XML part (customXml/itemN.xml, which
/// Word and LibreOffice keep when they save), the base of each anchored
/// item: its id, kind, number and its text exactly as ReadDocxAnchors reads
/// it from the DOCX as built. An unedited DOCX therefore reads back as no
/// change by construction, and an import needs only the profile and the
/// edited file.
///
/// Checked with LibreOffice 7.4 (`soffice --convert-to docx`): bookmark
/// names, custom properties and custom XML parts survive, but a bookmark
/// over several paragraphs comes back as two starts of the same name (the
/// first never ended) and one end. The reader therefore takes an item's
/// range from the first start of its name to the last end of any start of
/// that name.
namespace policyc::emit {

/// The bookmark name of an item id (a section or statement id, unique in
/// its document): at most 40 characters of [A-Za-z0-9_], starting with a
/// letter, readable (it begins with the id's own letters) and distinct for
/// distinct ids (it ends with a hash of the id).
std::string WordBookmarkName(std::string_view item_id);

/// A stretch of a paragraph's text, and whether it is a tracked change.
struct DocxRun {
  enum class Kind { kText, kInserted, kDeleted };
  Kind kind = Kind::kText;
  std::string text;
  std::string author;  ///< of a tracked change
  std::string date;    ///< of a tracked change, as the file gives it
};

/// One paragraph of word/document.xml (a table cell's paragraphs included).
struct DocxParagraph {
  std::string style;                 ///< w:pStyle, e.g. "StatementMeta"; "" for the default
  std::vector<DocxRun> runs;
  std::vector<std::string> anchors;  ///< the bookmarks open at it, outermost first
  bool in_table = false;
  bool inserted = false;             ///< the whole paragraph is a tracked insertion
  bool deleted = false;              ///< the whole paragraph is a tracked deletion
};

/// A Word comment, with the anchored items its range overlaps.
struct DocxComment {
  std::string author;
  std::string date;
  std::string text;
  std::vector<std::string> anchors;  ///< innermost anchor of each paragraph it covers
};

/// An anchored item as built, from the DOCX's custom XML part.
struct DocxAnchorBase {
  std::string bookmark;
  std::string item_id;  ///< section or statement id in the document
  std::string kind;     ///< "statement" or "section"
  std::string number;   ///< as shown ("3.1"), stripped from the text
  std::string text;     ///< the item's own text as built: ItemText of the unedited file
};

/// What ReadDocxAnchors finds in a DOCX.
struct DocxReading {
  std::map<std::string, std::string> properties;  ///< custom properties: document-id, version, policyc-profile, …
  std::vector<DocxAnchorBase> base;                ///< empty when the file has no policyc part
  std::vector<DocxParagraph> paragraphs;           ///< document order
  std::vector<DocxComment> comments;
};

/// Reads a DOCX's paragraphs, bookmarks, tracked changes, comments, custom
/// properties and policyc part. nullopt with `error` set when the parts
/// are not a readable DOCX.
std::optional<DocxReading> ReadDocxAnchors(const ZipEntries& parts, std::string* error);

enum class TrackedChanges { kAccept, kReject };

/// The own text of the item anchored by `bookmark`: its paragraphs whose
/// innermost anchor is `bookmark` (so a section's text is its intro, not
/// its statements), without the statement number and without the
/// compiled lines (style StatementMeta), paragraphs joined by "\n\n",
/// with tracked changes accepted or rejected.
std::string ItemText(const DocxReading& reading, const std::string& bookmark, TrackedChanges tracked);

/// Adds the policyc part (custom XML, its properties and relationship) to
/// a finished DOCX's parts, with the base of every anchored item of
/// `items` (bookmark and number filled in from the document as built).
void AddAnchorBase(ZipEntries& parts, const std::vector<DocxAnchorBase>& items);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_DOCX_ANCHORS_H_
