#include "load/source_loader.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "support/test_support.h"

namespace policyc::load {
namespace {

class LoadSourceLoader : public ::testing::Test {
 protected:
  base::MemoryFileSystem fs_;
  base::DiagnosticSink sink_;
  XmlReader reader_{fs_, testing::SourceDir() + "/schemas"};
};

TEST_F(LoadSourceLoader, ReadsProcessingActivitiesAndExternalContacts) {
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <people>
    <person id="ann" name="Ann" job-title="Director" roles="owner"/>
  </people>
  <data-protection>
    <processing name=" Hosted payroll " role="processor" controllers="Each client employer" notify-within="12 hours"/>
    <processing name="Staff records" role="controller"/>
  </data-protection>
  <contacts>
    <contact kind="insurer" name="Example Insurance" phone="01632 960100" email="claims@insurer.example" web="https://insurer.example" reference="Policy 7" notes="24-hour line"/>
  </contacts>
  <document-control approver="ann"/>
</profile>)");
  auto profile = LoadProfile(reader_, fs_, "org", sink_);
  ASSERT_TRUE(profile) << testing::Formatted(sink_);
  ASSERT_EQ(profile->processing.size(), 2u);
  EXPECT_EQ(profile->processing[0].name, "Hosted payroll");
  EXPECT_EQ(profile->processing[0].role, "processor");
  EXPECT_EQ(profile->processing[0].controllers, "Each client employer");
  EXPECT_EQ(profile->processing[0].notify_within, "12 hours");
  EXPECT_EQ(profile->processing[0].loc.ToString(), "org/profile.xml:8");
  EXPECT_EQ(profile->processing[1].notify_within, "");
  EXPECT_EQ(profile->data_protection_loc.ToString(), "org/profile.xml:7");
  ASSERT_EQ(profile->contacts.size(), 1u);
  const model::ExternalContact& c = profile->contacts[0];
  EXPECT_EQ(c.kind, "insurer");
  EXPECT_EQ(c.name, "Example Insurance");
  EXPECT_EQ(c.phone, "01632 960100");
  EXPECT_EQ(c.email, "claims@insurer.example");
  EXPECT_EQ(c.web, "https://insurer.example");
  EXPECT_EQ(c.reference, "Policy 7");
  EXPECT_EQ(c.notes, "24-hour line");
  EXPECT_EQ(profile->contacts_loc.ToString(), "org/profile.xml:11");
}

TEST_F(LoadSourceLoader, WithoutTheElementsLocationsPointAtTheProfile) {
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <people><person id="ann" name="Ann" job-title="Director"/></people>
  <document-control approver="ann"/>
</profile>)");
  auto profile = LoadProfile(reader_, fs_, "org/profile.xml", sink_);
  ASSERT_TRUE(profile) << testing::Formatted(sink_);
  EXPECT_TRUE(profile->processing.empty());
  EXPECT_TRUE(profile->contacts.empty());
  EXPECT_EQ(profile->contacts_loc.ToString(), "org/profile.xml:1");
  EXPECT_EQ(profile->data_protection_loc.ToString(), "org/profile.xml:1");
}

TEST_F(LoadSourceLoader, AProcessingRoleOutsideTheSchemaIsRefused) {
  fs_.Add("org/profile.xml", R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <people><person id="ann" name="Ann" job-title="Director"/></people>
  <data-protection><processing name="X" role="owner"/></data-protection>
  <document-control approver="ann"/>
</profile>)");
  EXPECT_FALSE(LoadProfile(reader_, fs_, "org/profile.xml", sink_));
  EXPECT_NE(testing::Formatted(sink_).find("[load.schema-violation]"), std::string::npos);
}

TEST_F(LoadSourceLoader, ReadsTheIncidentPlanKnowledgeAndDatedSections) {
  fs_.Add("lib/compiled-documents.xml", R"(<compiled-documents>
  <external-contacts section="plan#external">
    <kind id="ico" title="ICO"/>
    <kind id="insurer" title="Cyber insurer"/>
    <require kinds="ico"  reason="always"/>
    <require kinds="insurer ico" when="remote" reason="sometimes"/>
  </external-contacts>
  <escalation section="plan#sev1">
    <call roles="boss deputy-boss" needs-deputy="true"/>
    <call contact="insurer" within="insurer_deadline" note=" before hiring "/>
  </escalation>
  <escalation section="plan#sev2"><call roles="boss"/></escalation>
  <processing-activities section="plan#routes" controller-when="role != 'processor'" processor-when="role != 'controller'" deadline="notice"/>
</compiled-documents>)");
  fs_.Add("lib/plan.xml", R"(<document id="plan" kind="register" title="Plan" owner="boss">
  <summary>S.</summary>
  <section id="law" title="Law" reviewed="2026-12-06"><intro>Reviewed {{section.reviewed}}.</intro></section>
  <section id="other" title="Other"><intro>I.</intro></section>
</document>)");
  model::Library library = LoadLibrary(reader_, fs_, "lib", sink_);
  EXPECT_EQ(testing::Formatted(sink_), "");
  const model::CompiledCatalogue& compiled = library.compiled;
  ASSERT_TRUE(compiled.external_contacts);
  EXPECT_EQ(compiled.external_contacts->section, "plan#external");
  ASSERT_EQ(compiled.external_contacts->kinds.size(), 2u);
  EXPECT_EQ(compiled.external_contacts->Kind("insurer")->title, "Cyber insurer");
  EXPECT_EQ(compiled.external_contacts->Kind("police"), nullptr);
  ASSERT_EQ(compiled.external_contacts->requirements.size(), 2u);
  EXPECT_EQ(compiled.external_contacts->requirements[0].when, "");
  EXPECT_EQ(compiled.external_contacts->requirements[1].kinds, (std::vector<std::string>{"insurer", "ico"}));
  EXPECT_EQ(compiled.external_contacts->requirements[1].when, "remote");
  ASSERT_EQ(compiled.escalation.size(), 2u);
  const model::EscalationCall& first = compiled.escalation[0].calls[0];
  EXPECT_EQ(first.roles, (std::vector<std::string>{"boss", "deputy-boss"}));
  EXPECT_TRUE(first.needs_deputy);
  const model::EscalationCall& second = compiled.escalation[0].calls[1];
  EXPECT_EQ(second.contact, "insurer");
  EXPECT_EQ(second.within, "insurer_deadline");
  EXPECT_EQ(second.note, "before hiring");
  EXPECT_FALSE(second.needs_deputy);
  ASSERT_TRUE(compiled.processing_activities);
  EXPECT_EQ(compiled.processing_activities->processor_when, "role != 'controller'");
  EXPECT_EQ(compiled.processing_activities->deadline, "notice");
  ASSERT_EQ(library.documents.size(), 1u);
  EXPECT_EQ(library.documents[0].sections[0].reviewed, "2026-12-06");
  EXPECT_EQ(library.documents[0].sections[1].reviewed, "");
}

TEST_F(LoadSourceLoader, AReviewDateMustBeADate) {
  fs_.Add("lib/plan.xml", R"(<document id="plan" kind="register" title="Plan" owner="boss">
  <summary>S.</summary>
  <section id="law" title="Law" reviewed="December 2026"><intro>I.</intro></section>
</document>)");
  model::Library library = LoadLibrary(reader_, fs_, "lib", sink_);
  EXPECT_TRUE(library.documents.empty());
  EXPECT_NE(testing::Formatted(sink_).find("[load.schema-violation]"), std::string::npos);
}

}  // namespace
}  // namespace policyc::load
