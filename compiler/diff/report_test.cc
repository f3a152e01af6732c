// The diff's two reports (report.cc): the text a terminal shows and the
// JSON tools read, from one change set compared from two small packs
// built in memory. The redlines (redline.cc) have tests of their own.
#include "diff/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "base/strings.h"
#include "diff/compare.h"
#include "diff/snapshot.h"

namespace policyc::diff {
namespace {

using nlohmann::json;

Item Statement(const std::string& id, const std::string& number, const std::string& text,
               std::vector<std::string> variables = {}) {
  Item item;
  item.id = id;
  item.parent = "rules";
  item.number = number;
  item.text = text;
  item.has_text = true;
  item.text_hash = item.neutral_hash = text;  // stand-ins that differ when the text does
  item.source_hash = "src-" + id;             // the same source on both sides: only a parameter rewords it
  item.variables = std::move(variables);
  return item;
}

Item Rules() {
  Item item;
  item.kind = Item::Kind::kSection;
  item.id = "rules";
  item.number = "3";
  item.title = "Rules";
  item.has_text = true;
  item.text_hash = item.neutral_hash = "rules";
  return item;
}

Document Doc(const std::string& id, const std::string& title, std::vector<Item> items) {
  Document doc{id, title, "policy", "1.0", false, {}, {}, {}};
  doc.items = std::move(items);
  return doc;
}

Row SoaRow(const std::string& status, const std::string& date) {
  return {"A.5.15", "Access control",
          {{"applicable", "applicable"}, {"justification", "Staff reach the files from home"},
           {"status", status}, {"status date", date}}};
}

Row Person(const std::string& id, const std::string& name, const std::string& job_title) {
  return {id, name, {{"name", name}, {"job title", job_title}, {"roles", "it-manager"}}};
}

/// Acme before: a 12-character password rule that forbids reuse, a remote
/// working policy, control A.5.15 planned and Bob as IT Manager.
Snapshot Before() {
  Snapshot pack;
  pack.organisation = "Acme Ltd";
  pack.as_of = "2026-11-01";
  pack.parameters = {{"password_min_length", "12 characters"}};
  pack.labels = {{"password_min_length", "The minimum length of a password"}};
  pack.facts = {{"remote_working", "yes"}};
  Document acp = Doc("acp", "Access Control Policy",
                     {Rules(), Statement("length", "3.1", "Passwords shall have at least 12 characters.",
                                         {"param.password_min_length"}),
                      Statement("reuse", "3.2", "Never reuse a password.")});
  acp.parameters = {{"password_min_length", "12 characters"}};
  pack.documents = {acp, Doc("remote", "Remote Working Policy",
                             {Rules(), Statement("vpn", "3.1", "Use the VPN away from the office.")})};
  pack.soa = {SoaRow("planned", "2026-10-01")};
  pack.roles = {Role{"it-manager", "IT Manager", {"acp#length"}, {"Bob Jones"}, false}};
  pack.people = {Person("bob", "Bob Jones", "IT Lead")};
  return pack;
}

/// Acme after: 14 characters, screen locks instead of the reuse rule, a
/// new BYOD standard, no remote working (so no remote working policy), the
/// control implemented, Cat in Bob's place and a first risk.
Snapshot After() {
  Snapshot pack = Before();
  pack.parameters["password_min_length"] = "14 characters";
  pack.facts["remote_working"] = "no";
  Document& acp = pack.documents[0];
  acp.parameters["password_min_length"] = "14 characters";
  acp.items[1] = Statement("length", "3.1", "Passwords shall have at least 14 characters.",
                           {"param.password_min_length"});
  acp.items[2] = Statement("lock", "3.2", "Lock screens after 5 minutes.");
  pack.documents[1] = Doc("byod", "Bring Your Own Device Standard",
                          {Rules(), Statement("enrol", "3.1", "Enrol a phone before it reads mail.")});
  pack.excluded_documents = {{"remote", "remote_working"}};
  pack.soa = {SoaRow("implemented", "2026-11-20")};
  pack.roles = {Role{"it-manager", "IT Manager", {"acp#length", "acp#lock"}, {"Cat Lee"}, false}};
  pack.people = {Person("cat", "Cat Lee", "IT Lead")};
  pack.risks = {{"r-01", "Phishing", {{"threat", "Phishing"}, {"rating", "12"}}}};
  return pack;
}

PackDiff AcmeDiff() {
  PackDiff diff = Compare(Before(), After());
  diff.old_label = "acme-v1/pack.json";
  diff.new_label = "acme-v2/pack.json";
  return diff;
}

TEST(DiffTextReport, ShowsEachChangeWithItsOldAndNewWords) {
  EXPECT_EQ(TextReport(AcmeDiff()),
            "policyc diff: acme-v1/pack.json → acme-v2/pack.json\n"
            "Acme Ltd: 3 documents changed (statements +2 −2 ~1), 1 parameter, 1 fact, 1 SoA row, 1 role, "
            "1 risk, 2 people\n"
            "\n"
            "Documents\n"
            "  ~ acp \"Access Control Policy\": +1 −1 ~1\n"
            "      3.1 reworded (password_min_length 12 characters → 14 characters)\n"
            "          Passwords shall have at least [-12-]{+14+} characters.\n"
            "      3.2 added\n"
            "          + Lock screens after 5 minutes.\n"
            "      3.2 removed\n"
            "          - Never reuse a password.\n"
            "  + byod \"Bring Your Own Device Standard\": added\n"
            "  - remote \"Remote Working Policy\": removed (condition 'remote_working' no longer holds)\n"
            "\n"
            "Parameters\n"
            "  password_min_length: 12 characters → 14 characters; rewords acp#length\n"
            "\n"
            "Facts\n"
            "  remote_working: yes → no; now leaves out remote\n"
            "\n"
            "Statement of Applicability\n"
            "  A.5.15 Access control: changed\n"
            "      status: planned → implemented\n"
            "      status date: 2026-10-01 → 2026-11-20\n"
            "\n"
            "Roles\n"
            "  it-manager \"IT Manager\"\n"
            "      gains acp#lock\n"
            "      held by Bob Jones → Cat Lee\n"
            "\n"
            "Risks\n"
            "  r-01 Phishing: added\n"
            "\n"
            "People\n"
            "  cat Cat Lee: added\n"
            "  bob Bob Jones: removed\n");
}

TEST(DiffTextReport, TwoEqualPacksAreNoDifference) {
  PackDiff diff = Compare(Before(), Before());
  diff.old_label = "a";
  diff.new_label = "b";
  EXPECT_EQ(TextReport(diff), "policyc diff: a → b\nno difference\n");
}

TEST(DiffTextReport, EditorialChangesAndDerivedDocumentsAreCountedAsSuch) {
  Snapshot before = Before(), after = Before();
  after.documents[0].title = "Access Policy";
  after.documents[0].items[2] = Statement("reuse", "3.2", "Never reuse a password, Bob Jones.");
  after.documents[0].items[2].source_hash = before.documents[0].items[2].source_hash;
  Item row = Rules();
  row.id = "it";
  row.title = "IT Manager";
  Document duties = Doc("duties", "Register of Duties", {row});
  duties.derived = true;
  before.documents.push_back(duties);
  row.text = "Keeps the password settings.";
  row.text_hash = row.neutral_hash = row.text;
  duties.items = {row};
  after.documents.push_back(duties);
  const std::string report = TextReport(Compare(before, after));
  EXPECT_NE(report.find(": 2 documents changed (statements +0 −0 ~1)\n"), std::string::npos) << report;
  EXPECT_NE(report.find("  ~ acp \"Access Policy\": +0 −0 ~1 (editorial)\n"
                        "      retitled from \"Access Control Policy\"\n"
                        "      3.2 edited (names or references only)\n"
                        "          Never reuse a password{+, Bob Jones+}.\n"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("  ~ duties \"Register of Duties\" (derived): ~1 section\n"
                        "      section 3 \"IT Manager\" changed\n"),
            std::string::npos)
      << report;
}

TEST(DiffTextReport, AStatementsLinesStayIndentedUnderIt) {
  // A statement's text may hold line breaks and, from a pack.json anyone
  // wrote, control characters: each of its lines stays under the item, so
  // it cannot pass for a heading of the report; the CLI makes the control
  // characters harmless (base::TerminalSafe) before they reach a terminal.
  Snapshot before = Before(), after = Before();
  after.documents[0].items.push_back(
      Statement("forged", "3.3", "Keep logs.\n\nParameters\n  password_min_length: 8 → 64\x1b[2J"));
  const std::string report = TextReport(Compare(before, after));
  EXPECT_NE(report.find("      3.3 added\n"
                        "          + Keep logs.\n"
                        "          + \n"
                        "          + Parameters\n"
                        "          +   password_min_length: 8 → 64\x1b[2J\n"),
            std::string::npos)
      << report;
  std::istringstream lines(report);
  for (std::string line; std::getline(lines, line);) EXPECT_NE(line, "Parameters");
  const std::string shown = base::TerminalSafe(report);
  EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  EXPECT_NE(shown.find("64\\u001b[2J\n"), std::string::npos) << shown;
}

/// The item of `document` with `id` in a JSON report.
const json& ItemOf(const json& report, size_t document, const std::string& id) {
  for (const json& item : report.at("documents").at(document).at("items")) {
    if (item.at("id") == id) return item;
  }
  static const json kMissing = json::object();
  ADD_FAILURE() << "no item " << id;
  return kMissing;
}

TEST(DiffJsonReport, SaysWhatChangedAsData) {
  const json report = json::parse(JsonReport(AcmeDiff()));
  EXPECT_EQ(report.at("old"), "acme-v1/pack.json");
  EXPECT_EQ(report.at("new"), "acme-v2/pack.json");
  EXPECT_EQ(report.at("equal"), false);
  EXPECT_EQ(report.at("old_name"), "Acme Ltd, draft as of 2026-11-01 (never released)");

  const json& documents = report.at("documents");
  ASSERT_EQ(documents.size(), 3u);
  const json& acp = documents[0];
  EXPECT_EQ(acp.at("id"), "acp");
  EXPECT_EQ(acp.at("status"), "changed");
  EXPECT_EQ(acp.at("added"), 1);
  EXPECT_EQ(acp.at("removed"), 1);
  EXPECT_EQ(acp.at("changed"), 1);
  EXPECT_EQ(acp.at("obligations_changed"), true);
  EXPECT_EQ(acp.at("summary"),
            "Statement 3.2 added; statement 3.2 removed; statement 3.1 reworded "
            "(password_min_length 12 characters → 14 characters).");
  const json& length = ItemOf(report, 0, "length");
  EXPECT_EQ(length.at("change"), "reworded");
  EXPECT_EQ(length.at("parameters").dump(),
            R"([{"id":"password_min_length","label":"The minimum length of a password","new":"14 characters",)"
            R"("old":"12 characters"}])");
  EXPECT_EQ(length.at("words").dump(),
            R"([{"op":"equal","text":"Passwords shall have at least "},{"op":"delete","text":"12"},)"
            R"({"op":"insert","text":"14"},{"op":"equal","text":" characters."}])");
  EXPECT_EQ(ItemOf(report, 0, "lock").at("text"), "Lock screens after 5 minutes.");
  EXPECT_EQ(ItemOf(report, 0, "lock").at("change"), "added");
  EXPECT_EQ(ItemOf(report, 0, "reuse").at("text"), "Never reuse a password.");
  EXPECT_EQ(ItemOf(report, 0, "reuse").at("change"), "removed");
  EXPECT_EQ(documents[1].at("id"), "byod");
  EXPECT_EQ(documents[1].at("status"), "added");
  EXPECT_EQ(documents[1].at("added"), 1);
  EXPECT_EQ(documents[2].at("id"), "remote");
  EXPECT_EQ(documents[2].at("status"), "removed");
  EXPECT_EQ(documents[2].at("condition"), "remote_working");

  EXPECT_EQ(report.at("parameters").at(0).at("statements").dump(), R"(["acp#length"])");
  EXPECT_EQ(report.at("facts").dump(),
            R"([{"excluded":["remote"],"id":"remote_working","included":[],"new":"no","old":"yes"}])");
  EXPECT_EQ(report.at("soa").dump(),
            R"([{"fields":[{"field":"status","new":"implemented","old":"planned"},)"
            R"({"field":"status date","new":"2026-11-20","old":"2026-10-01"}],)"
            R"("id":"A.5.15","status":"changed","title":"Access control"}])");
  EXPECT_EQ(report.at("roles").dump(),
            R"([{"gained":["acp#lock"],"id":"it-manager","lost":[],"new_holders":["Cat Lee"],)"
            R"("old_holders":["Bob Jones"],"title":"IT Manager"}])");
  EXPECT_EQ(report.at("risks").at(0).at("status"), "added");
  EXPECT_EQ(report.at("people").size(), 2u);
  EXPECT_EQ(report.at("people").at(1).at("id"), "bob");
  EXPECT_EQ(report.at("people").at(1).at("status"), "removed");
  EXPECT_TRUE(report.at("provenance").empty());
}

TEST(DiffJsonReport, TwoEqualPacksAreEqual) {
  const json report = json::parse(JsonReport(Compare(Before(), Before())));
  EXPECT_EQ(report.at("equal"), true);
  EXPECT_TRUE(report.at("documents").empty());
  EXPECT_TRUE(report.at("soa").empty());
}

TEST(DiffJsonReport, HostileTextReadsBackAsItWasAndStaysOnItsLine) {
  // Quotes, backslashes, line breaks and escape sequences from a pack are
  // data: the report is valid JSON that gives them back unchanged, and no
  // raw control character reaches a terminal or a line-based tool.
  const std::string hostile = "Say \"done\" \\ then\n\t}],\"equal\": true, \x1b[2J</script>";
  Snapshot before = Before(), after = Before();
  after.documents[0].items.push_back(Statement("hostile", "3.3", hostile));
  after.soa[0].title = hostile;
  after.soa[0].fields[1].second = hostile;
  PackDiff diff = Compare(before, after);
  diff.old_label = "old \"side\"";
  diff.new_label = "new\nside";
  const std::string text = JsonReport(diff);
  const json report = json::parse(text);
  EXPECT_EQ(report.at("equal"), false);
  EXPECT_EQ(report.at("new"), "new\nside");
  EXPECT_EQ(report.at("old"), "old \"side\"");
  EXPECT_EQ(ItemOf(report, 0, "hostile").at("text"), hostile);
  EXPECT_EQ(report.at("soa").at(0).at("title"), hostile);
  EXPECT_EQ(report.at("soa").at(0).at("fields").at(0).at("new"), hostile);
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 || c == '\n') << "raw control character " << int(byte);
  }
  EXPECT_NE(text.find(R"(\u001b[2J)"), std::string::npos);
}

TEST(DiffJsonReport, APathThatIsNotUtf8IsShownNotFatal) {
  // The labels are the sides' paths as given on the command line; a folder
  // named in Latin-1 ("caf\xe9") made the JSON writer throw, and 'policyc
  // diff --format json' abort. JSON cannot hold the byte: it reads U+FFFD.
  PackDiff diff = Compare(Before(), Before());
  diff.old_label = "clients/caf\xe9/pack.json";
  diff.new_label = "clients/cafe/pack.json";
  std::string text;
  ASSERT_NO_THROW(text = JsonReport(diff));
  const json report = json::parse(text);
  EXPECT_EQ(report.at("old"), "clients/caf\uFFFD/pack.json");
  EXPECT_EQ(report.at("new"), "clients/cafe/pack.json");
  EXPECT_EQ(report.at("equal"), true);
}

}  // namespace
}  // namespace policyc::diff
