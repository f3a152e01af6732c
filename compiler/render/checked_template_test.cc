#include "render/checked_template.h"

#include <gtest/gtest.h>
#include <kainjow/mustache.hpp>

#include "support/test_support.h"

namespace policyc::render {
namespace {

using kainjow::mustache::data;

std::string Upper(const std::string& text) {
  std::string out = text;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

data View() {
  data view;
  view.set("name", "acme & co");
  view.set("shown", true);
  view.set("hidden", false);
  data items(data::type::list);
  items.push_back(data("label", "one"));
  items.push_back(data("label", "two"));
  view.set("items", items);
  return view;
}

TEST(CheckedTemplate, RendersWithTheGivenEscapeAndPartials) {
  base::DiagnosticSink sink;
  auto text = RenderChecked({"t/main.mustache", "{{name}}/{{{name}}}:{{#items}}{{>item}}{{/items}}"},
                            {{"item", {"t/item.mustache", "[{{label}}]"}}}, View(), Upper, sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  EXPECT_EQ(text.value_or("?"), "ACME & CO/acme & co:[ONE][TWO]");
}

TEST(CheckedTemplate, ANameTheViewLacksIsAnErrorAtItsFirstTag) {
  base::DiagnosticSink sink;
  auto text = RenderChecked({"t/main.mustache", "{{name}}\n  {{#items}}{{labl}}{{/items}} {{labl}}\n{{^nowhere}}x{{/nowhere}}"},
                            {}, View(), Upper, sink);
  EXPECT_FALSE(text);
  EXPECT_EQ(testing::Formatted(sink),
            "t/main.mustache:2:13: error: 'labl' is not a name this template's view has; correct the tag, or remove "
            "it [render.template-error]\n"
            "t/main.mustache:3:1: error: 'nowhere' is not a name this template's view has; correct the tag, or "
            "remove it [render.template-error]\n");
}

TEST(CheckedTemplate, NamesInASectionNotRenderedAreNotLookedUp) {
  base::DiagnosticSink sink;
  auto text = RenderChecked({"t/main.mustache", "{{#hidden}}{{nothing}}{{/hidden}}{{^shown}}{{nothing}}{{/shown}}ok"},
                            {}, View(), Upper, sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  EXPECT_EQ(text.value_or("?"), "ok");
}

TEST(CheckedTemplate, AMissingPartialOrANameInAPartialIsReportedWhereItIsUsed) {
  base::DiagnosticSink sink;
  auto text = RenderChecked({"t/main.mustache", "{{>absent}}\n{{>item}}"},
                            {{"item", {"t/item.mustache", "\n {{missing}}"}}}, View(), Upper, sink);
  EXPECT_FALSE(text);
  EXPECT_EQ(testing::Formatted(sink),
            "t/item.mustache:2:2: error: 'missing' is not a name this template's view has; correct the tag, or "
            "remove it [render.template-error]\n"
            "t/main.mustache:1:1: error: there is no partial 'absent' for this template; correct the tag, or "
            "remove it [render.template-error]\n");
}

TEST(CheckedTemplate, ATemplateOrPartialThatDoesNotParseIsReportedAtItsLine) {
  base::DiagnosticSink sink;
  auto text = RenderChecked({"t/main.mustache", "{{name}}"}, {{"item", {"t/item.mustache", "a\n{{#open}}b"}}},
                            View(), Upper, sink);
  EXPECT_FALSE(text);
  const std::string said = testing::Formatted(sink);
  EXPECT_EQ(said.rfind("t/item.mustache:", 0), 0u) << said;
  EXPECT_NE(said.find(": error: not valid mustache: Unclosed section \"open\""), std::string::npos) << said;
  EXPECT_NE(said.find("[render.template-error]"), std::string::npos) << said;
}

}  // namespace
}  // namespace policyc::render
