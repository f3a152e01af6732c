// MergeLibraries on libraries built in memory: one test per override
// operation and per conflict, so that a change to one operation shows
// which rule it broke without loading any XML.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "resolve/resolver.h"
#include "support/test_support.h"

namespace policyc::resolve {
namespace {

using model::Override;

base::SourceLoc At(const std::string& file, int line) { return base::SourceLoc{file, line, 0}; }

model::Statement NewStatement(const std::string& id, const std::string& text,
                              base::SourceLoc loc = {}) {
  model::Statement s;
  s.id = id;
  s.text = model::Text{text, loc};
  s.loc = loc;
  return s;
}

model::Section NewSection(const std::string& id, std::vector<model::SectionItem> items,
                          base::SourceLoc loc) {
  model::Section section;
  section.id = id;
  section.title = id;
  section.items = std::move(items);
  section.loc = loc;
  return section;
}

/// Document `id` with section "main" holding statements s1, s2, s3 and
/// section "extra" holding x1.
model::Document NewDocument(const std::string& id) {
  model::Document doc;
  doc.id = id;
  doc.kind = "policy";
  doc.title = "Document " + id;
  const std::string file = "lib/" + id + ".xml";
  doc.loc = At(file, 1);
  doc.sections.push_back(
      NewSection("main",
                 {NewStatement("s1", "One.", At(file, 3)), NewStatement("s2", "Two.", At(file, 4)),
                  NewStatement("s3", "Three.", At(file, 5))},
                 At(file, 2)));
  doc.sections.push_back(
      NewSection("extra", {NewStatement("x1", "Extra.", At(file, 7))}, At(file, 6)));
  return doc;
}

Override Replace(const std::string& target, const model::Statement& statement,
                 base::SourceLoc loc) {
  Override o;
  o.op = Override::Op::kReplace;
  o.target = target;
  o.reason = "a reason";
  o.statements = {statement};
  o.loc = loc;
  return o;
}

Override ReplaceWhole(const std::string& target, const model::Document& doc, base::SourceLoc loc) {
  Override o;
  o.op = Override::Op::kReplace;
  o.target = target;
  o.reason = "a reason";
  o.document = doc;
  o.loc = loc;
  return o;
}

Override Remove(const std::string& target, base::SourceLoc loc) {
  Override o;
  o.op = Override::Op::kRemove;
  o.target = target;
  o.reason = "a reason";
  o.loc = loc;
  return o;
}

Override Add(const std::string& to, std::vector<model::Statement> statements, base::SourceLoc loc,
             std::optional<std::string> after = std::nullopt) {
  Override o;
  o.op = Override::Op::kAdd;
  o.target = to;
  o.after = std::move(after);
  o.reason = "a reason";
  o.statements = std::move(statements);
  o.loc = loc;
  return o;
}

/// The merged documents as "id: section[statement=text ...] ..." lines.
std::string Outline(const MergedLibrary& merged) {
  std::string out;
  for (const model::Document& doc : merged.documents) {
    out += doc.id + ":";
    for (const model::Section& section : doc.sections) {
      out += " " + section.id + "[";
      std::string sep;
      for (const model::SectionItem& item : section.items) {
        if (const auto* s = std::get_if<model::Statement>(&item)) {
          out += sep + s->id + "=" + s->text.markdown;
          sep = " ";
        }
      }
      out += "]";
    }
    out += "\n";
  }
  return out;
}

class ResolveLayers : public ::testing::Test {
 protected:
  void SetUp() override {
    base_.name = "policyc";
    base_.root = "lib";
    base_.documents = {NewDocument("a"), NewDocument("b")};
    house_.name = "house";
    house_.root = "house";
    sink_.SetKeepDetails(true);  // the shadowing notes are details
  }

  /// The shipped library, the house layer, then the profile's overrides.
  MergedLibrary Merge(const std::vector<Override>& profile = {}) {
    return MergeLibraries({base_, house_}, profile, sink_);
  }

  model::Library base_;
  model::Library house_;
  base::DiagnosticSink sink_;
};

const char* const kUnchanged =
    "a: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n"
    "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n";

TEST_F(ResolveLayers, WithoutOverridesTheLayersAreConcatenated) {
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, ReplaceStatement) {
  house_.overrides = {Replace("a#s2", NewStatement("s2", "House two."), At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s2=House two. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, ReplaceStatementKeepsItsId) {
  house_.overrides = {
      Replace("a#s2", NewStatement("s9", "Renamed.", At("house.xml", 3)), At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:3: error: the replacement statement has id 's9' but replaces 's2'; keep the "
            "id so that "
            "history and diffs follow it [resolve.override-id-mismatch]\n");
}

TEST_F(ResolveLayers, ReplaceOfASectionIsRefused) {
  house_.overrides = {Replace("a#extra", NewStatement("extra", "No."), At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:2: error: 'a#extra' is a section; replace its statements one by one, or "
            "remove it and "
            "add new ones [resolve.override-id-mismatch]\n");
}

TEST_F(ResolveLayers, ReplaceDocumentBringsItsParameters) {
  model::Document replacement = NewDocument("b");
  replacement.sections.pop_back();
  model::Declaration steps;
  steps.id = "steps";
  steps.type = "integer";
  replacement.parameters = {steps};
  house_.overrides = {ReplaceWhole("b", replacement, At("house.xml", 2))};
  const MergedLibrary merged = Merge();
  EXPECT_EQ(Outline(merged),
            "a: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.]\n");
  ASSERT_EQ(merged.parameters.size(), 1u);
  EXPECT_EQ(merged.parameters[0].id, "steps");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, ReplaceDocumentKeepsItsId) {
  house_.overrides = {ReplaceWhole("b", NewDocument("c"), At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:2: error: the replacement document has id 'c' but replaces 'b'; keep the id "
            "so that "
            "history and diffs follow it [resolve.override-id-mismatch]\n");
}

TEST_F(ResolveLayers, RemoveStatement) {
  house_.overrides = {Remove("a#s1", At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s2=Two. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, RemoveSectionTakesItsStatements) {
  house_.overrides = {Remove("a#extra", At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s2=Two. s3=Three.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
}

TEST_F(ResolveLayers, RemoveDocument) {
  house_.overrides = {Remove("a", At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()), "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, RemoveOfSomethingThatDoesNotExistSuggestsAnId) {
  house_.overrides = {Remove("a#s4", At("house.xml", 2)), Remove("c", At("house.xml", 3))};
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(
      testing::Formatted(sink_),
      "house.xml:2: error: override targets 'a#s4', which does not exist; did you mean 'a#s1'? "
      "[resolve.override-target-missing]\n"
      "house.xml:3: error: override targets document 'c', which does not exist; did you mean 'a'? "
      "[resolve.override-target-missing]\n");
}

TEST_F(ResolveLayers, AddAfterAStatement) {
  house_.overrides = {Add("a#main", {NewStatement("h1", "H1."), NewStatement("h2", "H2.")},
                          At("house.xml", 2), "s1")};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. h1=H1. h2=H2. s2=Two. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, AddAfterAStatementTheSectionLacksIsReported) {
  house_.overrides = {Add("a#extra", {NewStatement("h1", "H1.")}, At("house.xml", 2), "s1")};
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:2: error: override targets statement 's1' in section 'a#extra' (after=), "
            "which does "
            "not exist; did you mean 'a#s1'? [resolve.override-target-missing]\n");
}

TEST_F(ResolveLayers, AddAtTheEnd) {
  house_.overrides = {Add("b#extra", {NewStatement("h1", "H1.")}, At("house.xml", 2))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra. h1=H1.]\n");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, AddNeedsASectionAndANewId) {
  house_.overrides = {
      Add("b", {NewStatement("h1", "H1.")}, At("house.xml", 2)),
      Add("b#main", {NewStatement("s3", "Again.", At("house.xml", 4))}, At("house.xml", 3))};
  EXPECT_EQ(Outline(Merge()), kUnchanged);
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:2: error: override targets no section (write to=\"b#SECTION\"), which does "
            "not exist "
            "[resolve.override-target-missing]\n"
            "house.xml:4: error: document 'b' already has an item with id 's3'; give the added "
            "statement a new id "
            "[load.duplicate-id]\n"
            "lib/b.xml:5: note: existing item\n");
}

TEST_F(ResolveLayers, ChangingOneTargetTwiceInOneLayerIsAConflict) {
  house_.overrides = {Replace("a#s2", NewStatement("s2", "First."), At("house.xml", 2)),
                      Remove("a#s2", At("house.xml", 3))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s2=First. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(
      testing::Formatted(sink_),
      "house.xml:3: error: 'a#s2' is changed twice in one layer; merge the two changes into one "
      "[resolve.override-conflict]\n"
      "house.xml:2: note: also replaced here\n");
}

// A removal is only "by a lower layer" from another layer: in its own
// layer the item is simply gone, and a later change there finds nothing.
TEST_F(ResolveLayers, RemovingThenChangingInOneLayerFindsNothingToChange) {
  house_.overrides = {Remove("a#s2", At("house.xml", 2)),
                      Replace("a#s2", NewStatement("s2", "Back."), At("house.xml", 3))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:3: error: override targets 'a#s2', which does not exist; did you mean 'a#s1'? "
            "[resolve.override-target-missing]\n");
}

TEST_F(ResolveLayers, AStatementThenItsWholeDocumentInOneLayerIsAConflict) {
  house_.overrides = {Add("a#main", {NewStatement("h1", "H1.")}, At("house.xml", 2)),
                      ReplaceWhole("a", NewDocument("a"), At("house.xml", 3))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s2=Two. s3=Three. h1=H1.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(
      testing::Formatted(sink_),
      "house.xml:3: error: document 'a' is replaced whole after this layer added 'a#h1', which the "
      "replacement would silently undo; make that change in the replacement document, or drop one "
      "of "
      "the two [resolve.override-conflict]\n"
      "house.xml:2: note: 'a#h1' added here\n");
}

TEST_F(ResolveLayers, AStatementRemovedThenAReplacementWithoutItInOneLayerKeepsBoth) {
  model::Document replacement = NewDocument("a");
  replacement.sections.pop_back();  // without x1
  house_.overrides = {Remove("a#x1", At("house.xml", 2)),
                      ReplaceWhole("a", replacement, At("house.xml", 3))};
  EXPECT_EQ(Outline(Merge()),
            "a: main[s1=One. s2=Two. s3=Three.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_), "");
}

TEST_F(ResolveLayers, AStatementRemovedThenAReplacementThatBringsItBackIsAConflict) {
  house_.overrides = {Remove("a#x1", At("house.xml", 2)),
                      ReplaceWhole("a", NewDocument("a"), At("house.xml", 3))};
  Merge();
  EXPECT_EQ(testing::Formatted(sink_),
            "house.xml:3: error: document 'a' is replaced whole after this layer removed 'a#x1', "
            "which the "
            "replacement would silently undo; make that change in the replacement document, or "
            "drop one of "
            "the two [resolve.override-conflict]\n"
            "house.xml:2: note: 'a#x1' removed here\n");
}

TEST_F(ResolveLayers, ChangingWhatALowerLayerRemovedIsAConflict) {
  house_.overrides = {Remove("a#s1", At("house.xml", 2)), Remove("b", At("house.xml", 3))};
  const MergedLibrary merged =
      Merge({Replace("a#s1", NewStatement("s1", "Back."), At("profile.xml", 5)),
             Add("b#main", {NewStatement("p1", "P1.")}, At("profile.xml", 6)),
             Remove("b", At("profile.xml", 7))});
  EXPECT_EQ(Outline(merged), "a: main[s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_),
            "profile.xml:5: error: 'a#s1' was removed by a lower layer, so this override has "
            "nothing to change; "
            "drop it, or drop the removal [resolve.override-conflict]\n"
            "house.xml:2: note: removed here\n"
            "profile.xml:6: error: 'b#main' is in document 'b', which a lower layer removed; drop "
            "this override "
            "or the removal [resolve.override-conflict]\n"
            "house.xml:3: note: removed here\n"
            "profile.xml:7: error: 'b' was removed by a lower layer, so this override has nothing "
            "to change; "
            "drop it, or drop the removal [resolve.override-conflict]\n"
            "house.xml:3: note: removed here\n");
}

TEST_F(ResolveLayers, ALaterLayerReplacingAnEarlierReplacementWinsWithANote) {
  house_.overrides = {Replace("a#s1", NewStatement("s1", "House."), At("house.xml", 2))};
  const MergedLibrary merged =
      Merge({Replace("a#s1", NewStatement("s1", "Client."), At("profile.xml", 5))});
  EXPECT_EQ(Outline(merged),
            "a: main[s1=Client. s2=Two. s3=Three.] extra[x1=Extra.]\n"
            "b: main[s1=One. s2=Two. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_),
            "profile.xml:5: note: 'a#s1' was already replaced by layer 'house' at house.xml:2; "
            "this later "
            "replacement, in layer 'profile', wins [resolve.override-shadowed]\n");
}

TEST_F(ResolveLayers, ALaterLayerShadowingAnEarlierChangeAroundItsTargetIsANote) {
  house_.overrides = {Replace("a#s1", NewStatement("s1", "House."), At("house.xml", 2)),
                      ReplaceWhole("b", NewDocument("b"), At("house.xml", 3))};
  const MergedLibrary merged =
      Merge({Remove("b#s2", At("profile.xml", 6)), Remove("a", At("profile.xml", 7))});
  EXPECT_EQ(Outline(merged), "b: main[s1=One. s3=Three.] extra[x1=Extra.]\n");
  EXPECT_EQ(testing::Formatted(sink_),
            "profile.xml:6: note: 'b#s2' is in document 'b', already replaced by layer 'house' at "
            "house.xml:3; "
            "this later removal, in layer 'profile', wins [resolve.override-shadowed]\n"
            "profile.xml:7: note: document 'a' holds 'a#s1', already replaced by layer 'house' at "
            "house.xml:2; "
            "this later removal, in layer 'profile', wins [resolve.override-shadowed]\n");
}

}  // namespace
}  // namespace policyc::resolve
