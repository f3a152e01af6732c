#include "diff/redline.h"

#include <gtest/gtest.h>

#include "diff/compare.h"
#include "diff/snapshot.h"

namespace policyc::diff {
namespace {

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

Item Statement(const std::string& id, const std::string& number, const std::string& text) {
  Item item;
  item.id = id;
  item.parent = "auth";
  item.number = number;
  item.text = text;
  item.has_text = true;
  item.text_hash = item.neutral_hash = text;  // stand-ins that differ when the text does
  item.source_hash = "src-" + id;
  return item;
}

Item Section(const std::string& id, const std::string& number, const std::string& title,
             std::vector<std::vector<std::string>> rows) {
  Item item;
  item.kind = Item::Kind::kSection;
  item.id = id;
  item.number = number;
  item.title = title;
  item.has_text = true;
  model::Table table;
  table.columns = {{"Statement", 1, false}, {"Duty", 2, false}, {"Evidence", 1, false}};
  table.rows = std::move(rows);
  item.tables = {table};
  item.text_hash = item.neutral_hash = model::TableText(table);
  return item;
}

/// A pack with one policy statement quoted by two sections of a register:
/// one quotes it and nothing else; the other also changes a cell of its own.
Snapshot Pack(const std::string& length, const std::string& evidence) {
  const std::string rule = "Passwords shall have at least " + length + " characters.";
  Snapshot pack;
  pack.organisation = "Acme Ltd";
  pack.as_of = "2026-12-01";
  Document policy{"acp", "Access Control Policy", "policy", "1.0", false, {}, {}, {}};
  Item auth;
  auth.kind = Item::Kind::kSection;
  auth.id = "auth";
  auth.number = "3";
  auth.title = "Authentication";
  auth.has_text = true;
  auth.text_hash = auth.neutral_hash = "auth";
  policy.items = {auth, Statement("length", "3.1", rule), Statement("reuse", "3.2", "Never reuse a password.")};
  Document duties{"duty-register", "Register of Duties", "record", "1.0", true, {}, {}, {}};
  duties.items = {Section("it", "6", "IT Manager", {{"[3.1](policyc:acp#length)", rule, "Settings"}}),
                  Section("isms", "2", "Information Security Manager",
                          {{"[3.1](policyc:acp#length)", rule, "Settings"},
                           {"[3.2](policyc:acp#reuse)", "Never reuse a password.", evidence}})};
  pack.documents = {policy, duties};
  return pack;
}

TEST(DiffQuotes, EachChangeIsShownOnceWhereTheStatementLives) {
  const Snapshot before = Pack("12", "Logs");
  const Snapshot after = Pack("14", "Logs and reports");
  const PackDiff diff = Compare(before, after);
  ASSERT_EQ(diff.documents.size(), 2u);
  const DocumentDiff& policy = diff.documents[0];
  ASSERT_EQ(policy.items.size(), 1u);
  const ItemDiff& length = policy.items[0];
  ASSERT_EQ(length.quoted_in.size(), 2u);
  EXPECT_EQ(length.quoted_in[0].document_title, "Register of Duties");
  EXPECT_EQ(length.quoted_in[0].number, "6");
  EXPECT_EQ(length.quoted_in[1].number, "2");

  const DocumentDiff& duties = diff.documents[1];
  ASSERT_EQ(duties.items.size(), 2u);
  EXPECT_TRUE(duties.items[0].quotes_only);  // section 6 only quotes 3.1
  EXPECT_EQ(duties.items[0].quotes, std::vector<std::string>{"acp#length"});
  EXPECT_FALSE(duties.items[1].quotes_only);  // section 2 also changed its own evidence
  EXPECT_EQ(duties.items[1].quotes, std::vector<std::string>{"acp#length"});

  // The new wording is marked once, at the statement; the register refers to it.
  const std::string html = HtmlRedline(diff, before, after);
  EXPECT_EQ(Count(html, "<del>12</del><ins>14</ins>"), 1u) << html;
  EXPECT_NE(html.find("Also appears in Register of Duties <a href=\"#duty-register/it\">section 6 (IT Manager)</a> "
                      "and <a href=\"#duty-register/isms\">section 2 (Information Security Manager)</a>."),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Quotes the change to Access Control Policy <a href=\"#acp/length\">3.1</a>, shown there."),
            std::string::npos);
  EXPECT_NE(html.find("Logs<ins> and reports</ins>"), std::string::npos);  // its own change stays
  const std::string markdown = DocxRedlineMarkdown(diff, before, after);
  EXPECT_EQ(Count(markdown, "[12]{.deletion"), 1u) << markdown;
  EXPECT_NE(markdown.find("Also appears in Register of Duties section 6 \\(IT Manager\\) and section 2"),
            std::string::npos)
      << markdown;
}

TEST(DiffRedlineDocx, NoTextOrDateLeavesItsSpanOrStartsABlock) {
  // SnapshotFromJson refuses a date like this; the Markdown holds even so.
  Snapshot before = Pack("12", "Logs");
  Snapshot after = Pack("14\r\r```{=openxml}\r<w:p/>\r```\r", "Logs");
  after.as_of = "2026-11-01\"}\n\n```{=openxml}\n<w:p/>\n```\n";
  after.organisation = "Acme\"} \\ Ltd\n";
  const std::string markdown = DocxRedlineMarkdown(Compare(before, after), before, after);
  EXPECT_EQ(markdown.find("\n```"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find('\r'), std::string::npos);
  EXPECT_NE(markdown.find("\\`\\`\\`\\{\\=openxml\\}"), std::string::npos) << markdown;  // the text, escaped
  // Quotes, backslashes and line breaks cannot end an attribute early.
  EXPECT_NE(markdown.find(R"(author="Acme}  Ltd" date="2026-11-01}```{=openxml}<w:p/>```T00:00:00Z")"),
            std::string::npos)
      << markdown;
}

TEST(DiffQuotes, ARowWithMoreThanTheQuoteIsShownWhole) {
  Snapshot before = Pack("12", "Logs");
  Snapshot after = Pack("14", "Logs");
  // The register's row for 3.1 changes its evidence too: not only a quote.
  after.documents[1].items[0] = Section("it", "6", "IT Manager",
                                        {{"[3.1](policyc:acp#length)",
                                          "Passwords shall have at least 14 characters.", "Settings export"}});
  const PackDiff diff = Compare(before, after);
  const ItemDiff& it = diff.documents[1].items[0];
  EXPECT_FALSE(it.quotes_only);
  EXPECT_TRUE(it.quotes.empty());
  EXPECT_EQ(diff.documents[0].items[0].quoted_in.size(), 1u);  // section 2 still only quotes it
  const std::string html = HtmlRedline(diff, before, after);
  EXPECT_EQ(Count(html, "<del>12</del><ins>14</ins>"), 2u);  // the statement and this row
}

TEST(DiffSides, NamedByOrganisationRevisionAndRelease) {
  Snapshot side;
  side.organisation = "Acme Ltd";
  side.as_of = "2026-12-01";
  side.documents = {Document{"a", "A", "policy", "2.0", false, {}, {}, {}, "2026-11-01", false},
                    Document{"b", "B", "policy", "1.0", false, {}, {}, {}, "2026-10-01", false}};
  EXPECT_EQ(SideName(side), "Acme Ltd, released 2026-11-01");
  EXPECT_EQ(SideDate(side), "released 2026-11-01");
  // Tracked changes are dated by the approval that made them; the pack's
  // own changes by its last release.
  EXPECT_EQ(ChangeDate(side, "b"), "2026-10-01");
  EXPECT_EQ(ChangeDate(side, ""), "2026-11-01");

  side.documents[1].draft = true;
  EXPECT_EQ(SideName(side), "Acme Ltd, draft as of 2026-12-01 (last released 2026-11-01)");
  EXPECT_EQ(ChangeDate(side, "b"), "2026-12-01");  // a draft speaks for its as-of date
  EXPECT_EQ(ChangeDate(side, "a"), "2026-11-01");
  EXPECT_EQ(ChangeDate(side, ""), "2026-12-01");
  EXPECT_EQ(ChangeDate(side, "gone"), "2026-12-01");

  side.revision = "HEAD~1";
  EXPECT_EQ(SideDate(side), "HEAD~1, draft as of 2026-12-01");
  for (Document& d : side.documents) d = Document{d.id, d.title, d.kind, "1.0", false, {}, {}, {}, "", true};
  EXPECT_EQ(SideName(side), "Acme Ltd at HEAD~1, draft as of 2026-12-01 (never released)");
}

TEST(DiffSides, AParameterIsNamedByItsDescriptionsFirstSentence) {
  EXPECT_EQ(DescriptionLabel("The minimum length of a user-chosen password or passphrase. The NCSC favours length."),
            "The minimum length of a user-chosen password or passphrase");
  EXPECT_EQ(DescriptionLabel("The second-factor methods staff may use: an app or a key."),
            "The second-factor methods staff may use");
  EXPECT_EQ(DescriptionLabel("How often, e.g. every 3 months, it is\n   reviewed."),
            "How often, e.g. every 3 months, it is reviewed");
  EXPECT_EQ(DescriptionLabel("Version 2.0 of the standard applies."), "Version 2.0 of the standard applies");
  // A sentence may end after a capital or a quote; the label stops there,
  // not at a colon in the next sentence.
  EXPECT_EQ(DescriptionLabel("Where data may be held without approval from the DPO. List them (the EEA: yes)."),
            "Where data may be held without approval from the DPO");
  EXPECT_EQ(DescriptionLabel("When tests may run, read after \"only\". Choose a quiet time."),
            "When tests may run, read after \"only\"");
  EXPECT_EQ(DescriptionLabel(""), "");
}

TEST(DiffRedlineHtml, HostileTextIsShownNotObeyed) {
  // Titles, names, statements, SoA rows and roles come from packs anyone
  // may write: in the HTML redline each is text, never markup.
  const std::string hostile = "<script>alert(\"x\")</script><img src=x onerror=alert(1)> & \"'";
  Snapshot before = Pack("12", "Logs");
  Snapshot after = Pack("14", "Logs");
  after.organisation = hostile;
  after.documents[0].title = hostile;
  after.documents[0].items.push_back(Statement("hostile", "3.3", hostile));
  before.soa = {Row{"A.5.15", hostile, {{"status", "planned"}}}};
  after.soa = {Row{"A.5.15", hostile, {{"status", hostile}}}};
  after.roles = {Role{"it-manager", hostile, {"acp#hostile"}, {}, false}};
  const std::string html = HtmlRedline(Compare(before, after), before, after);
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img src=x"), std::string::npos) << html;
  EXPECT_EQ(html.find(hostile), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert("), std::string::npos) << html;
  EXPECT_GE(Count(html, "&lt;img src=x onerror=alert(1)&gt;"), 4u) << html;  // title, statement, SoA row, role
}

}  // namespace
}  // namespace policyc::diff
