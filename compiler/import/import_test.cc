#include "import/import.h"

#include <gtest/gtest.h>

#include "import/changes.h"
#include "import/slots.h"
#include "support/test_support.h"

namespace policyc::import {
namespace {

using emit::DocxParagraph;
using emit::DocxRun;

// ---- slots ----

TEST(ImportSlots, ReadsAVariablesValueBetweenTheLiterals) {
  const auto tokens = TokeniseTemplate("Passwords shall be at least {{param.password_min_length}} long.");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].plain, "Passwords shall be at least ");
  EXPECT_EQ(tokens[1].name, "param.password_min_length");
  EXPECT_EQ(tokens[2].plain, " long.");
  auto slots = MatchTemplate(tokens, "Passwords shall be at least 16 characters long.");
  ASSERT_TRUE(slots);
  ASSERT_EQ(slots->size(), 1u);
  EXPECT_EQ((*slots)[0].text, "16 characters");
  EXPECT_FALSE(MatchTemplate(tokens, "Passphrases shall be at least 16 characters long."));
}

TEST(ImportSlots, LiteralsAreTheWordsAReaderSees) {
  // Emphasis around a variable, a link and smart punctuation, as the DOCX shows them.
  const auto tokens = TokeniseTemplate("**Staff** shall use {{param.x}} -- see [the standard](policyc:std) \"now\".");
  EXPECT_EQ(tokens[0].plain, "Staff shall use ");
  EXPECT_EQ(tokens[2].plain, " – see the standard “now”.");
  EXPECT_EQ(PlainWords("a  \n b\n\n- one\n- two"), "a b one two");
  // A table's cells, as the DOCX shows them: no pipes, no rule.
  EXPECT_EQ(PlainWords("Levels:\n\n| Level | Harm |\n|---|---|\n| Public | None |\n\n```\ncode\n```\nAfter."),
            "Levels: Level Harm Public None code After.");
}

TEST(ImportSlots, TwoVariablesWithNothingBetweenCannotBeToldApart) {
  const auto tokens = TokeniseTemplate("Call {{role.a}}{{role.b}} first.");
  EXPECT_FALSE(MatchTemplate(tokens, "Call AB first."));
}

TEST(ImportSlots, NoSlotIsEverEmpty) {
  const auto tokens = TokeniseTemplate("Keep {{param.n}} and {{param.m}}.");
  auto slots = MatchTemplate(tokens, "Keep 3 and 4 and 5.");
  ASSERT_TRUE(slots);
  EXPECT_EQ((*slots)[0].text, "3");
  EXPECT_EQ((*slots)[1].text, "4 and 5");
  EXPECT_FALSE(MatchTemplate(tokens, "Keep  and 4."));
}

TEST(ImportSlots, WordsBecomeMarkdownThatReadsTheSame) {
  EXPECT_EQ(WordsAsMarkdown("Keep *all* {{x}} [1] and another person\u2019s \u201Ckey\u201D."),
            "Keep \\*all\\* &#123;{x}} \\[1\\] and another person's \"key\".");
  EXPECT_EQ(WordsAsMarkdown("- not a list"), "\\- not a list");
  EXPECT_EQ(PlainWords(WordsAsMarkdown("Keep *all* {{x}} [1] & - \u201Ckey\u201D.")),
            "Keep *all* {{x}} [1] & - \u201Ckey\u201D.");
}

// ---- a small pack and a client's DOCX of it, built by hand ----

/// One policy with a section of three statements, as the library, the
/// pack and the DOCX as built have them.
struct Fixture {
  Fixture() {
    fs.Add("lib/access.xml",
           "<document id=\"access\">\n"
           "  <section id=\"passwords\">\n"
           "    <statement id=\"length\" controls=\"A.5.17\" roles=\"it-manager\">\n"
           "      <text>Passwords shall be at least {{param.password_min_length}} long.</text>\n"
           "      <evidence>Password policy settings.</evidence>\n"
           "    </statement>\n"
           "    <statement id=\"review\" controls=\"A.5.18\" roles=\"it-manager\">\n"
           "      <text>The {{role.it-manager}} shall review access every {{param.review_interval}}.</text>\n"
           "    </statement>\n"
           "    <statement id=\"vault\" controls=\"A.5.17\" roles=\"all-staff\">\n"
           "      <text>Staff shall keep passwords in the password manager.</text>\n"
           "    </statement>\n"
           "  </section>\n"
           "</document>\n");
    model::Declaration length;
    length.id = "password_min_length";
    length.type = "integer";
    length.unit = "characters";
    length.default_value = "12";
    length.min = "8";
    length.max = "64";
    length.loc = {"lib/declarations.xml", 3};
    model::Declaration interval;
    interval.id = "review_interval";
    interval.type = "duration";
    interval.default_value = "3 months";
    interval.loc = {"lib/declarations.xml", 9};
    library.parameters = {length, interval};

    model::Section section;
    section.id = "passwords";
    section.title = "Passwords";
    AddStatement(section, "length", "Passwords shall be at least {{param.password_min_length}} long.", 3,
                 "Passwords shall be at least 14 characters long.", "A.5.17", "it-manager");
    AddStatement(section, "review", "The {{role.it-manager}} shall review access every {{param.review_interval}}.", 7,
                 "The IT Manager shall review access every 3 months.", "A.5.18", "it-manager");
    AddStatement(section, "vault", "Staff shall keep passwords in the password manager.", 10,
                 "Staff shall keep passwords in the password manager.", "A.5.17", "all-staff");
    model::Document document;
    document.id = "access";
    document.title = "Access Control Policy";
    document.sections.push_back(section);
    library.documents.push_back(document);
    resolved_section.id = "passwords";
    resolved_section.number = "1";
    resolved_section.title = "Passwords";
    model::ResolvedDocument resolved;
    resolved.id = "access";
    resolved.title = "Access Control Policy";
    resolved.sections.push_back(resolved_section);
    pack.documents.push_back(resolved);

    profile.id = "acme";
    profile.path = "profile.xml";
    model::Setting set;
    set.name = "password_min_length";
    set.value = "14";
    set.loc = {"profile.xml", 5};
    profile.parameters.push_back(set);

    file.path = "client/access.docx";
    file.document_id = "access";
    file.reading.properties = {{"policyc-profile", "acme"}, {"document-id", "access"}};
    file.reading.base.push_back({"passwords", "passwords", "section", "1", "Passwords"});
    Paragraph({"passwords"}, "Passwords", "Heading1");
    for (const auto& [id, text] : built) {
      file.reading.base.push_back({id, id, "statement", "", text});
      Paragraph({"passwords", id}, text);
    }
  }

  void AddStatement(model::Section& section, const std::string& id, const std::string& source, int line,
                    const std::string& text, const std::string& control, const std::string& role) {
    model::Statement s;
    s.id = id;
    s.text.markdown = source;
    s.controls = {control};
    s.roles = {role};
    s.loc = {"lib/access.xml", line};
    section.items.push_back(s);
    model::ResolvedStatement r;
    r.id = id;
    r.number = "1." + std::to_string(built.size() + 1);
    r.text = text;
    resolved_section.items.push_back(r);
    built.emplace_back(id, text);
  }

  DocxParagraph& Paragraph(std::vector<std::string> anchors, const std::string& text, const std::string& style = "") {
    DocxParagraph p;
    p.anchors = std::move(anchors);
    p.style = style;
    p.runs.push_back({DocxRun::Kind::kText, text, "", ""});
    file.reading.paragraphs.push_back(p);
    return file.reading.paragraphs.back();
  }

  /// The paragraph of statement `id`.
  DocxParagraph& Of(const std::string& id) {
    for (DocxParagraph& p : file.reading.paragraphs) {
      if (!p.anchors.empty() && p.anchors.back() == id) return p;
    }
    throw std::runtime_error("no paragraph " + id);
  }

  ImportPlan Compare(emit::TrackedChanges tracked = emit::TrackedChanges::kAccept) {
    ImportPlan plan;
    CompareClientFile(file, ProfileSources{profile, library, pack}, fs, tracked, plan, sink);
    return plan;
  }

  base::MemoryFileSystem fs;
  resolve::MergedLibrary library;
  model::ResolvedPack pack;
  model::ResolvedSection resolved_section;
  model::Profile profile;
  ClientFile file;
  base::DiagnosticSink sink;
  std::vector<std::pair<std::string, std::string>> built;  ///< statement id, text as built
};

TEST(ImportCompare, AnUneditedFileChangesNothing) {
  Fixture f;
  EXPECT_TRUE(f.Compare().empty());
  EXPECT_EQ(testing::Formatted(f.sink), "");
}

TEST(ImportCompare, ATrackedChangeOfAParameterValueBecomesTheParameter) {
  Fixture f;
  f.Of("length").runs = {{DocxRun::Kind::kText, "Passwords shall be at least ", "", ""},
                         {DocxRun::Kind::kDeleted, "14", "Jane Smith", "2026-12-01T10:00:00Z"},
                         {DocxRun::Kind::kInserted, "16", "Jane Smith", "2026-12-01T10:00:00Z"},
                         {DocxRun::Kind::kText, " characters long.", "", ""}};
  ImportPlan plan = f.Compare();
  ASSERT_EQ(plan.changes.size(), 1u);
  const ProfileChange& c = plan.changes[0];
  EXPECT_EQ(c.kind, ProfileChange::Kind::kParameter);
  EXPECT_EQ(c.target, "password_min_length");
  EXPECT_EQ(c.source, "16");
  EXPECT_EQ(c.old_text, "14 characters");
  EXPECT_EQ(c.authors, std::vector<std::string>{"Jane Smith"});
  // Rejected, the change is not there.
  EXPECT_TRUE(f.Compare(emit::TrackedChanges::kReject).empty());
}

TEST(ImportCompare, TwoFilesGivingAParameterTwoValuesApplyTheFirstAndSaySo) {
  Fixture f;
  ImportPlan plan;
  const ProfileSources sources{f.profile, f.library, f.pack};
  for (const char* value : {"16", "18"}) {
    f.Of("length").runs[0].text = std::string("Passwords shall be at least ") + value + " characters long.";
    CompareClientFile(f.file, sources, f.fs, emit::TrackedChanges::kAccept, plan, f.sink);
  }
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].source, "16");
  EXPECT_NE(testing::Formatted(f.sink).find("the client gives password_min_length two values: \"16 characters\" in "
                                            "access#length and \"18 characters\" in access#length"),
            std::string::npos)
      << testing::Formatted(f.sink);
}

TEST(ImportCompare, AValueOutsideTheParametersLimitsIsRefused) {
  Fixture f;
  f.Of("length").runs = {{DocxRun::Kind::kText, "Passwords shall be at least 6 characters long.", "", ""}};
  ImportPlan plan = f.Compare();
  EXPECT_TRUE(plan.changes.empty());
  EXPECT_NE(testing::Formatted(f.sink).find("client/access.docx:2: warning: the client changed parameter "
                                            "'password_min_length' from \"14 characters\" to \"6 characters\""),
            std::string::npos)
      << testing::Formatted(f.sink);
  EXPECT_NE(testing::Formatted(f.sink).find("[import.bad-value]"), std::string::npos);
}

TEST(ImportCompare, ARewordedStatementIsReplacedKeepingTheVariablesTheClientLeftAlone) {
  Fixture f;
  f.Of("review").runs = {{DocxRun::Kind::kText, "The IT Manager shall review all privileged access every 3 months.", "", ""}};
  ImportPlan plan = f.Compare();
  ASSERT_EQ(plan.changes.size(), 1u);
  const ProfileChange& c = plan.changes[0];
  EXPECT_EQ(c.kind, ProfileChange::Kind::kReplace);
  EXPECT_EQ(c.target, "access#review");
  EXPECT_EQ(c.source,
            "<statement id=\"review\" controls=\"A.5.18\" roles=\"it-manager\">\n"
            "  <text>The {{role.it-manager}} shall review all privileged access every {{param.review_interval}}.</text>\n"
            "</statement>");
  EXPECT_EQ(c.reason, "Client edit in access.docx (typed without tracked changes)");
}

TEST(ImportCompare, AChangedSlotThatIsNoProfileValueIsTheStatementsOwnText) {
  Fixture f;
  f.Of("review").runs = {{DocxRun::Kind::kText, "The Head of IT shall review access every 3 months.", "", ""}};
  ImportPlan plan = f.Compare();
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_NE(plan.changes[0].source.find("<text>The Head of IT shall review access every {{param.review_interval}}.</text>"),
            std::string::npos)
      << plan.changes[0].source;
}

TEST(ImportCompare, ADeletedStatementIsRemoved) {
  Fixture f;
  DocxParagraph& p = f.Of("vault");
  p.deleted = true;
  p.runs[0].kind = DocxRun::Kind::kDeleted;
  p.runs[0].author = "Tom Hargreaves";
  // Its roles line went with it: no edit of a compiled part.
  DocxParagraph& meta = f.Paragraph({"passwords", "vault"}, "Responsible: All staff", "StatementMeta");
  meta.deleted = true;
  meta.runs[0].kind = DocxRun::Kind::kDeleted;
  ImportPlan plan = f.Compare();
  EXPECT_EQ(plan.not_importable, 0);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].kind, ProfileChange::Kind::kRemove);
  EXPECT_EQ(plan.changes[0].target, "access#vault");
  EXPECT_EQ(plan.changes[0].reason, "Client edit in access.docx by Tom Hargreaves (tracked change)");
}

TEST(ImportCompare, TextAddedBetweenStatementsIsAnAddedStatementToConfirm) {
  Fixture f;
  f.Paragraph({"passwords"}, "Shared accounts shall not be used.");
  ImportPlan plan = f.Compare();
  ASSERT_EQ(plan.changes.size(), 1u);
  const ProfileChange& c = plan.changes[0];
  EXPECT_EQ(c.kind, ProfileChange::Kind::kAdd);
  EXPECT_EQ(c.target, "access#passwords");
  EXPECT_EQ(c.after, "vault");
  EXPECT_EQ(c.source,
            "<statement id=\"client-vault-1\" controls=\"A.5.17\" roles=\"all-staff\">\n"
            "  <text>Shared accounts shall not be used.</text>\n</statement>");
  EXPECT_NE(testing::Formatted(f.sink).find("client/access.docx:5: warning: the client added text after access#vault"),
            std::string::npos)
      << testing::Formatted(f.sink);
}

TEST(ImportCompare, AStatementTheLibraryChangedSinceTheBuildIsAConflict) {
  Fixture f;
  std::get<model::ResolvedStatement>(f.pack.documents[0].sections[0].items[2]).text =
      "Staff shall keep passwords only in the password manager.";
  f.Of("vault").runs[0].text = "Staff shall keep passwords in the company password manager.";
  ImportPlan plan = f.Compare();
  EXPECT_TRUE(plan.changes.empty());
  ASSERT_EQ(plan.conflicts.size(), 1u);
  EXPECT_EQ(plan.conflicts[0].base, "Staff shall keep passwords in the password manager.");
  EXPECT_EQ(plan.conflicts[0].library, "Staff shall keep passwords only in the password manager.");
  EXPECT_EQ(plan.conflicts[0].client, "Staff shall keep passwords in the company password manager.");
  EXPECT_NE(testing::Formatted(f.sink).find("[import.conflict]"), std::string::npos);
}

TEST(ImportCompare, ACommentOnAnUnchangedStatementIsAReviewNote) {
  Fixture f;
  f.file.reading.comments.push_back({"Jane Smith", "", "Is this still right?", {"vault"}});
  ImportPlan plan = f.Compare();
  EXPECT_TRUE(plan.changes.empty());
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0].target, "access#vault");
  EXPECT_EQ(plan.notes[0].note, "Jane Smith: Is this still right?");
}

TEST(ImportCompare, AnEditOfACompiledPartIsNotImportable) {
  Fixture f;
  DocxParagraph& meta = f.Paragraph({}, "Version 1.0", "");
  meta.in_table = true;
  meta.runs.push_back({DocxRun::Kind::kInserted, " (final)", "Jane Smith", ""});
  ImportPlan plan = f.Compare();
  EXPECT_EQ(plan.not_importable, 1);
  EXPECT_NE(testing::Formatted(f.sink).find("client/access.docx:5: warning: the client edited a part policyc compiles"),
            std::string::npos)
      << testing::Formatted(f.sink);
}

TEST(ImportSlotRules, ARoleHoldersNewNameIsThePersonsName) {
  Fixture f;
  model::Person amara;
  amara.id = "amara";
  amara.name = "Amara Okafor";
  amara.job_title = "Head of Security";
  amara.roles = {"isms-manager"};
  amara.loc = {"profile.xml", 8};
  f.profile.people.push_back(amara);
  const ProfileSources sources{f.profile, f.library, f.pack};
  SlotEdit edit = ClassifySlot("holders.isms-manager", "", "Amara Okafor (Head of Security)",
                               "Amara Mensah (Head of Security)", sources, {}, f.sink);
  ASSERT_EQ(edit.outcome, SlotEdit::Outcome::kProfileValue);
  EXPECT_EQ(edit.change.kind, ProfileChange::Kind::kAttribute);
  EXPECT_EQ(edit.change.target, "person amara");
  EXPECT_EQ(edit.change.attribute, "name");
  EXPECT_EQ(edit.change.source, "Amara Mensah");
  EXPECT_EQ(edit.change.line, 8);
  // Name and job title both new reads as another person: words, not a guess.
  EXPECT_EQ(ClassifySlot("holders.isms-manager", "", "Amara Okafor (Head of Security)", "Tom Lee (CISO)", sources, {},
                         f.sink).outcome,
            SlotEdit::Outcome::kText);
  // A role's title is the library's.
  EXPECT_EQ(ClassifySlot("role.isms-manager", "", "ISMS Manager", "Security Lead", sources, {}, f.sink).outcome,
            SlotEdit::Outcome::kText);
}

TEST(ImportSlotRules, ACertificationDateMustBeADate) {
  Fixture f;
  f.profile.certification = model::Certification{"certified", "BSI", "IS 1", "2025-03-01", "2028-02-28", "", {"profile.xml", 6}};
  const ProfileSources sources{f.profile, f.library, f.pack};
  SlotEdit edit = ClassifySlot("org.certification_expires", "", "2028-02-28", "2028-03-31", sources, {}, f.sink);
  ASSERT_EQ(edit.outcome, SlotEdit::Outcome::kProfileValue);
  EXPECT_EQ(edit.change.target, "certification");
  EXPECT_EQ(edit.change.attribute, "expires");
  EXPECT_EQ(ClassifySlot("org.certification_expires", "", "2028-02-28", "end of March", sources, {"x.docx", 4}, f.sink)
                .outcome,
            SlotEdit::Outcome::kRefused);
  EXPECT_NE(testing::Formatted(f.sink).find("x.docx:4: warning: the client changed the date \"2028-02-28\""),
            std::string::npos);
}

TEST(ImportSlotRules, ACountOfOneAfterEveryReadsWithoutItsNumber) {
  Fixture f;
  const ProfileSources sources{f.profile, f.library, f.pack};
  SlotEdit edit = ClassifySlot("param.review_interval", "shall review access every ", "3 months", "month", sources,
                               {}, f.sink);
  ASSERT_EQ(edit.outcome, SlotEdit::Outcome::kProfileValue);
  EXPECT_EQ(edit.change.source, "1 month");
}

// ---- the profile's text ----

const char* kProfile =
    "<profile id=\"acme\">\n"
    "  <!-- who holds what -->\n"
    "  <people/>\n"
    "  <parameters>\n"
    "    <parameter name=\"password_min_length\" value=\"14\"/>  <!-- agreed in March -->\n"
    "  </parameters>\n"
    "  <document-control approver=\"x\"/>\n"
    "</profile>\n";

TEST(ImportEdit, AParameterChangesOnItsOwnLineOnly) {
  Fixture f;
  ImportPlan plan;
  ProfileChange c;
  c.kind = ProfileChange::Kind::kParameter;
  c.target = "password_min_length";
  c.source = "16";
  plan.changes.push_back(c);
  c.target = "review_interval";
  c.source = "6 months";
  plan.changes.push_back(c);
  ProfileEdit edit = EditProfile(kProfile, f.profile, plan);
  EXPECT_EQ(edit.text,
            "<profile id=\"acme\">\n"
            "  <!-- who holds what -->\n"
            "  <people/>\n"
            "  <parameters>\n"
            "    <parameter name=\"password_min_length\" value=\"16\"/>  <!-- agreed in March -->\n"
            "    <parameter name=\"review_interval\" value=\"6 months\"/>\n"
            "  </parameters>\n"
            "  <document-control approver=\"x\"/>\n"
            "</profile>\n");
  EXPECT_EQ(edit.patch,
            "--- a/profile.xml\n+++ b/profile.xml\n"
            "@@ -2,7 +2,8 @@\n"
            "   <!-- who holds what -->\n"
            "   <people/>\n"
            "   <parameters>\n"
            "-    <parameter name=\"password_min_length\" value=\"14\"/>  <!-- agreed in March -->\n"
            "+    <parameter name=\"password_min_length\" value=\"16\"/>  <!-- agreed in March -->\n"
            "+    <parameter name=\"review_interval\" value=\"6 months\"/>\n"
            "   </parameters>\n"
            "   <document-control approver=\"x\"/>\n"
            " </profile>\n");
}

TEST(ImportEdit, OverridesGoInANewBlockBeforeTheProfilesEnd) {
  Fixture f;
  ImportPlan plan;
  ProfileChange c;
  c.kind = ProfileChange::Kind::kRemove;
  c.target = "access#vault";
  c.reason = "Client edit in access.docx by Tom \"TH\" Hargreaves (tracked change)";
  plan.changes.push_back(c);
  ProfileEdit edit = EditProfile(kProfile, f.profile, plan);
  EXPECT_NE(edit.text.find("  <document-control approver=\"x\"/>\n"
                           "  <overrides>\n"
                           "    <remove target=\"access#vault\" reason=\"Client edit in access.docx by Tom &quot;TH&quot; "
                           "Hargreaves (tracked change)\"/>\n"
                           "  </overrides>\n\n</profile>\n"),
            std::string::npos)
      << edit.text;
}

TEST(ImportEdit, AReplacementOfAStatementTheProfileAlreadyReplacesTakesItsPlace) {
  Fixture f;
  const std::string xml =
      "<profile id=\"acme\">\n"
      "  <overrides>\n"
      "    <replace target=\"access#vault\" reason=\"ours\">\n"
      "      <statement id=\"vault\"><text>Old.</text></statement>\n"
      "    </replace>\n"
      "  </overrides>\n"
      "</profile>\n";
  model::Override own;
  own.target = "access#vault";
  own.loc = {"profile.xml", 3};
  f.profile.overrides.push_back(own);
  ImportPlan plan;
  ProfileChange c;
  c.kind = ProfileChange::Kind::kReplace;
  c.target = "access#vault";
  c.reason = "Client edit";
  c.source = "<statement id=\"vault\">\n  <text>New.</text>\n</statement>";
  plan.changes.push_back(c);
  EXPECT_EQ(EditProfile(xml, f.profile, plan).text,
            "<profile id=\"acme\">\n"
            "  <overrides>\n"
            "    <replace target=\"access#vault\" reason=\"Client edit\">\n"
            "      <statement id=\"vault\">\n"
            "        <text>New.</text>\n"
            "      </statement>\n"
            "    </replace>\n"
            "  </overrides>\n"
            "</profile>\n");
}

TEST(ImportEdit, TwoAttributesOfOnePersonLandOnItsLine) {
  Fixture f;
  const std::string xml =
      "<profile id=\"acme\">\n"
      "  <person id=\"amara\" name=\"Amara Okafor\" roles=\"isms-manager\"/>\n"
      "</profile>\n";
  ImportPlan plan;
  ProfileChange c;
  c.kind = ProfileChange::Kind::kAttribute;
  c.line = 2;
  c.attribute = "name";
  c.source = "Amara Mensah";
  plan.changes.push_back(c);
  c.attribute = "job-title";
  c.source = "Head of Security & Privacy";
  plan.changes.push_back(c);
  EXPECT_EQ(EditProfile(xml, f.profile, plan).text,
            "<profile id=\"acme\">\n"
            "  <person id=\"amara\" name=\"Amara Mensah\" roles=\"isms-manager\" job-title=\"Head of Security &amp; "
            "Privacy\"/>\n"
            "</profile>\n");
}

// ---- the report ----

TEST(ImportReportText, ListsEachChangeOldToNewInDiffsStyle) {
  ImportPlan plan;
  ProfileChange p;
  p.kind = ProfileChange::Kind::kParameter;
  p.target = "password_min_length";
  p.old_text = "14 characters";
  p.new_text = "16 characters";
  p.item = "access#length";
  p.number = "1.1";
  p.authors = {"Jane Smith"};
  p.also = {"access#initial"};
  plan.changes.push_back(p);
  ProfileChange r;
  r.kind = ProfileChange::Kind::kReplace;
  r.target = "access#review";
  r.number = "1.2";
  r.old_text = "The IT Manager shall review access.";
  r.new_text = "The IT Manager shall review all access.";
  r.notes = {"Tom Hargreaves: all of it?"};
  plan.changes.push_back(r);
  plan.conflicts.push_back({"access#vault", "1.3", "Keep them.", "Keep them safe.", "Keep them here.", {}, {}});
  plan.notes.push_back({"access#other", "1.4", "Jane Smith: fine", {}});
  EXPECT_EQ(ImportReport("profile.xml", {"access.docx"}, plan),
            "policyc import: access.docx → profile.xml\n"
            "1 profile value, 1 statement override, 1 conflict, 1 review note\n"
            "\nProfile values\n"
            "  password_min_length: 14 characters → 16 characters; in access#length (1.1, tracked change by Jane Smith)\n"
            "      also rewords access#initial\n"
            "\nStatements\n"
            "  ~ access#review (1.2): reworded, an override replaces it\n"
            "          The IT Manager shall review {+all +}access.\n"
            "      comment: Tom Hargreaves: all of it?\n"
            "\nConflicts (changed by the client and, since the DOCX was built, by the library or profile)\n"
            "  ! access#vault (1.3)\n"
            "      base:    Keep them.\n"
            "      library: Keep them safe.\n"
            "      client:  Keep them here.\n"
            "\nReview notes (comments on text the client left as it was)\n"
            "  access#other (1.4): Jane Smith: fine\n");
}

// ---- reading the file ----

TEST(ImportRead, AFileFarLargerThanADocxIsNotRead) {
  Fixture f;
  f.fs.Add("big.docx", std::string(kMaxDocxBytes + 1, 'x'));
  ProfileSources sources{f.profile, f.library, f.pack};
  EXPECT_FALSE(ReadClientFile(f.fs, "big.docx", sources, f.sink));
  EXPECT_EQ(testing::Formatted(f.sink),
            "big.docx: error: this file is 33 MB, larger than the 32 MB a DOCX of a pack can be; it is not read "
            "[import.too-large]\n");
}

}  // namespace
}  // namespace policyc::import
