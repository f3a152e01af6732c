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

TEST(BaseStrings, PlainTextKeepsTheWordsOfLinksCodeAndEmphasis) {
  for (LineBreaks mode : {LineBreaks::kKeep, LineBreaks::kCollapse}) {
    EXPECT_EQ(PlainText("See [the policy](policyc:acp#s1) and ![a logo](logo.png).", mode),
              "See the policy and a logo.");
    EXPECT_EQ(PlainText("Run `policyc check`, **always** and *now*.", mode), "Run policyc check, always and now.");
    EXPECT_EQ(PlainText("Smith \\& Jones \\*not emphasis\\* \\[x\\]", mode), "Smith & Jones *not emphasis* [x]");
    // Code is as written: no escapes or emphasis inside it.
    EXPECT_EQ(PlainText("`*.txt` and `C:\\temp\\*`", mode), "*.txt and C:\\temp\\*");
    EXPECT_EQ(PlainText("`` a `tick` ``", mode), "a `tick`");
    // A backslash before a letter is a backslash; a lone backtick is one.
    EXPECT_EQ(PlainText("C:\\temp, 5 * 3, a ` b", mode), "C:\\temp, 5 * 3, a ` b");
  }
}

TEST(BaseStrings, PlainTextLinksOnlyWhatIsALink) {
  // A bracketed word before a later link is not part of that link's label.
  EXPECT_EQ(PlainText("Mark it [CONFIDENTIAL]; see [the policy](x).", LineBreaks::kKeep),
            "Mark it [CONFIDENTIAL]; see the policy.");
  EXPECT_EQ(PlainText("[a [nested] label](t(1)) [no target]", LineBreaks::kKeep), "a [nested] label [no target]");
  EXPECT_EQ(PlainText("[Acceptable Use\n   Policy](policyc:aup)", LineBreaks::kCollapse), "Acceptable Use Policy");
}

TEST(BaseStrings, PlainTextKeepsOrCollapsesLines) {
  const std::string markdown = "  First line\\\n- item *one*\n\n\tLast  ";
  EXPECT_EQ(PlainText(markdown, LineBreaks::kKeep), "  First line\n- item one\n\n\tLast  ");
  EXPECT_EQ(PlainText(markdown, LineBreaks::kCollapse), "First line - item one Last");
  EXPECT_EQ(PlainText("* a list item", LineBreaks::kKeep), "* a list item");
}

TEST(BaseStrings, FirstSentenceEndsAtTheFirstFullStop) {
  EXPECT_EQ(FirstSentence("Lock the screen. Then leave."), "Lock the screen.");
  EXPECT_EQ(FirstSentence("Who decides? The owner."), "Who decides?");
  EXPECT_EQ(FirstSentence("Report it at once! Do not wait."), "Report it at once!");
  EXPECT_EQ(FirstSentence("One sentence only."), "One sentence only.");
  EXPECT_EQ(FirstSentence("No full stop at all"), "No full stop at all");
  EXPECT_EQ(FirstSentence("(Only in brackets.) The rest."), "(Only in brackets.)");
  EXPECT_EQ(FirstSentence("It said \xE2\x80\x9Cstop.\xE2\x80\x9D Then"), "It said \xE2\x80\x9Cstop.\xE2\x80\x9D");
  EXPECT_EQ(FirstSentence(""), "");
}

TEST(BaseStrings, FirstSentenceIsNotEndedByAbbreviationsNumbersOrClauses) {
  EXPECT_EQ(FirstSentence("Use a manager, e.g. The IT Manager, to approve. Then go."),
            "Use a manager, e.g. The IT Manager, to approve.");
  EXPECT_EQ(FirstSentence("One owner, i.e. Ann, decides. Others advise."), "One owner, i.e. Ann, decides.");
  EXPECT_EQ(FirstSentence("Version 1.5 of A.5.1 applies. Next."), "Version 1.5 of A.5.1 applies.");
  EXPECT_EQ(FirstSentence("Laptops, phones etc. are assets. Next."), "Laptops, phones etc. are assets.");
  EXPECT_EQ(FirstSentence("Meet at 9 a.m. Monday to Friday. Next."), "Meet at 9 a.m. Monday to Friday.");
  EXPECT_EQ(FirstSentence("See no. 5 and cf. ISO 27002. Next."), "See no. 5 and cf. ISO 27002.");
  // A clause number may end a sentence; only its inner full stops do not.
  EXPECT_EQ(FirstSentence("The control is A.5.1. The next is A.5.2."), "The control is A.5.1.");
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
