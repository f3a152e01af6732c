// End-to-end builds of the bundled example organisation in every format,
// through Pandoc and WeasyPrint. These skip only where Pandoc is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/process.h"
#include "base/strings.h"
#include "emit/docx_anchors.h"
#include "render/slide_deck.h"
#include "support/test_support.h"

namespace policyc {
namespace {

namespace fs = std::filesystem;

std::string Output(const std::vector<std::string>& argv) {
  base::ProcessResult r = base::RunProcess({argv, {}, std::chrono::seconds(60), {}});
  return r.output;
}

/// XML text with its five entities replaced by the characters they stand for.
std::string Unescaped(std::string text) {
  for (const auto& [entity, character] : {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"},
                                          {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, entity.size(), character);
    }
  }
  return text;
}

/// The text of the first <tag>…</tag> in `xml`, or "" when there is none.
std::string ElementText(const std::string& xml, const std::string& tag) {
  const size_t open = xml.find("<" + tag + ">");
  if (open == std::string::npos) return "";
  const size_t start = open + tag.size() + 2;
  return Unescaped(xml.substr(start, xml.find("</" + tag + ">", start) - start));
}

/// Every value of attribute `name` in `xml`, as written.
std::vector<std::string> AttributeValues(const std::string& xml, const std::string& name) {
  std::vector<std::string> out;
  const std::string key = " " + name + "=\"";
  for (size_t at = xml.find(key); at != std::string::npos; at = xml.find(key, at + 1)) {
    const size_t start = at + key.size();
    out.push_back(xml.substr(start, xml.find('"', start) - start));
  }
  return out;
}

/// Document id → title, as pack.json has them.
std::map<std::string, std::string> DocumentTitles(const std::string& pack) {
  std::map<std::string, std::string> out;
  const nlohmann::json json = nlohmann::json::parse(testing::ReadFileOrEmpty(pack + "/pack.json"));
  for (const auto& doc : json["documents"]) {
    out[doc["id"].get<std::string>()] = doc["title"].get<std::string>();
  }
  return out;
}

class PackBuild : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!base::FindProgram("pandoc") || !base::FindProgram("weasyprint")) return;
    // One output folder for every test of the suite (each runs in its own
    // process under CTest): the first builds the pack, the others rebuild
    // it incrementally, which converts nothing.
    out_ = new std::string(POLICYC_PACK_TEST_OUTPUT);
    result_ = new base::ProcessResult(testing::RunPolicyc({"build", "examples/brightwater", "-o", *out_}));
  }
  static void TearDownTestSuite() {
    delete out_;
    delete result_;
    out_ = nullptr;
    result_ = nullptr;
  }
  void SetUp() override {
    if (!out_) GTEST_SKIP() << "pandoc or weasyprint is not installed";
    ASSERT_EQ(result_->exit_code, 0) << result_->errors;
  }
  static std::string Pack() { return *out_ + "/brightwater"; }

  static std::string* out_;
  static base::ProcessResult* result_;
};
std::string* PackBuild::out_ = nullptr;
base::ProcessResult* PackBuild::result_ = nullptr;

TEST_F(PackBuild, WritesEveryFormatForEveryDocument) {
  for (const char* doc : {"information-security-policy", "access-control-policy",
                          "incident-management-procedure", "clear-desk-standard"}) {
    EXPECT_TRUE(fs::exists(Pack() + "/" + doc + ".html")) << doc;
    EXPECT_TRUE(fs::exists(Pack() + "/docx/" + doc + ".docx")) << doc;
    EXPECT_TRUE(fs::exists(Pack() + "/pdf/" + doc + ".pdf")) << doc;
  }
  EXPECT_TRUE(fs::exists(Pack() + "/index.html"));
  // Derived documents, in every format; training modules also as slides.
  for (const char* doc : {"statement-of-applicability", "role-descriptions", "risk-register",
                          "risk-treatment-plan", "internal-audit-programme", "training-all-staff"}) {
    EXPECT_TRUE(fs::exists(Pack() + "/docx/" + std::string(doc) + ".docx")) << doc;
    EXPECT_TRUE(fs::exists(Pack() + "/pdf/" + std::string(doc) + ".pdf")) << doc;
  }
  EXPECT_TRUE(fs::exists(Pack() + "/pptx/training-all-staff.pptx"));
  EXPECT_FALSE(fs::exists(Pack() + "/pptx/access-control-policy.pptx"));
  EXPECT_TRUE(fs::exists(Pack() + "/soa.csv"));
  EXPECT_TRUE(fs::exists(Pack() + "/risk-heatmap-inherent.svg"));
  EXPECT_TRUE(fs::exists(Pack() + "/logo.png"));
  EXPECT_NE(testing::ReadFileOrEmpty(Pack() + "/index.html").find("<img class=\"logo\" src=\"logo.png\""),
            std::string::npos);
  EXPECT_TRUE(fs::exists(Pack() + "/pack.json"));
  // Nothing of the staging folder is left behind.
  for (const auto& entry : fs::directory_iterator(*out_)) {
    EXPECT_EQ(entry.path().filename().string().find(".brightwater."), std::string::npos) << entry.path();
  }
  EXPECT_FALSE(fs::exists(Pack() + "/.work"));
}

TEST_F(PackBuild, DocxCarriesOrganisationAndDocumentControl) {
  const std::string docx = Pack() + "/docx/access-control-policy.docx";
  const std::string body = Output({"unzip", "-p", docx, "word/document.xml"});
  EXPECT_NE(body.find("Brightwater Analytics Ltd"), std::string::npos);
  EXPECT_NE(body.find("Document control"), std::string::npos);
  EXPECT_NE(body.find("Next review"), std::string::npos);
  // Next review: 12 months after the last approval in the committed
  // release record.
  const std::string record =
      testing::ReadFileOrEmpty(testing::SourceDir() + "/examples/brightwater/profile.release.xml");
  const size_t entry = record.find("<document id=\"access-control-policy\"");
  ASSERT_NE(entry, std::string::npos);
  const size_t last = record.rfind("<revision ", record.find("</document>", entry));
  ASSERT_TRUE(last != std::string::npos && last > entry);
  const std::string revision = record.substr(last, 200);
  std::smatch date;
  ASSERT_TRUE(std::regex_search(revision, date, std::regex("date=\"([0-9-]{10})\""))) << revision;
  const std::string next_review = base::AddMonths(date[1].str(), 12);
  EXPECT_NE(body.find(next_review), std::string::npos) << next_review;
  EXPECT_EQ(body.find("DRAFT"), std::string::npos) << "released and unchanged: no draft mark";
  EXPECT_NE(body.find("<w:tbl>"), std::string::npos) << "document control is a real table";
  const std::string core = Output({"unzip", "-p", docx, "docProps/core.xml"});
  EXPECT_NE(core.find("Access Control Policy"), std::string::npos);
  const std::string custom = Output({"unzip", "-p", docx, "docProps/custom.xml"});
  EXPECT_NE(custom.find("name=\"classification\"><vt:lpwstr>internal"), std::string::npos) << custom;
  EXPECT_NE(custom.find("name=\"version\""), std::string::npos) << custom;
  // Header and footer carry the real values, visible without updating fields.
  const std::string header = Output({"unzip", "-p", docx, "word/header1.xml"});
  EXPECT_NE(header.find(">Brightwater Analytics<"), std::string::npos) << header;
  EXPECT_NE(header.find(">Access Control Policy<"), std::string::npos) << header;
  EXPECT_NE(header.find(">Internal<"), std::string::npos) << header;
  const std::string footer = Output({"unzip", "-p", docx, "word/footer1.xml"});
  EXPECT_NE(footer.find("access-control-policy · version "), std::string::npos) << footer;
  EXPECT_NE(footer.find(" NUMPAGES "), std::string::npos) << footer;
  EXPECT_NE(body.find("<w:pgSz w:h=\"16838\" w:w=\"11906\" />"), std::string::npos) << "A4";
  EXPECT_NE(body.find("TOC \\o"), std::string::npos) << "a Contents field";
  EXPECT_NE(body.find("<w:pStyle w:val=\"TOC1\" />"), std::string::npos) << "filled before any update";
  // The client's logo sits in the header.
  EXPECT_NE(header.find("r:embed=\"rIdPcLogo\""), std::string::npos) << header;
  EXPECT_EQ(Output({"unzip", "-p", docx, "word/media/policyc-logo.png"}),
            testing::ReadFileOrEmpty(testing::SourceDir() + "/examples/brightwater/logo.png"));
}

TEST_F(PackBuild, EveryDocxNamesTheOrganisationAndOpensWithoutAPromptOnAWorkingContentsList) {
  const auto titles = DocumentTitles(Pack());
  int documents = 0;
  std::vector<std::string> pictures;
  for (const auto& entry : fs::directory_iterator(Pack() + "/docx")) {
    const std::string docx = entry.path().string();
    ++documents;
    const std::string core = Output({"unzip", "-p", docx, "docProps/core.xml"});
    EXPECT_EQ(ElementText(core, "dc:creator"), "Brightwater Analytics Ltd") << docx;
    const std::string title = ElementText(core, "dc:title");
    EXPECT_EQ(title, titles.at(entry.path().stem().string())) << docx;
    EXPECT_EQ(title.find('\n'), std::string::npos) << docx;
    // Either of these makes Word ask "update the fields?" on every open.
    EXPECT_EQ(Output({"unzip", "-p", docx, "word/settings.xml"}).find("updateFields"), std::string::npos) << docx;
    const std::string body = Output({"unzip", "-p", docx, "word/document.xml"});
    EXPECT_EQ(body.find("w:dirty"), std::string::npos) << docx;
    // The contents list is there without updating: one line per heading,
    // each a link to a bookmark in the document.
    const size_t contents = body.find("<w:sdtContent>");
    ASSERT_NE(contents, std::string::npos) << docx;
    const std::string list = body.substr(contents, body.find("</w:sdtContent>") - contents);
    const std::vector<std::string> anchors = AttributeValues(list, "w:anchor");
    const std::vector<std::string> styles = AttributeValues(list, "w:val");
    const auto lines = static_cast<size_t>(std::count(styles.begin(), styles.end(), "TOC1") +
                                           std::count(styles.begin(), styles.end(), "TOC2"));
    EXPECT_GE(anchors.size(), 2u) << docx;
    EXPECT_EQ(anchors.size(), lines) << docx;
    for (const std::string& anchor : anchors) {
      EXPECT_NE(body.find("w:name=\"" + anchor + "\""), std::string::npos) << docx << ": no bookmark " << anchor;
    }
    // A picture is described by short alt text, never by its source.
    for (const std::string& description : AttributeValues(body, "descr")) {
      EXPECT_LE(description.size(), 200u) << docx << ": " << description.substr(0, 80);
      EXPECT_NE(description.rfind("data:", 0), 0u) << docx;
      pictures.push_back(entry.path().filename().string() + ": " + description);
    }
  }
  EXPECT_GE(documents, 60);
  // The heat maps: the drawing's description and its picture's.
  EXPECT_EQ(std::count(pictures.begin(), pictures.end(), "risk-register.docx: Inherent risk heat map"), 2);
  EXPECT_EQ(std::count(pictures.begin(), pictures.end(), "risk-treatment-plan.docx: Residual risk heat map"), 2);
}

/// Each document's sections and statements as pack.json has them: id → kind.
std::map<std::string, std::map<std::string, std::string>> DocumentItems(const std::string& pack) {
  std::map<std::string, std::map<std::string, std::string>> out;
  const nlohmann::json json = nlohmann::json::parse(testing::ReadFileOrEmpty(pack + "/pack.json"));
  std::function<void(const std::string&, const nlohmann::json&)> walk = [&](const std::string& doc,
                                                                           const nlohmann::json& section) {
    out[doc][section["id"].get<std::string>()] = "section";
    for (const auto& item : section["items"]) {
      if (item["type"] == "section") {
        walk(doc, item);
      } else {
        out[doc][item["id"].get<std::string>()] = "statement";
      }
    }
  };
  for (const auto& doc : json["documents"]) {
    for (const auto& section : doc["sections"]) walk(doc["id"].get<std::string>(), section);
  }
  return out;
}

// Issue 16: every section and statement has its anchor, and the base the
// DOCX records is what reading the unedited file gives, so an import of it
// finds no change by construction. Every link within a document reaches a
// bookmark of it (Word breaks a link to a name it does not allow).
TEST_F(PackBuild, EveryDocxAnchorsEachSectionAndStatementWithItsTextAsBuilt) {
  const auto items = DocumentItems(Pack());
  const std::regex kWordName("[A-Za-z][A-Za-z0-9_]{0,39}");
  int statements = 0, meta_lines = 0;
  for (const auto& entry : fs::directory_iterator(Pack() + "/docx")) {
    const std::string docx = entry.path().string(), id = entry.path().stem().string();
    std::string error;
    auto parts = emit::ReadZip(docx, &error);
    ASSERT_TRUE(parts.has_value()) << error;
    auto reading = emit::ReadDocxAnchors(*parts, &error);
    ASSERT_TRUE(reading.has_value()) << docx << ": " << error;
    EXPECT_EQ(reading->built_as.profile, "brightwater") << docx;
    EXPECT_EQ(reading->properties["policyc-profile"], "brightwater") << docx;
    EXPECT_EQ(reading->built_as.document, id) << docx;
    std::map<std::string, std::string> anchored;  // item id → kind, from the file
    std::set<std::string> covering;
    for (const auto& paragraph : reading->paragraphs) covering.insert(paragraph.anchors.begin(), paragraph.anchors.end());
    for (const emit::DocxAnchorBase& item : reading->base) {
      anchored[item.item_id] = item.kind;
      statements += item.kind == "statement";
      EXPECT_EQ(item.bookmark, emit::WordBookmarkName(item.item_id)) << docx;
      EXPECT_TRUE(std::regex_match(item.bookmark, kWordName)) << docx << ": " << item.bookmark;
      EXPECT_TRUE(covering.count(item.bookmark)) << docx << ": " << item.item_id;
      EXPECT_EQ(emit::ItemText(*reading, item.bookmark, emit::TrackedChanges::kAccept), item.text)
          << docx << ": " << item.item_id;
      if (item.kind == "statement") {
        EXPECT_FALSE(item.text.empty()) << docx << ": " << item.item_id;
      }
    }
    const auto expected = items.count(id) ? items.at(id) : std::map<std::string, std::string>{};
    EXPECT_EQ(anchored, expected) << docx;
    const std::string body = Output({"unzip", "-p", docx, "word/document.xml"});
    // A statement's compiled line follows its text, whose last paragraph
    // keeps with it (unless the text ends in a table, whose rows never
    // break).
    const std::string kMeta = "<w:pStyle w:val=\"StatementMeta\" />";
    for (size_t at = body.find(kMeta); at != std::string::npos; at = body.find(kMeta, at + 1)) {
      ++meta_lines;
      const size_t previous_end = body.rfind("</w:p>", at);
      const size_t previous = body.rfind("<w:p>", previous_end), attributed = body.rfind("<w:p ", previous_end);
      const size_t start = attributed == std::string::npos ? previous : std::max(previous, attributed);
      const size_t table_end = body.rfind("</w:tbl>", at);
      if (table_end != std::string::npos && table_end > previous_end) continue;
      EXPECT_NE(body.substr(start, previous_end - start).find("<w:keepNext />"), std::string::npos)
          << docx << ": " << body.substr(start, std::min<size_t>(300, previous_end - start));
    }
    const std::vector<std::string> names = AttributeValues(body, "w:name");
    for (const std::string& anchor : AttributeValues(body, "w:anchor")) {
      EXPECT_NE(std::find(names.begin(), names.end(), anchor), names.end()) << docx << ": no bookmark " << anchor;
    }
  }
  EXPECT_GE(statements, 500);
  EXPECT_GE(meta_lines, 500);
}

TEST_F(PackBuild, EveryPdfHasAOneLineTitleAndTheOrganisationAsAuthor) {
  const auto titles = DocumentTitles(Pack());
  int documents = 0;
  for (const auto& entry : fs::directory_iterator(Pack() + "/pdf")) {
    const std::string info = Output({"pdfinfo", entry.path().string()});
    ++documents;
    // pdfinfo prints a title with a line break as two lines, the second
    // without a "Field:" of its own.
    for (const std::string& line : base::Split(base::Trim(info), '\n')) {
      EXPECT_TRUE(std::regex_search(line, std::regex("^[A-Za-z ]+:( |$)"))) << entry.path() << ": " << line;
    }
    EXPECT_NE(info.find("Title:           " + titles.at(entry.path().stem().string()) + " — Brightwater Analytics\n"),
              std::string::npos)
        << info;
    EXPECT_NE(info.find("Author:          Brightwater Analytics Ltd\n"), std::string::npos) << info;
  }
  EXPECT_GE(documents, 60);
}

TEST_F(PackBuild, PptxCarriesTheBrandColourFontAndLogo) {
  const std::string pptx = Pack() + "/pptx/training-all-staff.pptx";
  const std::string theme = Output({"unzip", "-p", pptx, "ppt/theme/theme1.xml"});
  // Brightwater's primary colour is #0B5D7A; no font is named, so Arial.
  EXPECT_NE(theme.find("<a:dk2><a:srgbClr val=\"0B5D7A\""), std::string::npos) << theme.substr(0, 800);
  EXPECT_NE(theme.find("<a:accent1><a:srgbClr val=\"0B5D7A\""), std::string::npos);
  EXPECT_NE(theme.find("<a:majorFont><a:latin typeface=\"Arial\""), std::string::npos);
  // The logo is in the deck and the slide master and title layout show it.
  EXPECT_EQ(Output({"unzip", "-p", pptx, "ppt/media/policyc-logo.png"}),
            testing::ReadFileOrEmpty(testing::SourceDir() + "/examples/brightwater/logo.png"));
  for (const char* part : {"ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout1.xml"}) {
    const std::string xml = Output({"unzip", "-p", pptx, part});
    const std::string rels = Output({"unzip", "-p", pptx, std::string(part).insert(std::string(part).rfind('/') + 1, "_rels/") + ".rels"});
    EXPECT_NE(xml.find("<a:blip r:embed=\"rIdPcLogo\""), std::string::npos) << part;
    EXPECT_NE(rels.find("Id=\"rIdPcLogo\""), std::string::npos) << rels;
    EXPECT_NE(rels.find("Target=\"../media/policyc-logo.png\""), std::string::npos) << rels;
  }
  // The file's properties, which Pandoc leaves empty.
  const std::string core = Output({"unzip", "-p", pptx, "docProps/core.xml"});
  EXPECT_EQ(ElementText(core, "dc:title"), DocumentTitles(Pack()).at("training-all-staff")) << core;
  EXPECT_EQ(ElementText(core, "dc:creator"), "Brightwater Analytics Ltd") << core;
  const std::string types = Output({"unzip", "-p", pptx, "\\[Content_Types\\].xml"});
  EXPECT_NE(types.find("PartName=\"/ppt/media/policyc-logo.png\" ContentType=\"image/png\""), std::string::npos) << types;
}

/// The text of each paragraph of `xml` between `from` and `to`.
std::vector<std::string> Paragraphs(const std::string& xml, size_t from, size_t to) {
  std::vector<std::string> out;
  for (size_t p = xml.find("<a:p>", from); p < to; p = xml.find("<a:p>", p + 1)) {
    const size_t end = xml.find("</a:p>", p);
    std::string text;
    for (size_t t = xml.find("<a:t>", p); t < end; t = xml.find("<a:t>", t + 1)) {
      text += xml.substr(t + 5, xml.find("</a:t>", t) - t - 5);
    }
    out.push_back(Unescaped(text));
  }
  return out;
}

TEST_F(PackBuild, PptxSlidesStayWithinTheLineBudgetAndKeepAnswersInTheNotes) {
  const render::SlideLayout layout;
  int decks = 0;
  for (const auto& entry : fs::directory_iterator(Pack() + "/pptx")) {
    const std::string pptx = entry.path().string();
    ++decks;
    int slides = 0, notes_with_answers = 0, answer_keys = 0;
    for (const std::string& name : base::Split(Output({"unzip", "-Z1", pptx}), '\n')) {
      const std::string xml = Output({"unzip", "-p", pptx, name});
      if (name.rfind("ppt/slides/slide", 0) == 0) {
        ++slides;
        EXPECT_EQ(xml.find("What the rules say"), std::string::npos) << pptx << " " << name;
        EXPECT_EQ(xml.find(">Answer key<"), std::string::npos) << pptx << " " << name;
        // Body text: six sixths a wrapped line, one for the space before each paragraph.
        const size_t body = xml.find("<p:ph idx=\"1\"");
        if (body == std::string::npos) continue;
        int cost = 0;
        std::string text;
        for (const std::string& paragraph : Paragraphs(xml, body, xml.find("</p:txBody>", body))) {
          cost += 6 * render::WrappedLines(paragraph, layout.chars_per_line) + 1;
          text += paragraph + " / ";
        }
        EXPECT_LE(cost, layout.budget_sixths) << pptx << " " << name << ": " << text;
      }
      if (name.rfind("ppt/notesSlides/notesSlide", 0) == 0) {
        notes_with_answers += xml.find("What the rules say") != std::string::npos;
        answer_keys += xml.find(">Answer key<") != std::string::npos;
      }
    }
    EXPECT_GT(slides, 5) << pptx;
    EXPECT_GE(notes_with_answers, 1) << pptx << ": scenario answers in the speaker notes";
    EXPECT_GE(answer_keys, 1) << pptx << ": the quiz's answers in the speaker notes";
  }
  EXPECT_GE(decks, 5);
}

TEST_F(PackBuild, PdfShowsOrganisationDocumentControlAndPageNumbers) {
  const std::string pdf = Pack() + "/pdf/access-control-policy.pdf";
  const std::string text = Output({"pdftotext", "-layout", pdf, "-"});
  EXPECT_NE(text.find("Brightwater Analytics"), std::string::npos);
  EXPECT_NE(text.find("Document control"), std::string::npos);
  EXPECT_NE(text.find("Page 1 of"), std::string::npos);
  EXPECT_NE(text.find("INTERNAL"), std::string::npos);
  EXPECT_EQ(text.find("{{"), std::string::npos) << "no unresolved variable reaches the output";
  EXPECT_EQ(testing::ReadFileOrEmpty(pdf).find("file://"), std::string::npos)
      << "no link may point into the machine that built the pack";
  const std::string info = Output({"pdfinfo", pdf});
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
}

TEST_F(PackBuild, HtmlLinksResolveToExistingPages) {
  const std::string page = testing::ReadFileOrEmpty(Pack() + "/information-security-policy.html");
  size_t at = 0;
  int links = 0;
  while ((at = page.find("href=\"", at)) != std::string::npos) {
    at += 6;
    std::string href = page.substr(at, page.find('"', at) - at);
    std::string file = href.substr(0, href.find('#'));
    if (file.empty()) continue;
    EXPECT_TRUE(fs::exists(Pack() + "/" + file)) << href;
    ++links;
  }
  EXPECT_GT(links, 5);
}

TEST_F(PackBuild, RebuildGivesByteIdenticalFilesInEveryFormat) {
  const std::string again = testing::MakeTempDir();
  auto r = testing::RunPolicyc({"build", "examples/brightwater", "-o", again});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(again + "/brightwater")) {
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), again + "/brightwater").string();
    ++compared;
    EXPECT_EQ(testing::ReadFileOrEmpty(entry.path().string()),
              testing::ReadFileOrEmpty(Pack() + "/" + name))
        << name;
  }
  EXPECT_GE(compared, 15);
  fs::remove_all(again);
}

TEST_F(PackBuild, AnInterruptedBuildLeavesThePreviousPackAndNoStrayFiles) {
  const std::string out = testing::MakeTempDir();
  auto first = testing::RunPolicyc({"build", "examples/lantern-carers", "-o", out, "--format", "html"});
  ASSERT_EQ(first.exit_code, 0) << first.errors;
  const std::string before = testing::ReadFileOrEmpty(out + "/lantern-carers/manifest.json");
  // A full build, stopped with SIGTERM while Pandoc and WeasyPrint are running.
  base::ProcessRequest request;
  request.argv = {"sh", "-c",
                  std::string(POLICYC_BINARY) + " build examples/lantern-carers -o " + out +
                      " & pid=$!; sleep 2; kill -TERM $pid; wait $pid; echo \"exit $?\""};
  request.working_dir = testing::SourceDir();
  request.timeout = std::chrono::seconds(120);
  auto run = base::RunProcess(request);
  EXPECT_EQ(run.output, "exit 130\n") << run.errors;
  EXPECT_EQ(testing::ReadFileOrEmpty(out + "/lantern-carers/manifest.json"), before);
  EXPECT_FALSE(fs::exists(out + "/lantern-carers/docx"));
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(out)) left.push_back(entry.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"lantern-carers"});
  fs::remove_all(out);
}

}  // namespace
}  // namespace policyc
