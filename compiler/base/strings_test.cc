#include "base/strings.h"

#include <gtest/gtest.h>

namespace policyc::base {
namespace {

TEST(BaseStrings, DedentRemovesCommonIndentAndBlankEnds) {
  EXPECT_EQ(Dedent("\n    First line\n      - item\n    Last\n  "), "First line\n  - item\nLast");
}

TEST(BaseStrings, DedentKeepsTextStartingOnTheTagLine) {
  EXPECT_EQ(Dedent("Starts here\n- a\n- b"), "Starts here\n- a\n- b");
}

TEST(BaseStrings, JoinEnglishUsesNoSerialComma) {
  EXPECT_EQ(JoinEnglish({}), "");
  EXPECT_EQ(JoinEnglish({"a"}), "a");
  EXPECT_EQ(JoinEnglish({"a", "b"}), "a and b");
  EXPECT_EQ(JoinEnglish({"a", "b", "c"}), "a, b and c");
}

TEST(BaseStrings, DidYouMeanFindsTyposButNotStrangers) {
  std::vector<std::string> names = {"password_min_length", "review_interval"};
  EXPECT_EQ(DidYouMean("pasword_min_length", names), "; did you mean 'password_min_length'?");
  EXPECT_EQ(DidYouMean("zzz", names), "");
}

TEST(BaseStrings, EscapeHtmlEscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtml("Smith & Jones <Ltd> \"q\" 'a'"),
            "Smith &amp; Jones &lt;Ltd&gt; &quot;q&quot; &#39;a&#39;");
}

TEST(BaseStrings, EscapeMarkdownNeutralisesEmphasisLinksAndHtml) {
  EXPECT_EQ(EscapeMarkdown("*x* [a](b) <Ltd> a.b@c-d.uk"), "\\*x\\* \\[a\\](b) \\<Ltd\\> a.b@c-d.uk");
  EXPECT_EQ(EscapeMarkdown("two\nlines"), "two lines");
}

}  // namespace
}  // namespace policyc::base
