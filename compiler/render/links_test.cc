#include "render/links.h"

#include <gtest/gtest.h>

namespace policyc::render {
namespace {

TEST(RenderLinks, LinksWithinTheDocumentUseTheAnchor) {
  EXPECT_EQ(RewriteLinks("see [statement 2.1](policyc:acp#mfa).", "acp", "html"),
            "see [statement 2.1](#mfa).");
}

// Issue 16: in a DOCX the target is the Word bookmark of the item.
TEST(RenderLinks, InADocxALinkWithinTheDocumentTargetsTheWordBookmark) {
  EXPECT_EQ(RewriteLinks("see [statement 2.1](policyc:acp#mfa-enrol.s1).", "acp", "docx"),
            "see [statement 2.1](#" + WordBookmarkName("mfa-enrol.s1") + ").");
  EXPECT_EQ(RewriteLinks("[here](policyc:acp#mfa-enrol.s1)", "acp", ""), "[here](#mfa-enrol.s1)");
  EXPECT_EQ(WordBookmarkName("mfa-enrol.s1").rfind("mfa_enrol_s1_", 0), 0u);
}

TEST(RenderLinks, LinksToOtherDocumentsPointAtSiblingFiles) {
  EXPECT_EQ(RewriteLinks("[A, section 3](policyc:acp#remote)", "isp", "html"),
            "[A, section 3](acp.html#remote)");
  EXPECT_EQ(RewriteLinks("[A](policyc:acp#remote) and [B](policyc:imp)", "isp", "docx"),
            "[A](acp.docx) and [B](imp.docx)");
}

TEST(RenderLinks, WithoutAnExtensionLinksToOtherDocumentsBecomeWords) {
  EXPECT_EQ(RewriteLinks("see [Policy \\[A\\], statement 1.2](policyc:acp#mfa) and [here](policyc:isp#x).",
                         "isp", ""),
            "see Policy \\[A\\], statement 1.2 and [here](#x).");
}

TEST(RenderLinks, LeavesOtherLinksAlone) {
  EXPECT_EQ(RewriteLinks("[NCSC](https://www.ncsc.gov.uk)", "isp", "html"),
            "[NCSC](https://www.ncsc.gov.uk)");
}

// Issue 14, point 13: a parameter value reading "](policyc:x#y)" reaches
// the text escaped, and stays text in every format.
TEST(RenderLinks, AnEscapedBracketIsTextNotTheEndOfALink) {
  // The library's "[" before a value "x](policyc:x#y)", escaped as values are.
  const std::string value = "use [x\\](policyc:x#y) here";
  EXPECT_EQ(RewriteLinks(value, "isp", "html"), value);
  EXPECT_EQ(RewriteLinks(value, "isp", ""), value);
  EXPECT_EQ(RewriteLinks("[see](policyc:acp#a) and \\](policyc:x#y)", "isp", ""), "see and \\](policyc:x#y)");
  // An escaped backslash before the bracket leaves the bracket unescaped.
  EXPECT_EQ(RewriteLinks("[a\\\\](policyc:acp)", "isp", "html"), "[a\\\\](acp.html)");
}

}  // namespace
}  // namespace policyc::render
