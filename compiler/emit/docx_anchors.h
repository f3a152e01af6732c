#ifndef POLICYC_EMIT_DOCX_ANCHORS_H_
#define POLICYC_EMIT_DOCX_ANCHORS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "emit/zip_archive.h"
#include "model/resolved_model.h"
#include "render/links.h"

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
/// distinct ids (it ends with a hash of the id). The render stage writes
/// the names into Pandoc's input, so the function is render's
/// (render/links.h); it is the same function here.
using render::WordBookmarkName;

/// A stretch of a paragraph's text, and whether it is a tracked change.
struct DocxRun {
  enum class Kind { kText, kInserted, kDeleted };
  Kind kind = Kind::kText;
  std::string text;
  std::string author;  ///< of a tracked change
  std::string date;    ///< of a tracked change, as the file gives it
};

/// One paragraph of word/document.xml (a table cell's paragraphs included).
///
/// Its runs are its text as a reader meets it, adjacent runs of the same
/// kind, author and date merged: w:t and w:delText as written, a tab
/// (w:tab, w:ptab) as "\t", a line, page or column break (w:br, w:cr) as
/// "\n", a non-breaking hyphen (w:noBreakHyphen) as "-"; an optional
/// hyphen (w:softHyphen, U+00AD) is left out, as it shows only where a
/// line breaks. Field codes (w:instrText), symbols (w:sym), pictures,
/// footnote references and text boxes are not text; a field's result is.
/// w:moveFrom and w:moveTo (Word's tracked move) read as a deletion and an
/// insertion.
struct DocxParagraph {
  std::string style;                 ///< w:pStyle, e.g. "StatementMeta"; "" for the default
  std::vector<DocxRun> runs;
  /// The anchored items whose bookmark covers it, outermost first: the
  /// bookmarks the policyc part names (without a part, every bookmark but
  /// Word's hidden ones, whose names start with '_'). A bookmark covers
  /// the paragraphs from its name's first start to the last end of any
  /// start of that name; a start at the end of a paragraph's text counts
  /// from the next paragraph, an end before any of its text up to the one
  /// before, and one between paragraphs (Pandoc writes them so) likewise.
  std::vector<std::string> anchors;
  bool in_table = false;
  /// Its paragraph mark is a tracked insertion or deletion (w:ins, w:del
  /// in the mark's w:rPr): as a paragraph added or deleted whole has it.
  /// Its runs say what happened to its text.
  bool inserted = false;
  bool deleted = false;
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

/// What the policyc part says a DOCX was built as: the profile, the
/// document and its version ("" when the file has no part).
struct DocxBuiltAs {
  std::string profile;
  std::string document;
  std::string version;
};

/// What ReadDocxAnchors finds in a DOCX.
struct DocxReading {
  std::map<std::string, std::string> properties;  ///< custom properties: document-id, version, policyc-profile, …
  DocxBuiltAs built_as;                            ///< from the policyc part, which Word's UI does not edit
  std::vector<DocxAnchorBase> base;                ///< empty when the file has no policyc part
  std::vector<DocxParagraph> paragraphs;           ///< document order
  std::vector<DocxComment> comments;
};

/// Reads a DOCX's paragraphs, bookmarks, tracked changes, comments, custom
/// properties and policyc part. nullopt with `error` set when the parts
/// are not a readable DOCX: no word/document.xml, or a part read that is
/// not well-formed XML, has a DOCTYPE (refused, so no entity is ever
/// declared, let alone expanded) or is larger than 64 MB (a long policy's
/// document.xml is well under 1 MB; ReadZip has already bounded every
/// entry, a zip bomb's too). libxml2 reads without the network.
std::optional<DocxReading> ReadDocxAnchors(const ZipEntries& parts, std::string* error);

enum class TrackedChanges { kAccept, kReject };

/// The own text of the item anchored by `bookmark`: its paragraphs whose
/// innermost anchor is `bookmark` (so a section's text is its heading and
/// intro, not its statements), without the item's number (its base's) at
/// the start and without the compiled lines (style StatementMeta), with
/// tracked changes accepted or rejected. Each paragraph is trimmed of
/// white space at its ends and left out when that leaves nothing;
/// paragraphs are joined by "\n\n", except that a paragraph whose mark is
/// gone (a deleted mark accepted, an inserted one rejected) runs on into
/// the next, as in Word.
std::string ItemText(const DocxReading& reading, const std::string& bookmark, TrackedChanges tracked);

/// Adds the policyc part (custom XML, its properties and relationship) to
/// a finished DOCX's parts, with the base of every anchored item of
/// `items` (bookmark and number filled in from the document as built),
/// replacing the part if there is one. The profile, document and version
/// it records are the custom properties policyc-profile, document-id and
/// version of the parts (Pandoc writes them from the build's metadata).
void AddAnchorBase(ZipEntries& parts, const std::vector<DocxAnchorBase>& items);

/// The anchored items of a document, in document order: each section and
/// statement with its bookmark name, kind and number, the text left empty.
/// nullopt after an emit.internal-error when two of its ids would share a
/// bookmark name (a link to either could reach the other).
std::optional<std::vector<DocxAnchorBase>> AnchoredItems(const model::ResolvedDocument& document,
                                                         base::DiagnosticSink& sink);

/// The last step of finishing a pack document's DOCX: reads the finished
/// parts back, sets each of `items`' base text to its ItemText (a built
/// file has no tracked changes), and adds the policyc part. False with
/// `error` set when an item's bookmark covers no paragraph: an import
/// could not find its edits.
bool RecordAnchorBase(ZipEntries& parts, std::vector<DocxAnchorBase> items, std::string* error);

}  // namespace policyc::emit

#endif  // POLICYC_EMIT_DOCX_ANCHORS_H_
