#include "render/markdown.h"

#include <gtest/gtest.h>

namespace policyc::render {
namespace {

TEST(RenderMarkdown, RendersGithubTablesAndLists) {
  EXPECT_EQ(MarkdownToHtml("- a\n- b"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
  std::string table = MarkdownToHtml("| a | b |\n|---|---|\n| 1 | 2 |");
  EXPECT_NE(table.find("<table>"), std::string::npos);
  EXPECT_NE(table.find("<td>2</td>"), std::string::npos);
}

TEST(RenderMarkdown, ShowsRawHtmlAsTextInsteadOfPassingOrDroppingIt) {
  EXPECT_EQ(MarkdownToHtml("Smith & Jones <Ltd>"), "<p>Smith &amp; Jones &lt;Ltd&gt;</p>\n");
  EXPECT_EQ(MarkdownToHtml("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
}

TEST(RenderMarkdown, ShowsOnlyThePacksOwnPicturesAndOthersAsTheirWords) {
  // issue 14, point 1: no path or address reaches Pandoc or WeasyPrint.
  for (const char* source : {"See ![pw](/etc/passwd)", "See ![pw](http://127.0.0.1:8765/x.png)",
                             "See ![pw](../x.png)", "See ![pw][r]\n\n[r]: file:///etc/passwd",
                             "See ![pw](<data:image/png;base64,AAAA>)"}) {
    const std::string html = MarkdownToHtml(source);
    EXPECT_EQ(html.find("<img"), std::string::npos) << source;
    EXPECT_NE(html.find("See pw"), std::string::npos) << source << " gave " << html;
  }
  EXPECT_NE(MarkdownToHtml("![Heat map](policyc-image:heat-map)").find("<img src=\"policyc-image:heat-map\""),
            std::string::npos);
}

TEST(RenderMarkdown, RefusesJavascriptLinks) {
  std::string html = MarkdownToHtml("[x](javascript:alert(1))");
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
}

}  // namespace
}  // namespace policyc::render
