#include "emit/ooxml_package.h"

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <vector>

#include "base/strings.h"
#include "render/page_geometry.h"

namespace policyc::emit {

std::string PackageText(const ZipEntries& parts) {
  std::string text;
  for (const auto& [name, bytes] : parts) text += name + '\0' + bytes + '\0';
  return text;
}

namespace {

/// The value of attribute `name` of the element that starts at `tag`, or
/// "" when the element has none. The value stays XML-escaped.
std::string AttributeOf(const std::string& xml, size_t tag, const std::string& name) {
  const size_t tag_end = xml.find('>', tag);
  const std::string key = " " + name + "=\"";
  const size_t at = xml.find(key, tag);
  if (at == std::string::npos || at > tag_end) return "";
  const size_t start = at + key.size();
  return xml.substr(start, xml.find('"', start) - start);
}

/// One line of the contents list: a heading's level, its (escaped) text
/// and the bookmark that marks it.
struct ContentsEntry {
  int level = 1;
  std::string text;
  std::string bookmark;
};

/// The largest w:id of the document: bookmark ids must be unique.
long LargestId(const std::string& document) {
  static const std::string kId = " w:id=\"";
  long largest = 0;
  for (size_t at = document.find(kId); at != std::string::npos; at = document.find(kId, at + 1)) {
    largest = std::max(largest, std::strtol(document.c_str() + at + kId.size(), nullptr, 10));
  }
  return largest;
}

/// Every Heading1 and Heading2 paragraph, in order, each given a bookmark
/// of its own around its text ("_Toc1", "_Toc2", …: hidden, as Word's own
/// table of contents makes them). Pandoc's bookmarks are not enough:
/// LibreOffice drops one that opens, outside any paragraph, just after a
/// table, which is where Pandoc puts the bookmark of a section that
/// follows one.
std::vector<ContentsEntry> MarkHeadings(std::string& document) {
  std::vector<ContentsEntry> out;
  static const std::string kStyle = "<w:pStyle w:val=\"Heading", kProperties = "</w:pPr>";
  long id = LargestId(document);
  for (size_t at = document.find(kStyle); at != std::string::npos; at = document.find(kStyle, at + 1)) {
    const char level = document[at + kStyle.size()];
    if ((level != '1' && level != '2') || document[at + kStyle.size() + 1] != '"') continue;
    const size_t end = document.find("</w:p>", at);
    ContentsEntry entry;
    entry.level = level - '0';
    for (size_t t = document.find("<w:t", at); t < end; t = document.find("<w:t", t + 1)) {
      if (document[t + 4] != '>' && document[t + 4] != ' ') continue;
      const size_t open = document.find('>', t) + 1;
      entry.text += document.substr(open, document.find("</w:t>", open) - open);
    }
    entry.bookmark = "_Toc" + std::to_string(out.size() + 1);
    const std::string number = std::to_string(++id);
    document.insert(end, "<w:bookmarkEnd w:id=\"" + number + "\" />");
    document.insert(document.find(kProperties, at) + kProperties.size(),
                    "<w:bookmarkStart w:id=\"" + number + "\" w:name=\"" + entry.bookmark + "\" />");
    out.push_back(std::move(entry));
  }
  return out;
}

/// A paragraph of the contents list, a link to its heading. `before` and
/// `after` are runs of the field around the list (the field's start in
/// the first line, its end in the last).
std::string ContentsLine(const ContentsEntry& entry, const std::string& before, const std::string& after) {
  return "<w:p><w:pPr><w:pStyle w:val=\"TOC" + std::to_string(entry.level) + "\" /></w:pPr>" + before +
         "<w:hyperlink w:anchor=\"" + entry.bookmark + "\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">" +
         entry.text + "</w:t></w:r></w:hyperlink>" + after + "</w:p>";
}

/// Replaces the result of Pandoc's Contents field (empty, for Word to fill
/// on open) with the list of headings, linked, laid out as Word lays out a
/// table of contents: the field starts in the first entry and ends in the
/// last. A page break after the list starts the document proper.
void FillContents(std::string& document) {
  static const std::string kInstruction = "<w:instrText xml:space=\"preserve\">TOC ";
  static const std::string kEnd = "</w:sdtContent></w:sdt>";
  if (document.find(kInstruction) == std::string::npos) return;
  const std::vector<ContentsEntry> headings = MarkHeadings(document);
  const size_t instruction = document.find(kInstruction);
  const size_t field = document.rfind("<w:p>", instruction);
  const size_t end = document.find(kEnd, instruction);
  if (field == std::string::npos || end == std::string::npos) return;
  const size_t text = document.find('>', instruction) + 1;
  const std::string code = document.substr(text, document.find("</w:instrText>", text) - text);
  const std::string begin = "<w:r><w:fldChar w:fldCharType=\"begin\" /></w:r><w:r><w:instrText xml:space=\"preserve\">" +
                            code + "</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>";
  const std::string finish = "<w:r><w:fldChar w:fldCharType=\"end\" /></w:r>";
  std::string list;
  for (size_t i = 0; i < headings.size(); ++i) {
    list += ContentsLine(headings[i], i == 0 ? begin : "", i + 1 == headings.size() ? finish : "");
  }
  if (headings.empty()) list = "<w:p>" + begin + finish + "</w:p>";
  document.replace(field, end + kEnd.size() - field,
                   list + kEnd + "<w:p><w:r><w:br w:type=\"page\" /></w:r></w:p>");
}

/// Removes every occurrence of the element or attribute `text`.
void Erase(std::string& xml, const std::string& text) {
  for (size_t at = xml.find(text); at != std::string::npos; at = xml.find(text, at)) xml.erase(at, text.size());
}

/// Word asks "update the fields?" on every open of a file whose settings
/// say w:updateFields or whose fields are marked dirty. The Contents
/// field already has its result, so nothing needs updating on open.
void NoFieldUpdatesOnOpen(std::string& part) {
  Erase(part, " w:dirty=\"true\"");
  for (size_t at = part.find("<w:updateFields"); at != std::string::npos; at = part.find("<w:updateFields", at)) {
    part.erase(at, part.find("/>", at) + 2 - at);
  }
}

/// Gives the inner picture of every drawing (pic:cNvPr) the description of
/// the drawing itself (wp:docPr), which Pandoc takes from the alt text.
/// Pandoc gives the inner picture the image's source instead: for a
/// picture the pack draws, the whole image as a data: URI.
void DescribePictures(std::string& document) {
  static const std::string kDrawing = "<wp:docPr ", kPicture = "<pic:cNvPr ", kDescription = " descr=\"";
  for (size_t at = document.find(kDrawing); at != std::string::npos; at = document.find(kDrawing, at + 1)) {
    const std::string alt = AttributeOf(document, at, "descr");
    const size_t picture = document.find(kPicture, at);
    if (picture == std::string::npos || picture > document.find("</w:drawing>", at)) continue;
    const size_t description = document.find(kDescription, picture);
    if (description == std::string::npos || description > document.find('>', picture)) continue;
    const size_t start = description + kDescription.size();
    document.replace(start, document.find('"', start) - start, alt);
  }
}

/// Pandoc sizes a table's columns from the widths the print HTML gives
/// (render/table_layout.cc) but on a 5.5-inch text width. Scale every
/// table's grid to the page's text width (portrait or landscape) and fix
/// the layout, so Word keeps the widths instead of fitting the text.
void ScaleTables(std::string& document) {
  const bool landscape = document.find("w:orient=\"landscape\"") != std::string::npos;
  const double text_width = render::TextWidthTwips(landscape);
  static const std::string kGrid = "<w:tblGrid>", kGridEnd = "</w:tblGrid>", kCol = "<w:gridCol w:w=\"";
  static const std::string kRow = "<w:tr>", kRowProperties = "<w:trPr>";
  for (size_t at = document.find("<w:tbl>"); at != std::string::npos; at = document.find("<w:tbl>", at + 1)) {
    const size_t grid_start = document.find(kGrid, at);
    if (grid_start == std::string::npos) break;
    const size_t grid_end = document.find(kGridEnd, grid_start);
    std::vector<double> widths;
    for (size_t col = document.find(kCol, grid_start); col != std::string::npos && col < grid_end;
         col = document.find(kCol, col + 1)) {
      widths.push_back(std::atof(document.c_str() + col + kCol.size()));
    }
    double total = 0;
    for (double w : widths) total += w;
    if (widths.empty() || total <= 0) continue;
    std::string grid = kGrid;
    for (double w : widths) grid += kCol + std::to_string(static_cast<int>(text_width * w / total)) + "\" />";
    grid += kGridEnd;
    document.replace(grid_start, grid_end + kGridEnd.size() - grid_start, grid);
    // No row breaks across pages (the table style says so, but LibreOffice
    // reads it from the row only). A row has at most one w:trPr: a header
    // row's (w:tblHeader) takes the cantSplit too.
    const size_t table_end = document.find("</w:tbl>", at);
    for (size_t row = document.find(kRow, at); row != std::string::npos && row < table_end;
         row = document.find(kRow, row + 1)) {
      const size_t after = row + kRow.size();
      if (document.compare(after, kRowProperties.size(), kRowProperties) == 0) {
        document.insert(after + kRowProperties.size(), "<w:cantSplit />");
      } else {
        document.insert(after, "<w:trPr><w:cantSplit /></w:trPr>");
      }
    }
    const size_t properties_end = document.find("</w:tblPr>", at);
    if (properties_end != std::string::npos && properties_end < grid_start) {
      const std::string auto_width = "<w:tblW w:type=\"auto\" w:w=\"0\" />";
      std::string properties = document.substr(at, properties_end - at);
      const size_t width = properties.find(auto_width);
      if (width != std::string::npos) properties.replace(width, auto_width.size(), "<w:tblW w:type=\"pct\" w:w=\"5000\" />");
      // CT_TblPr's order puts tblLayout before tblCellMar and tblLook.
      if (properties.find("<w:tblLayout") == std::string::npos) {
        size_t before = properties.find("<w:tblCellMar");
        if (before == std::string::npos) before = properties.find("<w:tblLook");
        properties.insert(before == std::string::npos ? properties.size() : before, "<w:tblLayout w:type=\"fixed\" />");
      }
      document.replace(at, properties_end - at, properties);
    }
  }
}

/// Whether `xml` has `text` at `at`.
bool At(const std::string& xml, size_t at, std::string_view text) { return xml.compare(at, text.size(), text) == 0; }

/// Where the content of the paragraph that opens at `at` begins: after its
/// properties, if it has any.
size_t ParagraphContent(const std::string& document, size_t at) {
  const size_t open_end = document.find('>', at) + 1;
  if (!At(document, open_end, "<w:pPr>") && !At(document, open_end, "<w:pPr ")) return open_end;
  return document.find("</w:pPr>", open_end) + std::string_view("</w:pPr>").size();
}

/// Where bookmarks that start a paragraph just after a table go: after
/// its first run (a section's or statement's number), when another run
/// follows. LibreOffice 7.4 drops a bookmark over several paragraphs that
/// starts at the very beginning of such a paragraph, and keeps one that
/// starts after its first run.
size_t AfterFirstRun(const std::string& document, size_t content) {
  const size_t end = document.find("</w:p>", content), run_end = document.find("</w:r>", content);
  if (run_end == std::string::npos || run_end > end) return content;
  const size_t after = run_end + std::string_view("</w:r>").size();
  const size_t next_run = std::min(document.find("<w:r>", after), document.find("<w:r ", after));
  return next_run < end ? after : content;
}

/// Moves the ends of bookmarks that Pandoc wrote between paragraphs (a
/// div's, just after its last paragraph or table) into the paragraph
/// before them (a table's last).
void MoveBookmarkEndsIntoParagraphs(std::string& document) {
  static const std::string kEnd = "<w:bookmarkEnd ", kParagraphEnd = "</w:p>", kTableEnd = "</w:tbl>";
  for (size_t at = document.find(kEnd); at != std::string::npos; at = document.find(kEnd, at + 1)) {
    size_t after = at;
    while (At(document, after, kEnd)) after = document.find("/>", after) + 2;
    const bool paragraph = at >= kParagraphEnd.size() && At(document, at - kParagraphEnd.size(), kParagraphEnd);
    const bool table = at >= kTableEnd.size() && At(document, at - kTableEnd.size(), kTableEnd);
    if (paragraph || table) {
      const std::string ends = document.substr(at, after - at);
      document.erase(at, ends.size());
      document.insert(document.rfind(kParagraphEnd, at - 1), ends);
    }
    at = after - 1;  // past the ends, moved or inside a paragraph already
  }
}

/// Moves the starts of bookmarks that Pandoc wrote between paragraphs (a
/// div's, just before its first paragraph or table) into the paragraph
/// after them (a table's first), after its properties. Runs after the
/// ends have moved, so that a start just after a table is seen as such.
void MoveBookmarkStartsIntoParagraphs(std::string& document) {
  static const std::string kStart = "<w:bookmarkStart ", kTableEnd = "</w:tbl>";
  for (size_t at = document.find(kStart); at != std::string::npos; at = document.find(kStart, at + 1)) {
    size_t after = at;
    while (At(document, after, kStart)) after = document.find("/>", after) + 2;
    const bool paragraph = At(document, after, "<w:p>") || At(document, after, "<w:p ");
    if (!paragraph && !At(document, after, "<w:tbl>")) continue;  // inside a paragraph already
    size_t target = paragraph ? after : std::min(document.find("<w:p>", after), document.find("<w:p ", after));
    if (target == std::string::npos) continue;
    const std::string starts = document.substr(at, after - at);
    const bool after_table = paragraph && at >= kTableEnd.size() && At(document, at - kTableEnd.size(), kTableEnd);
    const size_t content = ParagraphContent(document, target);
    document.insert(after_table ? AfterFirstRun(document, content) : content, starts);
    document.erase(at, starts.size());
  }
}

/// Sets the text of element `tag` (e.g. "dc:title") in a core properties part.
void SetCoreProperty(std::string& core, const std::string& tag, const std::string& text) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const size_t start = core.find(open);
  const size_t end = core.find(close, start);
  if (start == std::string::npos || end == std::string::npos) return;
  core.replace(start + open.size(), end - start - open.size(), base::EscapeHtml(text));
}

/// Whether the package has a part of this name.
bool HasPart(const ZipEntries& parts, const std::string& name) {
  for (const auto& part : parts) {
    if (part.first == name) return true;
  }
  return false;
}

/// Adds a PNG part of the reference to the package, declared in its
/// content types.
void AddPngPart(ZipEntries& parts, const std::string& name, const std::string& bytes) {
  parts.emplace_back(name, bytes);
  for (auto& [part, xml] : parts) {
    if (part != "[Content_Types].xml") continue;
    const size_t close = xml.rfind("</Types>");
    if (close != std::string::npos) {
      xml.insert(close, "<Override PartName=\"/" + name + "\" ContentType=\"image/png\" />");
    }
  }
}

/// Where the paragraph holding `at` (or the last one starting before it)
/// starts, or npos.
size_t ParagraphStart(const std::string& document, size_t at) {
  const size_t plain = document.rfind("<w:p>", at), attributed = document.rfind("<w:p ", at);
  if (plain == std::string::npos) return attributed;
  return attributed == std::string::npos ? plain : std::max(plain, attributed);
}

/// Where the paragraph that ends just before `at` starts, or npos when
/// what comes before `at` is not a paragraph (a table, say).
size_t ParagraphBefore(const std::string& document, size_t at) {
  const size_t end = document.rfind("</w:p>", at);
  if (end == std::string::npos) return std::string::npos;
  const std::string between = document.substr(end + 6, at - end - 6);
  if (between.find("<w:tbl") != std::string::npos || between.find("</w:tbl>") != std::string::npos) {
    return std::string::npos;
  }
  return ParagraphStart(document, end);
}

/// The paragraph before each statement's compiled line (style
/// StatementMeta) keeps with it, so no page ends between a statement and
/// its line. Pandoc gives a custom style only to plain paragraphs, not to
/// a list's, and a statement may end in a list, so this is done here.
void KeepStatementsWithTheirLines(std::string& document) {
  static const std::string kMeta = "<w:pStyle w:val=\"StatementMeta\" />", kKeep = "<w:keepNext />",
                           kProperties = "<w:pPr>", kStyle = "<w:pStyle ";
  for (size_t at = document.find(kMeta); at != std::string::npos; at = document.find(kMeta, at + 1)) {
    const size_t meta = ParagraphStart(document, at);
    const size_t before = meta == std::string::npos ? meta : ParagraphBefore(document, meta);
    if (before == std::string::npos) continue;
    const size_t inside = document.find('>', before) + 1;
    if (document.find(kKeep, before) < document.find("</w:p>", before)) continue;
    if (document.compare(inside, kProperties.size(), kProperties) != 0) {
      document.insert(inside, kProperties + kKeep + "</w:pPr>");
    } else if (document.compare(inside + kProperties.size(), kStyle.size(), kStyle) == 0) {
      document.insert(document.find("/>", inside) + 2, kKeep);  // w:keepNext follows w:pStyle
    } else {
      document.insert(inside + kProperties.size(), kKeep);
    }
    at = document.find(kMeta, at);  // past what was inserted before it
  }
}

/// A list inside a table cell indents by a third of what the numbering
/// gives a list in the text (720 twips, a quarter of a narrow column), so
/// a cell's items do not wrap every few words. Pandoc puts no w:ind of its
/// own in a list item's properties; this one goes before w:jc, as the
/// schema orders them.
void TightenListsInTables(std::string& document) {
  static const std::string kCell = "<w:tc>", kCellEnd = "</w:tc>", kNumbering = "<w:numPr>",
                           kLevel = "<w:ilvl w:val=\"";
  constexpr int kStep = 280, kHanging = 200;
  for (size_t cell = document.find(kCell); cell != std::string::npos; cell = document.find(kCell, cell + 1)) {
    size_t end = document.find(kCellEnd, cell);
    if (end == std::string::npos) return;
    for (size_t at = document.find(kNumbering, cell); at < end; at = document.find(kNumbering, at + 1)) {
      const size_t properties_end = document.find("</w:pPr>", at);
      if (properties_end > end) break;
      if (document.find("<w:ind ", at) < properties_end) continue;
      const size_t level_at = document.find(kLevel, at);
      const int level = level_at < properties_end ? std::atoi(document.c_str() + level_at + kLevel.size()) : 0;
      const std::string indent = "<w:ind w:left=\"" + std::to_string(kStep * (level + 1)) + "\" w:hanging=\"" +
                                 std::to_string(kHanging) + "\" />";
      const size_t justified = document.find("<w:jc ", at);
      document.insert(justified < properties_end ? justified : properties_end, indent);
      end += indent.size();
    }
  }
}

}  // namespace

void FinishDocxParts(ZipEntries& parts) {
  for (auto& [name, bytes] : parts) {
    if (name == "word/document.xml") {
      FillContents(bytes);
      DescribePictures(bytes);
      ScaleTables(bytes);
      MoveBookmarkEndsIntoParagraphs(bytes);
      MoveBookmarkStartsIntoParagraphs(bytes);
      KeepStatementsWithTheirLines(bytes);
      TightenListsInTables(bytes);
    }
    if (name == "word/document.xml" || name == "word/settings.xml") NoFieldUpdatesOnOpen(bytes);
  }
}

bool FinishDocx(const std::string& path, const std::vector<DocxAnchorBase>& items, time_t mtime,
                std::string* error) {
  auto parts = ReadZip(path, error);
  if (!parts) return false;
  FinishDocxParts(*parts);
  if (!items.empty() && !RecordAnchorBase(*parts, items, error)) return false;
  return WriteZip(path, *parts, mtime, error);
}


bool FinishPptx(const std::string& path, const ZipEntries& reference_parts, const std::string& title,
                const std::string& creator, time_t mtime, std::string* error) {
  auto parts = ReadZip(path, error);
  if (!parts) return false;
  for (auto& [name, xml] : *parts) {
    if (name != "docProps/core.xml") continue;
    SetCoreProperty(xml, "dc:title", title);
    SetCoreProperty(xml, "dc:creator", creator);
  }
  for (const auto& [name, bytes] : reference_parts) {
    if (name.rfind("ppt/media/", 0) == 0 && !HasPart(*parts, name)) AddPngPart(*parts, name, bytes);
  }
  return WriteZip(path, *parts, mtime, error);
}

void NumberRevisionsApart(ZipEntries& parts) {
  static const std::regex kId(R"((<w:(?:ins|del) w:id=")\d+")");
  for (auto& [name, bytes] : parts) {
    if (name != "word/document.xml") continue;
    std::string out;
    int next = 1;
    size_t last = 0;
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), kId); it != std::sregex_iterator(); ++it) {
      out.append(bytes, last, it->position() - last);
      out += (*it)[1].str() + std::to_string(next++) + "\"";
      last = it->position() + it->length();
    }
    out.append(bytes, last, std::string::npos);
    bytes = std::move(out);
  }
}

bool IsPackage(const std::string& path, const std::string& to, const std::string& tool, std::string* error) {
  const std::string kind = to == "docx" ? "DOCX" : "PPTX";
  const std::string main_part = to == "docx" ? "word/document.xml" : "ppt/presentation.xml";
  std::string why;
  auto parts = ReadZip(path, &why);
  if (!parts) {
    *error = tool + " reported success but wrote a file that is not a " + kind + " (" + why + ")";
    return false;
  }
  if (HasPart(*parts, main_part)) return true;
  *error = tool + " reported success but wrote a zip without " + main_part + ", which is not a " + kind;
  return false;
}

}  // namespace policyc::emit
