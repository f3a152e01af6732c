#include "resolve/resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "base/file_system.h"
#include "load/source_loader.h"
#include "render/links.h"
#include "render/markdown.h"
#include "render/pack_json.h"
#include "support/test_support.h"

namespace policyc::resolve {
namespace {

/// Sources in memory: a small library, optional house layer, one profile.
class ResolveFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_.Add("lib/catalogue.xml", R"(<catalogue id="t" edition="2022" title="T">
  <theme id="organisational" number="5" title="Organisational controls">
    <control id="A.5.1" title="Policies" type="preventive" properties="integrity" concepts="identify" capabilities="governance" domains="resilience"/>
    <control id="A.5.15" title="Access control" type="preventive" properties="integrity" concepts="protect" capabilities="governance" domains="protection"/>
  </theme>
</catalogue>)");
    fs_.Add("lib/roles.xml", R"(<roles>
  <role id="owner" title="Policy Owner"><purpose>p</purpose></role>
  <role id="admin" title="Administrator"><purpose>p</purpose></role>
  <role id="auditor" title="Auditor"><purpose>p</purpose></role>
  <segregate roles="admin auditor" reason="An auditor must not audit their own work."/>
</roles>)");
    fs_.Add("lib/declarations.xml", R"(<declarations>
  <fact id="remote" type="boolean" default="true"><description>d</description></fact>
  <parameter id="length" type="integer" unit="characters" default="12" min="8" max="64"><description>d</description></parameter>
  <parameter id="methods" type="list"><description>d</description><item>app</item><item>key</item></parameter>
</declarations>)");
    fs_.Add("lib/a.xml", R"(<document id="a" kind="policy" title="Policy A" owner="owner">
  <summary>Summary of {{org.name}}.</summary>
  <section id="one" title="One">
    <statement id="s1" controls="A.5.1" roles="owner"><text>Use {{param.length}} via {{param.methods}}.</text></statement>
    <statement id="s2" roles="admin" condition="not remote"><text>Only on site.</text></statement>
    <statement id="s3" controls="A.5.15" roles="admin"><text>See {{ref:a#s1}} and {{ref:b#t1}} and {{ref:b}}.</text></statement>
  </section>
</document>)");
    fs_.Add("lib/compiled-documents.xml", R"(<compiled-documents>
  <compiled builder="soa" id="statement-of-applicability" title="Statement of Applicability" kind="register" owner="owner" serves="6.1.3"/>
  <compiled builder="role-summaries" id="role-descriptions" title="Role Descriptions and Responsibilities" kind="record" owner="owner" serves="5.3"/>
  <compiled builder="duty-index" id="duty-register" title="Register of Duties" kind="register" owner="owner" serves="5.3"/>
  <compiled builder="document-index" id="documented-information-register" title="Register of Documented Information" kind="register" owner="owner" serves="7.5"/>
</compiled-documents>)");
    fs_.Add("lib/b.xml", R"(<document id="b" kind="procedure" title="Procedure B" owner="owner">
  <summary>B.</summary>
  <section id="first" title="First">
    <statement id="t1" roles="owner"><text>Do it.</text></statement>
  </section>
</document>)");
  }

  void Profile(const std::string& extra_people, const std::string& tail = "",
               const std::string& scope = "Everything.") {
    fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Smith &amp; Jones &lt;Ltd&gt;"/>
  <scope>)" + scope + R"(</scope>
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="owner"/>
    )" + extra_people + R"(
  </people>
  <soa>
    <status control="A.5.1" value="implemented" reason="The board asked for written rules"/>
    <status control="A.5.15" value="partial" date="2027-01-29" reason="Staff work from home."/>
  </soa>
  <document-control approver="ann"/>
)" + tail + "</profile>");
  }

  model::ResolvedPack Resolve(std::vector<std::string> layers = {"lib"}) {
    model::ResolvedPack pack = testing::ResolveSources(fs_, layers, "org/profile.xml", sink_);
    AddDerivedDocuments(pack, sink_);  // as release::ApplyRecord does, without a record
    return pack;
  }

  const model::ResolvedStatement& Statement(const model::ResolvedPack& pack, const std::string& doc,
                                            const std::string& id) {
    for (const auto& d : pack.documents) {
      if (d.id != doc) continue;
      for (const auto& section : d.sections) {
        for (const auto& item : section.items) {
          const auto* s = std::get_if<model::ResolvedStatement>(&item);
          if (s && s->id == id) return *s;
        }
      }
    }
    ADD_FAILURE() << "no statement " << doc << "#" << id;
    static model::ResolvedStatement none;
    return none;
  }

  base::MemoryFileSystem fs_;
  base::DiagnosticSink sink_;
};

TEST_F(ResolveFixture, BindsParametersResolvesReferencesAndNumbers) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  auto pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  EXPECT_EQ(Statement(pack, "a", "s1").text, "Use 12 characters via app and key.");
  // s2 is excluded (remote holds), so s3 is numbered 1.2.
  EXPECT_EQ(Statement(pack, "a", "s3").number, "1.2");
  EXPECT_EQ(Statement(pack, "a", "s3").text,
            "See [statement 1.1](policyc:a#s1) and [Procedure B, statement 1.1](policyc:b#t1) "
            "and [Procedure B](policyc:b).");
  EXPECT_EQ(pack.documents[0].summary, "Summary of Smith \\& Jones \\<Ltd\\>.");
  // No release record was read: an unapproved draft of the version a first
  // release gives, with no review date yet (release/ gives versions and dates).
  EXPECT_EQ(pack.documents[0].version, "1.0");
  EXPECT_EQ(model::VersionLabel(pack.documents[0]), "1.0 draft");
  EXPECT_TRUE(pack.documents[0].draft);
  EXPECT_EQ(pack.documents[0].next_review, "");
  EXPECT_EQ(pack.documents[0].review_months, 12);
}

TEST_F(ResolveFixture, ADocumentPrintsTheScopeStatementWhole) {
  fs_.Add("lib/b.xml", R"(<document id="b" kind="procedure" title="Procedure B" owner="owner">
  <summary>B.</summary>
  <section id="scope" title="Scope">
    <intro>The scope:

{{org.scope}}</intro>
    <statement id="t1" roles="owner"><text>Do it.</text></statement>
  </section>
</document>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", "",
          "Everything that **{{org.name}}** does:\n\n- in Leeds;\n- at home.");
  auto pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  ASSERT_EQ(pack.documents[1].id, "b");
  EXPECT_EQ(pack.documents[1].sections[0].intro,
            "The scope:\n\nEverything that **Smith \\& Jones \\<Ltd\\>** does:\n\n- in Leeds;\n- at home.");
  EXPECT_EQ(pack.scope, "Everything that **Smith \\& Jones \\<Ltd\\>** does:\n\n- in Leeds;\n- at home.");
}

TEST_F(ResolveFixture, TheScopeStatementCannotPrintItself) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", "", "All of {{org.scope}}.");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:3: error: {{org.scope}} is used inside the scope statement itself; remove it "
            "[resolve.unknown-variable]\n");
}

TEST_F(ResolveFixture, ProfileValuesAreTypedAndRangeChecked) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)",
          R"(<parameters><parameter name="length" value="4"/><parameter name="lenght" value="9"/></parameters>)");
  // <parameters> must come before <document-control>: rebuild the profile in schema order.
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>Everything.</scope>
  <facts><fact name="remote" value="maybe"/></facts>
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="owner admin"/>
  </people>
  <parameters><parameter name="length" value="4"/><parameter name="lenght" value="9"/></parameters>
  <soa><status control="A.5.1" value="implemented" reason="R"/><status control="A.5.15" value="implemented" reason="R"/></soa>
  <document-control approver="ann"/>
</profile>)");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:4: error: fact 'remote': 'maybe' is not true or false [resolve.bad-value]\n"
            "lib/declarations.xml:2: note: declared here as boolean\n"
            "org/profile.xml:8: error: parameter 'length': 4 is below the minimum of 8 [resolve.out-of-range]\n"
            "lib/declarations.xml:3: note: declared here as integer\n"
            "org/profile.xml:8: error: unknown parameter 'lenght' (see 'policyc list parameters'); did you mean 'length'? [resolve.unknown-parameter]\n");
}

TEST_F(ResolveFixture, ReportsUnheldRolesAndSegregation) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin auditor"/>)");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:6: warning: Bo holds both 'admin' and 'auditor', which should be segregated; "
            "give one role to someone else, or record a compensating control such as independent review "
            "of their work [resolve.segregation-conflict]\n"
            "lib/roles.xml:5: note: segregation required: An auditor must not audit their own work.\n");
  base::DiagnosticSink fresh;
  sink_ = std::move(fresh);
  Profile("");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/a.xml:6: error: role 'admin' is given duties here but nobody in the profile holds it; "
            "add 'admin' to the roles of a <person> [resolve.unheld-role]\n"
            "org/profile.xml:1: note: people are listed in this profile\n");
}

TEST_F(ResolveFixture, HouseLayerReplacesRemovesAndAdds) {
  fs_.Add("house/overrides.xml", R"(<overrides>
  <replace target="a#s1" reason="House wording is stricter."><statement id="s1" controls="A.5.1" roles="owner"><text>Use at least {{param.length}}.</text></statement></replace>
  <remove target="b#t1" reason="Covered elsewhere in the house library."/>
  <add to="b#first" reason="House procedure step added."><statement id="t2" roles="owner"><text>Do it the house way.</text></statement></add>
</overrides>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  auto pack = Resolve({"lib", "house"});
  // a#s3 refers to b#t1, which the house layer removed.
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/a.xml:6: error: reference to 'b#t1', which does not exist; did you mean 'b#t2'? "
            "[resolve.dangling-reference]\n");
  EXPECT_EQ(Statement(pack, "a", "s1").text, "Use at least 12 characters.");
  EXPECT_EQ(Statement(pack, "b", "t2").number, "1.1");
}

TEST_F(ResolveFixture, AReplacedDocumentBringsItsOwnParameters) {
  fs_.Add("house/overrides.xml", R"(<overrides>
  <replace target="b" reason="The house procedure has a fixed number of steps.">
    <document id="b" kind="procedure" title="Procedure B" owner="owner">
      <summary>B.</summary>
      <parameters>
        <parameter id="steps" type="integer" unit="steps" default="3" min="1" max="9"><description>Steps.</description></parameter>
      </parameters>
      <section id="first" title="First">
        <statement id="t1" roles="owner"><text>Do it in {{param.steps}}.</text></statement>
      </section>
    </document>
  </replace>
</overrides>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  auto pack = Resolve({"lib", "house"});
  EXPECT_EQ(testing::Formatted(sink_), "");
  EXPECT_EQ(Statement(pack, "b", "t1").text, "Do it in 3 steps.");
}

TEST_F(ResolveFixture, OverrideMistakesNameBothPlaces) {
  fs_.Add("house/overrides.xml", R"(<overrides>
  <remove target="a#s1" reason="Not used by this house."/>
  <replace target="a#s2" reason="First change to s2."><statement id="s2"><text>x</text></statement></replace>
  <replace target="a#s2" reason="Second change to s2."><statement id="s2"><text>y</text></statement></replace>
  <remove target="a#s9" reason="Targets nothing at all."/>
  <replace target="a#s3" reason="Keeps the wrong id."><statement id="s4"><text>z</text></statement></replace>
</overrides>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)",
          R"(<overrides><replace target="a#s1" reason="Profile wants its own."><statement id="s1"><text>w</text></statement></replace></overrides>)");
  Resolve({"lib", "house"});
  EXPECT_EQ(testing::Formatted(sink_),
            "house/overrides.xml:4: error: 'a#s2' is changed twice in one layer; merge the two changes into one [resolve.override-conflict]\n"
            "house/overrides.xml:3: note: also replaced here\n"
            "house/overrides.xml:5: error: override targets 'a#s9', which does not exist; did you mean 'a#s2'? [resolve.override-target-missing]\n"
            "house/overrides.xml:6: error: the replacement statement has id 's4' but replaces 's3'; keep the id so that history and diffs follow it [resolve.override-id-mismatch]\n"
            "org/profile.xml:13: error: 'a#s1' was removed by a lower layer, so this override has nothing to change; drop it, or drop the removal [resolve.override-conflict]\n"
            "house/overrides.xml:2: note: removed here\n"
            "lib/a.xml:6: error: reference to 'a#s1', which does not exist; did you mean 'a#s2'? [resolve.dangling-reference]\n"
            "lib/catalogue.xml:3: error: A.5.1 Policies is applicable but no included statement implements it; add a statement with controls=\"A.5.1\" or exclude it in the profile's <soa> with a reason [resolve.uncovered-control]\n");
}

TEST_F(ResolveFixture, ALaterLayerChangingAnEarlierChangeWinsWithANoteNamingBothPlaces) {
  fs_.Add("house/overrides.xml", R"(<overrides>
  <replace target="a#s1" reason="House wording is stricter."><statement id="s1" controls="A.5.1" roles="owner"><text>House text.</text></statement></replace>
  <add to="b#first" reason="House procedure step added."><statement id="t2" roles="owner"><text>Do it the house way.</text></statement></add>
  <replace target="b#t1" reason="House wording for the first step."><statement id="t1" roles="owner"><text>Do it now.</text></statement></replace>
</overrides>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", R"(<overrides>
  <replace target="a#s1" reason="The client's own wording."><statement id="s1" controls="A.5.1" roles="owner"><text>Client text.</text></statement></replace>
  <remove target="b#t2" reason="The client needs no house step."/>
  <replace target="b" reason="The client's own procedure."><document id="b" kind="procedure" title="Procedure B" owner="owner"><summary>B.</summary><section id="first" title="First"><statement id="t1" roles="owner"><text>Do it.</text></statement></section></document></replace>
</overrides>)");
  sink_.SetKeepDetails(true);  // as check --verbose does
  auto pack = Resolve({"lib", "house"});
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:14: note: 'a#s1' was already replaced by layer 'house' at house/overrides.xml:2; "
            "this later replacement, in layer 'profile', wins [resolve.override-shadowed]\n"
            "org/profile.xml:15: note: 'b#t2' was added by layer 'house' at house/overrides.xml:3; "
            "this later removal, in layer 'profile', wins [resolve.override-shadowed]\n"
            "org/profile.xml:16: note: document 'b' holds 'b#t1', already replaced by layer 'house' at "
            "house/overrides.xml:4; this later replacement, in layer 'profile', wins [resolve.override-shadowed]\n");
  EXPECT_EQ(Statement(pack, "a", "s1").text, "Client text.");
  EXPECT_EQ(Statement(pack, "b", "t1").text, "Do it.");
}

// Issue 14, point 12: in one layer, the whole document first and then one
// of its statements is kept (the statement's change applies to the
// replacement); the other order is a conflict (golden
// error.override-statement-then-document), as is removing the document
// after replacing one of its statements.
TEST_F(ResolveFixture, InOneLayerADocumentThenItsStatementKeepsBoth) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", R"(<overrides>
  <replace target="b" reason="The client's own procedure."><document id="b" kind="procedure" title="Procedure B" owner="owner"><summary>B.</summary><section id="first" title="First"><statement id="t1" roles="owner"><text>Do it.</text></statement></section></document></replace>
  <replace target="b#t1" reason="The client's own wording."><statement id="t1" roles="owner"><text>Do it today.</text></statement></replace>
</overrides>)");
  auto pack = Resolve({"lib"});
  EXPECT_EQ(testing::Formatted(sink_), "");
  EXPECT_EQ(Statement(pack, "b", "t1").text, "Do it today.");
}

TEST_F(ResolveFixture, InOneLayerRemovingADocumentAfterReplacingItsStatementIsAConflict) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", R"(<overrides>
  <replace target="b#t1" reason="The client's own wording."><statement id="t1" roles="owner"><text>Do it today.</text></statement></replace>
  <remove target="b" reason="The client has no such procedure."/>
</overrides>)");
  Resolve({"lib"});
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:15: error: document 'b' is removed after this layer replaced 'b#t1', which would be "
            "lost with it; drop one of the two [resolve.override-conflict]\n"
            "org/profile.xml:14: note: 'b#t1' replaced here\n");
}

TEST_F(ResolveFixture, ChangingAStatementOfADocumentAnEarlierLayerReplacedIsANote) {
  fs_.Add("house/overrides.xml", R"(<overrides>
  <replace target="b" reason="The house procedure."><document id="b" kind="procedure" title="Procedure B" owner="owner"><summary>B.</summary><section id="first" title="First"><statement id="t1" roles="owner"><text>Do it the house way.</text></statement></section></document></replace>
</overrides>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", R"(<overrides>
  <replace target="b#t1" reason="The client's own wording."><statement id="t1" roles="owner"><text>Do it.</text></statement></replace>
</overrides>)");
  Resolve({"lib", "house"});
  EXPECT_EQ(testing::Formatted(sink_), "");  // a detail: only --verbose keeps it
  base::DiagnosticSink verbose;
  verbose.SetKeepDetails(true);
  testing::ResolveSources(fs_, {"lib", "house"}, "org/profile.xml", verbose);
  EXPECT_EQ(testing::Formatted(verbose),
            "org/profile.xml:14: note: 'b#t1' is in document 'b', already replaced by layer 'house' at "
            "house/overrides.xml:2; this later replacement, in layer 'profile', wins [resolve.override-shadowed]\n");
}

TEST_F(ResolveFixture, EveryStatementAndSectionInPackJsonNamesItsLayerFileAndLine) {
  fs_.Add("house/overrides.xml", R"(<overrides>
  <replace target="a#s1" reason="House wording is stricter."><statement id="s1" controls="A.5.1" roles="owner"><text>House text.</text></statement></replace>
</overrides>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)", R"(<overrides>
  <replace target="b#t1" reason="The client's own wording."><statement id="t1" roles="owner"><text>Client text.</text></statement></replace>
</overrides>)");
  auto pack = Resolve({"lib", "house"});
  ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
  const nlohmann::json json = render::PackJson(pack);
  std::map<std::string, std::string> provenance;  // "DOC#ID" → "layer file:line"
  std::function<void(const std::string&, const nlohmann::json&)> walk = [&](const std::string& doc,
                                                                             const nlohmann::json& item) {
    if (item.contains("provenance")) {
      const nlohmann::json& p = item.at("provenance");
      provenance[doc + "#" + item.at("id").get<std::string>()] =
          p.at("layer").get<std::string>() + " " + p.at("file").get<std::string>() + ":" +
          std::to_string(p.at("line").get<int>());
    }
    for (const nlohmann::json& child : item.value("items", nlohmann::json::array())) walk(doc, child);
  };
  for (const nlohmann::json& doc : json.at("documents")) {
    for (const nlohmann::json& section : doc.at("sections")) walk(doc.at("id").get<std::string>(), section);
  }
  EXPECT_EQ(provenance["a#one"], "lib lib/a.xml:3");
  EXPECT_EQ(provenance["a#s1"], "house house/overrides.xml:2");
  EXPECT_EQ(provenance["a#s3"], "lib lib/a.xml:6");
  EXPECT_EQ(provenance["b#t1"], "profile profile.xml:14");
  // What a compiled document makes comes from no layer, and says none.
  EXPECT_EQ(provenance.count("statement-of-applicability#organisational"), 0u);
  for (const auto& [id, where] : provenance) EXPECT_EQ(id.rfind("statement-of-applicability", 0), std::string::npos) << id;
}

TEST_F(ResolveFixture, CoverageAndSoa) {
  // <soa> must precede <document-control>, so the profile is written out whole.
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>Everything.</scope>
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="owner"/>
    <person id="bo" name="Bo" job-title="Admin" roles="admin"/>
  </people>
  <soa><exclude control="A.5.15" reason="Excluded for the test, with a reason."/></soa>
  <document-control approver="ann"/>
</profile>)");
  auto pack = Resolve();
  // A.5.1 applies, with neither a status nor a reason: each is a warning at <soa>.
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:8: warning: A.5.1 Policies is applicable but its implementation status is not "
            "stated; add <status control=\"A.5.1\" value=\"implemented\"/> (or partial, planned or "
            "not-implemented) to <soa> [resolve.status-missing]\n"
            "org/profile.xml:8: warning: control A.5.15 is excluded, yet 1 included statement(s) implement it, "
            "e.g. a#s3; remove the exclusion or the statements [resolve.excluded-control-implemented]\n"
            "org/profile.xml:8: warning: A.5.1 Policies is applicable, but the SoA has no reason for it: no risk "
            "relies on it and no legal register entry or requirement calls for it; give the organisation's "
            "reason with reason=\"...\" on its <status>, or name it in a risk's or a requirement's controls "
            "[resolve.unjustified-control]\n");
  ASSERT_EQ(pack.soa.size(), 2u);
  EXPECT_TRUE(pack.soa[0].applicable);
  EXPECT_EQ(pack.soa[0].implemented_by, std::vector<std::string>{"a#s1"});
  EXPECT_FALSE(pack.soa[1].applicable);
  EXPECT_EQ(pack.soa[1].justification, "Excluded for the test, with a reason.");
}

TEST_F(ResolveFixture, IsPure) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  auto first = render::PackToJson(Resolve());
  auto second = render::PackToJson(Resolve());
  EXPECT_EQ(first, second);
}

TEST_F(ResolveFixture, DerivesTheSoaAndRoleDescriptionsFromTheStatements) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  auto pack = Resolve();
  ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
  auto find = [&](const std::string& id) -> const model::ResolvedDocument* {
    for (const auto& d : pack.documents) {
      if (d.id == id) return &d;
    }
    return nullptr;
  };
  const auto* soa = find("statement-of-applicability");
  ASSERT_NE(soa, nullptr);
  EXPECT_EQ(soa->serves, std::vector<std::string>{"6.1.3"});
  ASSERT_EQ(soa->sections.size(), 2u);  // summary + organisational controls
  ASSERT_EQ(soa->sections[1].tables.size(), 1u);
  const model::Table& controls = soa->sections[1].tables[0];
  EXPECT_EQ(model::TableText(controls).substr(0, model::TableText(controls).find('\n')),
            "Control | Title | Applicable | Justification | Status | Owner | Implemented by");
  ASSERT_FALSE(controls.rows.empty());
  EXPECT_EQ(controls.rows[0],
            (std::vector<std::string>{"A.5.1", "Policies", "Yes", "The board asked for written rules.",
                                      "Implemented", "Policy Owner", "Policy A [1.1](policyc:a#s1)"}));
  const auto* roles = find("role-descriptions");
  ASSERT_NE(roles, nullptr);
  const model::ResolvedSection& admin = roles->sections[1];
  EXPECT_EQ(admin.title, "Administrator");
  EXPECT_NE(admin.intro.find("**Held by:** Bo (Admin)"), std::string::npos) << admin.intro;
  // Duties are summarised per document, with links to the statements.
  ASSERT_EQ(admin.tables.size(), 1u);
  EXPECT_EQ(admin.tables[0].rows,
            (std::vector<std::vector<std::string>>{{"[Policy A](policyc:a)", "1", "[1.2](policyc:a#s3)"}}));
  const model::Table& raci = roles->sections[2].tables.at(0);
  EXPECT_EQ(raci.rows.at(0)[0], "[Policy A](policyc:a)");
  EXPECT_EQ(raci.rows.at(0).size(), raci.columns.size());
  EXPECT_EQ(roles->sections[3].tables.at(0).rows.at(0),
            (std::vector<std::string>{"Administrator and Auditor", "An auditor must not audit their own work.",
                                      "Nobody"}));
  // Every duty in full in the register of duties.
  const auto* duties = find("duty-register");
  ASSERT_NE(duties, nullptr);
  const auto* register_doc = find("documented-information-register");
  ASSERT_NE(register_doc, nullptr);
  EXPECT_EQ(pack.documents.back().id, "documented-information-register");
}

TEST_F(ResolveFixture, OnlyTheActingRoleHasTheDutyAndRaciShowsTheOthers) {
  fs_.Add("house/c.xml", R"(<document id="c" kind="procedure" title="Procedure C" owner="owner">
  <summary>C.</summary>
  <section id="steps" title="Steps">
    <statement id="propose" roles="admin owner auditor" approves="owner" informed="auditor"><text>The Administrator shall propose it.</text></statement>
  </section>
</document>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/><person id="cy" name="Cy" job-title="Auditor" roles="auditor"/>)");
  auto pack = Resolve({"lib", "house"});
  ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
  auto role = [&](const std::string& id) {
    for (const auto& r : pack.roles) {
      if (r.id == id) return r;
    }
    return model::ResolvedRole{};
  };
  EXPECT_NE(std::find(role("admin").duties.begin(), role("admin").duties.end(), "c#propose"), role("admin").duties.end());
  for (const char* other : {"owner", "auditor"}) {
    const auto duties = role(other).duties;
    EXPECT_EQ(std::find(duties.begin(), duties.end(), "c#propose"), duties.end()) << other;
  }
  const model::ResolvedDocument* descriptions = nullptr;
  for (const auto& d : pack.documents) {
    if (d.id == "role-descriptions") descriptions = &d;
  }
  ASSERT_NE(descriptions, nullptr);
  const model::Table* raci = nullptr;
  for (const auto& s : descriptions->sections) {
    if (s.id == "raci") raci = &s.tables.at(0);
  }
  ASSERT_NE(raci, nullptr);
  std::map<std::string, std::string> row_c;
  for (const auto& row : raci->rows) {
    if (row[0] != "[Procedure C](policyc:c)") continue;
    for (size_t i = 1; i < row.size(); ++i) row_c[raci->columns[i].header] = row[i];
  }
  EXPECT_EQ(row_c["Policy Owner"], "A, C");  // owns the document, approves the step
  EXPECT_EQ(row_c["Administrator"], "R");
  EXPECT_EQ(row_c["Auditor"], "I");
}

TEST_F(ResolveFixture, ApprovesAndInformedNameRolesAfterTheActingOne) {
  fs_.Add("house/c.xml", R"(<document id="c" kind="procedure" title="Procedure C" owner="owner">
  <summary>C.</summary>
  <section id="steps" title="Steps">
    <statement id="propose" roles="admin owner" approves="admin" informed="auditor"><text>The Administrator shall propose it.</text></statement>
  </section>
</document>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  Resolve({"lib", "house"});
  const std::string out = testing::Formatted(sink_);
  EXPECT_NE(out.find("statement 'propose' lists role 'admin' under approves but it is the acting role (the first of "
                     "roles); put the role that acts first [resolve.role-capacity]"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("statement 'propose' lists role 'auditor' under informed but not in roles; add it to roles "
                     "after the acting role [resolve.role-capacity]"),
            std::string::npos)
      << out;
}

TEST_F(ResolveFixture, AHouseLayerRetitlesACompiledDocumentAndBadNamesAreDiagnosed) {
  fs_.Add("house/compiled-documents.xml", R"(<compiled-documents>
  <compiled builder="duty-index" id="duties" title="Who Does What" kind="register" owner="admin"/>
  <compiled builder="internal-audits" id="audits" title="Audits" kind="plan" owner="auditer">
    <uses name="auditor" role="auditor"/>
    <uses name="cycle" parameter="audit_cycle"/>
    <uses name="context" document="context"/>
  </compiled>
  <compiled builder="sao" id="x" title="X" kind="register" owner="owner"/>
</compiled-documents>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  auto pack = Resolve({"lib", "house"});
  EXPECT_EQ(testing::Formatted(sink_),
            "house/compiled-documents.xml:3: error: unknown role 'auditer' (see 'policyc list roles'); did you "
            "mean 'auditor'? [resolve.unknown-role]\n"
            "house/compiled-documents.xml:5: error: unknown parameter 'audit_cycle' [resolve.unknown-parameter]\n"
            "house/compiled-documents.xml:6: error: no document 'context' in the library [resolve.dangling-reference]\n"
            "house/compiled-documents.xml:8: error: unknown builder 'sao'; did you mean 'soa'? (the builders are soa, "
            "role-summaries, duty-index, asset-list, risk-list, treatment-list, objective-list, nonconformity-list, "
            "internal-audits, training-modules, training-needs, training-schedule, review-agenda, document-index, "
            "framework-matrix, readiness-checklist) "
            "[resolve.unknown-builder]\n");
  const model::ResolvedDocument* duties = nullptr;
  for (const auto& d : pack.documents) {
    if (d.id == "duties") duties = &d;
    EXPECT_NE(d.id, "duty-register");
  }
  ASSERT_NE(duties, nullptr);
  EXPECT_EQ(duties->title, "Who Does What");
  EXPECT_EQ(duties->owner_role, "admin");
}

TEST_F(ResolveFixture, DeputiesAreNamedAndMayNotCoverASegregatedRole) {
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin" deputy-for="owner"/>
    <person id="cy" name="Cy" job-title="Auditor" roles="auditor" deputy-for="admin"/>)");
  auto pack = Resolve();
  const std::string out = testing::Formatted(sink_);
  EXPECT_NE(out.find("warning: Cy deputises for 'admin' while holding 'auditor', which should be segregated; "
                     "choose another deputy [resolve.segregation-conflict]"),
            std::string::npos)
      << out;
  EXPECT_FALSE(sink_.HasErrors()) << out;
  for (const auto& d : pack.documents) {
    if (d.id != "role-descriptions") continue;
    for (const auto& s : d.sections) {
      if (s.id == "role-owner") EXPECT_NE(s.intro.find("**Deputy:** Bo (Admin), when the holder is absent."), std::string::npos) << s.intro;
    }
  }
}


/// A profile with risks, requirements and certification, written out whole
/// in schema order.
std::string RiskProfile(const std::string& certification, const std::string& risks) {
  return R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>Everything.</scope>
  )" + certification + R"(
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="owner"/>
    <person id="bo" name="Bo" job-title="Admin" roles="admin"/>
    <person id="cy" name="Cy" job-title="Deputy Admin" roles="admin"/>
  </people>
  <requirements>
    <requirement id="customers" kind="contract" title="Customer contracts" controls="A.5.15"/>
  </requirements>
  <soa>
    <status control="A.5.1" value="implemented"/>
    <status control="A.5.15" value="not-implemented" reason="Staff work from home"/>
  </soa>
  <assets>
    <asset id="laptops" name="Laptops" owner="admin" classification="internal" location="Homes" confidentiality="3" integrity="3" availability="3"/>
  </assets>
  )" + (risks.empty() ? std::string() : "<risks>" + risks + "</risks>") + R"(
  <document-control approver="ann"/>
</profile>)";
}

TEST_F(ResolveFixture, SoaJustificationNamesRisksLawsRequirementsAndTheOrganisationsReason) {
  fs_.Add("house/law.xml", R"(<document id="law" kind="register" title="Legal Register" owner="owner">
  <summary>Laws.</summary>
  <section id="act" title="Example Act 2020" requires="A.5.15">
    <statement id="l1" roles="owner"><text>Obey it.</text></statement>
  </section>
  <section id="other" title="Remote Act" requires="A.5.1" condition="not remote">
    <statement id="l2" roles="owner"><text>Obey it too.</text></statement>
  </section>
</document>)");
  fs_.Add("org/profile.xml", RiskProfile("", R"(
    <risk id="r1" asset="laptops" title="Stolen laptop" threat="Theft" vulnerability="Carried about" likelihood="2" impact="2" owner="ann" controls="A.5.15"/>)"));
  auto pack = Resolve({"lib", "house"});
  // A.5.1 has a status but no reason at all: the Remote Act is left out (its condition is false).
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:18: warning: asset laptops's owner is the role 'admin', which 2 people hold: Bo (bo) "
            "and Cy (cy); name the one accountable person, e.g. \"bo\" [resolve.owner-not-one-person]\n"
            "org/profile.xml:13: warning: A.5.1 Policies is applicable, but the SoA has no reason for it: no risk "
            "relies on it and no legal register entry or requirement calls for it; give the organisation's "
            "reason with reason=\"...\" on its <status>, or name it in a risk's or a requirement's controls "
            "[resolve.unjustified-control]\n");
  ASSERT_EQ(pack.soa.size(), 2u);
  EXPECT_EQ(pack.soa[0].justification, "");
  EXPECT_EQ(pack.soa[1].status, "not-implemented");
  EXPECT_EQ(pack.soa[1].justification,
            "Staff work from home. Treats risk r1 (Stolen laptop). Legal register: Example Act 2020. "
            "Contract: Customer contracts.");
}

TEST_F(ResolveFixture, RiskOwnersAreOnePersonAndAcceptancesAreByTheEntitledInTime) {
  fs_.Add("org/profile.xml", RiskProfile("", R"(
    <risk id="r1" asset="laptops" threat="Theft" vulnerability="Carried about" likelihood="2" impact="2" owner="admin" controls="A.5.15"/>
    <risk id="r2" asset="laptops" threat="Loss" vulnerability="Small" likelihood="2" impact="2" owner="bo" treatment-owner="admin" controls="A.5.15" accepted-by="cy" accepted-on="2026-10-01"/>
    <risk id="r3" asset="laptops" threat="Spill" vulnerability="Coffee" likelihood="2" impact="2" owner="bo" controls="A.5.15" accepted-by="bo" accepted-on="2026-12-01"/>
    <risk id="r4" asset="laptops" threat="Fire" vulnerability="Old wiring" likelihood="2" impact="2" owner="nobody" controls="A.5.15"/>)"));
  Resolve();
  const std::string out = testing::Formatted(sink_);
  EXPECT_NE(out.find("org/profile.xml:21: warning: risk r1's owner is the role 'admin', which 2 people hold: Bo (bo) "
                     "and Cy (cy); name the one accountable person, e.g. \"bo\" [resolve.owner-not-one-person]\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("org/profile.xml:22: warning: risk r2's treatment owner is the role 'admin', which 2 people "
                     "hold"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("org/profile.xml:22: error: risk r2 was accepted by Cy (Deputy Admin), who is neither its "
                     "owner nor entitled to accept risks; only Bo (bo) may accept it [resolve.risk-acceptor]\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("org/profile.xml:23: warning: risk r3 is recorded as accepted on 2026-12-01, after the pack's "
                     "as-of date 2026-11-01; an acceptance cannot come after the date the pack speaks for: correct "
                     "the date, or move as-of [resolve.risk-accepted-later]\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("org/profile.xml:24: error: risk r4's owner 'nobody' is neither one of the profile's people "
                     "nor a role"),
            std::string::npos)
      << out;
}

TEST_F(ResolveFixture, TopManagementMayAcceptAnyRisk) {
  fs_.Add("house/compiled-documents.xml", R"(<compiled-documents>
  <compiled builder="risk-list" id="risk-register" title="Risk Register" kind="register" owner="owner">
    <uses name="acceptor" role="owner"/>
  </compiled>
</compiled-documents>)");
  fs_.Add("org/profile.xml", RiskProfile("", R"(
    <risk id="r1" asset="laptops" threat="Theft" vulnerability="Carried about" likelihood="2" impact="2" owner="bo" controls="A.5.15" accepted-by="ann" accepted-on="2026-10-01"/>
    <risk id="r2" asset="laptops" threat="Loss" vulnerability="Small" likelihood="2" impact="2" owner="bo" controls="A.5.15" accepted-by="cy" accepted-on="2026-10-01"/>)"));
  Resolve({"lib", "house"});
  const std::string out = testing::Formatted(sink_);
  EXPECT_EQ(out.find("risk r1 was accepted"), std::string::npos) << out;
  EXPECT_NE(out.find("error: risk r2 was accepted by Cy (Deputy Admin), who is neither its owner nor a holder of "
                     "'owner'; only Ann (ann) and Bo (bo) may accept it [resolve.risk-acceptor]"),
            std::string::npos)
      << out;
}

// Issue 14, point 10: a document may not take the name of a page the pack
// generates, whatever the profile includes.
TEST_F(ResolveFixture, TheIdsOfGeneratedPagesAreReserved) {
  fs_.Add("house/index.xml", R"(<document id="index" kind="policy" title="Index" owner="owner" condition="not remote">
  <summary>S.</summary>
  <section id="x" title="X"><statement id="y" roles="owner"><text>T.</text></statement></section>
</document>)");
  fs_.Add("house/soa.xml", R"(<document id="statement-of-applicability" kind="policy" title="SoA" owner="owner">
  <summary>S.</summary>
  <section id="x" title="X"><statement id="y" roles="owner"><text>T.</text></statement></section>
</document>)");
  fs_.Add("house/compiled-documents.xml", R"(<compiled-documents>
  <compiled builder="duty-index" id="role-descriptions" title="Duties" kind="register" owner="owner" serves="5.3"/>
</compiled-documents>)");
  Profile(R"(<person id="bo" name="Bo" job-title="Admin" roles="admin"/>)");
  Resolve({"lib", "house"});
  EXPECT_EQ(testing::Formatted(sink_),
            "house/compiled-documents.xml:2: error: the compiled document 'Duties' (builder 'duty-index') has the id "
            "'role-descriptions', which is already the id of the compiled document 'Role Descriptions and "
            "Responsibilities' (builder 'role-summaries'); both would be written to role-descriptions.html; give one "
            "of them another id [resolve.reserved-id]\n"
            "lib/compiled-documents.xml:3: note: the other is declared here\n"
            "house/index.xml:1: error: document id 'index' is reserved for the pack's index page, which policyc writes "
            "to index.html; give this document another id [resolve.reserved-id]\n"
            "house/soa.xml:1: error: document id 'statement-of-applicability' is reserved for the compiled document "
            "'Statement of Applicability' (builder 'soa'), which policyc writes to statement-of-applicability.html; "
            "give this document another id [resolve.reserved-id]\n"
            "lib/compiled-documents.xml:2: note: the compiled document is declared here\n");
}

// Issue 14, point 13: a parameter's value is printed as given, not read as
// Markdown, a cross-reference or smart punctuation.
TEST_F(ResolveFixture, AParameterValueReadsAsGiven) {
  fs_.Add("lib/declarations.xml", R"(<declarations>
  <fact id="remote" type="boolean" default="true"><description>d</description></fact>
  <parameter id="length" type="integer" unit="characters" default="12" min="8" max="64"><description>d</description></parameter>
  <parameter id="methods" type="list"><description>d</description><item>app</item><item>key</item></parameter>
  <parameter id="command" type="string"><description>d</description></parameter>
</declarations>)");
  fs_.Add("lib/b.xml", R"(<document id="b" kind="procedure" title="Procedure B" owner="owner">
  <summary>B.</summary>
  <section id="first" title="First">
    <statement id="t1" roles="owner"><text>Run [{{param.command}} and see [A](policyc:a).</text></statement>
  </section>
</document>)");
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>Everything.</scope>
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="owner"/>
    <person id="bo" name="Bo" job-title="Admin" roles="admin"/>
  </people>
  <parameters><parameter name="command" value="backup --all &quot;x&quot; 'y' it's... ](policyc:a#s1) *y*"/></parameters>
  <soa><status control="A.5.1" value="implemented" reason="R"/><status control="A.5.15" value="implemented" reason="R"/></soa>
  <document-control approver="ann"/>
</profile>)");
  auto pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  const std::string& text = Statement(pack, "b", "t1").text;
  for (const char* extension : {"html", ""}) {
    EXPECT_EQ(render::MarkdownToHtml(render::RewriteLinks(text, "b", extension)),
              std::string("<p>Run [backup --all &quot;x&quot; 'y' it’s... ](policyc:a#s1) *y* and see ") +
                  (*extension ? "<a href=\"a.html\">A</a>" : "A") + ".</p>\n")
        << text;
  }
}

TEST_F(ResolveFixture, CertificationClaimsFollowTheProfile) {
  fs_.Add("lib/declarations.xml", R"(<declarations>
  <fact id="remote" type="boolean" default="true"><description>d</description></fact>
  <fact id="certification" type="enum" values="certified working-towards not-pursued" default="not-pursued"><description>d</description></fact>
  <parameter id="length" type="integer" unit="characters" default="12" min="8" max="64"><description>d</description></parameter>
  <parameter id="methods" type="list"><description>d</description><item>app</item><item>key</item></parameter>
</declarations>)");
  fs_.Add("house/claims.xml", R"(<document id="claims" kind="policy" title="Claims" owner="owner">
  <summary>Claims.</summary>
  <section id="c" title="Certification">
    <statement id="held" roles="owner" condition="certification == 'certified'"><text>Certified by {{org.certification_body}} on {{org.certified_on}}.</text></statement>
    <statement id="planned" roles="owner" condition="certification == 'working-towards'"><text>Certification planned by {{org.certification_target}}.</text></statement>
    <statement id="topics" roles="owner"><text>Procedures:

{{documents.procedure}}</text></statement>
  </section>
</document>)");
  auto statements = [](const model::ResolvedPack& pack) {
    std::vector<std::string> out;
    for (const auto& d : pack.documents) {
      if (d.id != "claims") continue;
      struct Texts : model::DocumentVisitor {
        std::vector<std::string>* out;
        void VisitStatement(const model::ResolvedStatement& s, int) override { out->push_back(s.text); }
      } texts;
      texts.out = &out;
      model::WalkDocument(d, texts);
    }
    return out;
  };
  const std::string procedures = "Procedures:\n\n- [Procedure B](policyc:b)";
  fs_.Add("org/profile.xml", RiskProfile(R"(<certification status="working-towards" target="2027-06-30"/>)", ""));
  EXPECT_EQ(statements(Resolve({"lib", "house"})),
            (std::vector<std::string>{"Certification planned by 2027-06-30.", procedures}));
  fs_.Add("org/profile.xml", RiskProfile(R"(<certification status="certified" body="Cert Co" certified-on="2026-03-01"/>)", ""));
  EXPECT_EQ(statements(Resolve({"lib", "house"})),
            (std::vector<std::string>{"Certified by Cert Co on 2026-03-01.", procedures}));
  fs_.Add("org/profile.xml", RiskProfile("", ""));
  EXPECT_EQ(statements(Resolve({"lib", "house"})), (std::vector<std::string>{procedures}));
  sink_ = base::DiagnosticSink();
  fs_.Add("org/profile.xml", RiskProfile(R"(<certification status="certified" body="Cert Co" certified-on="2026-12-01" expires="2026-10-01"/>)", ""));
  Resolve({"lib", "house"});
  const std::string out = testing::Formatted(sink_);
  EXPECT_NE(out.find("org/profile.xml:4: warning: the certificate is dated 2026-12-01, after the pack's as-of date "
                     "2026-11-01; until then the ISMS is working towards certification "
                     "(status=\"working-towards\") [resolve.certification]\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("org/profile.xml:4: warning: the certificate expired on 2026-10-01"), std::string::npos) << out;
}

}  // namespace
}  // namespace policyc::resolve
