#include "emit/docx_anchors.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "base/sha256.h"
#include "base/strings.h"

namespace policyc::emit {

using base::EscapeXml;
using base::XmlPlace;

namespace {

constexpr std::string_view kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kPropertiesNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
/// The namespace of the policyc part; a new meaning of its content gets a new number.
constexpr std::string_view kAnchorsNamespace = "urn:policyc:anchors:1";
constexpr size_t kMaxXmlPartBytes = size_t{64} << 20;
constexpr std::string_view kStatementMetaStyle = "StatementMeta";

// ---------------------------------------------------------------------------
// Reading XML parts

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

/// libxml2's own messages are not printed: a part that does not parse is
/// reported as a whole, by name.
void DiscardXmlError(void*, xmlErrorPtr) {}

/// Parses one part of a package that may come from anyone: no network, no
/// DTD (a DOCTYPE is refused before parsing, so no entity can be declared,
/// let alone expanded), and a size limit.
XmlDoc ParsePart(const std::string& name, const std::string& bytes, std::string* error) {
  if (bytes.size() > kMaxXmlPartBytes) {
    *error = name + " is " + std::to_string(bytes.size()) + " bytes, more than the " +
             std::to_string(kMaxXmlPartBytes >> 20) + " MB a document's part may have";
    return nullptr;
  }
  if (bytes.find("<!DOCTYPE") != std::string::npos) {
    *error = name + " declares a DOCTYPE, which no Word or LibreOffice document has; it is refused";
    return nullptr;
  }
  xmlInitParser();
  xmlSetStructuredErrorFunc(nullptr, DiscardXmlError);
  xmlDoc* doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), name.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOCDATA);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (doc == nullptr || xmlDocGetRootElement(doc) == nullptr) {
    if (doc) xmlFreeDoc(doc);
    *error = name + " is not well-formed XML";
    return nullptr;
  }
  return XmlDoc(doc);
}

const std::string* FindPart(const ZipEntries& parts, std::string_view name) {
  for (const auto& [part, bytes] : parts) {
    if (part == name) return &bytes;
  }
  return nullptr;
}

bool IsElement(const xmlNode* node, std::string_view ns, std::string_view name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         reinterpret_cast<const char*>(node->ns->href) == ns && reinterpret_cast<const char*>(node->name) == name;
}

bool IsWord(const xmlNode* node, std::string_view name) { return IsElement(node, kWordNamespace, name); }

/// The value of an attribute in namespace `ns` ("" for none), or "".
std::string Attribute(const xmlNode* node, const char* name, std::string_view ns = "") {
  xmlChar* value = ns.empty() ? xmlGetNoNsProp(node, BAD_CAST name)
                              : xmlGetNsProp(node, BAD_CAST name, BAD_CAST std::string(ns).c_str());
  if (value == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string WordAttribute(const xmlNode* node, const char* name) { return Attribute(node, name, kWordNamespace); }

std::string TextOf(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return out;
}

const xmlNode* WordChild(const xmlNode* node, std::string_view name) {
  for (const xmlNode* child = node ? node->children : nullptr; child; child = child->next) {
    if (IsWord(child, name)) return child;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// The body: paragraphs, and the bookmark and comment marks between them

/// A bookmark's or comment range's start or end, at the paragraph it
/// counts for (DocxParagraph::anchors says which): -1 or the paragraph
/// count when it is outside every paragraph.
struct Mark {
  enum class Kind { kBookmarkStart, kBookmarkEnd, kCommentStart, kCommentEnd, kCommentReference };
  Kind kind;
  std::string id;
  std::string name;  ///< a bookmark start's
  long paragraph = 0;
};

std::optional<Mark::Kind> MarkKind(const xmlNode* node) {
  if (IsWord(node, "bookmarkStart")) return Mark::Kind::kBookmarkStart;
  if (IsWord(node, "bookmarkEnd")) return Mark::Kind::kBookmarkEnd;
  if (IsWord(node, "commentRangeStart")) return Mark::Kind::kCommentStart;
  if (IsWord(node, "commentRangeEnd")) return Mark::Kind::kCommentEnd;
  if (IsWord(node, "commentReference")) return Mark::Kind::kCommentReference;
  return std::nullopt;
}

/// An element whose content may hold text: any of WordprocessingML's but
/// the properties. Other namespaces' (mc:AlternateContent, which offers
/// the same content twice; math) are not read.
bool IsWordContainer(const xmlNode* node) {
  if (node->type != XML_ELEMENT_NODE || node->ns == nullptr ||
      reinterpret_cast<const char*>(node->ns->href) != kWordNamespace) {
    return false;
  }
  const std::string_view name = reinterpret_cast<const char*>(node->name);
  return name.size() < 2 || name.substr(name.size() - 2) != "Pr";
}

bool IsStart(Mark::Kind kind) { return kind == Mark::Kind::kBookmarkStart || kind == Mark::Kind::kCommentStart; }

/// What a run's text is: plain, or a tracked change by an author on a date.
using Change = DocxRun;

/// Reads the paragraphs of a body (or of a comment) in document order.
class BodyReader {
 public:
  std::vector<DocxParagraph> paragraphs;
  std::vector<Mark> marks;

  /// A container of paragraphs: the body, a table, its rows and cells, a
  /// block content control, a comment.
  void ReadBlocks(const xmlNode* parent, bool in_table) {
    for (const xmlNode* child = parent->children; child; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      if (IsWord(child, "p")) {
        ReadParagraph(child, in_table);
      } else if (auto kind = MarkKind(child)) {
        // Between paragraphs: a start counts from the next, an end up to the one before.
        const long at = static_cast<long>(paragraphs.size()) - (IsStart(*kind) ? 0 : 1);
        marks.push_back(Mark{*kind, WordAttribute(child, "id"), WordAttribute(child, "name"), at});
      } else if (IsWordContainer(child)) {
        ReadBlocks(child, in_table || IsWord(child, "tbl"));
      }
    }
  }

 private:
  /// A mark inside the paragraph being read, and how much text preceded it.
  struct Pending {
    Mark mark;
    size_t text_before;
  };

  void ReadParagraph(const xmlNode* node, bool in_table) {
    DocxParagraph paragraph;
    paragraph.in_table = in_table;
    std::vector<Pending> pending;
    size_t text_size = 0;
    if (const xmlNode* properties = WordChild(node, "pPr")) ReadParagraphProperties(properties, paragraph);
    ReadInline(node, Change{}, paragraph, pending, text_size);
    const long here = static_cast<long>(paragraphs.size());
    for (Pending& p : pending) {
      // A start after all of a paragraph's text counts from the next; an
      // end before any of it, up to the one before (Word writes a
      // bookmark that takes in a paragraph mark so).
      const bool start = IsStart(p.mark.kind);
      const bool after_all = text_size > 0 && p.text_before == text_size;
      const bool before_all = text_size > 0 && p.text_before == 0;
      p.mark.paragraph = here + (start && after_all ? 1 : 0) - (!start && before_all ? 1 : 0);
      if (p.mark.kind == Mark::Kind::kCommentReference) p.mark.paragraph = here;
      marks.push_back(std::move(p.mark));
    }
    paragraphs.push_back(std::move(paragraph));
  }

  /// The style, and a tracked insertion or deletion of the paragraph's mark.
  static void ReadParagraphProperties(const xmlNode* properties, DocxParagraph& paragraph) {
    if (const xmlNode* style = WordChild(properties, "pStyle")) paragraph.style = WordAttribute(style, "val");
    const xmlNode* mark = WordChild(properties, "rPr");
    paragraph.inserted = WordChild(mark, "ins") != nullptr || WordChild(mark, "moveTo") != nullptr;
    paragraph.deleted = WordChild(mark, "del") != nullptr || WordChild(mark, "moveFrom") != nullptr;
  }

  /// The content of a paragraph or of an inline container in it (a
  /// hyperlink, a tracked change, a content control, a simple field, …).
  void ReadInline(const xmlNode* parent, const Change& change, DocxParagraph& paragraph,
                  std::vector<Pending>& pending, size_t& text_size) {
    for (const xmlNode* child = parent->children; child; child = child->next) {
      if (IsWord(child, "r")) {
        for (const xmlNode* item = child->children; item; item = item->next) {
          const std::string text = RunItemText(item);
          if (text.empty()) continue;
          AppendText(paragraph, change, text);
          text_size += text.size();
        }
      } else if (auto kind = MarkKind(child)) {
        pending.push_back(Pending{Mark{*kind, WordAttribute(child, "id"), WordAttribute(child, "name"), 0}, text_size});
      } else if (IsWord(child, "ins") || IsWord(child, "moveTo") || IsWord(child, "del") ||
                 IsWord(child, "moveFrom")) {
        Change tracked;
        tracked.kind = IsWord(child, "ins") || IsWord(child, "moveTo") ? DocxRun::Kind::kInserted
                                                                       : DocxRun::Kind::kDeleted;
        tracked.author = WordAttribute(child, "author");
        tracked.date = WordAttribute(child, "date");
        ReadInline(child, tracked, paragraph, pending, text_size);
      } else if (IsWordContainer(child)) {
        ReadInline(child, change, paragraph, pending, text_size);
      }
    }
  }

  /// What one child of a run adds to the text (DocxParagraph says why).
  static std::string RunItemText(const xmlNode* item) {
    if (IsWord(item, "t") || IsWord(item, "delText")) {
      std::string text = TextOf(item);
      static const std::string kSoftHyphen = "\xC2\xAD";
      for (size_t at = text.find(kSoftHyphen); at != std::string::npos; at = text.find(kSoftHyphen, at)) {
        text.erase(at, kSoftHyphen.size());
      }
      return text;
    }
    if (IsWord(item, "tab") || IsWord(item, "ptab")) return "\t";
    if (IsWord(item, "br") || IsWord(item, "cr")) return "\n";
    if (IsWord(item, "noBreakHyphen")) return "-";
    return "";
  }

  static void AppendText(DocxParagraph& paragraph, const Change& change, const std::string& text) {
    if (!paragraph.runs.empty()) {
      DocxRun& last = paragraph.runs.back();
      if (last.kind == change.kind && last.author == change.author && last.date == change.date) {
        last.text += text;
        return;
      }
    }
    DocxRun run = change;
    run.text = text;
    paragraph.runs.push_back(std::move(run));
  }
};

// ---------------------------------------------------------------------------
// Bookmarks → anchors, comments

/// The paragraphs a bookmark name covers, and where its first start is
/// among the marks (to order names that start and end together).
struct Range {
  long first = 0;
  long last = -1;
  size_t order = 0;
};

/// Each bookmark name's range: from its first start to the last end of
/// any of its starts (LibreOffice writes a bookmark over several
/// paragraphs as two starts of one name and one end). A name whose starts
/// all lack an end covers its first start's paragraph.
std::map<std::string, Range> BookmarkRanges(const std::vector<Mark>& marks, long paragraph_count) {
  std::map<std::string, Range> ranges;
  std::map<std::string, std::string> name_of_id;
  std::set<std::string> ended;
  for (size_t i = 0; i < marks.size(); ++i) {
    const Mark& mark = marks[i];
    if (mark.kind == Mark::Kind::kBookmarkStart && !mark.name.empty()) {
      name_of_id[mark.id] = mark.name;
      if (!ranges.count(mark.name)) ranges[mark.name] = Range{mark.paragraph, mark.paragraph, i};
    }
  }
  for (const Mark& mark : marks) {
    if (mark.kind != Mark::Kind::kBookmarkEnd) continue;
    auto name = name_of_id.find(mark.id);
    if (name == name_of_id.end()) continue;
    Range& range = ranges[name->second];
    range.last = ended.insert(name->second).second ? mark.paragraph : std::max(range.last, mark.paragraph);
  }
  for (auto& [name, range] : ranges) {
    range.first = std::max(range.first, 0L);
    range.last = std::min(range.last, paragraph_count - 1);
  }
  return ranges;
}

/// Gives each paragraph the anchored items that cover it, outermost first.
void AnchorParagraphs(std::vector<DocxParagraph>& paragraphs, const std::vector<Mark>& marks,
            const std::vector<DocxAnchorBase>& base) {
  std::set<std::string> items;
  for (const DocxAnchorBase& item : base) items.insert(item.bookmark);
  std::vector<std::pair<std::string, Range>> ranges;
  for (const auto& [name, range] : BookmarkRanges(marks, static_cast<long>(paragraphs.size()))) {
    const bool item = base.empty() ? name[0] != '_' : items.count(name) > 0;
    if (item && range.first <= range.last) ranges.emplace_back(name, range);
  }
  // Outer first: the earlier start, then the later end, then the earlier mark.
  std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) {
    if (a.second.first != b.second.first) return a.second.first < b.second.first;
    if (a.second.last != b.second.last) return a.second.last > b.second.last;
    return a.second.order < b.second.order;
  });
  for (const auto& [name, range] : ranges) {
    for (long p = range.first; p <= range.last; ++p) paragraphs[p].anchors.push_back(name);
  }
}

std::string ParagraphText(const DocxParagraph& paragraph, TrackedChanges tracked) {
  const DocxRun::Kind dropped = tracked == TrackedChanges::kAccept ? DocxRun::Kind::kDeleted : DocxRun::Kind::kInserted;
  std::string text;
  for (const DocxRun& run : paragraph.runs) {
    if (run.kind != dropped) text += run.text;
  }
  return text;
}

/// The comments of word/comments.xml, each with the items its range (or,
/// without one, its reference) covers.
std::vector<DocxComment> ReadComments(const xmlNode* root, const std::vector<Mark>& marks,
                                      const std::vector<DocxParagraph>& paragraphs) {
  std::vector<DocxComment> out;
  for (const xmlNode* node = root->children; node; node = node->next) {
    if (!IsWord(node, "comment")) continue;
    DocxComment comment;
    comment.author = WordAttribute(node, "author");
    comment.date = WordAttribute(node, "date");
    BodyReader reader;
    reader.ReadBlocks(node, false);
    std::vector<std::string> lines;
    for (const DocxParagraph& p : reader.paragraphs) lines.push_back(ParagraphText(p, TrackedChanges::kAccept));
    comment.text = base::Join(lines, "\n");
    const std::string id = WordAttribute(node, "id");
    long first = -1, last = -2;
    for (const Mark& mark : marks) {
      if (mark.id != id) continue;
      if (mark.kind == Mark::Kind::kCommentStart) first = mark.paragraph;
      if (mark.kind == Mark::Kind::kCommentEnd) last = mark.paragraph;
      if (mark.kind == Mark::Kind::kCommentReference && first < 0) first = last = mark.paragraph;
    }
    if (last < first) last = first;
    for (long p = std::max(first, 0L); p <= last && p < static_cast<long>(paragraphs.size()); ++p) {
      const auto& anchors = paragraphs[p].anchors;
      if (!anchors.empty() && std::find(comment.anchors.begin(), comment.anchors.end(), anchors.back()) ==
                                  comment.anchors.end()) {
        comment.anchors.push_back(anchors.back());
      }
    }
    out.push_back(std::move(comment));
  }
  return out;
}

std::map<std::string, std::string> ReadCustomProperties(const xmlNode* root) {
  std::map<std::string, std::string> out;
  for (const xmlNode* node = root->children; node; node = node->next) {
    if (!IsElement(node, kPropertiesNamespace, "property")) continue;
    const xmlNode* value = node->children;
    while (value && value->type != XML_ELEMENT_NODE) value = value->next;
    out[Attribute(node, "name")] = value ? TextOf(value) : "";
  }
  return out;
}

/// The name of the policyc part among `parts`, or "" when there is none.
/// Word and LibreOffice may number custom XML parts anew on saving, so
/// the part is known by its namespace, not its name.
std::string AnchorPartName(const ZipEntries& parts) {
  for (const auto& [name, bytes] : parts) {
    const bool item = name.rfind("customXml/item", 0) == 0 && name.rfind("customXml/itemProps", 0) != 0 &&
                      name.find('/', 10) == std::string::npos;
    if (item && bytes.find(kAnchorsNamespace) != std::string::npos) {
      std::string ignored;
      auto doc = ParsePart(name, bytes, &ignored);
      if (doc && IsElement(xmlDocGetRootElement(doc.get()), kAnchorsNamespace, "anchors")) return name;
    }
  }
  return "";
}

void ReadAnchorPart(const xmlNode* root, DocxReading& reading) {
  reading.built_as = DocxBuiltAs{Attribute(root, "profile"), Attribute(root, "document"), Attribute(root, "version")};
  for (const xmlNode* node = root->children; node; node = node->next) {
    if (!IsElement(node, kAnchorsNamespace, "item")) continue;
    reading.base.push_back(DocxAnchorBase{Attribute(node, "bookmark"), Attribute(node, "id"), Attribute(node, "kind"),
                                          Attribute(node, "number"), TextOf(node)});
  }
}

/// Reads the optional parts: custom properties, the policyc part. False
/// with `error` when one is there but cannot be read.
bool ReadPackageParts(const ZipEntries& parts, DocxReading& reading, std::string* error) {
  if (const std::string* custom = FindPart(parts, "docProps/custom.xml")) {
    auto doc = ParsePart("docProps/custom.xml", *custom, error);
    if (!doc) return false;
    reading.properties = ReadCustomProperties(xmlDocGetRootElement(doc.get()));
  }
  const std::string name = AnchorPartName(parts);
  if (!name.empty()) {
    auto doc = ParsePart(name, *FindPart(parts, name), error);
    if (!doc) return false;
    ReadAnchorPart(xmlDocGetRootElement(doc.get()), reading);
  }
  return true;
}

// ---------------------------------------------------------------------------
// Writing the policyc part

std::string AnchorPartXml(const std::vector<DocxAnchorBase>& items, const DocxBuiltAs& built_as) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<anchors xmlns=\"" +
                    std::string(kAnchorsNamespace) + "\" profile=\"" +
                    EscapeXml(built_as.profile, XmlPlace::kAttribute) + "\" document=\"" +
                    EscapeXml(built_as.document, XmlPlace::kAttribute) + "\" version=\"" +
                    EscapeXml(built_as.version, XmlPlace::kAttribute) + "\">\n";
  for (const DocxAnchorBase& item : items) {
    xml += "<item bookmark=\"" + EscapeXml(item.bookmark, XmlPlace::kAttribute) + "\" id=\"" +
           EscapeXml(item.item_id, XmlPlace::kAttribute) + "\" kind=\"" + EscapeXml(item.kind, XmlPlace::kAttribute) +
           "\" number=\"" + EscapeXml(item.number, XmlPlace::kAttribute) + "\">" +
           EscapeXml(item.text, XmlPlace::kContent) + "</item>\n";
  }
  return xml + "</anchors>\n";
}

/// A GUID for the part's properties, the same for the same document.
std::string ItemGuid(const DocxBuiltAs& built_as) {
  std::string hex = base::Sha256Hex("policyc anchors\n" + built_as.profile + "\n" + built_as.document);
  for (char& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "{" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12) + "}";
}

/// Inserts `xml` before the closing `tag` of the part `name`, unless the
/// part already holds `unless`.
void InsertBefore(ZipEntries& parts, std::string_view name, std::string_view tag, const std::string& xml,
                  const std::string& unless) {
  for (auto& [part, bytes] : parts) {
    if (part != name || bytes.find(unless) != std::string::npos) continue;
    const size_t close = bytes.rfind(tag);
    if (close != std::string::npos) bytes.insert(close, xml);
  }
}

/// Adds a new policyc part as customXml/itemN.xml (the first free N), with
/// its properties, their relationship and content type, and the main
/// document's relationship to it.
void AddAnchorPart(ZipEntries& parts, const std::string& xml, const DocxBuiltAs& built_as) {
  int n = 1;
  while (FindPart(parts, "customXml/item" + std::to_string(n) + ".xml")) ++n;
  const std::string item = "item" + std::to_string(n) + ".xml", props = "itemProps" + std::to_string(n) + ".xml";
  parts.emplace_back("customXml/" + item, xml);
  parts.emplace_back("customXml/" + props,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<ds:datastoreItem ds:itemID=\"" +
                         ItemGuid(built_as) +
                         "\" xmlns:ds=\"http://schemas.openxmlformats.org/officeDocument/2006/customXml\">"
                         "<ds:schemaRefs><ds:schemaRef ds:uri=\"" + std::string(kAnchorsNamespace) +
                         "\"/></ds:schemaRefs></ds:datastoreItem>\n");
  parts.emplace_back("customXml/_rels/" + item + ".rels",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
                     "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                     "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "customXmlProps\" Target=\"" + props + "\"/></Relationships>\n");
  const std::string target = "../customXml/" + item;
  InsertBefore(parts, "word/_rels/document.xml.rels", "</Relationships>",
               "<Relationship Id=\"rIdPolicycAnchors\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
               "relationships/customXml\" Target=\"" + target + "\" />",
               "Target=\"" + target + "\"");
  InsertBefore(parts, "[Content_Types].xml", "</Types>",
               "<Override PartName=\"/customXml/" + props +
                   "\" ContentType=\"application/vnd.openxmlformats-officedocument.customXmlProperties+xml\" />",
               "PartName=\"/customXml/" + props + "\"");
}

/// A document's sections and statements as anchored items.
class ItemCollector : public model::DocumentVisitor {
 public:
  void EnterSection(const model::ResolvedSection& s, int) override { Add(s.id, "section", s.number); }
  void VisitStatement(const model::ResolvedStatement& s, int) override { Add(s.id, "statement", s.number); }
  std::vector<DocxAnchorBase> items;

 private:
  void Add(const std::string& id, const char* kind, const std::string& number) {
    items.push_back(DocxAnchorBase{WordBookmarkName(id), id, kind, number, ""});
  }
};

}  // namespace

std::optional<DocxReading> ReadDocxAnchors(const ZipEntries& parts, std::string* error) {
  const std::string* document = FindPart(parts, "word/document.xml");
  if (document == nullptr) {
    *error = "it has no word/document.xml, so it is not a Word document";
    return std::nullopt;
  }
  auto doc = ParsePart("word/document.xml", *document, error);
  if (!doc) return std::nullopt;
  const xmlNode* body = WordChild(xmlDocGetRootElement(doc.get()), "body");
  if (!IsWord(xmlDocGetRootElement(doc.get()), "document") || body == nullptr) {
    *error = "word/document.xml is not a Word document's body (no w:document with a w:body)";
    return std::nullopt;
  }
  DocxReading reading;
  if (!ReadPackageParts(parts, reading, error)) return std::nullopt;
  BodyReader reader;
  reader.ReadBlocks(body, false);
  AnchorParagraphs(reader.paragraphs, reader.marks, reading.base);
  reading.paragraphs = std::move(reader.paragraphs);
  if (const std::string* comments = FindPart(parts, "word/comments.xml")) {
    auto comments_doc = ParsePart("word/comments.xml", *comments, error);
    if (!comments_doc) return std::nullopt;
    reading.comments = ReadComments(xmlDocGetRootElement(comments_doc.get()), reader.marks, reading.paragraphs);
  }
  return reading;
}

std::string ItemText(const DocxReading& reading, const std::string& bookmark, TrackedChanges tracked) {
  std::vector<std::string> texts;
  bool runs_on = false;  // the paragraph before lost its mark: this one continues it
  for (const DocxParagraph& paragraph : reading.paragraphs) {
    if (paragraph.anchors.empty() || paragraph.anchors.back() != bookmark) continue;
    if (paragraph.style == kStatementMetaStyle) continue;
    const std::string text = ParagraphText(paragraph, tracked);
    if (runs_on && !texts.empty()) {
      texts.back() += text;
    } else {
      texts.push_back(text);
    }
    runs_on = tracked == TrackedChanges::kAccept ? paragraph.deleted : paragraph.inserted;
  }
  std::string number;
  for (const DocxAnchorBase& item : reading.base) {
    if (item.bookmark == bookmark) number = item.number;
  }
  std::vector<std::string> kept;
  for (std::string& text : texts) {
    text = base::Trim(text);
    if (kept.empty() && !number.empty() && text.rfind(number, 0) == 0 &&
        (text.size() == number.size() || std::isspace(static_cast<unsigned char>(text[number.size()])))) {
      text = base::Trim(text.substr(number.size()));
    }
    if (!text.empty()) kept.push_back(std::move(text));
  }
  return base::Join(kept, "\n\n");
}

void AddAnchorBase(ZipEntries& parts, const std::vector<DocxAnchorBase>& items) {
  DocxBuiltAs built_as;
  if (const std::string* custom = FindPart(parts, "docProps/custom.xml")) {
    std::string ignored;
    if (auto doc = ParsePart("docProps/custom.xml", *custom, &ignored)) {
      auto properties = ReadCustomProperties(xmlDocGetRootElement(doc.get()));
      built_as = DocxBuiltAs{properties["policyc-profile"], properties["document-id"], properties["version"]};
    }
  }
  const std::string xml = AnchorPartXml(items, built_as);
  const std::string existing = AnchorPartName(parts);
  if (existing.empty()) {
    AddAnchorPart(parts, xml, built_as);
    return;
  }
  for (auto& [name, bytes] : parts) {
    if (name == existing) bytes = xml;
  }
}

std::optional<std::vector<DocxAnchorBase>> AnchoredItems(const model::ResolvedDocument& document,
                                                         base::DiagnosticSink& sink) {
  ItemCollector collector;
  model::WalkDocument(document, collector);
  std::map<std::string, std::string> id_of_bookmark;
  bool ok = true;
  for (const DocxAnchorBase& item : collector.items) {
    auto [at, added] = id_of_bookmark.emplace(item.bookmark, item.item_id);
    if (added) continue;
    sink.Report(base::DiagKind::kInternalError, document.loc,
                "'" + at->second + "' and '" + item.item_id + "' of document '" + document.id +
                    "' would have the same bookmark in its DOCX ('" + item.bookmark +
                    "'), and a link to one could reach the other; renaming either id avoids it (please report "
                    "this to policyc's maintainers)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return std::move(collector.items);
}

bool RecordAnchorBase(ZipEntries& parts, std::vector<DocxAnchorBase> items, std::string* error) {
  AddAnchorBase(parts, items);  // the bookmarks the reader is to take as anchors, their text still empty
  auto reading = ReadDocxAnchors(parts, error);
  if (!reading) return false;
  std::set<std::string> anchored;
  for (const DocxParagraph& paragraph : reading->paragraphs) anchored.insert(paragraph.anchors.begin(), paragraph.anchors.end());
  for (DocxAnchorBase& item : items) {
    if (!anchored.count(item.bookmark)) {
      *error = "the bookmark of " + item.kind + " '" + item.item_id + "' (" + item.bookmark +
               ") covers no paragraph of the DOCX, so an import could not find its edits";
      return false;
    }
    item.text = ItemText(*reading, item.bookmark, TrackedChanges::kAccept);
  }
  AddAnchorBase(parts, items);
  return true;
}

}  // namespace policyc::emit
