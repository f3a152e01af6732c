#include "resolve/incident_plan.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "load/source_loader.h"
#include "model/resolved_model.h"
#include "resolve/resolver.h"
#include "support/test_support.h"

namespace policyc::resolve {
namespace {

/// A small library with the incident plan's tables, and one profile.
class ResolveIncidentPlan : public ::testing::Test {
 protected:
  void SetUp() override {
    fs_.Add("lib/roles.xml", R"(<roles>
  <role id="boss" title="Incident Manager"><purpose>p</purpose></role>
  <role id="dpo" title="Data Protection Officer"><purpose>p</purpose></role>
</roles>)");
    fs_.Add("lib/declarations.xml", R"(<declarations>
  <fact id="dp_role" type="enum" values="controller processor both"><description>d</description></fact>
  <fact id="cards" type="boolean" default="false"><description>d</description></fact>
  <parameter id="insurer_deadline" type="duration" default="24 hours"><description>d</description></parameter>
  <parameter id="notice" type="duration" default="24 hours"><description>d</description></parameter>
</declarations>)");
    fs_.Add("lib/compiled-documents.xml", R"(<compiled-documents>
  <external-contacts section="plan#external">
    <kind id="ico" title="ICO"/>
    <kind id="insurer" title="Cyber insurer"/>
    <kind id="acquirer" title="Acquiring bank"/>
    <require kinds="ico" reason="always"/>
    <require kinds="acquirer" when="cards" reason="for cards"/>
  </external-contacts>
  <escalation section="plan#sev1">
    <call roles="boss" needs-deputy="true"/>
    <call contact="insurer" within="insurer_deadline" note="before hiring"/>
    <call roles="dpo"/>
  </escalation>
  <processing-activities section="plan#routes" controller-when="dp_role != 'processor'" processor-when="dp_role != 'controller'" deadline="notice"/>
</compiled-documents>)");
    fs_.Add("lib/plan.xml", R"(<document id="plan" kind="plan" title="Plan" owner="boss">
  <summary>S.</summary>
  <section id="external" title="External"><intro>I.</intro></section>
  <section id="sev1" title="Severity 1"><intro>I.</intro></section>
  <section id="clocks" title="Clocks">
    <section id="routes" title="Routes"><intro>I.</intro></section>
    <statement id="insurer" roles="boss" condition="contact.insurer"><text>Call {{contact.insurer}}.</text></statement>
    <statement id="controller" roles="dpo" condition="dp_role != 'controller'"><text>Tell the controller.</text></statement>
  </section>
</document>)");
  }

  void Profile(const std::string& role, const std::string& people, const std::string& tail) {
    fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <facts><fact name="dp_role" value=")" + role + R"("/></facts>
  <people>
    <person id="ann" name="Ann" job-title="Director" phone="01632 960001" roles="boss"/>
    <person id="dee" name="Dee" job-title="DPO" phone="01632 960002" roles="dpo"/>
)" + people + R"(  </people>
)" + tail + R"(  <document-control approver="ann"/>
</profile>)");
  }

  model::ResolvedPack Resolve() { return testing::ResolveSources(fs_, {"lib"}, "org/profile.xml", sink_); }

  /// The first table of section `id` of the plan, as text.
  static std::string TableOf(const model::ResolvedPack& pack, const std::string& id) {
    for (const auto& doc : pack.documents) {
      struct Finder : model::DocumentVisitor {
        std::string id, out;
        void EnterSection(const model::ResolvedSection& s, int) override {
          if (s.id == id && !s.tables.empty()) out = model::TableText(s.tables[0]);
        }
      } finder;
      finder.id = id;
      model::WalkDocument(doc, finder);
      if (!finder.out.empty()) return finder.out;
    }
    return "";
  }

  static bool Has(const model::ResolvedPack& pack, const std::string& statement) {
    bool found = false;
    for (const auto& doc : pack.documents) {
      struct Finder : model::DocumentVisitor {
        std::string id;
        bool* found;
        void VisitStatement(const model::ResolvedStatement& s, int) override { *found |= s.id == id; }
      } finder;
      finder.id = statement;
      finder.found = &found;
      model::WalkDocument(doc, finder);
    }
    return found;
  }

  base::MemoryFileSystem fs_;
  base::DiagnosticSink sink_;
};

constexpr const char* kIco = R"(  <contacts>
    <contact kind="ico" name="Information Commissioner's Office" phone="0303 123 1113"/>
)";

TEST_F(ResolveIncidentPlan, TheTreeNamesHoldersThenDeputiesAndCallsNoInsurerUnlisted) {
  Profile("controller", R"(    <person id="bob" name="Bob" job-title="Head of IT" phone="01632 960003" deputy-for="boss"/>
)", std::string(kIco) + "  </contacts>\n");
  model::ResolvedPack pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  EXPECT_EQ(TableOf(pack, "sev1"),
            "Step | Call | People, in the order to try | By when\n"
            "1 | Incident Manager | Ann, 01632 960001; Bob (deputy), 01632 960003 | At once\n"
            "2 | Data Protection Officer | Dee, 01632 960002 | At once\n");
  EXPECT_FALSE(Has(pack, "insurer"));
  EXPECT_FALSE(Has(pack, "controller"));
  EXPECT_EQ(TableOf(pack, "routes"), "");
}

TEST_F(ResolveIncidentPlan, AListedInsurerIsCalledAndNamed) {
  Profile("controller", R"(    <person id="bob" name="Bob" job-title="Head of IT" deputy-for="boss"/>
)", std::string(kIco) + R"(    <contact kind="insurer" name="Example Insurance" phone="01632 960100" reference="Policy 7"/>
  </contacts>
)");
  model::ResolvedPack pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  EXPECT_NE(TableOf(pack, "sev1").find(
                "2 | Cyber insurer | Example Insurance, 01632 960100 | Within 24 hours of classification; before hiring\n"),
            std::string::npos);
  ASSERT_TRUE(Has(pack, "insurer"));
  EXPECT_NE(TableOf(pack, "external").find("Cyber insurer | Example Insurance | 01632 960100 | — | Policy 7 | —"),
            std::string::npos)
      << TableOf(pack, "external");
}

TEST_F(ResolveIncidentPlan, NecessaryContactsAndTheDeputyAreChecked) {
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <facts><fact name="dp_role" value="controller"/><fact name="cards" value="true"/></facts>
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="boss"/>
    <person id="dee" name="Dee" job-title="DPO" roles="dpo"/>
  </people>
  <contacts>
    <contact kind="insurer" name="Example Insurance"/>
    <contact kind="brokr" name="Example Broker"/>
  </contacts>
  <document-control approver="ann"/>
</profile>)");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:11: error: contact 'Example Broker' is of unknown kind 'brokr' (the kinds are ico, "
            "insurer, acquirer) [resolve.unknown-contact-kind]\n"
            "org/profile.xml:9: warning: the profile's contacts include no ICO (kind ico), which the incident response "
            "plan needs always; add <contact kind=\"ico\" .../> under <contacts> [resolve.missing-contact]\n"
            "lib/compiled-documents.xml:6: note: always required\n"
            "org/profile.xml:9: warning: the profile's contacts include no Acquiring bank (kind acquirer), which the "
            "incident response plan needs for cards; add <contact kind=\"acquirer\" .../> under <contacts> "
            "[resolve.missing-contact]\n"
            "lib/compiled-documents.xml:7: note: required when cards\n"
            "org/profile.xml:6: warning: Ann is the only Incident Manager and nobody deputises: the escalation tree "
            "calls a deputy when the holder does not answer; add deputy-for=\"boss\" to another <person> "
            "[resolve.no-deputy]\n"
            "lib/compiled-documents.xml:10: note: the escalation tree calls the boss here\n");
}

TEST_F(ResolveIncidentPlan, TwoHoldersCoverEachOther) {
  Profile("controller", R"(    <person id="cy" name="Cy" job-title="SOC Lead" roles="boss"/>
)", std::string(kIco) + "  </contacts>\n");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveIncidentPlan, AProcessorTablesItsBreachRoutes) {
  Profile("both", R"(    <person id="bob" name="Bob" job-title="Head of IT" deputy-for="boss"/>
)", R"(  <data-protection>
    <processing name="Hosted payroll" role="processor" controllers="Each client employer" notify-within="12 hours"/>
    <processing name="Client portal" role="processor" controllers="Each client"/>
    <processing name="Staff records" role="controller"/>
  </data-protection>
)" + std::string(kIco) + "  </contacts>\n");
  model::ResolvedPack pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  EXPECT_TRUE(Has(pack, "controller"));
  const std::string routes = TableOf(pack, "routes");
  EXPECT_NE(routes.find("Hosted payroll | Processor | Each client employer. Not the ICO, unless the controller "
                        "instructs so in writing. | Without undue delay, and within 12 hours of awareness (contract)"),
            std::string::npos)
      << routes;
  EXPECT_NE(routes.find("Client portal | Processor | Each client. Not the ICO, unless the controller instructs so "
                        "in writing. | Without undue delay, and within 24 hours of awareness\n"),
            std::string::npos)
      << routes;
  EXPECT_NE(routes.find("Staff records | Controller | The ICO"), std::string::npos) << routes;
}

TEST_F(ResolveIncidentPlan, ProcessingMustFitTheRole) {
  Profile("processor", R"(    <person id="bob" name="Bob" job-title="Head of IT" deputy-for="boss"/>
)", R"(  <data-protection>
    <processing name="Staff records" role="controller"/>
  </data-protection>
)" + std::string(kIco) + "  </contacts>\n");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:11: error: 'Staff records' has role=\"controller\", but the facts say the organisation "
            "is not a controller (dp_role != 'processor' is false); correct the activity's role or the facts "
            "[resolve.processing-role]\n"
            "org/profile.xml:10: warning: the organisation processes personal data for controllers (dp_role != "
            "'controller'), but the profile names no controller to notify of a breach; list the activities under "
            "<data-protection> as <processing role=\"processor\" controllers=\"...\"/> [resolve.missing-contact]\n");
}

TEST_F(ResolveIncidentPlan, ContactConditionsAndVariablesAreChecked) {
  fs_.Add("lib/extra.xml", R"(<document id="extra" kind="guide" title="Extra" owner="boss">
  <summary>S.</summary>
  <section id="one" title="One">
    <statement id="a" roles="boss" condition="contact.insurrer"><text>A.</text></statement>
    <statement id="b" roles="boss"><text>Call {{contact.insurer}}.</text></statement>
  </section>
</document>)");
  Profile("controller", R"(    <person id="bob" name="Bob" job-title="Head of IT" deputy-for="boss"/>
)", std::string(kIco) + "  </contacts>\n");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/extra.xml:4: error: condition 'contact.insurrer': unknown contact kind 'insurrer'; did you mean "
            "'insurer'? [resolve.unknown-contact-kind]\n"
            "lib/extra.xml:5: error: {{contact.insurer}} names nobody: the profile lists no contact of kind "
            "'insurer'; give the text condition=\"contact.insurer\", or add <contact kind=\"insurer\" .../> under "
            "<contacts> [resolve.missing-value]\n");
}

TEST_F(ResolveIncidentPlan, DatedSectionsShowTheirDate) {
  fs_.Add("lib/register.xml", R"(<document id="register" kind="register" title="Register" owner="boss">
  <summary>S.</summary>
  <section id="law" title="Law" reviewed="2026-12-06">
    <intro>Reviewed {{section.reviewed}}.</intro>
    <section id="sub" title="Sub"><intro>Also {{section.reviewed}}.</intro></section>
  </section>
</document>)");
  Profile("controller", R"(    <person id="bob" name="Bob" job-title="Head of IT" deputy-for="boss"/>
)", std::string(kIco) + "  </contacts>\n");
  model::ResolvedPack pack = Resolve();
  EXPECT_EQ(testing::Formatted(sink_), "");
  for (const auto& doc : pack.documents) {
    if (doc.id != "register") continue;
    EXPECT_EQ(doc.sections[0].intro, "Reviewed 2026-12-06.");
    EXPECT_EQ(std::get<model::ResolvedSection>(doc.sections[0].items[0]).intro, "Also 2026-12-06.");
  }
}

TEST_F(ResolveIncidentPlan, ADatedSectionOlderThanItsReviewCycleIsDue) {
  fs_.Add("lib/register.xml", R"(<document id="register" kind="register" title="Register" owner="boss" review-months="6">
  <summary>S.</summary>
  <section id="law" title="Law" reviewed="2026-04-30"><intro>Reviewed {{section.reviewed}}.</intro></section>
  <section id="new-law" title="New law" reviewed="2026-05-01"><intro>Reviewed {{section.reviewed}}.</intro></section>
</document>)");
  Profile("controller", R"(    <person id="bob" name="Bob" job-title="Head of IT" deputy-for="boss"/>
)", std::string(kIco) + "  </contacts>\n");
  Resolve();
  EXPECT_EQ(testing::Formatted(sink_),
            "lib/register.xml:3: warning: 'register#law' was last reviewed on 2026-04-30, more than the document's "
            "review cycle of 6 months before the pack's as-of date 2026-11-01; check it against the law in force and "
            "update reviewed=\"YYYY-MM-DD\" [resolve.section-review-overdue]\n");
}

}  // namespace
}  // namespace policyc::resolve
