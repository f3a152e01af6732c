#include "emit/docx_anchors.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "base/sha256.h"
#include "support/test_support.h"

namespace policyc::emit {
namespace {

// ---------------------------------------------------------------------------
// Bookmark names

TEST(EmitDocxAnchors, ABookmarkNameIsWhatWordAcceptsAndBeginsWithTheIdsOwnLetters) {
  const std::regex kWordName("[A-Za-z][A-Za-z0-9_]{0,39}");
  for (const std::string& id : std::vector<std::string>{"screen-auto-lock", "a", "access-control-policy.s1", "3rd-party-access",
                               "caf\xC3\xA9-rules", std::string(80, 'x') + "-y"}) {
    const std::string name = WordBookmarkName(id);
    EXPECT_TRUE(std::regex_match(name, kWordName)) << id << " → " << name;
    EXPECT_LE(name.size(), 40u) << id;
  }
  EXPECT_EQ(WordBookmarkName("screen-auto-lock"),
            "screen_auto_lock_" + base::Sha256Hex("screen-auto-lock").substr(0, 8));
  EXPECT_EQ(WordBookmarkName("3rd-party-access").substr(0, 17), "x3rd_party_access");  // a letter first
  // An id of 80 characters keeps its first 31, then the hash: 40 in all.
  const std::string long_id = "information-security-incident-management-procedure-escalation-to-the-board-s1";
  EXPECT_EQ(WordBookmarkName(long_id), "information_security_incident_m_" + base::Sha256Hex(long_id).substr(0, 8));
}

TEST(EmitDocxAnchors, IdsThatDifferOnlyInPunctuationOrPastThePrefixGetDistinctNames) {
  EXPECT_NE(WordBookmarkName("a-b"), WordBookmarkName("a.b"));
  EXPECT_NE(WordBookmarkName("a-b"), WordBookmarkName("a_b"));
  const std::string stem(40, 'p');
  EXPECT_NE(WordBookmarkName(stem + "-one"), WordBookmarkName(stem + "-two"));
  EXPECT_EQ(WordBookmarkName("a-b"), WordBookmarkName("a-b"));
}

// Two ids whose names do meet (found by trying ids 0, 1, 2, … of this
// form for a repeated hash prefix): the DOCX planner refuses the document.
TEST(EmitDocxAnchors, TwoIdsWithOneBookmarkNameAreAnInternalError) {
  const std::string a = "records-retention-schedule-item-45444", b = "records-retention-schedule-item-97550";
  ASSERT_EQ(WordBookmarkName(a), WordBookmarkName(b));
  model::ResolvedDocument doc;
  doc.id = "records";
  doc.loc = base::SourceLoc{"policies/documents/records.xml", 2, 1};
  model::ResolvedSection section;
  section.id = a;
  section.number = "1";
  model::ResolvedStatement statement;
  statement.id = b;
  statement.number = "1.1";
  section.items.push_back(statement);
  doc.sections.push_back(section);
  base::DiagnosticSink sink;
  EXPECT_FALSE(AnchoredItems(doc, sink).has_value());
  EXPECT_EQ(testing::Formatted(sink),
            "policies/documents/records.xml:2:1: error: '" + a + "' and '" + b +
                "' of document 'records' would have the same bookmark in its DOCX ('records_retention_schedule_item_"
                "c8d3e108'), and a link to one could reach the other; renaming either id avoids it (please report "
                "this to policyc's maintainers) [emit.internal-error]\n");
}

TEST(EmitDocxAnchors, AnchoredItemsAreTheSectionsAndStatementsInDocumentOrder) {
  model::ResolvedDocument doc;
  model::ResolvedSection section;
  section.id = "screens";
  section.number = "1";
  model::ResolvedStatement statement;
  statement.id = "screen-auto-lock";
  statement.number = "1.1";
  section.items.push_back(statement);
  model::ResolvedSection sub;
  sub.id = "screens.home";
  sub.number = "1.2";
  section.items.push_back(sub);
  doc.sections.push_back(section);
  base::DiagnosticSink sink;
  auto items = AnchoredItems(doc, sink);
  ASSERT_TRUE(items.has_value()) << testing::Formatted(sink);
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ((*items)[0].item_id, "screens");
  EXPECT_EQ((*items)[0].kind, "section");
  EXPECT_EQ((*items)[1].bookmark, WordBookmarkName("screen-auto-lock"));
  EXPECT_EQ((*items)[1].kind, "statement");
  EXPECT_EQ((*items)[1].number, "1.1");
  EXPECT_EQ((*items)[2].item_id, "screens.home");
  EXPECT_EQ((*items)[2].text, "");
}

// ---------------------------------------------------------------------------
// Reading an edited document

const std::string kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string Text(const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }
std::string Start(int id, const std::string& name) {
  return "<w:bookmarkStart w:id=\"" + std::to_string(id) + "\" w:name=\"" + name + "\" />";
}
std::string End(int id) { return "<w:bookmarkEnd w:id=\"" + std::to_string(id) + "\" />"; }
std::string Style(const std::string& style) { return "<w:pPr><w:pStyle w:val=\"" + style + "\" /></w:pPr>"; }
const std::string kMeta = Style("StatementMeta");
std::string Change(const std::string& kind, const std::string& author) {
  return "<w:" + kind + " w:id=\"90\" w:author=\"" + author + "\" w:date=\"2026-12-01T10:00:00Z\">";
}

/// A document as a client sends it back: section 1 (Pandoc's form: its
/// bookmark between paragraphs) with an introduction and three
/// statements, one with a tracked replacement and a new paragraph, one
/// over several paragraphs in LibreOffice's form (two starts of one name)
/// under a comment, one deleted; section 2 ends in a table.
const std::string kDocument =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + kW + "><w:body>" +
    // Section 1: its heading carries the contents list's hidden bookmark too.
    Start(1, "SEC") + "<w:p>" + Style("Heading1") + Start(50, "_Toc1") + Text("1 Passwords") + End(50) + "</w:p>" +
    "<w:p>" + Text("Intro of the section.") + "</w:p>" +
    // Statement 1.1: "14" replaced by "16", and a paragraph added.
    "<w:p>" + Start(2, "S1") + Text("1.1 Passwords shall be at least ") + Change("del", "Ann Client") +
    "<w:r><w:delText>14</w:delText></w:r></w:del>" + Change("ins", "Ann Client") + Text("16") + "</w:ins>" +
    Text(" characters long.") + "</w:p>" +
    "<w:p><w:pPr><w:rPr>" + Change("ins", "Bob Reviewer") + "</w:ins></w:rPr></w:pPr>" + Change("ins", "Bob Reviewer") +
    Text("New sentence.") + "</w:ins></w:p>" +
    "<w:p>" + kMeta + Text("Responsible: IT Manager · Annex A: A.5.17") + End(2) + "</w:p>" +
    // Statement 1.2 over two paragraphs, in LibreOffice's form, under a comment.
    "<w:p>" + Start(3, "S2") + "<w:commentRangeStart w:id=\"0\" />" + Text("1.2 First paragraph") + "</w:p>" +
    "<w:p>" + Text("Second") + "<w:r><w:tab /><w:t>pass</w:t><w:softHyphen /><w:t>word, e</w:t><w:noBreakHyphen />"
    "<w:t>mail</w:t><w:br /></w:r><w:hyperlink w:anchor=\"S1\">" + Text("see 1.1") + "</w:hyperlink>" +
    "<w:commentRangeEnd w:id=\"0\" /><w:r><w:commentReference w:id=\"0\" /></w:r></w:p>" +
    "<w:p>" + kMeta + Start(4, "S2") + Text("Responsible: All Staff") + End(4) + "</w:p>" +
    // Statement 1.3, deleted with its paragraph mark.
    "<w:p><w:pPr><w:rPr>" + Change("del", "Ann Client") + "</w:del></w:rPr></w:pPr>" + Start(5, "S3") +
    Change("del", "Ann Client") + "<w:r><w:delText>1.3 Old rule.</w:delText></w:r></w:del>" + End(5) + "</w:p>" +
    End(1) +
    // Section 2 ends in a table: its end lies between the table and the next paragraph.
    Start(6, "SEC2") + "<w:p>" + Style("Heading1") + Text("2 Records") + "</w:p>" +
    "<w:tbl><w:tblPr /><w:tr><w:tc><w:p>" + Text("Cell A") + "</w:p></w:tc><w:tc><w:p>" + Text("Cell B") +
    "</w:p></w:tc></w:tr></w:tbl>" + End(6) + "<w:p>" + Text("After") + "</w:p><w:sectPr /></w:body></w:document>";

const std::string kComments = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments " + kW +
                              "><w:comment w:id=\"0\" w:author=\"Ann Client\" w:date=\"2026-12-02T09:30:00Z\">"
                              "<w:p>" + Text("Is this still true?") + "</w:p><w:p>" + Text("Ask IT.") +
                              "</w:p></w:comment></w:comments>";

const std::string kCustom =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" "
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"document-id\">"
    "<vt:lpwstr>password-policy</vt:lpwstr></property>"
    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"3\" name=\"policyc-profile\">"
    "<vt:lpwstr>acme</vt:lpwstr></property>"
    "<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"4\" name=\"version\">"
    "<vt:lpwstr>1.2</vt:lpwstr></property></Properties>";

const std::vector<DocxAnchorBase> kItems = {{"SEC", "passwords", "section", "1", ""},
                                            {"S1", "password-length", "statement", "1.1", ""},
                                            {"S2", "password-reuse", "statement", "1.2", ""},
                                            {"S3", "password-expiry", "statement", "1.3", ""},
                                            {"SEC2", "records", "section", "2", ""}};

ZipEntries EditedParts() {
  ZipEntries parts = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
       "ContentType=\"application/xml\" /></Types>"},
      {"word/document.xml", kDocument},
      {"word/_rels/document.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>"},
      {"word/comments.xml", kComments},
      {"docProps/custom.xml", kCustom}};
  AddAnchorBase(parts, kItems);
  return parts;
}

DocxReading Read(const ZipEntries& parts) {
  std::string error;
  auto reading = ReadDocxAnchors(parts, &error);
  EXPECT_TRUE(reading.has_value()) << error;
  return reading.value_or(DocxReading{});
}

/// The paragraph whose text (tracked changes accepted) starts with `start`.
const DocxParagraph* ParagraphStarting(const DocxReading& reading, const std::string& start) {
  for (const DocxParagraph& paragraph : reading.paragraphs) {
    std::string text;
    for (const DocxRun& run : paragraph.runs) text += run.text;
    if (text.rfind(start, 0) == 0) return &paragraph;
  }
  return nullptr;
}

TEST(EmitDocxAnchors, AnEditedDocumentReadsAsItsItemsTextWithTrackedChangesAcceptedOrRejected) {
  const DocxReading reading = Read(EditedParts());
  EXPECT_EQ(ItemText(reading, "SEC", TrackedChanges::kAccept), "Passwords\n\nIntro of the section.");
  EXPECT_EQ(ItemText(reading, "S1", TrackedChanges::kAccept),
            "Passwords shall be at least 16 characters long.\n\nNew sentence.");
  EXPECT_EQ(ItemText(reading, "S1", TrackedChanges::kReject), "Passwords shall be at least 14 characters long.");
  EXPECT_EQ(ItemText(reading, "S2", TrackedChanges::kAccept),
            "First paragraph\n\nSecond\tpassword, e-mail\nsee 1.1");
  // A deleted statement has no text once its deletion is accepted.
  EXPECT_EQ(ItemText(reading, "S3", TrackedChanges::kAccept), "");
  EXPECT_EQ(ItemText(reading, "S3", TrackedChanges::kReject), "Old rule.");
  EXPECT_EQ(ItemText(reading, "SEC2", TrackedChanges::kAccept), "Records\n\nCell A\n\nCell B");
  EXPECT_EQ(ItemText(reading, "unknown", TrackedChanges::kAccept), "");
}

TEST(EmitDocxAnchors, ParagraphsKnowTheirItemsStyleTableAndTrackedChanges) {
  const DocxReading reading = Read(EditedParts());
  ASSERT_EQ(reading.paragraphs.size(), 13u);
  const DocxParagraph* heading = ParagraphStarting(reading, "1 Passwords");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->anchors, std::vector<std::string>{"SEC"});  // not Word's hidden _Toc1
  EXPECT_EQ(heading->style, "Heading1");
  const DocxParagraph* replaced = ParagraphStarting(reading, "1.1");
  ASSERT_NE(replaced, nullptr);
  EXPECT_EQ(replaced->anchors, (std::vector<std::string>{"SEC", "S1"}));
  ASSERT_EQ(replaced->runs.size(), 4u);
  EXPECT_EQ(replaced->runs[0].kind, DocxRun::Kind::kText);
  EXPECT_EQ(replaced->runs[1].kind, DocxRun::Kind::kDeleted);
  EXPECT_EQ(replaced->runs[1].text, "14");
  EXPECT_EQ(replaced->runs[1].author, "Ann Client");
  EXPECT_EQ(replaced->runs[1].date, "2026-12-01T10:00:00Z");
  EXPECT_EQ(replaced->runs[2].kind, DocxRun::Kind::kInserted);
  EXPECT_EQ(replaced->runs[2].text, "16");
  EXPECT_EQ(replaced->runs[3].text, " characters long.");
  const DocxParagraph* added = ParagraphStarting(reading, "New sentence.");
  ASSERT_NE(added, nullptr);
  EXPECT_TRUE(added->inserted);
  EXPECT_FALSE(added->deleted);
  // LibreOffice's second start of S2 does not end S2 at the first paragraph.
  const DocxParagraph* second = ParagraphStarting(reading, "Second");
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->anchors, (std::vector<std::string>{"SEC", "S2"}));
  const DocxParagraph* meta = ParagraphStarting(reading, "Responsible: All Staff");
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(meta->style, "StatementMeta");
  EXPECT_EQ(meta->anchors, (std::vector<std::string>{"SEC", "S2"}));
  const DocxParagraph* deleted = ParagraphStarting(reading, "1.3");
  ASSERT_NE(deleted, nullptr);
  EXPECT_TRUE(deleted->deleted);
  const DocxParagraph* cell = ParagraphStarting(reading, "Cell B");
  ASSERT_NE(cell, nullptr);
  EXPECT_TRUE(cell->in_table);
  EXPECT_EQ(cell->anchors, std::vector<std::string>{"SEC2"});
  const DocxParagraph* after = ParagraphStarting(reading, "After");
  ASSERT_NE(after, nullptr);
  EXPECT_TRUE(after->anchors.empty());
  EXPECT_FALSE(after->in_table);
}

TEST(EmitDocxAnchors, ACommentKnowsItsAuthorTextAndTheItemsItCovers) {
  const DocxReading reading = Read(EditedParts());
  ASSERT_EQ(reading.comments.size(), 1u);
  EXPECT_EQ(reading.comments[0].author, "Ann Client");
  EXPECT_EQ(reading.comments[0].date, "2026-12-02T09:30:00Z");
  EXPECT_EQ(reading.comments[0].text, "Is this still true?\nAsk IT.");
  EXPECT_EQ(reading.comments[0].anchors, std::vector<std::string>{"S2"});
}

TEST(EmitDocxAnchors, TheFileSaysWhatItWasBuiltAs) {
  const DocxReading reading = Read(EditedParts());
  EXPECT_EQ(reading.properties.at("policyc-profile"), "acme");
  EXPECT_EQ(reading.properties.at("document-id"), "password-policy");
  EXPECT_EQ(reading.built_as.profile, "acme");
  EXPECT_EQ(reading.built_as.document, "password-policy");
  EXPECT_EQ(reading.built_as.version, "1.2");
  ASSERT_EQ(reading.base.size(), kItems.size());
  EXPECT_EQ(reading.base[1].item_id, "password-length");
  EXPECT_EQ(reading.base[1].number, "1.1");
}

TEST(EmitDocxAnchors, WithoutAPolicycPartEveryVisibleBookmarkIsAnAnchor) {
  ZipEntries parts = {{"word/document.xml", kDocument}};
  const DocxReading reading = Read(parts);
  EXPECT_TRUE(reading.base.empty());
  EXPECT_EQ(reading.built_as.profile, "");
  const DocxParagraph* heading = ParagraphStarting(reading, "1 Passwords");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->anchors, std::vector<std::string>{"SEC"});
  // No base, so no number is known to strip.
  EXPECT_EQ(ItemText(reading, "S3", TrackedChanges::kReject), "1.3 Old rule.");
}

// ---------------------------------------------------------------------------
// The policyc part

TEST(EmitDocxAnchors, TheBaseReadsBackExactlyAsWritten) {
  ZipEntries parts = EditedParts();
  std::vector<DocxAnchorBase> items = kItems;
  items[1].text = "Less than <16> & \"more\" than 'ten'\n\n\tindented  twice  \r\nand on";
  items[2].number = "1.2\t\"b\"";
  AddAnchorBase(parts, items);  // replaces the part
  const DocxReading reading = Read(parts);
  ASSERT_EQ(reading.base.size(), items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(reading.base[i].bookmark, items[i].bookmark);
    EXPECT_EQ(reading.base[i].item_id, items[i].item_id);
    EXPECT_EQ(reading.base[i].kind, items[i].kind);
    EXPECT_EQ(reading.base[i].number, items[i].number);
    EXPECT_EQ(reading.base[i].text, items[i].text);
  }
  int anchor_parts = 0;
  for (const auto& [name, bytes] : parts) anchor_parts += bytes.find("urn:policyc:anchors:1\" profile") != std::string::npos;
  EXPECT_EQ(anchor_parts, 1);
}

TEST(EmitDocxAnchors, ThePartIsDeclaredAsWordExpectsACustomXmlPart) {
  const ZipEntries parts = EditedParts();
  std::map<std::string, std::string> by_name(parts.begin(), parts.end());
  ASSERT_TRUE(by_name.count("customXml/item1.xml"));
  EXPECT_EQ(by_name["customXml/item1.xml"].rfind(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<anchors xmlns=\"urn:policyc:anchors:1\" "
                "profile=\"acme\" document=\"password-policy\" version=\"1.2\">\n<item bookmark=\"SEC\" id=\"passwords\" "
                "kind=\"section\" number=\"1\"></item>\n",
                0),
            0u)
      << by_name["customXml/item1.xml"];
  EXPECT_NE(by_name["customXml/itemProps1.xml"].find("<ds:schemaRef ds:uri=\"urn:policyc:anchors:1\"/>"),
            std::string::npos);
  EXPECT_NE(by_name["customXml/_rels/item1.xml.rels"].find("relationships/customXmlProps\" Target=\"itemProps1.xml\""),
            std::string::npos);
  EXPECT_NE(by_name["word/_rels/document.xml.rels"].find("relationships/customXml\" Target=\"../customXml/item1.xml\""),
            std::string::npos);
  EXPECT_NE(by_name["[Content_Types].xml"].find("<Override PartName=\"/customXml/itemProps1.xml\" ContentType=\""
                                                "application/vnd.openxmlformats-officedocument.customXmlProperties+xml\""),
            std::string::npos);
  // Another custom XML part (Word keeps its own there) is left alone.
  ZipEntries with_other = {{"word/document.xml", kDocument}, {"customXml/item1.xml", "<b:Sources />"}};
  AddAnchorBase(with_other, kItems);
  EXPECT_EQ(with_other[1].second, "<b:Sources />");
  EXPECT_EQ(with_other[2].first, "customXml/item2.xml");
  EXPECT_EQ(Read(with_other).base.size(), kItems.size());
}

TEST(EmitDocxAnchors, RecordingTheBaseMakesAnUneditedFileReadAsNoChange) {
  ZipEntries parts = {{"word/document.xml", kDocument}, {"docProps/custom.xml", kCustom}};
  std::string error;
  ASSERT_TRUE(RecordAnchorBase(parts, kItems, &error)) << error;
  const DocxReading reading = Read(parts);
  ASSERT_EQ(reading.base.size(), kItems.size());
  // The base is the text with tracked changes accepted, as a built file has none.
  EXPECT_EQ(reading.base[1].text, "Passwords shall be at least 16 characters long.\n\nNew sentence.");
  for (const DocxAnchorBase& item : reading.base) {
    EXPECT_EQ(ItemText(reading, item.bookmark, TrackedChanges::kAccept), item.text) << item.bookmark;
  }
  std::vector<DocxAnchorBase> missing = kItems;
  missing.push_back({"S9", "lost", "statement", "1.9", ""});
  EXPECT_FALSE(RecordAnchorBase(parts, missing, &error));
  EXPECT_EQ(error, "the bookmark of statement 'lost' (S9) covers no paragraph of the DOCX, so an import could not "
                   "find its edits");
}

// ---------------------------------------------------------------------------
// Files that are not what they say

TEST(EmitDocxAnchors, AFileThatIsNotAReadableDocxIsRefusedWithAReason) {
  std::string error;
  EXPECT_FALSE(ReadDocxAnchors({{"xl/workbook.xml", "<workbook />"}}, &error).has_value());
  EXPECT_EQ(error, "it has no word/document.xml, so it is not a Word document");
  EXPECT_FALSE(ReadDocxAnchors({{"word/document.xml", "<w:document " + kW + "><w:body>"}}, &error).has_value());
  EXPECT_EQ(error, "word/document.xml is not well-formed XML");
  EXPECT_FALSE(ReadDocxAnchors({{"word/document.xml", "<html><body /></html>"}}, &error).has_value());
  EXPECT_EQ(error, "word/document.xml is not a Word document's body (no w:document with a w:body)");
  // An entity that would read a file of the building machine, or expand a billion times.
  const std::string entity = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                             "<w:document " + kW + "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  EXPECT_FALSE(ReadDocxAnchors({{"word/document.xml", entity}}, &error).has_value());
  EXPECT_EQ(error, "word/document.xml declares a DOCTYPE, which no Word or LibreOffice document has; it is refused");
  EXPECT_FALSE(
      ReadDocxAnchors({{"word/document.xml", kDocument}, {"word/comments.xml", "<w:comments"}}, &error).has_value());
  EXPECT_EQ(error, "word/comments.xml is not well-formed XML");
  EXPECT_FALSE(
      ReadDocxAnchors({{"word/document.xml", std::string((size_t{64} << 20) + 1, ' ')}}, &error).has_value());
  EXPECT_EQ(error, "word/document.xml is 67108865 bytes, more than the 64 MB a document's part may have");
}

// ---------------------------------------------------------------------------
// A real editor's file

// tests/data/docx/README.md says how the fixtures were made: pack
// documents opened and saved as DOCX by LibreOffice.
TEST(EmitDocxAnchors, ADocxSavedByLibreOfficeKeepsEveryAnchorAndItsBase) {
  for (const std::string document : {"clear-desk-standard", "training-matrix"}) {
    SCOPED_TRACE(document);
    std::string error;
    auto parts = ReadZip(testing::SourceDir() + "/tests/data/docx/" + document + ".libreoffice.docx", &error);
    ASSERT_TRUE(parts.has_value()) << error;
    std::map<std::string, std::string> by_name(parts->begin(), parts->end());
    ASSERT_NE(by_name["docProps/app.xml"].find("LibreOffice"), std::string::npos);  // it did go through LibreOffice
    const DocxReading reading = Read(*parts);
    EXPECT_EQ(reading.built_as.document, document);
    EXPECT_EQ(reading.built_as.profile, "brightwater");
    EXPECT_EQ(reading.properties.at("policyc-profile"), "brightwater");
    ASSERT_GE(reading.base.size(), 2u);
    std::set<std::string> anchored;
    for (const DocxParagraph& paragraph : reading.paragraphs) {
      anchored.insert(paragraph.anchors.begin(), paragraph.anchors.end());
    }
    for (const DocxAnchorBase& item : reading.base) {
      EXPECT_TRUE(anchored.count(item.bookmark)) << item.item_id;
      EXPECT_FALSE(item.text.empty()) << item.item_id;
      EXPECT_EQ(ItemText(reading, item.bookmark, TrackedChanges::kAccept), item.text) << item.item_id;
      EXPECT_EQ(ItemText(reading, item.bookmark, TrackedChanges::kReject), item.text) << item.item_id;
    }
  }
}

TEST(EmitDocxAnchors, TheCompiledLinesKeepTheirStyleThroughLibreOffice) {
  std::string error;
  auto parts = ReadZip(testing::SourceDir() + "/tests/data/docx/clear-desk-standard.libreoffice.docx", &error);
  ASSERT_TRUE(parts.has_value()) << error;
  const DocxReading reading = Read(*parts);
  std::vector<std::string> meta;
  for (const DocxParagraph& paragraph : reading.paragraphs) {
    if (paragraph.style != "StatementMeta") continue;
    ASSERT_FALSE(paragraph.runs.empty());
    meta.push_back(paragraph.runs[0].text);
    EXPECT_EQ(paragraph.anchors.size(), 2u) << paragraph.runs[0].text;  // a section's statement's
  }
  ASSERT_EQ(meta.size(), 7u);
  EXPECT_EQ(meta[0], "Responsible: IT Manager · Annex A: A.7.7");
}

}  // namespace
}  // namespace policyc::emit
