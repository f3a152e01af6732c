#include "resolve/text.h"

#include <gtest/gtest.h>

#include <map>

#include "support/test_support.h"

namespace policyc::resolve {
namespace {

/// Resolves the names it was given; any other name is unknown.
class FixedValues : public VariableResolver {
 public:
  explicit FixedValues(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  std::optional<std::string> Resolve(std::string_view name, VariableFailure* failure) const override {
    auto it = values_.find(std::string(name));
    if (it != values_.end()) return it->second;
    failure->message = "unknown variable {{" + std::string(name) + "}}";
    return std::nullopt;
  }

 private:
  std::map<std::string, std::string> values_;
};

std::string Expand(const std::string& markdown, const std::map<std::string, std::string>& values) {
  model::Text text;
  text.markdown = markdown;
  text.loc = base::SourceLoc{"lib/doc.xml", 4, 0};
  base::DiagnosticSink sink;
  std::string out = ExpandText(text, FixedValues(values), sink);
  EXPECT_EQ(testing::Formatted(sink), "");
  return out;
}

TEST(ResolveText, ACountOfOneAfterEveryLosesItsNumber) {
  const std::map<std::string, std::string> values = {
      {"param.review", "1 month"}, {"param.audit", "1 year"}, {"param.scan", "12 months"}};
  EXPECT_EQ(Expand("Review access every {{param.review}}.", values), "Review access every month.");
  EXPECT_EQ(Expand("Every {{ param.audit }}, audit it.", values), "Every year, audit it.");
  EXPECT_EQ(Expand("Scan every {{param.scan}}.", values), "Scan every 12 months.");
  // Only after the word "every": "within 1 month" keeps its number.
  EXPECT_EQ(Expand("Report within {{param.review}}.", values), "Report within 1 month.");
}

TEST(ResolveText, ThePacksTextStaysWithinItsBudget) {
  // A variable that names many people, used many times, multiplied a small
  // source into gigabytes.
  const std::map<std::string, std::string> values = {{"holders.all-staff", std::string(60, 'x')}};
  model::Text text;
  text.markdown = "Staff: {{holders.all-staff}}.\nAgain: {{holders.all-staff}}.";
  text.loc = base::SourceLoc{"lib/doc.xml", 4, 0};
  base::DiagnosticSink sink;
  size_t budget = 237;
  EXPECT_EQ(ExpandText(text, FixedValues(values), sink, &budget).size(), 7 + 60 + 9 + 60 + 1);
  EXPECT_EQ(budget, 100u);
  EXPECT_EQ(testing::Formatted(sink), "");
  // The next text passes the budget at its second variable, on line 5.
  EXPECT_EQ(ExpandText(text, FixedValues(values), sink, &budget), text.markdown);
  EXPECT_EQ(budget, 0u);
  EXPECT_EQ(testing::Formatted(sink),
            "lib/doc.xml:5:8: error: filling in {{holders.all-staff}} here takes the pack's text past 64 MiB; a variable "
            "that names many people or items is used too often: use it less, or give the role to fewer people "
            "[resolve.text-too-large]\n");
  // Said once: later texts are kept as written without another error.
  EXPECT_EQ(ExpandText(text, FixedValues(values), sink, &budget), text.markdown);
  EXPECT_EQ(sink.diagnostics().size(), 1u);
}

TEST(ResolveText, ReadsAfterLooksAtTheWholeWordBefore) {
  EXPECT_EQ(ReadsAfter("review it every ", "1 week"), "week");
  EXPECT_EQ(ReadsAfter("EVERY ", "1 day"), "day");
  EXPECT_EQ(ReadsAfter("everyone ", "1 day"), "1 day");
  EXPECT_EQ(ReadsAfter("whenevery ", "1 day"), "1 day");
  EXPECT_EQ(ReadsAfter("every", "1 day"), "1 day");  // no space: not a following word
  EXPECT_EQ(ReadsAfter("every ", "10 days"), "10 days");
  EXPECT_EQ(ReadsAfter("every ", "1"), "1");
  EXPECT_EQ(ReadsAfter("every ", "1 2"), "1 2");
}

}  // namespace
}  // namespace policyc::resolve
