#include "emit/ooxml_package.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace policyc::emit {
namespace {

/// The body of a DOCX as Pandoc 2.17 writes it with --toc, cut down: the
/// Contents field has no result and asks to be updated (w:dirty).
const std::string kContentsField =
    "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\" /><w:docPartUnique />"
    "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val=\"TOCHeading\" /></w:pPr><w:r>"
    "<w:t xml:space=\"preserve\">Contents</w:t></w:r></w:p><w:p><w:r>"
    "<w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\" />"
    "<w:instrText xml:space=\"preserve\">TOC \\o &quot;1-2&quot; \\h \\z \\u</w:instrText>"
    "<w:fldChar w:fldCharType=\"separate\" /><w:fldChar w:fldCharType=\"end\" /></w:r></w:p>"
    "</w:sdtContent></w:sdt>";

std::string Heading(int level, const std::string& text) {
  return "<w:p><w:pPr><w:pStyle w:val=\"Heading" + std::to_string(level) + "\" /></w:pPr><w:r>"
         "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string Finished(const std::string& document) {
  ZipEntries parts = {{"word/document.xml", document}};
  FinishDocxParts(parts);
  return parts[0].second;
}

TEST(EmitDocxPackage, ContentsListsTheHeadingsEachLinkedToABookmarkAroundIt) {
  // The body around the headings' bookmarks (none before finishing).
  auto body = [](const std::string& start1, const std::string& end1, const std::string& start2,
                 const std::string& end2, bool finished = true) {
    // Pandoc's bookmark of a section opens before its heading (and may be
    // lost after a table), so each heading gets one inside it, numbered
    // after the largest id in the document. The section's own bookmark
    // moves inside its paragraphs too.
    const std::string start = "<w:bookmarkStart w:id=\"20\" w:name=\"section\" />";
    const std::string end = "<w:bookmarkEnd w:id=\"20\" />";
    return "<w:tbl />" + (finished ? "" : start) + "<w:p><w:pPr><w:pStyle w:val=\"Heading1\" /></w:pPr>" +
           (finished ? start : "") + start1 + "<w:r><w:t xml:space=\"preserve\">Document control</w:t></w:r>" +
           end1 + (finished ? end : "") + "</w:p>" + (finished ? "" : end) +
           "<w:p><w:pPr><w:pStyle w:val=\"Heading2\" /></w:pPr>" + start2 +
           "<w:r><w:t xml:space=\"preserve\">1.1</w:t></w:r><w:r><w:t xml:space=\"preserve\"> Scope &amp; aims</w:t></w:r>" +
           end2 + "</w:p>" + Heading(3, "Too deep for the list") + "<w:p><w:r><w:t>Body text</w:t></w:r></w:p>";
  };
  const std::string finished = Finished("<w:body>" + kContentsField + body("", "", "", "", false) + "</w:body>");
  EXPECT_EQ(finished,
            "<w:body><w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\" /><w:docPartUnique />"
            "</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:pPr><w:pStyle w:val=\"TOCHeading\" /></w:pPr><w:r>"
            "<w:t xml:space=\"preserve\">Contents</w:t></w:r></w:p>"
            "<w:p><w:pPr><w:pStyle w:val=\"TOC1\" /></w:pPr>"
            "<w:r><w:fldChar w:fldCharType=\"begin\" /></w:r><w:r><w:instrText xml:space=\"preserve\">"
            "TOC \\o &quot;1-2&quot; \\h \\z \\u</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>"
            "<w:hyperlink w:anchor=\"_Toc1\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">"
            "Document control</w:t></w:r></w:hyperlink></w:p>"
            "<w:p><w:pPr><w:pStyle w:val=\"TOC2\" /></w:pPr>"
            "<w:hyperlink w:anchor=\"_Toc2\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">"
            "1.1 Scope &amp; aims</w:t></w:r></w:hyperlink>"
            "<w:r><w:fldChar w:fldCharType=\"end\" /></w:r></w:p>"
            "</w:sdtContent></w:sdt><w:p><w:r><w:br w:type=\"page\" /></w:r></w:p>" +
                body("<w:bookmarkStart w:id=\"21\" w:name=\"_Toc1\" />", "<w:bookmarkEnd w:id=\"21\" />",
                     "<w:bookmarkStart w:id=\"22\" w:name=\"_Toc2\" />", "<w:bookmarkEnd w:id=\"22\" />") +
                "</w:body>");
}

// Pandoc writes the bookmark of a div between paragraphs; LibreOffice drops
// one that starts just after a table, and Word writes them inside.
TEST(EmitDocxPackage, ABookmarkBetweenParagraphsMovesIntoTheParagraphsItSpans) {
  auto start = [](int id) { return "<w:bookmarkStart w:id=\"" + std::to_string(id) + "\" w:name=\"b" + std::to_string(id) + "\" />"; };
  auto end = [](int id) { return "<w:bookmarkEnd w:id=\"" + std::to_string(id) + "\" />"; };
  const std::string one = "<w:r><w:t>One</w:t></w:r>", a = "<w:r><w:t>A</w:t></w:r>", b = "<w:r><w:t>B</w:t></w:r>";
  const std::string properties = "<w:pPr><w:pStyle w:val=\"BodyText\" /></w:pPr>";
  const std::string span = "<w:p>" + start(4) + "<w:r><w:t>Span</w:t></w:r>" + end(4) + "</w:p>";
  const std::string table = "<w:tbl><w:tr><w:tc><w:p>" + a + "</w:p></w:tc><w:tc><w:p>" + b + "</w:p></w:tc></w:tr></w:tbl>";
  EXPECT_EQ(Finished(start(1) + start(2) + "<w:p>" + properties + one + "</w:p>" + end(2) + start(3) + table + end(3) +
                     end(1) + span),
            "<w:p>" + properties + start(1) + start(2) + one + end(2) + "</w:p>" + "<w:tbl><w:tr><w:tc><w:p>" +
                start(3) + a + "</w:p></w:tc><w:tc><w:p>" + b + end(3) + end(1) + "</w:p></w:tc></w:tr></w:tbl>" + span);
  // Just after a table, a bookmark starts after the paragraph's first run
  // (its number), which LibreOffice keeps; a paragraph of one run has no
  // such place.
  const std::string number = "<w:r><w:t>2</w:t></w:r>", title = "<w:r><w:t xml:space=\"preserve\"> Title</w:t></w:r>";
  EXPECT_EQ(Finished(table + start(5) + "<w:p>" + properties + number + title + "</w:p>" + end(5) + table + start(6) +
                     "<w:p>" + one + "</w:p>" + end(6)),
            table + "<w:p>" + properties + number + start(5) + title + end(5) + "</w:p>" + table + "<w:p>" + start(6) +
                one + end(6) + "</w:p>");
}

// A page never ends between a statement and its compiled line, whether the
// statement ends in a plain paragraph, a styled one or a list item; after
// a table nothing is needed (its rows do not break).
TEST(EmitDocxPackage, TheParagraphBeforeAStatementsCompiledLineKeepsWithIt) {
  const std::string meta = "<w:p><w:pPr><w:pStyle w:val=\"StatementMeta\" /></w:pPr><w:r><w:t>Responsible: X</w:t></w:r></w:p>";
  const std::string run = "<w:r><w:t>Text</w:t></w:r>";
  const std::string item = "<w:pPr><w:pStyle w:val=\"Compact\" /><w:numPr><w:ilvl w:val=\"0\" /><w:numId w:val=\"3\" /></w:numPr></w:pPr>";
  const std::string table = "<w:tbl><w:tr><w:tc><w:p>" + run + "</w:p></w:tc></w:tr></w:tbl>";
  EXPECT_EQ(Finished("<w:p>" + run + "</w:p>" + meta),
            "<w:p><w:pPr><w:keepNext /></w:pPr>" + run + "</w:p>" + meta);
  EXPECT_EQ(Finished("<w:p>" + item + run + "</w:p>" + meta),
            "<w:p><w:pPr><w:pStyle w:val=\"Compact\" /><w:keepNext /><w:numPr><w:ilvl w:val=\"0\" /><w:numId "
            "w:val=\"3\" /></w:numPr></w:pPr>" + run + "</w:p>" + meta);
  EXPECT_EQ(Finished("<w:p w:rsidR=\"1\"><w:pPr><w:jc w:val=\"left\" /></w:pPr>" + run + "</w:p>" + meta + "<w:p>" +
                     run + "</w:p>" + meta),
            "<w:p w:rsidR=\"1\"><w:pPr><w:keepNext /><w:jc w:val=\"left\" /></w:pPr>" + run + "</w:p>" + meta +
                "<w:p><w:pPr><w:keepNext /></w:pPr>" + run + "</w:p>" + meta);
  EXPECT_EQ(Finished(table + meta), table + meta);
  const std::string kept = "<w:p><w:pPr><w:keepNext /></w:pPr>" + run + "</w:p>" + meta;
  EXPECT_EQ(Finished(kept), kept);  // once only
}

// A list in a table cell indents by 280 twips a level, not the 720 of a
// body list; a body list and an item with an indent of its own keep theirs.
TEST(EmitDocxPackage, AListInATableCellIsIndentedLessThanInTheText) {
  auto item = [](int level, const std::string& more) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
           "\" /><w:numId w:val=\"1001\" /></w:numPr><w:pStyle w:val=\"Compact\" />" + more +
           "</w:pPr><w:r><w:t>Item</w:t></w:r></w:p>";
  };
  const std::string jc = "<w:jc w:val=\"left\" />", own = "<w:ind w:left=\"100\" />";
  auto cell = [](const std::string& body) { return "<w:tbl><w:tr><w:tc><w:tcPr />" + body + "</w:tc></w:tr></w:tbl>"; };
  EXPECT_EQ(Finished(item(0, jc) + cell(item(0, jc) + item(1, "")) + cell(item(0, own))),
            item(0, jc) +
                cell(item(0, "<w:ind w:left=\"280\" w:hanging=\"200\" />" + jc) +
                     item(1, "<w:ind w:left=\"560\" w:hanging=\"200\" />")) +
                cell(item(0, own)));
}

TEST(EmitDocxPackage, ADocumentWithoutHeadingsKeepsAnEmptyContentsField) {
  const std::string finished = Finished(kContentsField + "<w:p><w:r><w:t>Text</w:t></w:r></w:p>");
  EXPECT_NE(finished.find("<w:p><w:r><w:fldChar w:fldCharType=\"begin\" /></w:r><w:r><w:instrText"
                          " xml:space=\"preserve\">TOC \\o &quot;1-2&quot; \\h \\z \\u</w:instrText></w:r>"
                          "<w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>"
                          "<w:r><w:fldChar w:fldCharType=\"end\" /></w:r></w:p></w:sdtContent>"),
            std::string::npos)
      << finished;
}

TEST(EmitDocxPackage, NothingAsksWordToUpdateFieldsOnOpen) {
  ZipEntries parts = {
      {"word/document.xml", kContentsField + Heading(1, "Scope")},
      {"word/settings.xml",
       "<w:settings><w:zoom w:percent=\"100\" /><w:updateFields w:val=\"true\" /><w:embedSystemFonts /></w:settings>"}};
  FinishDocxParts(parts);
  EXPECT_EQ(parts[0].second.find("w:dirty"), std::string::npos) << parts[0].second;
  EXPECT_EQ(parts[1].second, "<w:settings><w:zoom w:percent=\"100\" /><w:embedSystemFonts /></w:settings>");
}

TEST(EmitDocxPackage, APictureIsDescribedByItsAltTextNotItsSource) {
  auto drawing = [](const std::string& alt, const std::string& source) {
    return "<w:drawing><wp:inline><wp:docPr descr=\"" + alt + "\" title=\"\" id=\"23\" name=\"Picture\" />"
           "<a:graphic><pic:pic><pic:nvPicPr><pic:cNvPr descr=\"" + source + "\" id=\"0\" name=\"Picture\" />"
           "</pic:nvPicPr></pic:pic></a:graphic></wp:inline></w:drawing>";
  };
  EXPECT_EQ(Finished(drawing("Inherent risk heat map", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg") +
                     drawing("", "media/rId30.png")),
            drawing("Inherent risk heat map", "Inherent risk heat map") + drawing("", ""));
}

TEST(EmitDocxPackage, TablesFillTheTextWidthAndRowsHaveOnePropertiesElement) {
  const std::string table =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"Table\" /><w:tblW w:type=\"auto\" w:w=\"0\" /><w:tblLook w:val=\"0020\" />"
      "</w:tblPr><w:tblGrid><w:gridCol w:w=\"1000\" /><w:gridCol w:w=\"3000\" /></w:tblGrid>"
      "<w:tr><w:trPr><w:tblHeader w:val=\"true\" /></w:trPr><w:tc /></w:tr><w:tr><w:tc /></w:tr></w:tbl>";
  EXPECT_EQ(Finished(table),
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"Table\" /><w:tblW w:type=\"pct\" w:w=\"5000\" />"
            "<w:tblLayout w:type=\"fixed\" /><w:tblLook w:val=\"0020\" /></w:tblPr>"
            "<w:tblGrid><w:gridCol w:w=\"2409\" /><w:gridCol w:w=\"7228\" /></w:tblGrid>"
            "<w:tr><w:trPr><w:cantSplit /><w:tblHeader w:val=\"true\" /></w:trPr><w:tc /></w:tr>"
            "<w:tr><w:trPr><w:cantSplit /></w:trPr><w:tc /></w:tr></w:tbl>");
}

TEST(EmitOoxmlPackage, EveryTrackedChangeOfTheRedlineHasAnIdOfItsOwn) {
  ZipEntries parts = {
      {"word/document.xml",
       "<w:p><w:del w:id=\"0\" w:author=\"Org\"><w:r><w:delText>old</w:delText></w:r></w:del>"
       "<w:ins w:id=\"0\" w:author=\"Org\"><w:r><w:t>new</w:t></w:r></w:ins><w:bookmarkStart w:id=\"0\" />"
       "<w:ins w:id=\"7\" w:author=\"Org\"><w:r><w:t>more</w:t></w:r></w:ins></w:p>"},
      {"word/footnotes.xml", "<w:ins w:id=\"0\" />"}};
  NumberRevisionsApart(parts);
  EXPECT_EQ(parts[0].second,
            "<w:p><w:del w:id=\"1\" w:author=\"Org\"><w:r><w:delText>old</w:delText></w:r></w:del>"
            "<w:ins w:id=\"2\" w:author=\"Org\"><w:r><w:t>new</w:t></w:r></w:ins><w:bookmarkStart w:id=\"0\" />"
            "<w:ins w:id=\"3\" w:author=\"Org\"><w:r><w:t>more</w:t></w:r></w:ins></w:p>");
  EXPECT_EQ(parts[1].second, "<w:ins w:id=\"0\" />");  // only the document's body is renumbered
}

TEST(EmitOoxmlPackage, ADeckGetsItsPropertiesAndTheReferencesLogo) {
  const std::string dir = testing::MakeTempDir();
  const std::string deck = dir + "/deck.pptx";
  std::string error;
  ASSERT_TRUE(WriteZip(deck,
                       {{"[Content_Types].xml", "<Types><Default Extension=\"xml\" /></Types>"},
                        {"docProps/core.xml", "<cp><dc:title></dc:title><dc:creator></dc:creator></cp>"},
                        {"ppt/presentation.xml", "<p:presentation />"}},
                       0, &error))
      << error;
  const ZipEntries reference = {{"ppt/media/policyc-logo.png", "PNG"}, {"ppt/theme/theme1.xml", "<a:theme />"}};
  ASSERT_TRUE(FinishPptx(deck, reference, "Security & you", "Org Ltd", 1793491200, &error)) << error;
  auto parts = ReadZip(deck, &error);
  ASSERT_TRUE(parts.has_value()) << error;
  EXPECT_EQ(*parts, (ZipEntries{{"[Content_Types].xml",
                                 "<Types><Default Extension=\"xml\" /><Override PartName=\"/ppt/media/policyc-logo.png\""
                                 " ContentType=\"image/png\" /></Types>"},
                                {"docProps/core.xml",
                                 "<cp><dc:title>Security &amp; you</dc:title><dc:creator>Org Ltd</dc:creator></cp>"},
                                {"ppt/presentation.xml", "<p:presentation />"},
                                {"ppt/media/policyc-logo.png", "PNG"}}));
  EXPECT_TRUE(IsPackage(deck, "pptx", "pandoc", &error)) << error;
  EXPECT_FALSE(IsPackage(deck, "docx", "pandoc", &error));
  EXPECT_EQ(error, "pandoc reported success but wrote a zip without word/document.xml, which is not a DOCX");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc::emit
