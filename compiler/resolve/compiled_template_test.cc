#include "resolve/compiled_template.h"

#include <gtest/gtest.h>

#include "base/strings.h"
#include "support/test_support.h"

namespace policyc::resolve {
namespace {

using model::CompiledTemplate;
using model::TemplateColumn;
using model::TemplateSection;
using model::TemplateTable;

View Item(const std::string& name, const std::string& value) {
  View v;
  v.set(name, value);
  return v;
}

/// A template with a repeated section, a table from a list, a repeated
/// column, a table written in the template and a section kept by `when`.
CompiledTemplate Layout() {
  CompiledTemplate t;
  t.builder = "test";
  t.summary = "About {{org}}.";
  t.loc = base::SourceLoc{"templates/compiled/test.xml", 3, 0};
  TemplateSection per_role;
  per_role.id = "role-{{id}}";
  per_role.title = "{{title}}";
  per_role.each = "roles";
  per_role.loc = base::SourceLoc{"templates/compiled/test.xml", 5, 0};
  per_role.intro = "Held by {{#holder}}{{holder}}{{/holder}}{{^holder}}nobody{{/holder}}.\n\n\n\nEnd.";
  TemplateTable duties;
  duties.rows = "duties";
  duties.columns = {TemplateColumn{"Duty", 3, "{{text}}", "", ""},
                    TemplateColumn{"{{title}}", 1, "", "months", "marks"}};
  per_role.tables.push_back(duties);
  TemplateSection fixed;
  fixed.id = "fixed";
  fixed.title = "Fixed";
  TemplateTable form;
  form.columns = {TemplateColumn{"Question", 2, "", "", ""}, TemplateColumn{"Answer", 1, "", "", ""}};
  form.fixed_rows = {{"How clear was {{org}}'s module?", ""}};
  fixed.tables.push_back(form);
  TemplateSection optional;
  optional.id = "optional";
  optional.title = "Optional";
  optional.when = "extra";
  t.sections = {per_role, fixed, optional};
  return t;
}

View Data() {
  View view;
  view.set("org", "Acme");
  view.set("extra", false);
  View months{View::type::list};
  months.push_back(Item("title", "Jan"));
  months.push_back(Item("title", "Feb"));
  view.set("months", months);
  View roles{View::type::list};
  View role;
  role.set("id", "it");
  role.set("title", "IT");
  role.set("holder", false);
  View duties{View::type::list};
  View duty = Item("text", "Patch **every** month");
  View marks{View::type::list};
  marks.push_back(View("x"));
  marks.push_back(View(""));
  duty.set("marks", marks);
  duties.push_back(duty);
  role.set("duties", duties);
  roles.push_back(role);
  view.set("roles", roles);
  return view;
}

TEST(ResolveCompiledTemplate, LaysTheTemplateOverTheViewAsStructure) {
  base::DiagnosticSink sink;
  const ExpandedTemplate out = ExpandTemplate(Layout(), Data(), sink);
  ASSERT_FALSE(sink.HasErrors()) << testing::Formatted(sink);
  EXPECT_EQ(out.summary, "About Acme.");
  ASSERT_EQ(out.sections.size(), 2u);  // the optional section is left out
  const model::ResolvedSection& role = out.sections[0];
  EXPECT_EQ(role.id, "role-it");
  EXPECT_EQ(role.number, "1");
  EXPECT_EQ(role.title, "IT");
  EXPECT_EQ(role.intro, "Held by nobody.\n\nEnd.");  // values as they are, one blank line at most
  ASSERT_EQ(role.tables.size(), 1u);
  EXPECT_EQ(model::TableText(role.tables[0]), "Duty | Jan | Feb\nPatch **every** month | x | \n");
  EXPECT_FALSE(role.tables[0].landscape);
  EXPECT_EQ(out.sections[1].number, "2");
  EXPECT_EQ(model::TableText(out.sections[1].tables[0]), "Question | Answer\nHow clear was Acme's module? | \n");
}

TEST(ResolveCompiledTemplate, ACountOfOneAfterEveryLosesItsNumber) {
  CompiledTemplate t;
  t.builder = "test";
  t.summary = "Every {{once}}, then every {{twice}}; within {{once}}.";
  View view;
  view.set("once", "1 month");
  view.set("twice", "2 months");
  base::DiagnosticSink sink;
  EXPECT_EQ(ExpandTemplate(t, view, sink).summary, "Every month, then every 2 months; within 1 month.");
  EXPECT_EQ(testing::Formatted(sink), "");
}

TEST(ResolveCompiledTemplate, ANameTheViewLacksIsAnErrorAtTheTemplateNotABlank) {
  CompiledTemplate t = Layout();
  t.summary = "About {{organisation}}.";
  t.sections[0].each = "rolls";
  base::DiagnosticSink sink;
  ExpandTemplate(t, Data(), sink);
  EXPECT_EQ(testing::Formatted(sink),
            "templates/compiled/test.xml:3: error: the view of builder 'test' has no 'organisation' "
            "[resolve.template-name]\n"
            "templates/compiled/test.xml:5: error: the view of builder 'test' has no 'rolls' "
            "[resolve.template-name]\n");
}

TEST(ResolveCompiledTemplate, NamesInsideAnEmptyListGoUnchecked) {
  CompiledTemplate t = Layout();
  t.summary = "{{#none}}{{#deeper}}{{name}}{{/deeper}}{{/none}}{{^none}}{{missing}}{{/none}}";
  View view = Data();
  view.set("none", View{View::type::list});
  base::DiagnosticSink sink;
  ExpandTemplate(t, view, sink);
  EXPECT_EQ(testing::Formatted(sink),
            "templates/compiled/test.xml:3: error: the view of builder 'test' has no 'missing' "
            "[resolve.template-name]\n");
}

TEST(ResolveCompiledTemplate, BrokenMustacheIsAnErrorAtTheTemplate) {
  CompiledTemplate t = Layout();
  t.summary = "About {{#org}}.";
  base::DiagnosticSink sink;
  const ExpandedTemplate out = ExpandTemplate(t, Data(), sink);
  EXPECT_EQ(testing::Formatted(sink),
            "templates/compiled/test.xml:3: error: mustache error: Unclosed section \"org\" at 6 "
            "[resolve.template-name]\n");
  EXPECT_EQ(out.summary, "");
}

// Builders escape every value for Markdown, as cells and introductions are
// Markdown; a title and a column header are plain text, which every writer
// prints as it is, so "\|" there would be seen.
TEST(ResolveCompiledTemplate, APipeInAValueReadsAsAPipeInTitlesHeadersAndCells) {
  View view = Data();
  View roles{View::type::list};
  View role = view["roles"].list_value()[0];
  role.set("title", base::EscapeMarkdown("IT & Ops | Manager"));
  View duty = Item("text", base::EscapeMarkdown("Patch A|B"));
  duty.set("marks", View{View::type::list});
  View duties{View::type::list};
  duties.push_back(duty);
  role.set("duties", duties);
  roles.push_back(role);
  view.set("roles", roles);
  View months{View::type::list};
  months.push_back(Item("title", base::EscapeMarkdown("Q1 | Q2")));
  view.set("months", months);
  base::DiagnosticSink sink;
  const ExpandedTemplate out = ExpandTemplate(Layout(), view, sink);
  ASSERT_FALSE(sink.HasErrors()) << testing::Formatted(sink);
  const model::ResolvedSection& section = out.sections[0];
  EXPECT_EQ(section.title, "IT & Ops | Manager");
  ASSERT_EQ(section.tables.size(), 1u);
  ASSERT_EQ(section.tables[0].columns.size(), 2u);
  EXPECT_EQ(section.tables[0].columns[1].header, "Q1 | Q2");
  // A cell stays Markdown, escaped, so that the pipe is text and not markup.
  ASSERT_EQ(section.tables[0].rows.size(), 1u);
  EXPECT_EQ(section.tables[0].rows[0][0], "Patch A\\|B");
}

}  // namespace
}  // namespace policyc::resolve
