#include "diff/compare.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "diff/report.h"
#include "release/release.h"

namespace policyc::diff {
namespace {

std::string Render(const std::vector<Segment>& segments) {
  std::string out;
  for (const Segment& s : segments) {
    out += s.op == Op::kEqual ? s.text : s.op == Op::kDelete ? "[-" + s.text + "-]" : "{+" + s.text + "+}";
  }
  return out;
}

TEST(DiffWords, MarksOnlyTheChangedWords) {
  EXPECT_EQ(Render(WordDiff("at least 12 characters long", "at least 14 characters long")),
            "at least [-12-]{+14+} characters long");
  EXPECT_EQ(Render(WordDiff("same text.", "same text.")), "same text.");
  EXPECT_EQ(Render(WordDiff("", "new")), "{+new+}");
  EXPECT_EQ(Render(WordDiff("old", "")), "[-old-]");
}

TEST(DiffWords, ARunOfChangesReadsAsOneDeletionAndOneInsertion) {
  // The spaces between changed words belong to the change.
  EXPECT_EQ(Render(WordDiff("review it every year by hand", "review it every 6 months by hand")),
            "review it every [-year-]{+6 months+} by hand");
  EXPECT_EQ(Render(WordDiff("a b c d", "a x y d")), "a [-b c-]{+x y+} d");
}

TEST(DiffWords, DeletionsSpellTheOldTextAndInsertionsTheNew) {
  const std::string a = "The IT Manager shall lock accounts after 5 failures, within 1 hour.";
  const std::string b = "The Head of IT shall lock every account after 10 failed attempts within 1 hour!";
  std::string old_text, new_text;
  for (const Segment& s : WordDiff(a, b)) {
    if (s.op != Op::kInsert) old_text += s.text;
    if (s.op != Op::kDelete) new_text += s.text;
  }
  EXPECT_EQ(old_text, a);
  EXPECT_EQ(new_text, b);
}

TEST(DiffLines, PairsChangedLinesAndKeepsTheRest) {
  const auto lines = LineDiff("| a | 1 |\n| b | 2 |\n| c | 3 |", "| a | 1 |\n| b | 5 |\n| c | 3 |\n| d | 4 |");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_FALSE(lines[0].changed);
  EXPECT_TRUE(lines[1].changed);
  EXPECT_EQ(Render(lines[1].words), "| b | [-2-]{+5+} |");
  EXPECT_EQ(lines[3].op, Op::kInsert);
}

Item MakeStatement(std::string id, std::string text, std::string source_hash, std::vector<std::string> vars = {}) {
  Item item;
  item.id = std::move(id);
  item.parent = "rules";
  item.text = text;
  item.has_text = true;
  item.text_hash = text;  // any stand-in that differs when the text does
  item.neutral_hash = text;
  item.source_hash = std::move(source_hash);
  item.variables = std::move(vars);
  return item;
}

TEST(DiffCompare, TellsRewordedFromEditedAndMoved) {
  Document a{"doc", "Doc", "policy", "", false, {}, {}, {{"length", "12 characters"}}};
  a.items = {MakeStatement("s1", "Use 12 characters.", "src1", {"param.length"}),
             MakeStatement("s2", "Ann approves.", "src2", {"holders.owner"}),
             MakeStatement("s3", "Third.", "src3"), MakeStatement("s4", "Fourth.", "src4")};
  Document b = a;
  b.parameters["length"] = "14 characters";
  b.items[0] = MakeStatement("s1", "Use 14 characters.", "src1", {"param.length"});  // same source, new value
  b.items[1] = MakeStatement("s2", "Ann Jones approves.", "src2", {"holders.owner"});  // a name only
  std::swap(b.items[2], b.items[3]);  // s4 before s3
  for (size_t i = 0; i < 4; ++i) a.items[i].number = b.items[i].number = "1." + std::to_string(i + 1);
  Snapshot old_pack, new_pack;
  auto d = CompareDocuments(&a, &b, old_pack, new_pack);
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->items.size(), 3u);
  EXPECT_EQ(d->items[0].change, ItemChange::kReworded);
  ASSERT_EQ(d->items[0].parameters.size(), 1u);
  EXPECT_EQ(d->items[0].parameters[0].new_value, "14 characters");
  EXPECT_EQ(d->items[1].change, ItemChange::kEdited);
  EXPECT_EQ(d->items[2].id, "s3");  // new order s1 s2 s4 s3: s4 kept its place
  EXPECT_EQ(d->items[2].change, ItemChange::kMoved);
  EXPECT_TRUE(d->obligations_changed);

  // Without the parameter change, only editorial changes are left: a minor version.
  b.items[0] = a.items[0];
  b.parameters = a.parameters;
  d = CompareDocuments(&a, &b, old_pack, new_pack);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->obligations_changed);
  EXPECT_EQ(d->Summary(), "Statement 1.2 edited (names, titles or references); statement 1.4 moved.");  // s3, now after s4
}

TEST(DiffCompare, ASectionIntroWhoseSourceIsUnchangedIsEditorial) {
  // A reference label in an introduction changes when the target is
  // renumbered: the source is the same, so it is an editorial change.
  auto section = [](const std::string& text, const std::string& source) {
    Item item;
    item.kind = Item::Kind::kSection;
    item.id = "scope";
    item.number = "1";
    item.title = "Scope";
    item.text = text;
    item.has_text = true;
    item.text_hash = item.neutral_hash = text;
    item.source_hash = source;
    return item;
  };
  Document a{"doc", "Doc", "policy", "", false, {section("See policy, statement 7.5.", "src")}, {}, {}};
  Document b = a;
  b.items[0] = section("See policy, statement 7.6.", "src");
  Snapshot empty;
  auto d = CompareDocuments(&a, &b, empty, empty);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->items[0].change, ItemChange::kEdited);
  EXPECT_FALSE(d->obligations_changed);
  b.items[0] = section("See the policy and its annex.", "other");
  d = CompareDocuments(&a, &b, empty, empty);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->items[0].change, ItemChange::kReworded);
  EXPECT_TRUE(d->obligations_changed);
}

TEST(DiffCompare, SameDocumentIsNoDifference) {
  Document a{"doc", "Doc", "policy", "", false, {MakeStatement("s1", "Text.", "h")}, {}, {}};
  Snapshot empty;
  EXPECT_FALSE(CompareDocuments(&a, &a, empty, empty).has_value());
}

TEST(ReleaseVersions, VersionsBumpMajorForObligationsAndMinorForEditorialChanges) {
  EXPECT_EQ(release::NextVersion("1.0", true), "2.0");
  EXPECT_EQ(release::NextVersion("1.3", true), "2.0");
  EXPECT_EQ(release::NextVersion("1.3", false), "1.4");
  EXPECT_EQ(release::NextVersion("9.9", false), "9.10");
  // Past six digits a version would not read back: 2147483647.x used to
  // overflow into a negative version.
  EXPECT_EQ(release::NextVersion("999998.5", true), "999999.0");
  EXPECT_EQ(release::NextVersion("999999.5", true), std::nullopt);
  EXPECT_EQ(release::NextVersion("3.999999", false), std::nullopt);
  EXPECT_EQ(release::NextVersion("2147483647.0", true), std::nullopt);
  EXPECT_EQ(release::RecordPath("examples/acme/profile.xml"), "examples/acme/profile.release.xml");
  EXPECT_EQ(release::RecordPath("clients/beta.xml"), "clients/beta.release.xml");
}

}  // namespace
}  // namespace policyc::diff

namespace policyc::diff {
namespace {

std::string PackText(const std::string& as_of, bool swapped, const std::string& tool) {
  const std::string a = R"({"id": "a", "title": "A", "kind": "policy", "derived": false, "excluded": [],
    "sections": [{"id": "s", "number": "1", "title": "S", "intro": "", "items": [
      {"type": "statement", "id": "x", "number": "1.1", "text": "Review by )" + as_of + R"(.",
       "variables": [], "source_hash": "h1"}]}]})";
  const std::string b = R"({"id": "b", "title": "B", "kind": "policy", "derived": false, "excluded": [],
    "sections": [{"id": "t", "number": "1", "title": "T", "intro": "", "items": []}]})";
  return R"({"format_version": 3, "generator": ")" + tool + R"(", "profile": "org", "as_of": ")" + as_of +
         R"(", "organisation": {"name": "Org"}, "documents": [)" + (swapped ? b + "," + a : a + "," + b) +
         R"(], "facts": [], "parameters": [], "soa": [], "people": [], "roles": [], "risks": []})";
}

TEST(DiffCompare, AsOfDateToolVersionAndOrderAreNoDifference) {
  std::string error;
  auto old_pack = SnapshotFromPackJson(PackText("2026-01-01", false, "policyc 0.1"), &error);
  auto new_pack = SnapshotFromPackJson(PackText("2026-06-30", true, "policyc 0.2"), &error);
  ASSERT_TRUE(old_pack && new_pack) << error;
  EXPECT_TRUE(Compare(*old_pack, *new_pack).Empty());
  // A real change still shows.
  std::string changed = PackText("2026-06-30", true, "policyc 0.2");
  changed.replace(changed.find("Review by"), 9, "Check by");
  auto different = SnapshotFromPackJson(changed, &error);
  ASSERT_TRUE(different) << error;
  EXPECT_FALSE(Compare(*old_pack, *different).Empty());
}

/// PackText with statement a#x's provenance, or none when `layer` is "".
std::string PackFrom(const std::string& layer, const std::string& file, int line) {
  std::string text = PackText("2026-06-30", false, "policyc 0.2");
  if (layer.empty()) return text;
  const std::string hash = R"("source_hash": "h1")";
  text.insert(text.find(hash) + hash.size(), R"(, "provenance": {"layer": ")" + layer + R"(", "file": ")" + file +
                                                 R"(", "line": )" + std::to_string(line) + "}");
  return text;
}

/// PackText with a chosen framework whose one requirement the given
/// statements meet.
std::string PackWithFramework(const std::string& statements) {
  std::string text = PackText("2026-06-30", false, "policyc 0.2");
  text.replace(text.find(R"("soa": [])"), 9,
               R"("soa": [], "frameworks": [{"id": "cyber-essentials", "title": "Cyber Essentials Plus",
                 "requirements": [{"id": "SUM-04", "title": "Updates within 14 days", "covered": )" +
                   std::string(statements.empty() ? "false" : "true") + R"(, "statements": [)" + statements +
                   "]}]}]");
  return text;
}

TEST(DiffCompare, ARequirementNewlyMetOrNoLongerMetIsACrosswalkChange) {
  std::string error;
  auto met = SnapshotFromPackJson(PackWithFramework(R"("a#x")"), &error);
  auto unmet = SnapshotFromPackJson(PackWithFramework(""), &error);
  ASSERT_TRUE(met && unmet) << error;
  EXPECT_TRUE(Compare(*met, *met).Empty());
  const PackDiff diff = Compare(*met, *unmet);
  EXPECT_FALSE(diff.Empty());
  ASSERT_EQ(diff.crosswalk.size(), 1u);
  EXPECT_EQ(diff.crosswalk[0].id, "cyber-essentials:SUM-04");
  EXPECT_EQ(diff.crosswalk[0].title, "Cyber Essentials Plus: Updates within 14 days");
  ASSERT_EQ(diff.crosswalk[0].fields.size(), 2u);
  EXPECT_EQ(diff.crosswalk[0].fields[0].id, "met");
  EXPECT_EQ(diff.crosswalk[0].fields[0].old_value, "met");
  EXPECT_EQ(diff.crosswalk[0].fields[0].new_value, "not met");
  EXPECT_EQ(diff.crosswalk[0].fields[1].old_value, "a#x");
  EXPECT_NE(TextReport(diff).find("Framework crosswalk\n  cyber-essentials:SUM-04"), std::string::npos)
      << TextReport(diff);
  // A pack written before frameworks were part of it has none to compare.
  auto none = SnapshotFromPackJson(PackText("2026-06-30", false, "policyc 0.2"), &error);
  ASSERT_TRUE(none) << error;
  EXPECT_EQ(Compare(*none, *met).crosswalk[0].status, RowChange::Status::kAdded);
}

TEST(DiffCompare, ProvenanceChangesAreListedButAreNoDifference) {
  std::string error;
  auto shipped = SnapshotFromPackJson(PackFrom("policyc", "policies/documents/a.xml", 12), &error);
  auto house = SnapshotFromPackJson(PackFrom("house", "house/overrides.xml", 4), &error);
  auto moved_line = SnapshotFromPackJson(PackFrom("policyc", "policies/documents/a.xml", 30), &error);
  auto unknown = SnapshotFromPackJson(PackFrom("", "", 0), &error);
  ASSERT_TRUE(shipped && house && moved_line && unknown) << error;

  const PackDiff diff = Compare(*shipped, *house);
  EXPECT_TRUE(diff.Empty());  // the documents read the same
  ASSERT_EQ(diff.provenance.size(), 1u);
  const ProvenanceChange& change = diff.provenance[0];
  EXPECT_EQ(change.document + "#" + change.id + " " + change.number, "a#x 1.1");
  EXPECT_EQ(change.old_source.layer + " " + change.old_source.file + ":" + std::to_string(change.old_source.line),
            "policyc policies/documents/a.xml:12");
  EXPECT_EQ(change.new_source.layer + " " + change.new_source.file + ":" + std::to_string(change.new_source.line),
            "house house/overrides.xml:4");
  EXPECT_EQ(TextReport(diff).substr(TextReport(diff).find('\n') + 1),
            "no difference\n\nSources (statements whose text now comes from another layer or file)\n"
            "  a#x (1.1): now from the house layer (house/overrides.xml:4), was from the shipped library "
            "(policies/documents/a.xml:12)\n");

  const nlohmann::json json = nlohmann::json::parse(JsonReport(diff));
  EXPECT_TRUE(json.at("equal").get<bool>());
  EXPECT_EQ(json.at("provenance").dump(),
            R"([{"document":"a","id":"x","new":{"file":"house/overrides.xml","layer":"house","line":4},)"
            R"("number":"1.1","old":{"file":"policies/documents/a.xml","layer":"policyc","line":12}}])");

  // Another line of the same file, or a side that does not say (an older
  // pack.json, a release record), is no change of provenance.
  EXPECT_TRUE(Compare(*shipped, *moved_line).provenance.empty());
  EXPECT_TRUE(Compare(*unknown, *house).provenance.empty());
  EXPECT_TRUE(Compare(*house, *unknown).provenance.empty());
}

TEST(DiffSnapshot, RefusesWhatIsNotAPackJson) {
  std::string error;
  EXPECT_FALSE(SnapshotFromPackJson("not json", &error));
  EXPECT_NE(error.find("not a JSON object"), std::string::npos);
  EXPECT_FALSE(SnapshotFromPackJson(R"({"documents": []})", &error));
  EXPECT_NE(error.find("no format_version"), std::string::npos);
  EXPECT_FALSE(SnapshotFromPackJson(R"({"format_version": 3, "documents": {"id": 3}})", &error));
  EXPECT_NE(error.find("\"documents\" is an object, not a list"), std::string::npos) << error;
}

/// A pack.json whose one document has sections nested `depth` deep.
std::string NestedPack(int depth) {
  std::string sections;
  for (int i = 0; i < depth; ++i) sections += R"({"type": "section", "id": "s)" + std::to_string(i) + R"(", "items": [)";
  for (int i = 0; i < depth; ++i) sections += "]}";
  return R"({"format_version": 3, "documents": [{"id": "a", "sections": [)" + sections + "]}]}";
}

TEST(DiffSnapshot, ReadsSectionsAsDeepAsALibraryNestsThem) {
  std::string error;
  auto pack = SnapshotFromPackJson(NestedPack(60), &error);
  ASSERT_TRUE(pack) << error;
  ASSERT_EQ(pack->documents.at(0).items.size(), 60u);
  EXPECT_EQ(pack->documents[0].Depth(pack->documents[0].items.back()), 59);
}

TEST(DiffSnapshot, RefusesSectionsDeeperThanALibraryNestsThem) {
  std::string error;
  // Deeper than any library, within the parser's limit: the walk refuses it.
  EXPECT_FALSE(SnapshotFromPackJson(NestedPack(66), &error));
  EXPECT_NE(error.find("sections nest more than 64 deep"), std::string::npos) << error;
  // Far deeper: the parser stops at the first level too deep.
  EXPECT_FALSE(SnapshotFromPackJson(NestedPack(20000), &error));
  EXPECT_NE(error.find("levels deep"), std::string::npos) << error;
  EXPECT_FALSE(SnapshotFromPackJson(R"({"format_version": 3, "x": )" + std::string(100000, '[') + "]}", &error));
  EXPECT_NE(error.find("levels deep"), std::string::npos) << error;
}

TEST(DiffSnapshot, RefusesFieldsThatAreNotOfTheirType) {
  const auto refused = [](const std::string& document, const std::string& top = R"("as_of": "2026-11-01")") {
    std::string error;
    auto pack = SnapshotFromPackJson(R"({"format_version": 3, )" + top + R"(, "documents": [)" + document + "]}", &error);
    return pack ? std::string("accepted") : error;
  };
  EXPECT_EQ(refused(R"({"id": "a", "version": "1.0", "approval_date": "2026-11-01"})"), "accepted");
  EXPECT_NE(refused(R"({"id": "a", "title": [["x"]]})").find("\"title\" is a list, not a text"), std::string::npos);
  EXPECT_NE(refused(R"({"id": "a", "title": {"x": 1}})").find("\"title\" is an object"), std::string::npos);
  EXPECT_NE(refused(R"({"id": "A\"}"})").find("\"id\" is not an id"), std::string::npos);
  EXPECT_NE(refused(R"({"id": "a", "version": "1.0\"}"})").find("\"version\" is not a version"), std::string::npos);
  EXPECT_NE(refused(R"({"id": "a", "approval_date": "2026-1-01"})").find("\"approval_date\" is not a date"),
            std::string::npos);
  EXPECT_NE(refused("", R"("as_of": "2026-11-01\"}\r```{=openxml}")").find("\"as_of\" is not a date"),
            std::string::npos);
  EXPECT_NE(refused(R"({"id": "a", "sections": [{"type": "section", "id": "s", "items": [{"id": "x y"}]}]})")
                .find("\"id\" is not an id"),
            std::string::npos);
  EXPECT_NE(refused("", R"("as_of": "2026-11-01", "people": [{"id": "p", "roles": [["r"]]}])").find("nested list"),
            std::string::npos);
}

TEST(DiffSnapshot, RefusesADocumentIdThatAppearsTwice) {
  std::string error;
  EXPECT_FALSE(SnapshotFromPackJson(R"({"format_version": 3, "documents": [{"id": "a"}, {"id": "b"}, {"id": "a"}]})",
                                    &error));
  EXPECT_NE(error.find("document \"a\" appears twice"), std::string::npos) << error;
}

}  // namespace
}  // namespace policyc::diff
