#include "init/starter_profile.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "support/test_support.h"

namespace policyc::init {
namespace {

model::Declaration Declare(std::string id, std::string type, std::optional<std::string> def, std::string description,
                           std::string file = "/abs/lib/declarations.xml") {
  model::Declaration d;
  d.id = std::move(id);
  d.type = std::move(type);
  d.default_value = std::move(def);
  d.description = std::move(description);
  d.loc = {std::move(file), 1, 0};
  return d;
}

/// Facts and parameters of every type, with the awkward cases: text to
/// escape, "--", list defaults with and without spaces, a description over
/// several lines or none, no default, a parameter of a document.
void AddDeclarations(resolve::MergedLibrary& library) {
  library.facts.push_back(Declare("remote", "boolean", "true", "Staff work -- sometimes -- away."));
  library.facts.push_back(Declare("sector", "enum", std::nullopt, "What kind of organisation."));
  library.facts.back().values = {"private", "public"};
  library.facts.push_back(Declare("langs", "list", std::nullopt, "Languages\n   spoken   across\tlines.", "/abs/house/decl.xml"));
  library.facts.back().default_items = {"en", "cy"};
  library.facts.push_back(Declare("places", "list", std::nullopt, "Places.", "/abs/house/decl.xml"));
  library.facts.back().default_items = {"north east", "south"};
  library.facts.push_back(Declare("size", "integer", "5",
                                  "A very long description that goes on and on and on so that the wrapping of the comment at "
                                  "one hundred columns is exercised more than once, with a-hyphenated-word and a "
                                  "verylongwordthatcannotbebrokenatallbecauseithasnospacesinsideitwhatsoeverandkeepsgoingbeyondthewidth.",
                                  "/abs/house/decl.xml"));
  library.facts.back().min = "1";
  library.facts.push_back(Declare("cap", "integer", "5", "", "/abs/lib/other.xml"));
  library.facts.back().max = "9";
  library.facts.push_back(Declare("wait", "duration", "3 days", "Wait."));
  library.facts.push_back(Declare("when", "date", "2020-01-01", "Odd type."));
  library.facts.push_back(Declare(model::kCertificationFact, "string", "none", "Set by <certification>."));
  library.parameters.push_back(Declare("motto", "string", "Safe & sound -- \"always\" <b>", "A motto; ends with a dash -"));
  library.parameters.push_back(Declare("methods", "list", std::nullopt, "Methods."));
  library.parameters.back().default_items = {"app & push", "key"};
  library.parameters.push_back(Declare("channels", "list", std::nullopt, "Where to announce."));
  library.parameters.push_back(Declare("contact", "string", std::nullopt, "Where to report."));
  library.parameters.push_back(Declare("length", "integer", "12", "Shortest password."));
  library.parameters.back().unit = "characters";
  library.parameters.back().min = "8";
  library.parameters.back().max = "64";
  library.parameters.push_back(Declare("docparam", "duration", "72 hours", "In a doc.", "/abs/lib/documents/x.xml"));
  library.parameters.push_back(Declare("docreq", "enum", std::nullopt, "Req in a doc.", "/abs/lib/documents/x.xml"));
  library.parameters.back().values = {"a", "b"};
  library.parameters.push_back(Declare("amp", "list", std::nullopt, "Amp list.", "/abs/house/decl.xml"));
  library.parameters.back().default_items = {"a -- b", "<c>"};
}

/// Roles (one conditional, one at the id limit, two everyone holds),
/// segregations, deputies, contacts, controls and a document.
void AddTheRest(resolve::MergedLibrary& library) {
  const std::string longest(78, 'r');
  library.roles.push_back({"owner", "Policy Owner", false, "Owns the policies.", {}, {}, {}});
  library.roles.push_back({"auditor", "Auditor", false, "Audits.", {}, {}, {}});
  library.roles.push_back({"everyone", "All Staff", true, "Everybody.", {}, {}, {}});
  library.roles.push_back({"dpo", "Data Protection Officer", false, "", {}, {}, {}, {}, "processes_data"});
  library.roles.push_back({longest, "Long & Role", false, "Purpose\n  on two lines.", {}, {}, {}});
  library.roles.push_back({"all", "Also All", true, "All.", {}, {}, {}});
  library.segregations.push_back({"owner", "auditor", "Independence.", {}});
  library.segregations.push_back({"dpo", "auditor", "Why.", {}});
  library.catalogue.controls = {{"A.5.1", "Policies -- for <security>"}, {"A.5.2", "Roles & responsibilities"}};
  model::EscalationCall twice, longest_call;
  twice.roles = {"owner", "nobody", "owner"};
  twice.needs_deputy = true;
  longest_call.roles = {longest};
  longest_call.needs_deputy = true;
  model::EscalationLevel level;
  level.calls = {twice, longest_call};
  library.compiled.escalation = {level, level};
  model::ExternalContactsSpec spec;
  spec.kinds = {{"ico", "Information Commissioner's Office"}, {"police", "Police & fraud"}, {"bank", "Bank"}};
  spec.requirements = {{{"police"}, "remote"}, {{"bank"}, "sector == 'public'"}, {{}, ""}, {{"ico"}, "not remote"}};
  library.compiled.external_contacts = spec;
  library.compiled.processing_activities = model::ProcessingActivitiesSpec{};
  model::Document doc;
  doc.id = "x-policy";
  doc.title = "X & Y Policy";
  doc.parameters = {library.parameters[5], library.parameters[6]};
  model::Section outer, inner;
  model::Statement statement;
  statement.id = "st-1";
  inner.items.push_back(statement);
  outer.items.push_back(inner);
  doc.sections.push_back(outer);
  library.documents.push_back(doc);
}

StarterTemplates ShippedTemplates() {
  base::DiskFileSystem fs;
  base::DiagnosticSink sink;
  auto templates = LoadStarterTemplates(fs, testing::SourceDir() + "/templates", sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  return templates.value_or(StarterTemplates{});
}

/// `text` is tests/data/init/NAME; UPDATE_GOLDEN=1 rewrites it instead.
void ExpectText(const std::string& name, const std::string& text) {
  const std::string path = testing::SourceDir() + "/tests/data/init/" + name;
  if (std::getenv("UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  EXPECT_EQ(text, testing::ReadFileOrEmpty(path)) << "compare with " << path;
}

// The expected texts were written by the C++ that built the profile before
// its wording moved to templates/init/, and the template reproduces them
// byte for byte.
TEST(StarterProfile, EveryPartOfTheTemplateAsExpected) {
  resolve::MergedLibrary library;
  AddDeclarations(library);
  AddTheRest(library);
  base::DiagnosticSink sink;
  auto text = NewProfileXml(ShippedTemplates(), library,
                            {"rich-co", "2027-01-31", {"../a & b", "../c--d"}, {"/abs/lib", "/abs/house", "/abs"}}, sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  ExpectText("rich-library.xml", text.value_or(""));
}

TEST(StarterProfile, AnEmptyLibraryGivesThePlaceholdersAndTheExamples) {
  base::DiagnosticSink sink;
  auto text = NewProfileXml(ShippedTemplates(), resolve::MergedLibrary{}, {"o", "2020-02-29", {}, {}}, sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  ExpectText("empty-library.xml", text.value_or(""));
}

StarterTemplates Templates(const std::string& profile, const std::string& declaration = "") {
  return {{"t/profile.xml.mustache", profile}, {{"declaration", {"t/declaration.mustache", declaration}}}};
}

TEST(StarterProfile, ANameTheViewLacksIsAnErrorNotABlank) {
  base::DiagnosticSink sink;
  auto text = NewProfileXml(Templates("<profile id=\"{{id}}\">\n  {{#roles}}{{titel}}{{/roles}}\n"),
                            resolve::MergedLibrary{.roles = {{"owner", "Owner"}}}, {"acme", "2026-11-01"}, sink);
  EXPECT_FALSE(text);
  EXPECT_EQ(testing::Formatted(sink),
            "t/profile.xml.mustache:2:13: error: 'titel' is not a name this template's view has; correct the tag, or "
            "remove it [render.template-error]\n");
}

TEST(StarterProfile, ACommentSectionThatHoldsNoCommentIsAnError) {
  base::DiagnosticSink sink;
  auto text = NewProfileXml(Templates("<profile>\n{{>declaration}}", "\n  {{#comment}}  {{id}} -->{{/comment}}\n"),
                            {}, {"acme", "2026-11-01"}, sink);
  EXPECT_FALSE(text);
  EXPECT_EQ(testing::Formatted(sink),
            "t/declaration.mustache:2:15: error: a comment section must hold one XML comment, '<!-- ' to ' -->', after its "
            "indent; this one renders as:   acme --> [render.template-error]\n");
}

TEST(StarterProfile, CommentSectionsAreWrappedAndMadeSafe) {
  base::DiagnosticSink sink;
  resolve::MergedLibrary library;
  library.facts.push_back(Declare("x--y", "string", "a", "Text with -- in it."));
  auto text = NewProfileXml(Templates("{{#fact_groups}}{{#facts}}{{>declaration}}{{/facts}}{{/fact_groups}}",
                                 "{{#comment}}  <!-- {{{id}}}: {{{description}}} " + std::string(90, 'w') +
                                     "\n         kept  as  it is -->{{/comment}}|{{id}}|{{#in_comment}}{{{id}}}{{/in_comment}}\n"),
                       library, {"acme", "2026-11-01"}, sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  EXPECT_EQ(text.value_or(""), "  <!-- x- -y: Text with - - in it.\n       " + std::string(90, 'w') +
                                   "\n         kept  as  it is -->|x-&#45;y|x- -y\n");
}

TEST(StarterProfile, AMissingTemplateIsReportedByItsPath) {
  base::MemoryFileSystem fs;
  fs.Add("data/templates/init/profile.xml.mustache", "{{id}}");
  base::DiagnosticSink sink;
  EXPECT_FALSE(LoadStarterTemplates(fs, "data/templates", sink));
  const std::string said = testing::Formatted(sink);
  EXPECT_EQ(said.rfind("data/templates/init/declaration.mustache: error: cannot read template: ", 0), 0u) << said;
  EXPECT_NE(said.find("[load.io-error]"), std::string::npos) << said;
}

}  // namespace
}  // namespace policyc::init
