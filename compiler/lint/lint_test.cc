#include "lint/lint.h"

#include <gtest/gtest.h>

#include <set>

#include "base/file_system.h"
#include "load/source_loader.h"
#include "support/test_support.h"

namespace policyc::lint {
namespace {

/// A dictionary of the words the test documents use, spelt the UK way.
class WordSet : public SpellChecker {
 public:
  bool Correct(const std::string& word) const override {
    static const std::set<std::string> kWords = {
        "The", "the", "shall", "review", "reviews", "access", "every", "Staff", "staff", "report",
        "incidents", "to", "organisation", "organization", "Managers", "check", "desks", "at",
        "end", "of", "day", "and", "lock", "screens", "when", "they", "leave", "them", "Logs",
        "are", "kept", "for", "years", "Backups", "run", "nightly", "tested", "with", "restore",
        "Records", "Access", "records", "It", "team", "patches", "systems", "within", "days",
        "requests", "all", "user", "accounts", "security", "take", "care", "appropriate",
        "regularly", "as", "Teh"};
    return kWords.count(word) && word != "Teh";
  }
  std::string Suggest(const std::string& word) const override { return word == "Teh" ? "The" : ""; }
};

class LintFixture : public ::testing::Test {
 protected:
  void Lint(const std::string& document, const std::string& declarations = "") {
    fs_.Add("lib/doc.xml", document);
    if (!declarations.empty()) fs_.Add("lib/declarations.xml", declarations);
    load::XmlReader reader(fs_, testing::SourceDir() + "/schemas");
    std::vector<model::Library> layers = {load::LoadLibrary(reader, fs_, "lib", sink_)};
    if (fs_.IsDirectory("house")) layers.push_back(load::LoadLibrary(reader, fs_, "house", sink_));
    ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
    WordSet words;
    LintLibrary(layers, {}, &words, sink_);
  }

  base::MemoryFileSystem fs_;
  base::DiagnosticSink sink_;
};

std::string Doc(const std::string& statements) {
  return "<document id=\"d\" kind=\"policy\" title=\"D\" owner=\"o\">\n<summary>Staff report incidents.</summary>\n"
         "<section id=\"s\" title=\"S\">\n" + statements + "</section>\n</document>\n";
}

TEST_F(LintFixture, CleanStatementPasses) {
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>The team shall review access every "
           "{{param.n}}.</text><evidence>Access records.</evidence></statement>\n"),
       "<declarations><parameter id=\"n\" type=\"duration\" default=\"3 months\"><description>x</description></parameter></declarations>");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(LintFixture, FlagsVagueWordingAtItsColumn) {
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\">\n  <text>\n    Staff shall take appropriate care "
           "and review access regularly.\n  </text>\n  <evidence>Records.</evidence>\n</statement>\n"));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:6:22: warning: 'appropriate' cannot be audited; say exactly what is required [lint.vague-wording]\n"
            "lib/doc.xml:6:57: warning: 'regularly' cannot be audited; give the interval as a parameter, e.g. every {{param.NAME}} [lint.vague-wording]\n");
}

TEST_F(LintFixture, FlagsOxfordSpellingAndTypos) {
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>Teh organization shall review access.</text>"
           "<evidence>Records.</evidence></statement>\n"));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: 'Teh' is not in the en_GB dictionary; did you mean 'The'? (add real words to policies/wordlist.txt) [lint.spelling]\n"
            "lib/doc.xml:4: warning: 'organization' is not UK spelling; write 'organisation' [lint.spelling]\n");
}

TEST_F(LintFixture, SpellingSkipsEmailAddressesUrlsAndDomainNames) {
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>Staff report incidents to "
           "report@phishing.gov.uk, to (it-team@example.co.uk) and at ncsc.gov.uk/report, as "
           "&lt;https://www.ncsc.gov.uk/collection/phishing-scams&gt; and **ncsc.gov.uk**. "
           "Teh team patches systems.</text><evidence>Records.</evidence></statement>\n"));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: 'Teh' is not in the en_GB dictionary; did you mean 'The'? (add real words to policies/wordlist.txt) [lint.spelling]\n");
}

TEST_F(LintFixture, FlagsMissingRoleControlEvidenceAndUnusedDeclarations) {
  Lint(Doc("<statement id=\"a\"><text>Staff report incidents.</text></statement>\n"),
       "<declarations><fact id=\"unused_fact\" type=\"boolean\" default=\"true\"><description>x</description></fact></declarations>");
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: statement 'd#a' gives its duty to no role; add roles=\"...\" [lint.missing-role]\n"
            "lib/doc.xml:4: warning: statement 'd#a' names no Annex A control and no clause; add controls=\"A.x.y\" or clauses=\"x.y\" [lint.missing-control]\n"
            "lib/doc.xml:4: warning: statement 'd#a' says nothing an auditor could check; add <evidence> [lint.missing-evidence]\n"
            "lib/declarations.xml:1: warning: fact 'unused_fact' is declared but nothing uses it; use it or remove it [lint.unused-declaration]\n");
}

TEST_F(LintFixture, AParameterWhoseOnlyUseAHouseLibraryReplacedIsNotUnused) {
  fs_.Add("house/overrides.xml",
          "<overrides><replace target=\"d#a\" reason=\"House standard: a fixed review period.\">"
          "<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>The team shall review access "
          "every day.</text><evidence>Access records.</evidence></statement></replace></overrides>\n");
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>The team shall review access every "
           "{{param.n}}.</text><evidence>Access records.</evidence></statement>\n"),
       "<declarations>\n"
       "<parameter id=\"n\" type=\"duration\" default=\"3 months\"><description>x</description></parameter>\n"
       "<parameter id=\"unused\" type=\"duration\" default=\"3 months\"><description>x</description></parameter>\n"
       "</declarations>");
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/declarations.xml:3: warning: parameter 'unused' is declared but nothing uses it; use it or remove it [lint.unused-declaration]\n");
}

TEST_F(LintFixture, FlagsStatementsThatSayTheSameThing) {
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>The team shall review all user accounts every day and report incidents.</text><evidence>Records.</evidence></statement>\n"
           "<statement id=\"b\" controls=\"A.5.1\" roles=\"o\"><text>The team shall review all user accounts and report incidents every day.</text><evidence>Records.</evidence></statement>\n"));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:5: warning: statement 'd#b' says the same as 'd#a'; keep one and refer to it with {{ref:...}} [lint.duplicate-statement]\n"
            "lib/doc.xml:4: note: the other statement\n");
}

}  // namespace
}  // namespace policyc::lint
