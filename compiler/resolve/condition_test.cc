#include "resolve/condition.h"

#include <gtest/gtest.h>

#include <map>

namespace policyc::resolve {
namespace {

using model::Value;
using model::ValueType;

class ResolveCondition : public ::testing::Test {
 protected:
  ResolveCondition() {
    facts_["remote_working"] = Bool(true);
    facts_["byod"] = Bool(false);
    Value staff{ValueType::kInteger, 85};
    facts_["staff_count"] = staff;
    Value sector;
    sector.type = ValueType::kEnum;
    sector.text = "private";
    facts_["sector"] = sector;
    Value deadline;
    deadline.type = ValueType::kDuration;
    deadline.duration = *model::ParseDuration("72 hours");
    params_["ico_deadline"] = deadline;
  }

  static Value Bool(bool b) {
    Value v;
    v.type = ValueType::kBoolean;
    v.boolean = b;
    return v;
  }

  bool Eval(const std::string& source) {
    errors_.clear();
    unknown_.clear();
    ConditionError error;
    auto condition = ParseCondition(source, &error);
    if (!condition) {
      errors_.push_back("parse: " + error.message + " at " + std::to_string(error.offset));
      return false;
    }
    std::vector<EvaluationError> errors;
    const bool holds = EvaluateCondition(
        *condition,
        [this](const std::string& name, NameKind kind, std::string* suggestion) -> std::optional<Value> {
          auto& table = kind == NameKind::kParameter ? params_ : kind == NameKind::kContact ? contacts_ : facts_;
          auto it = table.find(name);
          if (it == table.end()) {
            *suggestion = name == "remote_workng" ? "remote_working" : "";
            return std::nullopt;
          }
          return it->second;
        },
        &errors);
    for (const EvaluationError& e : errors) {
      errors_.push_back(e.message);
      unknown_.push_back(e.unknown);
    }
    return holds;
  }

  std::map<std::string, Value> facts_, params_, contacts_;
  std::vector<std::string> errors_;
  std::vector<std::optional<NameKind>> unknown_;  ///< of each error: the kind of unknown name, if it is one
};

TEST_F(ResolveCondition, BooleanOperatorsAndPrecedence) {
  EXPECT_TRUE(Eval("remote_working and not byod"));
  EXPECT_FALSE(Eval("byod or not remote_working"));
  EXPECT_TRUE(Eval("byod and remote_working or true"));  // and binds tighter than or
  EXPECT_FALSE(Eval("byod and (remote_working or true)"));
  EXPECT_TRUE(errors_.empty());
}

TEST_F(ResolveCondition, ComparisonsOverIntegersEnumsAndDurations) {
  EXPECT_TRUE(Eval("staff_count >= 50"));
  EXPECT_FALSE(Eval("staff_count < 50"));
  EXPECT_TRUE(Eval("sector == 'private'"));
  EXPECT_TRUE(Eval("sector != \"public\""));
  EXPECT_TRUE(Eval("param.ico_deadline <= '3 days'"));
  EXPECT_FALSE(Eval("param.ico_deadline > '72 hours'"));
  EXPECT_TRUE(errors_.empty());
}

TEST_F(ResolveCondition, UnknownNamesAreErrorsWithSuggestions) {
  EXPECT_FALSE(Eval("remote_workng"));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0], "unknown fact 'remote_workng'; did you mean 'remote_working'?");
  EXPECT_EQ(unknown_[0], NameKind::kFact);  // typed, not told apart by the message's words
  EXPECT_FALSE(Eval("param.nothing == 1"));
  EXPECT_EQ(errors_[0], "unknown parameter 'nothing'");
  EXPECT_EQ(unknown_[0], NameKind::kParameter);
  EXPECT_FALSE(Eval("contact.nobody"));
  EXPECT_EQ(unknown_[0], NameKind::kContact);
}

TEST_F(ResolveCondition, BothSidesAreCheckedWhateverTheValues) {
  // 'or' does not short-circuit checking: the typo is found although the left side holds.
  EXPECT_FALSE(Eval("remote_working or unknown_fact"));
  EXPECT_EQ(errors_.size(), 1u);
}

TEST_F(ResolveCondition, TypeMistakesAreErrors) {
  EXPECT_FALSE(Eval("sector > 3"));
  EXPECT_EQ(errors_[0], "cannot compare sector (enum) > 3 (integer)");
  EXPECT_EQ(unknown_[0], std::nullopt);
  EXPECT_FALSE(Eval("staff_count"));
  EXPECT_EQ(errors_[0],
            "'staff_count' is an integer, not true or false; compare it, e.g. staff_count == ...");
}

TEST_F(ResolveCondition, SyntaxErrorsGivePosition) {
  EXPECT_FALSE(Eval("remote_working and (byod"));
  EXPECT_EQ(errors_[0], "parse: expected ')' before 'end of condition' at 24");
  EXPECT_FALSE(Eval("a = b"));
  EXPECT_EQ(errors_[0], "parse: unknown operator '='; use == or != at 2");
  EXPECT_FALSE(Eval("'open"));
  EXPECT_EQ(errors_[0], "parse: unterminated string at 0");
}

// Found by fuzzing (issue 14): 2,000 nested '(' overflowed the stack of the
// recursive parser under the sanitizers. A condition is now refused past
// the schemas' 1,000 characters, and past 100 levels of nesting.
TEST_F(ResolveCondition, FuzzDeepNestingIsRefusedNotAStackOverflow) {
  EXPECT_FALSE(Eval(std::string(100000, '(') + "remote_working"));
  EXPECT_EQ(errors_[0],
            "parse: the condition is 100014 characters long; a condition is at most 1000: name a part of it as a "
            "fact of the profile at 1000");
  EXPECT_FALSE(Eval(std::string(101, '(') + "remote_working" + std::string(101, ')')));
  EXPECT_EQ(errors_[0],
            "parse: the condition nests more than 100 levels deep (parentheses and 'not'); write it with fewer "
            "levels at 100");
  std::string nots;
  for (int i = 0; i < 101; ++i) nots += "not ";
  EXPECT_FALSE(Eval(nots + "remote_working"));
  EXPECT_EQ(errors_[0],
            "parse: the condition nests more than 100 levels deep (parentheses and 'not'); write it with fewer "
            "levels at 400");
  EXPECT_TRUE(Eval(std::string(100, '(') + "remote_working" + std::string(100, ')')));
  EXPECT_TRUE(Eval(nots.substr(4 * 2) + "(byod)"));  // 99 nots and one '(', byod false
  EXPECT_TRUE(Eval("not (" + nots.substr(4 * 4) + "(remote_working))"));  // 1 + 1 + 97 + 1 levels, 98 nots
}

TEST_F(ResolveCondition, NumbersThatOverflowAreErrorsNotZero) {
  // Read as 0, this would hold for every organisation.
  EXPECT_FALSE(Eval("staff_count > 99999999999999999999"));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0],
            "parse: the number 99999999999999999999 is too large (the largest is 9223372036854775807); "
            "compare with a number the fact or parameter can have at 14");
  EXPECT_TRUE(Eval("staff_count < 9223372036854775807"));
  EXPECT_TRUE(errors_.empty());
}

TEST_F(ResolveCondition, DurationsLongerThanAThousandYearsAreErrors) {
  // 897067691255738469 years overflowed into a short duration.
  EXPECT_FALSE(Eval("param.ico_deadline > '897067691255738469 years'"));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0], "'897067691255738469 years' is longer than 1000 years, the longest duration policyc reads; "
                        "compare with a shorter one");
  EXPECT_TRUE(Eval("param.ico_deadline < '1000 years'"));
  EXPECT_TRUE(errors_.empty());
}

}  // namespace
}  // namespace policyc::resolve

namespace policyc::resolve {
namespace {

TEST_F(ResolveCondition, ContactKindsAreTheirOwnNames) {
  contacts_["insurer"] = Bool(true);
  contacts_["ir-retainer"] = Bool(false);
  EXPECT_TRUE(Eval("contact.insurer and not contact.ir-retainer"));
  EXPECT_TRUE(errors_.empty());
  EXPECT_FALSE(Eval("contact.insurrer"));
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0], "unknown contact kind 'insurrer'");
  facts_["insurer"] = Bool(false);  // a fact of the same name is another thing
  EXPECT_TRUE(Eval("contact.insurer and not insurer"));
}

}  // namespace
}  // namespace policyc::resolve
