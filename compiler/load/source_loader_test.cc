#include "load/source_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

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

// Issue 14, point 5: one rule for the text of every attribute, in profiles
// and libraries alike; element text (Markdown) keeps its lines.
TEST_F(LoadSourceLoader, AnAttributeWithAControlCharacterIsRefused) {
  fs_.Add("org/profile.xml", "<profile id=\"org\" as-of=\"2026-11-01\">\n"
                             "  <organisation name=\"Smith&#13;Jones\" sector=\"Law&#9;firm\"/>\n"
                             "  <scope>All\n  of it.</scope>\n"
                             "  <people><person id=\"ann\" name=\"Ann\xc2\x9b\" job-title=\"Director\x7f\"/></people>\n"
                             "  <document-control approver=\"ann\"/>\n"
                             "</profile>");
  EXPECT_FALSE(LoadProfile(reader_, fs_, "org/profile.xml", sink_));
  const std::string fix = "; write the value on one line, without character references such as &#10; or &#13; "
                          "[load.control-character]\n";
  EXPECT_EQ(testing::Formatted(sink_),
            "org/profile.xml:2: error: attribute 'name' of <organisation> holds the control character U+000D" + fix +
                "org/profile.xml:2: error: attribute 'sector' of <organisation> holds the control character U+0009" +
                fix + "org/profile.xml:5: error: attribute 'name' of <person> holds the control character U+009B" +
                fix + "org/profile.xml:5: error: attribute 'job-title' of <person> holds the control character U+007F" +
                fix);
  base::DiagnosticSink library_sink;
  fs_.Add("lib/plan.xml", R"(<document id="plan" kind="register" title="Plan&#10;B" owner="boss">
  <summary>S.</summary>
  <section id="law" title="Law"><intro>Two
lines.</intro></section>
</document>)");
  EXPECT_TRUE(LoadLibrary(reader_, fs_, "lib", library_sink).documents.empty());
  EXPECT_EQ(testing::Formatted(library_sink),
            "lib/plan.xml:1: error: attribute 'title' of <document> holds the control character U+000A" + fix);
}

// Issue 14, point 5: a font name is a font name, never CSS.
TEST_F(LoadSourceLoader, AFontIsTheNameOfAFontFamily) {
  const std::string profile = R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <people><person id="ann" name="Ann" job-title="Director"/></people>
  <document-control approver="ann"/>
  <branding primary-colour="#112233" font="FONT"/>
</profile>)";
  for (const char* good : {"Source Sans 3", "DejaVu Sans", "Noto_Sans-Bold", "M+ 1p", "Font.2"}) {
    fs_.Add("org/profile.xml", std::regex_replace(profile, std::regex("FONT"), good));
    base::DiagnosticSink sink;
    auto loaded = LoadProfile(reader_, fs_, "org/profile.xml", sink);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(testing::Formatted(sink), "") << good;
    EXPECT_EQ(loaded->branding.font, good);
  }
  for (const char* bad : {"Arial&quot;; } body { display: none } .x { y: &quot;", "Arial\\", "a;b", "-x", " x",
                          "Arial', x"}) {
    fs_.Add("org/profile.xml", std::regex_replace(profile, std::regex("FONT"), bad));
    base::DiagnosticSink sink;
    auto loaded = LoadProfile(reader_, fs_, "org/profile.xml", sink);
    ASSERT_TRUE(loaded);
    EXPECT_NE(testing::Formatted(sink).find("is not the name of a font family"), std::string::npos) << bad;
    EXPECT_EQ(loaded->branding.font, "") << bad;
  }
}

// Issue 14, point 13: logo= names a PNG or SVG file in the profile's
// folder; a path or a link out of it is refused, and so is a file that
// only mentions <svg.
TEST(LoadLogo, TheLogoLiesInTheProfilesFolder) {
  namespace fs = std::filesystem;
  const std::string dir = testing::MakeTempDir();
  fs::create_directories(dir + "/org/brand");
  fs::create_directories(dir + "/elsewhere");
  std::ofstream(dir + "/elsewhere/secret.svg") << "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  std::ofstream(dir + "/org/brand/logo.svg")
      << "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- made by hand -->\n"
         "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  std::ofstream(dir + "/org/notes.txt") << "Our logo is an <svg> file.";
  fs::create_symlink("../elsewhere/secret.svg", dir + "/org/linked.svg");
  base::DiskFileSystem disk;
  XmlReader reader(disk, testing::SourceDir() + "/schemas");
  auto logo = [&](const std::string& path) {
    std::ofstream(dir + "/org/profile.xml") << R"(<profile id="org" as-of="2026-11-01">
  <organisation name="Org"/>
  <scope>All.</scope>
  <people><person id="ann" name="Ann" job-title="Director"/></people>
  <document-control approver="ann"/>
  <branding primary-colour="#112233" logo=")" + path + R"("/>
</profile>)";
    base::DiagnosticSink sink;
    auto profile = LoadProfile(reader, disk, dir + "/org", sink);
    std::string out = testing::Formatted(sink);
    if (profile && !profile->branding.logo_format.empty()) out += "format " + profile->branding.logo_format;
    return out;
  };
  EXPECT_EQ(logo("brand/logo.svg"), "format svg");
  EXPECT_EQ(logo("./brand/../brand/logo.svg"), "format svg");
  const std::string outside = "' is outside the profile's folder; copy the file into the folder of the profile (or a "
                              "folder below it) and name it relative to the profile, e.g. logo=\"logo.png\" "
                              "[resolve.bad-value]\n";
  const std::string at = dir + "/org/profile.xml:6: error: logo '";
  EXPECT_EQ(logo("../elsewhere/secret.svg"), at + dir + "/org/../elsewhere/secret.svg" + outside);
  EXPECT_EQ(logo(dir + "/elsewhere/secret.svg"), at + dir + "/elsewhere/secret.svg" + outside);
  EXPECT_EQ(logo("linked.svg"), at + dir + "/org/linked.svg" + outside);
  EXPECT_EQ(logo("notes.txt"), at + dir + "/org/notes.txt' is neither a PNG nor an SVG file [resolve.bad-value]\n");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace policyc::load
