#include "render/html_renderer.h"

#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "base/file_system.h"
#include "load/source_loader.h"
#include "render/links.h"
#include "resolve/resolver.h"
#include "support/test_support.h"

namespace policyc::render {
namespace {

/// The mini test organisation ("Smith & Jones <Ltd>") resolved and rendered.
class RenderHtml : public ::testing::Test {
 protected:
  void SetUp() override {
    load::XmlReader reader(fs_, testing::SourceDir() + "/schemas");
    resolve::ResolveInput input;
    input.layers.push_back(load::LoadLibrary(reader, fs_, testing::SourceDir() + "/tests/data/mini", sink_));
    input.profile = *load::LoadProfile(reader, fs_, testing::SourceDir() + "/tests/data/mini-org", sink_);
    input.compiled_templates =
        load::LoadCompiledTemplates(reader, fs_, testing::SourceDir() + "/templates/compiled", sink_);
    pack_ = resolve::ResolvePack(input, sink_);
    resolve::AddDerivedDocuments(pack_, sink_);
    ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
    templates_ = *LoadTemplates(fs_, testing::SourceDir() + "/templates", sink_);
  }

  struct Parsed {
    std::vector<std::string> errors;  ///< libxml2's, less HTML5 element names it does not know
    std::multiset<std::string> ids;
    std::vector<std::string> hrefs;
    std::string title;
    int images_without_alt = 0;
  };

  static void Walk(xmlNode* node, Parsed& out) {
    for (xmlNode* n = node; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      auto attr = [&](const char* name) -> std::string {
        xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
        std::string s = v ? reinterpret_cast<const char*>(v) : "";
        xmlFree(v);
        return s;
      };
      const std::string tag = reinterpret_cast<const char*>(n->name);
      if (!attr("id").empty()) out.ids.insert(attr("id"));
      if (tag == "a") out.hrefs.push_back(attr("href"));
      if (tag == "img" && !xmlHasProp(n, reinterpret_cast<const xmlChar*>("alt"))) ++out.images_without_alt;
      if (tag == "title") {
        xmlChar* text = xmlNodeGetContent(n);
        out.title = reinterpret_cast<const char*>(text);
        xmlFree(text);
      }
      Walk(n->children, out);
    }
  }

  static Parsed Parse(const std::string& html) {
    Parsed out;
    xmlSetStructuredErrorFunc(&out.errors, [](void* ctx, xmlErrorPtr e) {
      std::string message = e->message ? e->message : "";
      for (const char* html5 : {"header", "nav", "main", "article", "section", "footer"}) {
        if (message.find(std::string("Tag ") + html5 + " invalid") != std::string::npos) return;
      }
      static_cast<std::vector<std::string>*>(ctx)->push_back(std::to_string(e->line) + ": " + message);
    });
    htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), "page.html", "UTF-8",
                                    HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    if (doc) {
      Walk(xmlDocGetRootElement(doc), out);
      xmlFreeDoc(doc);
    }
    return out;
  }

  base::DiskFileSystem fs_;
  base::DiagnosticSink sink_;
  model::ResolvedPack pack_;
  Templates templates_;
};

TEST_F(RenderHtml, PagesParseCleanlyWithUniqueIdsAndWorkingAnchors) {
  HtmlRenderer renderer(templates_, pack_);
  std::map<std::string, Parsed> pages;
  pages["index.html"] = Parse(renderer.IndexPage());
  for (size_t i = 0; i < pack_.documents.size(); ++i) {
    pages[pack_.documents[i].id + ".html"] = Parse(renderer.DocumentPage(i));
  }
  for (const auto& [name, page] : pages) {
    EXPECT_TRUE(page.errors.empty()) << name << ": " << page.errors.front();
    EXPECT_EQ(page.images_without_alt, 0) << name;
    for (const std::string& id : page.ids) EXPECT_EQ(page.ids.count(id), 1u) << name << " #" << id;
    for (const std::string& href : page.hrefs) {
      const size_t hash = href.find('#');
      const std::string file = href.substr(0, hash);
      const std::string target = file.empty() ? name : file;
      if (href.rfind("http", 0) == 0 || href.rfind("mailto:", 0) == 0) continue;
      ASSERT_TRUE(pages.count(target)) << name << " links to missing page " << href;
      if (hash != std::string::npos) {
        EXPECT_TRUE(pages[target].ids.count(href.substr(hash + 1))) << name << " links to missing anchor " << href;
      }
    }
  }
}

TEST_F(RenderHtml, EscapesWhatTheProfileSays) {
  HtmlRenderer renderer(templates_, pack_);
  const std::string index = renderer.IndexPage();
  EXPECT_EQ(Parse(index).title, "Information security management system — Smith & Jones <Ltd>");
  EXPECT_NE(index.find("Smith &amp; Jones &lt;Ltd&gt;"), std::string::npos);
  EXPECT_EQ(index.find("<Ltd>"), std::string::npos);
  const std::string page = renderer.DocumentPage(0);
  EXPECT_NE(page.find("The top-level policy of Smith &amp; Jones &lt;Ltd&gt;."), std::string::npos) << page;
}

// Issue 15, point 5: a "|" a profile or library gives is a "|" in every
// cell of every table, header cells and section titles included (these
// once showed the Markdown escape, "IT \& Ops \| Manager").
TEST(RenderTables, APipeInAValueReadsAsAPipeInEveryTableCell) {
  base::DiskFileSystem fs;
  base::DiagnosticSink sink;
  load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
  resolve::ResolveInput input;
  input.layers.push_back(load::LoadLibrary(reader, fs, testing::SourceDir() + "/tests/data/mini", sink));
  for (model::Role& role : input.layers[0].roles) {
    if (role.id == "it-manager") role.title = "IT & Ops | Manager";
  }
  input.profile = *load::LoadProfile(reader, fs, testing::SourceDir() + "/tests/data/mini-org", sink);
  input.profile.assets.push_back({"server", "Server A|B", "bob", "internal", "Rack | 2", 2, 2, 2, {}});
  input.compiled_templates =
      load::LoadCompiledTemplates(reader, fs, testing::SourceDir() + "/templates/compiled", sink);
  model::ResolvedPack pack = resolve::ResolvePack(input, sink);
  resolve::AddDerivedDocuments(pack, sink);
  ASSERT_FALSE(sink.HasErrors()) << testing::Formatted(sink);
  const Templates templates = *LoadTemplates(fs, testing::SourceDir() + "/templates", sink);
  HtmlRenderer renderer(templates, pack);
  std::map<std::string, std::string> pages;
  for (size_t i = 0; i < pack.documents.size(); ++i) pages[pack.documents[i].id] = renderer.DocumentPage(i);
  EXPECT_NE(pages["asset-inventory"].find(">Server A|B</td>"), std::string::npos);
  EXPECT_NE(pages["asset-inventory"].find(">Rack | 2</td>"), std::string::npos);
  EXPECT_NE(pages["role-descriptions"].find("<th>IT &amp; Ops | Manager</th>"), std::string::npos);
  EXPECT_NE(pages["role-descriptions"].find("</span> IT &amp; Ops | Manager</h2>"), std::string::npos);
  for (const auto& [id, page] : pages) {
    const size_t escape = page.find("\\|");
    EXPECT_EQ(escape, std::string::npos) << id << ": " << page.substr(escape < 80 ? 0 : escape - 80, 120);
    EXPECT_EQ(page.find("\\&"), std::string::npos) << id;
  }
}

// The CSS half of issue 14, point 5: text in a CSS string stays in it.
TEST_F(RenderHtml, CssStringsKeepLineBreaksQuotesAndTagsInside) {
  pack_.organisation.name = "Smith\r} @page { @top-left { content: none } } .x { y: \"";
  pack_.documents[0].title = "Line\nfeed\fform feed \\ back";
  pack_.branding.font = "Arial</style><script>";
  HtmlRenderer renderer(templates_, pack_);
  const std::string css = renderer.PrintCss(0);
  EXPECT_EQ(css.find_first_of("\r\f"), std::string::npos) << css;
  EXPECT_NE(css.find("@top-left { content: \"Smith\\d } @page { @top-left { content: none } } .x { y: \\\"\";"),
            std::string::npos)
      << css;
  EXPECT_NE(css.find("content: \"Line\\a feed\\c form feed \\\\ back\";"), std::string::npos) << css;
  EXPECT_NE(css.find("font-family: \"Arial\\3c /style>\\3c script>\", \"DejaVu Sans\""), std::string::npos) << css;
  const std::string page = renderer.DocumentPage(0);
  EXPECT_EQ(page.find("</style><script>"), std::string::npos) << page;
  EXPECT_NE(page.find("font-family: \"Arial\\3c /style>\\3c script>\", var(--font)"), std::string::npos) << page;
}

TEST_F(RenderHtml, ADraftShowsTheVersionItWillBecomeAndTheLastApprovalApart) {
  // As release/ leaves a document changed since version 1.3 was approved.
  model::ResolvedDocument& doc = pack_.documents[0];
  doc.draft = true;
  doc.version = "2.0";
  doc.approved_version = "1.3";
  doc.approved_date = "2026-10-15";
  doc.approval_date = "";
  doc.next_review = "";
  doc.pending_summary = "Statement 1.1 reworded.";
  doc.revisions = {{"1.3", "2026-10-15", "Ann Smith (Director)", "Statement 2.1 edited."}};
  HtmlRenderer renderer(templates_, pack_);
  const std::string html = renderer.DocumentPage(0);
  const std::vector<std::string> pages = {html, renderer.PrintDocument(0, PrintTarget::kDocx),
                                         renderer.PrintDocument(0, PrintTarget::kPdf)};
  for (size_t k = 0; k < pages.size(); ++k) {
    const std::string& page = pages[k];
    EXPECT_NE(page.find("2.0 draft"), std::string::npos) << page;
    EXPECT_EQ(page.find("1.3 DRAFT"), std::string::npos);
    EXPECT_NE(page.find("Version 1.3, approved 2026-10-15"), std::string::npos) << "the last approval, apart";
    EXPECT_NE(page.find("Not yet approved"), std::string::npos);
    // Nothing says the draft's text was approved on the old date: only the
    // history row of version 1.3, the line naming the last approval and the
    // web page's banner name it.
    size_t approvals = 0;
    for (size_t at = page.find("2026-10-15"); at != std::string::npos; at = page.find("2026-10-15", at + 1)) {
      ++approvals;
    }
    EXPECT_EQ(approvals, k == 0 ? 3u : 2u) << page;
    EXPECT_NE(page.find("Statement 1.1 reworded."), std::string::npos) << "the pending row of the history";
  }
  EXPECT_NE(html.find("released as version 2.0"), std::string::npos) << "the banner";
  EXPECT_EQ(model::ApprovalLine(doc), "Version 2.0 draft, not yet approved (version 1.3 approved 2026-10-15)");
}

/// Every section and statement id of a document, in order.
std::vector<std::string> ItemIds(const model::ResolvedDocument& doc) {
  struct Collector : model::DocumentVisitor {
    std::vector<std::string> ids;
    void EnterSection(const model::ResolvedSection& s, int) override { ids.push_back(s.id); }
    void VisitStatement(const model::ResolvedStatement& s, int) override { ids.push_back(s.id); }
  } collector;
  model::WalkDocument(doc, collector);
  return collector.ids;
}

// Issue 16: in Pandoc's input for a DOCX a section or statement is
// anchored by its Word bookmark name (Word breaks links to longer names or
// names with '-' or '.'), and the statement's compiled line has a style of
// its own; the PDF's input keeps the ids and plain paragraphs.
TEST_F(RenderHtml, TheDocxInputAnchorsItemsByWordBookmarkNamesAndStylesTheCompiledLine) {
  HtmlRenderer renderer(templates_, pack_);
  int statements_with_meta = 0;
  for (size_t i = 0; i < pack_.documents.size(); ++i) {
    const std::string docx = renderer.PrintDocument(i, PrintTarget::kDocx);
    const std::string pdf = renderer.PrintDocument(i, PrintTarget::kPdf);
    const Parsed docx_page = Parse(docx), pdf_page = Parse(pdf);
    for (const std::string& id : ItemIds(pack_.documents[i])) {
      EXPECT_EQ(docx_page.ids.count(WordBookmarkName(id)), 1u) << id;
      EXPECT_EQ(docx_page.ids.count(id), 0u) << id;
      EXPECT_EQ(pdf_page.ids.count(id), 1u) << id;
    }
    size_t meta = 0, styled = 0;
    for (size_t at = docx.find("class=\"statement-meta\""); at != std::string::npos;
         at = docx.find("class=\"statement-meta\"", at + 1)) {
      ++meta;
    }
    const std::string kStyled = "<div data-custom-style=\"Statement Meta\">\n<p class=\"statement-meta\">";
    for (size_t at = docx.find(kStyled); at != std::string::npos; at = docx.find(kStyled, at + 1)) ++styled;
    EXPECT_EQ(styled, meta) << pack_.documents[i].id;
    EXPECT_EQ(pdf.find("data-custom-style"), std::string::npos);
    statements_with_meta += static_cast<int>(meta);
  }
  EXPECT_GT(statements_with_meta, 0);
}

// Issue 15, point 1: a template that does not parse is a diagnostic at its
// line, not a page rendered as an HTML comment with exit 0.
TEST(RenderTemplates, ATemplateThatDoesNotParseIsAnErrorAtItsLine) {
  const std::string dir = testing::MakeTempDir();
  std::filesystem::copy(testing::SourceDir() + "/templates", dir + "/templates",
                        std::filesystem::copy_options::recursive);
  const std::string index = dir + "/templates/html/index.mustache";
  std::string text = testing::ReadFileOrEmpty(index);
  const size_t second_line = text.find('\n') + 1;
  text.insert(second_line, "{{#documents}}\n");  // a section never closed
  std::ofstream(index, std::ios::trunc) << text;
  base::DiskFileSystem fs;
  base::DiagnosticSink sink;
  EXPECT_FALSE(LoadTemplates(fs, dir + "/templates", sink));
  const std::string said = testing::Formatted(sink);
  EXPECT_EQ(said.rfind(index + ":", 0), 0u) << said;
  EXPECT_NE(said.find(": error: not valid mustache: Unclosed section \"documents\""), std::string::npos) << said;
  EXPECT_NE(said.find("[render.template-error]"), std::string::npos) << said;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace policyc::render
