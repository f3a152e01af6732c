#include "resolve/frameworks.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "resolve/resolver.h"
#include "support/test_support.h"

namespace policyc::resolve {
namespace {

/// A small library with one framework catalogue ("tiny") and a profile
/// that chooses frameworks as each test says.
class FrameworkFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_.Add("lib/catalogue.xml", R"(<catalogue id="t" edition="2022" title="T">
  <clause id="4" title="Context"><clause id="4.3" title="Scope"/></clause>
  <theme id="organisational" number="5" title="Organisational controls">
    <control id="A.5.1" title="Policies" type="preventive" properties="integrity" concepts="identify" capabilities="governance" domains="resilience"/>
    <control id="A.5.15" title="Access control" type="preventive" properties="integrity" concepts="protect" capabilities="governance" domains="protection"/>
  </theme>
</catalogue>)");
    fs_.Add("lib/roles.xml", R"(<roles><role id="owner" title="Policy Owner"><purpose>p</purpose></role></roles>)");
    fs_.Add("lib/declarations.xml", R"(<declarations>
  <fact id="remote" type="boolean" default="false"><description>d</description></fact>
  <fact id="public" type="boolean" default="false"><description>d</description></fact>
  <parameter id="window" type="duration" default="14 days" min="1 days" max="60 days"><description>d</description></parameter>
  <parameter id="scope" type="enum" values="all some" default="all"><description>d</description></parameter>
</declarations>)");
    fs_.Add("lib/a.xml", R"(<document id="a" kind="policy" title="Policy A" owner="owner" clauses="4.3">
  <summary>A.</summary>
  <section id="one" title="One">
    <statement id="s1" controls="A.5.1" roles="owner"><text>Set policies.</text><evidence>The approved policy set.</evidence></statement>
    <statement id="s2" controls="A.5.15" roles="owner" condition="remote"><text>Only on site.</text></statement>
    <statement id="s3" controls="A.5.15" clauses="4.3" roles="owner" frameworks="tiny:T-3"><text>Patch within {{param.window}}.</text><evidence>Patch reports.</evidence></statement>
  </section>
</document>)");
    fs_.Add("lib/compiled-documents.xml", R"(<compiled-documents>
  <compiled builder="soa" id="statement-of-applicability" title="Statement of Applicability" kind="register" owner="owner"/>
  <compiled builder="framework-matrix" id="compliance-matrix" title="Compliance Matrix" kind="record" owner="owner"/>
  <compiled builder="readiness-checklist" id="readiness-checklist" title="Readiness Checklist" kind="record" owner="owner"/>
</compiled-documents>)");
    fs_.Add("lib/frameworks/tiny.xml", R"(<framework id="tiny" title="Tiny Framework for Tests" short-title="Tiny" version="1" published="2026" publisher="P" licence="L" source="https://example.org/tiny" retrieved="2026-11-01">
  <attribution>Tiny, for tests.</attribution>
  <mapping-source id="review" title="Review" publisher="policyc">Read by hand.</mapping-source>
  <level id="plus" title="Tiny Plus">Audited on site.</level>
  <suggested when="public">Public bodies ask for it.</suggested>
  <group id="G" title="Group">
    <requirement id="T-1" title="Policies are set">
      <control id="A.5.1" relationship="equivalent" source="review"/>
      <clause id="4.3" relationship="related" source="review"/>
    </requirement>
    <requirement id="T-2" title="Scope is stated">
      <clause id="4" relationship="related" source="review"/>
    </requirement>
    <requirement id="T-3" title="Updates are quick">
      <statement-needed>A patching statement.</statement-needed>
      <limit parameter="window" comparison="at-most" value="14 days">Tiny 3: within 14 days.</limit>
      <limit parameter="scope" comparison="one-of" value="all" condition="remote">Tiny 3: everyone, when remote.</limit>
    </requirement>
    <requirement id="T-4" title="The client knows">
      <gap>Only the client can say.</gap>
    </requirement>
    <requirement id="T-5" title="Only on site">
      <statement ref="a#s2" relationship="equivalent" source="review"/>
    </requirement>
  </group>
  <question-set title="Tiny Readiness Checklist" based-on="the tiny question set">
    <topic id="basics" title="Basics">
      <question id="1" parameter="window" requirements="T-3">How quickly?</question>
      <question id="2" requirements="T-1">Are there policies?</question>
      <question id="3" requirements="T-1" client="true">Which ones, today?</question>
    </topic>
  </question-set>
</framework>)");
  }

  /// A profile with these facts, parameters, <frameworks> and <overrides>
  /// ("" for none of each); each on a line of its own, so that lines stay put.
  void Profile(const std::string& facts, const std::string& parameters, const std::string& frameworks,
               const std::string& overrides = "") {
    fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>Everything.</scope>
  )" + (facts.empty() ? "" : "<facts>" + facts + "</facts>") + R"(
  <people><person id="ann" name="Ann" job-title="Director" roles="owner"/></people>
  )" + (parameters.empty() ? "" : "<parameters>" + parameters + "</parameters>") + R"(
  )" + frameworks + R"(
  <soa>
    <status control="A.5.1" value="implemented" reason="Asked for"/>
    <status control="A.5.15" value="implemented" reason="Asked for"/>
  </soa>
  <document-control approver="ann"/>
  )" + overrides + R"(
</profile>)");
  }

  model::ResolvedPack Resolve() {
    model::ResolvedPack pack = testing::ResolveSources(fs_, {"lib"}, "org/profile.xml", sink_);
    AddDerivedDocuments(pack, sink_);
    return pack;
  }

  const model::ResolvedDocument* Document(const model::ResolvedPack& pack, const std::string& id) {
    for (const auto& d : pack.documents) {
      if (d.id == id) return &d;
    }
    return nullptr;
  }

  base::MemoryFileSystem fs_;
  base::DiagnosticSink sink_;
};

TEST_F(FrameworkFixture, AChosenFrameworkIsMetByStatementsInTiersAndReportsWhatNoneMeets) {
  Profile("", "", R"(<frameworks><framework id="tiny" level="plus"/></frameworks>)");
  auto pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/frameworks/tiny.xml:19: note: Tiny Plus T-4 (The client knows) is met by no statement of this "
            "pack; the client answers it: Only the client can say. The compliance matrix lists it as a gap "
            "[resolve.framework-gap]\n"
            "org/profile.xml:7: note: chosen here\n"
            "lib/frameworks/tiny.xml:22: warning: Tiny Plus T-5 (Only on site) is met by no statement of this pack: "
            "no included statement implements what it maps to (a#s2); include one, or add a statement with "
            "frameworks=\"tiny:T-5\" in a house library or the profile's <overrides> [resolve.framework-uncovered]\n"
            "org/profile.xml:7: note: chosen here\n");
  ASSERT_EQ(pack.frameworks.size(), 1u);
  const model::ResolvedFramework& tiny = pack.frameworks[0];
  EXPECT_EQ(tiny.title, "Tiny Plus");
  EXPECT_EQ(tiny.variant_text, "Audited on site.");
  ASSERT_EQ(tiny.requirements.size(), 5u);
  // T-1: s1 through an equivalent control first (the primary tier); s3
  // through a related clause after it.
  EXPECT_EQ(tiny.requirements[0].statements, (std::vector<std::string>{"a#s1", "a#s3"}));
  EXPECT_EQ(tiny.requirements[0].primary, 1u);
  EXPECT_EQ(tiny.requirements[0].controls, (std::vector<std::string>{"A.5.1"}));
  // T-2: clause 4 is met by a statement addressing 4.3, beneath it.
  EXPECT_EQ(tiny.requirements[1].statements, (std::vector<std::string>{"a#s3"}));
  // T-3: named by the statement's frameworks=.
  EXPECT_EQ(tiny.requirements[2].statements, (std::vector<std::string>{"a#s3"}));
  EXPECT_TRUE(tiny.requirements[2].covered());
  EXPECT_FALSE(tiny.requirements[3].covered());
  EXPECT_FALSE(tiny.requirements[4].covered());
}

TEST_F(FrameworkFixture, TheFrameworksDocumentsAndTheSoaCrosswalk) {
  Profile("", R"(<parameter name="window" value="10 days"/>)",
          R"(<frameworks><framework id="tiny"/></frameworks>)");
  auto pack = Resolve();
  const model::ResolvedDocument* matrix = Document(pack, "compliance-matrix-tiny");
  ASSERT_NE(matrix, nullptr) << testing::Formatted(sink_);
  EXPECT_EQ(matrix->title, "Compliance Matrix: Tiny");
  const model::Table* rows = nullptr;
  for (const auto& section : matrix->sections) {
    if (section.id == "requirements-g" && !section.tables.empty()) rows = &section.tables[0];
  }
  ASSERT_NE(rows, nullptr);
  ASSERT_EQ(rows->rows.size(), 5u);
  EXPECT_EQ(rows->rows[0][0], "T-1");
  EXPECT_EQ(rows->rows[0][4], "- The approved policy set.");  // the primary statement's evidence only
  EXPECT_NE(rows->rows[0][3].find("; 1 more mapped to it"), std::string::npos) << rows->rows[0][3];
  EXPECT_EQ(rows->rows[3][3], "**Not met**");
  EXPECT_EQ(rows->rows[3][5], "Only the client can say.");

  const model::ResolvedDocument* checklist = Document(pack, "readiness-checklist-tiny");
  ASSERT_NE(checklist, nullptr);
  EXPECT_EQ(checklist->title, "Tiny Readiness Checklist");
  const model::Table& questions = checklist->sections[1].tables[0];
  ASSERT_EQ(questions.rows.size(), 3u);
  EXPECT_EQ(questions.rows[0][2], "10 days");             // from the profile's parameter
  EXPECT_EQ(questions.rows[1][2], "Required by policy");  // from the statements
  EXPECT_EQ(questions.rows[2][2], "**Client to answer**");

  const model::ResolvedDocument* soa = Document(pack, "statement-of-applicability");
  ASSERT_NE(soa, nullptr);
  const model::Table& controls = soa->sections.back().tables[0];
  EXPECT_EQ(controls.columns.back().header, "Tiny");
  EXPECT_EQ(controls.rows[0].back(), "T-1");  // A.5.1
  EXPECT_EQ(controls.rows[1].back(), "—");    // A.5.15: nothing of tiny maps to it
}

TEST_F(FrameworkFixture, AStatementMeetingMoreOfARequirementComesFirstAndARowNamesAtMostSix) {
  // R-1 maps to A.5.15 and clause 4.3; s3 carries both, s2 only A.5.15,
  // so s3 ranks first although s2 comes first in the pack. R-2 is met by
  // eight statements: its row names six, with their evidence, and counts
  // the other two.
  std::string many;
  for (int i = 1; i <= 8; ++i) {
    const std::string n = std::to_string(i);
    many += "<statement id=\"m" + n + "\" controls=\"A.5.1\" roles=\"owner\"><text>Rule " + n +
            ".</text><evidence>Record " + n + ".</evidence></statement>\n";
  }
  fs_.Add("lib/b.xml", R"(<document id="b" kind="policy" title="Policy B" owner="owner">
  <summary>B.</summary>
  <section id="many" title="Many">)" + many + R"(</section>
</document>)");
  fs_.Add("lib/frameworks/rank.xml", R"(<framework id="rank" title="Rank" version="1" published="2026" publisher="P" licence="L" source="https://example.org/rank" retrieved="2026-11-01">
  <attribution>Rank, for tests.</attribution>
  <mapping-source id="review" title="Review" publisher="policyc">Read by hand.</mapping-source>
  <group id="G" title="Group">
    <requirement id="R-1" title="Access on site">
      <control id="A.5.15" relationship="subset" source="review"/>
      <clause id="4.3" relationship="subset" source="review"/>
    </requirement>
    <requirement id="R-2" title="Many rules">
      <control id="A.5.1" relationship="equivalent" source="review"/>
    </requirement>
  </group>
</framework>)");
  Profile(R"(<fact name="remote" value="true"/>)", "", R"(<frameworks><framework id="rank"/></frameworks>)");
  auto pack = Resolve();
  ASSERT_EQ(pack.frameworks.size(), 1u) << testing::Formatted(sink_);
  const model::ResolvedRequirement& r1 = pack.frameworks[0].requirements[0];
  EXPECT_EQ(r1.statements, (std::vector<std::string>{"a#s3", "a#s2"}));
  EXPECT_EQ(r1.primary, 2u);
  EXPECT_EQ(pack.frameworks[0].requirements[1].statements.size(), 9u);  // s1 and m1-m8

  const model::ResolvedDocument* matrix = Document(pack, "compliance-matrix-rank");
  ASSERT_NE(matrix, nullptr);
  const model::Table& rows = matrix->sections[1].tables.at(0);
  ASSERT_EQ(rows.rows.size(), 2u);
  const std::string& met_by = rows.rows[1][3];
  EXPECT_NE(met_by.find("; 3 more mapped to it"), std::string::npos) << met_by;
  EXPECT_NE(met_by.find("[1.5](policyc:b#m5); 3 more"), std::string::npos) << met_by;  // m5, the sixth named
  EXPECT_EQ(met_by.find("b#m6"), std::string::npos) << met_by;                         // m6 is counted, not named
  EXPECT_EQ(rows.rows[1][4],
            "- The approved policy set.\n- Record 1.\n- Record 2.\n- Record 3.\n- Record 4.\n- Record 5.");
}

TEST_F(FrameworkFixture, UnknownNamesHaveSuggestions) {
  fs_.Add("lib/b.xml", R"(<document id="b" kind="policy" title="Policy B" owner="owner">
  <summary>B.</summary>
  <section id="one" title="One">
    <statement id="t1" controls="A.5.1" roles="owner" frameworks="tiny:T-9 tinny:T-1"><text>T.</text></statement>
  </section>
</document>)");
  Profile("", "",
          R"(<frameworks><framework id="tinny"/><framework id="tiny" level="plsu"/></frameworks>)");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:7: error: unknown framework 'tinny'; did you mean 'tiny'? (the library has tiny; "
            "see policyc list controls --catalogue ID) [resolve.unknown-framework]\n"
            "org/profile.xml:7: error: framework 'tiny' has no level 'plsu'; did you mean 'plus'? (it declares "
            "plus) [resolve.unknown-framework]\n"
            "lib/b.xml:4: error: statement 't1' meets 'tiny:T-9', but framework 'tiny' has no requirement 'T-9'; "
            "did you mean 'T-1'? [resolve.unknown-framework]\n"
            "lib/b.xml:4: error: statement 't1' meets 'tinny:T-1', but the library has no framework 'tinny'; did "
            "you mean 'tiny'? [resolve.unknown-framework]\n");
}

TEST_F(FrameworkFixture, WithoutFrameworksTheFactsSuggestThemInANoteAndAnEmptyListChoosesNone) {
  Profile(R"(<fact name="public" value="true"/>)", "", "");
  auto suggested = Resolve();
  ASSERT_EQ(suggested.frameworks.size(), 1u);
  EXPECT_EQ(suggested.frameworks[0].suggested_because, "Public bodies ask for it.");
  EXPECT_EQ(testing::Formatted(sink_).rfind(
                "org/profile.xml:1: note: the profile lists no <frameworks>, so the pack answers Tiny (<framework "
            "id=\"tiny\"/>), as the library suggests when public: Public bodies ask for it. List the frameworks "
            "the organisation wants under <frameworks>; an empty <frameworks/> chooses none "
                "[resolve.framework-suggested]\nlib/frameworks/tiny.xml:5: note: suggested here\n",
                0),
            0u)
      << testing::Formatted(sink_);

  sink_ = base::DiagnosticSink();
  Profile(R"(<fact name="public" value="true"/>)", "", "<frameworks/>");
  EXPECT_TRUE(Resolve().frameworks.empty());
  EXPECT_EQ(testing::Formatted(sink_), "");
}

// A statement the profile removes is still the library's: a catalogue
// naming it is not a broken reference, the requirement just loses it.
TEST_F(FrameworkFixture, AStatementOrDocumentRemovedByAnOverrideLeavesTheRequirementUnmetNotDangling) {
  for (const std::string target : {"a#s2", "a"}) {
    sink_ = base::DiagnosticSink();
    Profile(R"(<fact name="remote" value="true"/>)", "", R"(<frameworks><framework id="tiny"/></frameworks>)",
            R"(<overrides><remove target=")" + target + R"(" reason="Not for us"/></overrides>)");
    auto pack = Resolve();
    const std::string diagnostics = testing::Formatted(sink_);
    EXPECT_EQ(diagnostics.find("resolve.dangling-reference"), std::string::npos) << target << "\n" << diagnostics;
    EXPECT_NE(diagnostics.find("warning: Tiny T-5 (Only on site) is met by no statement of this pack"),
              std::string::npos)
        << target << "\n" << diagnostics;
    ASSERT_EQ(pack.frameworks.size(), 1u) << target;
    EXPECT_FALSE(pack.frameworks[0].requirements[4].covered()) << target;
  }
}

TEST_F(FrameworkFixture, AParameterBreakingALimitIsAnErrorAtItsValueOrAtTheChoice) {
  Profile(R"(<fact name="remote" value="true"/>)",
          R"(<parameter name="window" value="30 days"/><parameter name="scope" value="some"/>)",
          R"(<frameworks><framework id="tiny"/></frameworks>)");
  Resolve();
  const std::string diagnostics = testing::Formatted(sink_);
  EXPECT_NE(diagnostics.find(
                "org/profile.xml:6: error: parameter 'window' is 30 days, but Tiny requirement T-3 (Updates are "
                "quick) allows at most 14 days; change the value to meet it, or take tiny out of <frameworks> "
                "[resolve.framework-contradiction]\n"
                "lib/frameworks/tiny.xml:16: note: Tiny 3: within 14 days.\n"),
            std::string::npos)
      << diagnostics;
  EXPECT_NE(diagnostics.find("parameter 'scope' is some, but Tiny requirement T-3 (Updates are quick) allows only "
                             "all; change the value"),
            std::string::npos)
      << diagnostics;

  // The library's default breaks it: reported at the choice.
  sink_ = base::DiagnosticSink();
  fs_.Add("lib/declarations.xml", R"(<declarations>
  <fact id="remote" type="boolean" default="false"><description>d</description></fact>
  <fact id="public" type="boolean" default="false"><description>d</description></fact>
  <parameter id="window" type="duration" default="21 days" min="1 days" max="60 days"><description>d</description></parameter>
  <parameter id="scope" type="enum" values="all some" default="all"><description>d</description></parameter>
</declarations>)");
  Profile("", "", R"(<frameworks><framework id="tiny"/></frameworks>)");
  Resolve();
  EXPECT_NE(testing::Formatted(sink_).find(
                "org/profile.xml:7: error: parameter 'window' is 21 days (the library's default), but Tiny "
                "requirement T-3 (Updates are quick) allows at most 14 days; set the parameter under <parameters> "
                "to meet it, or take tiny out of <frameworks> [resolve.framework-contradiction]\n"),
            std::string::npos)
      << testing::Formatted(sink_);
}

TEST_F(FrameworkFixture, ACatalogueNamingWhatTheLibraryLacksIsReported) {
  fs_.Add("lib/frameworks/broken.xml", R"(<framework id="broken" title="Broken" version="1" published="2026" publisher="P" licence="L" source="https://example.org/b" retrieved="2026-11-01">
  <attribution>B.</attribution>
  <mapping-source id="review" title="Review" publisher="policyc">R.</mapping-source>
  <group id="G" title="Group">
    <requirement id="B-1" title="One">
      <control id="A.5.99" relationship="related" source="review"/>
      <statement ref="a#s9" relationship="related" source="review"/>
      <limit parameter="windoe" comparison="at-most" value="14 days">L.</limit>
      <limit parameter="scope" comparison="at-most" value="all">L.</limit>
    </requirement>
  </group>
  <question-set title="Broken Checklist" based-on="nothing">
    <topic id="t" title="T">
      <question id="1" parameter="scope" requirements="B-1">Which scope?</question>
      <question id="2" fact="public" requirements="B-1">Public?</question>
    </topic>
  </question-set>
</framework>)");
  Profile("", "", "<frameworks/>");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/frameworks/broken.xml:6: error: broken B-1 maps to unknown control 'A.5.99'; did you mean "
            "'A.5.1'? [resolve.unknown-control]\n"
            "lib/frameworks/broken.xml:7: error: broken B-1 maps to statement 'a#s9', which no document of the "
            "library has; did you mean 'a#s1'? [resolve.dangling-reference]\n"
            "lib/frameworks/broken.xml:8: error: broken B-1 limits unknown parameter 'windoe'; did you mean "
            "'window'? [resolve.unknown-parameter]\n"
            "lib/frameworks/broken.xml:9: error: broken B-1: comparison at-most does not suit parameter 'scope', "
            "which is enum; at-most and at-least need an integer or duration [resolve.bad-value]\n"
            "lib/frameworks/broken.xml:14: error: broken question 1 is answered by parameter 'scope', whose values "
            "(all, some) are the library's keywords, not answers; drop parameter= and let the statements of its "
            "requirements answer it [resolve.bad-value]\n");
}

}  // namespace
}  // namespace policyc::resolve
