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

TEST(BaseStrings, IsValidUtf8RefusesMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8("plain ASCII"));
  EXPECT_TRUE(IsValidUtf8("Ynys Môn – £5 😀"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("caf\xc3"));          // cut short
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(BaseStrings, EscapeHtmlEscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtml("Smith & Jones <Ltd> \"q\" 'a'"),
            "Smith &amp; Jones &lt;Ltd&gt; &quot;q&quot; &#39;a&#39;");
}

TEST(BaseStrings, EscapeMarkdownNeutralisesEmphasisLinksAndHtml) {
  EXPECT_EQ(EscapeMarkdown("*x* [a](b) <Ltd> a.b@c-d.uk"), "\\*x\\* \\[a\\](b) \\<Ltd\\> a.b@c-d.uk");
  EXPECT_EQ(EscapeMarkdown("two\nlines"), "two lines");
}

TEST(BaseStrings, EscapeMarkdownLiteralKeepsWhatSmartPunctuationWouldChange) {
  EXPECT_EQ(EscapeMarkdownLiteral("--all"), "\\-\\-all");
  EXPECT_EQ(EscapeMarkdownLiteral("a-b - c"), "a-b - c");
  EXPECT_EQ(EscapeMarkdownLiteral("\"x\" 'y' it's..."), "\\\"x\\\" \\'y\\' it's\\.\\.\\.");
  EXPECT_EQ(EscapeMarkdownLiteral("grep -r 'a' staff' files"), "grep -r \\'a\\' staff\\' files");
  EXPECT_EQ(EscapeMarkdownLiteral("v1.2 a.b@c-d.uk"), "v1.2 a.b@c-d.uk");
  EXPECT_EQ(EscapeMarkdownLiteral("](policyc:x#y)"), "\\](policyc:x#y)");
}

TEST(BaseStrings, CsvFieldNeutralisesFormulas) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(CsvField("+1"), "\"'+1\"");
  EXPECT_EQ(CsvField("-1"), "\"'-1\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "\"'@SUM(A1)\"");
  EXPECT_EQ(CsvField("\tx"), "\"'\tx\"");
  EXPECT_EQ(CsvField("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvField("a=b"), "a=b");
  EXPECT_EQ(CsvField("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvField(""), "");
}

TEST(BaseStrings, TerminalSafeShowsControlCharactersAsEscapes) {
  EXPECT_EQ(TerminalSafe("a\x1b]0;x\x07" "b\r\nc\td"), "a\\u001b]0;x\\u0007b\\u000d\nc\td");
  EXPECT_EQ(TerminalSafe("\xc2\x9b" "31m \x7f"), "\\u009b31m \\u007f");
  EXPECT_EQ(TerminalSafe("Smith & Jones — “Ltd” £5"), "Smith & Jones — “Ltd” £5");
}

TEST(BaseStrings, ControlCharacterAtMeasuresC0DelAndC1) {
  EXPECT_EQ(ControlCharacterAt(""), 0u);
  EXPECT_EQ(ControlCharacterAt("a"), 0u);
  EXPECT_EQ(ControlCharacterAt("\r"), 1u);
  EXPECT_EQ(ControlCharacterAt("\x7f"), 1u);
  EXPECT_EQ(ControlCharacterAt("\xc2\x85"), 2u);
  EXPECT_EQ(ControlCharacterAt("\xc2\xa3"), 0u);  // £
}

TEST(BaseStrings, Base64MatchesRfc4648) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(FromBase64("Zm9vYmFy"), "foobar");
  EXPECT_EQ(FromBase64("Zm8="), "fo");
  EXPECT_EQ(FromBase64(Base64(std::string("\x89PNG\0\xff", 6))), std::string("\x89PNG\0\xff", 6));
}

TEST(BaseStrings, NaturalLessOrdersNumbersByValue) {
  EXPECT_TRUE(NaturalLess("A.5.2", "A.5.10"));
  EXPECT_FALSE(NaturalLess("A.5.10", "A.5.2"));
  EXPECT_TRUE(NaturalLess("A.5.37", "A.6.1"));
  EXPECT_TRUE(NaturalLess("6.1.2", "10.1"));
  EXPECT_FALSE(NaturalLess("A.5.1", "A.5.1"));
}

}  // namespace
}  // namespace policyc::base

namespace policyc::base {
namespace {

TEST(BaseStrings, SplitGivesThePiecesBetweenSeparators) {
  EXPECT_EQ(Split("a\n\nb\n", '\n'), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(Split("a,b", ','), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(Split("", ',').empty());
  EXPECT_EQ(Split(std::string("x\0y", 3), '\0'), (std::vector<std::string>{"x", "y"}));
}

}  // namespace
}  // namespace policyc::base
