#include "render/links.h"

#include <gtest/gtest.h>

namespace policyc::render {
namespace {

TEST(RenderLinks, LinksWithinTheDocumentUseTheAnchor) {
  EXPECT_EQ(RewriteLinks("see [statement 2.1](policyc:acp#mfa).", "acp", "html"),
            "see [statement 2.1](#mfa).");
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

}  // namespace
}  // namespace policyc::render
