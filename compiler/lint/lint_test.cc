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
  /// `organisation`: the profile's, as when lint is given one.
  void Lint(const std::string& document, const std::string& declarations = "",
            const model::Organisation* organisation = nullptr) {
    fs_.Add("lib/doc.xml", document);
    if (!declarations.empty()) fs_.Add("lib/declarations.xml", declarations);
    load::XmlReader reader(fs_, testing::SourceDir() + "/schemas");
    std::vector<model::Library> layers = {load::LoadLibrary(reader, fs_, "lib", sink_)};
    if (fs_.IsDirectory("house")) layers.push_back(load::LoadLibrary(reader, fs_, "house", sink_));
    ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
    WordSet words;
    LintLibrary(layers, {}, spelling_ ? &words : nullptr, sink_, organisation);
  }

  /// The editorial tests' words are not all in WordSet.
  bool spelling_ = true;

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
            "lib/doc.xml:4: warning: 'Teh' is not in the en_GB dictionary; did you mean 'The'? (add real words to lib/wordlist.txt) [lint.spelling]\n"
            "lib/doc.xml:4: warning: 'organization' is not UK spelling; write 'organisation' [lint.spelling]\n");
}

TEST_F(LintFixture, SpellingSkipsEmailAddressesUrlsAndDomainNames) {
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>Staff report incidents to "
           "report@phishing.gov.uk, to (it-team@example.co.uk) and at ncsc.gov.uk/report, as "
           "&lt;https://www.ncsc.gov.uk/collection/phishing-scams&gt; and **ncsc.gov.uk**. "
           "Teh team patches systems.</text><evidence>Records.</evidence></statement>\n"));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: 'Teh' is not in the en_GB dictionary; did you mean 'The'? (add real words to lib/wordlist.txt) [lint.spelling]\n");
}

TEST_F(LintFixture, ASpellingSlipNamesTheWordListNearestItsText) {
  // Three layers each write "Teh": the library, a house library that
  // replaces a statement, and a profile that adds one.
  fs_.Add("lib/doc.xml", Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>The team shall review "
                             "access.</text><evidence>Access records.</evidence></statement>\n"
                             "<statement id=\"b\" controls=\"A.5.1\" roles=\"o\"><text>Teh team patches "
                             "systems.</text><evidence>Access records.</evidence></statement>\n"));
  fs_.Add("house/overrides.xml",
          "<overrides><replace target=\"d#a\" reason=\"House standard: the team reviews.\">"
          "<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>Teh team shall check access.</text>"
          "<evidence>Access records.</evidence></statement></replace></overrides>\n");
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>Everything.</scope>
  <people><person id="ann" name="Ann" job-title="Director" roles="o"/></people>
  <document-control approver="ann"/>
  <overrides>
    <add to="d#s" reason="The client adds its own rule."><statement id="c" controls="A.5.1" roles="o"><text>Teh staff report incidents.</text><evidence>Access records.</evidence></statement></add>
  </overrides>
</profile>)");
  load::XmlReader reader(fs_, testing::SourceDir() + "/schemas");
  std::vector<model::Library> layers = {load::LoadLibrary(reader, fs_, "lib", sink_),
                                        load::LoadLibrary(reader, fs_, "house", sink_)};
  auto profile = load::LoadProfile(reader, fs_, "org/profile.xml", sink_);
  ASSERT_TRUE(profile) << testing::Formatted(sink_);
  WordSet words;
  LintLibrary(layers, profile->overrides, &words, sink_, &profile->organisation, profile->path);
  const std::string dictionary = "warning: 'Teh' is not in the en_GB dictionary; did you mean 'The'? ";
  EXPECT_EQ(testing::Formatted(sink_),
            "house/overrides.xml:1: " + dictionary + "(add real words to house/wordlist.txt) [lint.spelling]\n"
            "lib/doc.xml:5: " + dictionary + "(add real words to lib/wordlist.txt) [lint.spelling]\n"
            "org/profile.xml:7: " + dictionary + "(add real words to org/wordlist.txt) [lint.spelling]\n");
  EXPECT_EQ(WordLists(layers, profile->path),
            (std::vector<std::string>{"lib/wordlist.txt", "house/wordlist.txt", "org/wordlist.txt"}));
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

/// A statement with `text` that is otherwise clean.
std::string Statement(const std::string& text) {
  return Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>" + text +
             "</text><evidence>Records.</evidence></statement>\n");
}

TEST_F(LintFixture, FlagsACountOfOneWrittenOut) {
  spelling_ = false;
  Lint(Statement("Staff review access every 1 month, keep logs for 1 years and patch within 1 working "
                 "days of release. Every 1 year the board reviews Annex A.5.1 days and 11 days."),
       "<declarations><parameter id=\"n\" type=\"integer\" unit=\"working days\" default=\"3\">"
       "<description>x</description></parameter></declarations>");
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: 'every 1 month' reads as generated; write 'every month' [lint.count-of-one]\n"
            "lib/doc.xml:4: warning: '1 years': a count of one takes the singular; write '1 year' [lint.count-of-one]\n"
            "lib/doc.xml:4: warning: '1 working days': a count of one takes the singular; write '1 working day' [lint.count-of-one]\n"
            "lib/doc.xml:4: warning: 'Every 1 year' reads as generated; write 'Every year' [lint.count-of-one]\n"
            "lib/declarations.xml:1: warning: parameter 'n' is declared but nothing uses it; use it or remove it [lint.unused-declaration]\n");
}

// One library serves companies, charities, public bodies and partnerships:
// what belongs to the organisation is not "company" anything.
TEST_F(LintFixture, FlagsCompanyWordsForWhatTheOrganisationOwns) {
  spelling_ = false;
  Lint(Statement("Staff use company devices and the Company password manager, keep company data on a "
                 "company-managed laptop, and a cleaning company signs in; the company that runs the "
                 "service is named."));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: 'company devices' is untrue for a charity, a public body or a partnership; "
            "write 'work devices' or 'the organisation's devices' [lint.company-words]\n"
            "lib/doc.xml:4: warning: 'Company password' is untrue for a charity, a public body or a partnership; "
            "write 'work password' or 'the organisation's password' [lint.company-words]\n"
            "lib/doc.xml:4: warning: 'company data' is untrue for a charity, a public body or a partnership; "
            "write 'work data' or 'the organisation's data' [lint.company-words]\n");
}

TEST_F(LintFixture, FlagsAUnitThatFollowsAValueEndingInIt) {
  spelling_ = false;
  Lint(Statement("Auditors sample at least {{param.sample}} records, then {{param.sample}} of the "
                 "rest, every {{param.review}} months and within {{param.review}} of a change."),
       "<declarations>\n"
       "<parameter id=\"sample\" type=\"integer\" unit=\"records\" default=\"5\"><description>x</description></parameter>\n"
       "<parameter id=\"review\" type=\"duration\" default=\"3 months\"><description>x</description></parameter>\n"
       "</declarations>");
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: '{{param.sample}} records' reads '5 records records'; {{param.sample}} already ends in its unit; delete 'records' after it [lint.doubled-word]\n"
            "lib/doc.xml:4: warning: '{{param.review}} months' reads '3 months months'; {{param.review}} already ends in its unit; delete 'months' after it [lint.doubled-word]\n");
}

TEST_F(LintFixture, FlagsANounThatTheOrganisationsNameMayEndIn) {
  spelling_ = false;
  Lint(Statement("Staff use {{org.name}} systems and {{org.name}} information, and the "
                 "{{org.name}} widgets, and keep records records."));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: '{{org.name}} systems' reads 'Acme Systems systems'; put the noun first, e.g. 'the systems of {{org.name}}' [lint.doubled-word]\n"
            "lib/doc.xml:4: warning: 'records records': the word is doubled; delete one [lint.doubled-word]\n");
}

TEST_F(LintFixture, WithAProfileFlagsANounItsOwnNameEndsIn) {
  spelling_ = false;
  model::Organisation kestrel;
  kestrel.name = "Kestrel Civic Widgets";
  Lint(Statement("Staff use {{org.name}} widgets and {{org.name}} information."), "", &kestrel);
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: '{{org.name}} widgets' reads 'Kestrel Civic Widgets widgets'; put the noun first, e.g. 'the widgets of {{org.name}}' [lint.doubled-word]\n");
}

TEST_F(LintFixture, FlagsThePossessiveOfANameThatMayEndInS) {
  spelling_ = false;
  fs_.Add("lib/roles.xml",
          "<roles><role id=\"o\" title=\"Head of Operations\"><purpose>x</purpose></role>"
          "<role id=\"it\" title=\"IT Manager\"><purpose>x</purpose></role></roles>\n");
  Lint(Statement("Staff follow {{org.name}}'s rules, {{org.legal_name}}\xE2\x80\x99s contracts, the "
                 "{{role.o}}'s plan and the {{role.it}}'s list."));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: '{{org.name}}'s' reads 'Acme Systems's'; put the name after the noun, e.g. 'the policies of {{org.name}}' [lint.name-possessive]\n"
            "lib/doc.xml:4: warning: '{{org.legal_name}}\xE2\x80\x99s' reads 'Acme Systems's'; put the name after the noun, e.g. 'the policies of {{org.legal_name}}' [lint.name-possessive]\n"
            "lib/doc.xml:4: warning: '{{role.o}}'s' reads 'Head of Operations's'; put the name after the noun, e.g. 'the policies of {{role.o}}' [lint.name-possessive]\n");
}

TEST_F(LintFixture, FlagsAMetricTargetWithoutItsPeriod) {
  spelling_ = false;
  Lint(Doc("<statement id=\"a\" controls=\"A.5.1\" roles=\"o\"><text>Measure patching. Target: at "
           "least {{param.patch_target}}.</text><evidence>Records.</evidence></statement>\n"
           "<statement id=\"b\" controls=\"A.5.2\" roles=\"o\"><text>Measure training. Target: at "
           "least {{param.training_target}} in each collection period, and not 100 per cent.</text>"
           "<evidence>Records.</evidence></statement>\n"),
       "<declarations>\n"
       "<parameter id=\"patch_target\" type=\"integer\" unit=\"per cent\" default=\"95\"><description>The share of updates installed.</description></parameter>\n"
       "<parameter id=\"training_target\" type=\"integer\" unit=\"per cent\" default=\"95\"><description>The share of staff trained in each collection period.</description></parameter>\n"
       "</declarations>");
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: metric target {{param.patch_target}} does not say over what period it is measured; add it to the sentence, e.g. 'in each collection period' or 'over the year' [lint.metric-without-period]\n"
            "lib/declarations.xml:2: warning: the description of metric target 'patch_target' does not say over what period it is measured, and the metrics sheet prints it beside the target; add the period [lint.metric-without-period]\n");
}

TEST(TrainingRuleTest, TellsARuleFromAHeading) {
  EXPECT_TRUE(IsTrainingRule("Lock your screen every time you step away."));
  EXPECT_TRUE(IsTrainingRule("Even for a short break, put confidential papers out of sight."));
  EXPECT_TRUE(IsTrainingRule("A misdirected email is a breach: report it as an incident at once."));
  EXPECT_TRUE(IsTrainingRule("Personal data is never lower than confidential."));
  EXPECT_FALSE(IsTrainingRule("The four extra rules for confidential information."));
  EXPECT_FALSE(IsTrainingRule("How to label an email, and what the default label means."));
  EXPECT_FALSE(IsTrainingRule("What you must do before using your own phone for work."));
  EXPECT_FALSE(IsTrainingRule("Printouts left at the printer go back to their owner."));
  EXPECT_FALSE(IsTrainingRule("Things you must never do to a work device."));
  EXPECT_FALSE(IsTrainingRule("Report misuse you see, how to report it, and that your identity is protected."));
}

std::string Hinted(const std::string& id, const std::string& training) {
  return "<statement id=\"" + id + "\" controls=\"A.5.1\" roles=\"o\"><text>Staff shall report incidents.</text>"
         "<evidence>Records.</evidence>" + training + "</statement>\n";
}

TEST_F(LintFixture, FlagsATrainingHintThatIsAHeading) {
  spelling_ = false;
  Lint(Doc(Hinted("a", "<training>The four extra rules for confidential information.</training>") +
           Hinted("b", "<training>Label every email with its classification before you send it.</training>")));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:4: warning: the training hint of statement 'd#a' is a topic heading, not a rule; "
            "write what the learner must do, with a verb of obligation (\"Label every email with its "
            "classification before you send it\") [lint.training-not-a-rule]\n");
}

TEST_F(LintFixture, FlagsOneSituationRoutedToTwoRoles) {
  spelling_ = false;
  Lint(Doc(Hinted("a", "<training situation=\"media-enquiry\" to=\"isms-manager\">Never comment to a journalist; "
                       "pass the enquiry on.</training>") +
           Hinted("b", "<training situation=\"media-enquiry\" to=\"isms-manager\">Pass every press question "
                       "on the same day.</training>") +
           Hinted("c", "<training situation=\"media-enquiry\" to=\"top-management\">Refer every press question "
                       "to top management.</training>") +
           Hinted("d", "<training situation=\"lost-device\">Report a lost laptop at once.</training>")));
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/doc.xml:6: warning: the training hint of statement 'd#c' sends situation 'media-enquiry' to "
            "'top-management', but 'd#a' sends it to 'isms-manager'; give both hints the same role and wording "
            "[lint.training-route]\n"
            "lib/doc.xml:4: note: the other route\n"
            "lib/doc.xml:7: warning: the training hint of statement 'd#d' names a situation but not the role it "
            "goes to; add to=\"ROLE\" [lint.training-route]\n");
}

}  // namespace
}  // namespace policyc::lint
