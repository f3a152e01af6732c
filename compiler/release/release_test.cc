#include "release/release.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "base/file_system.h"
#include "base/strings.h"
#include "cli/driver.h"
#include "load/source_loader.h"
#include "load/xml_reader.h"
#include "render/pack_json.h"
#include "support/test_support.h"

namespace policyc::release {
namespace {

diff::Document Doc(const std::string& id, const std::string& text) {
  diff::Document doc;
  doc.id = id;
  doc.title = "Title of " + id;
  diff::Item item;
  item.id = "s1";
  item.number = "1.1";
  item.text = text;
  item.has_text = true;
  // Stand-ins for the hashes: one word that changes with the text.
  item.text_hash = item.neutral_hash = item.source_hash = std::to_string(std::hash<std::string>{}(text));
  doc.items.push_back(item);
  return doc;
}

class ReleaseRecords : public ::testing::Test {
 protected:
  ReleaseRecords() {
    pack_.profile_id = "org";
    model::Person ann;
    ann.id = "ann";
    ann.name = "Ann";
    pack_.people.push_back(ann);
  }
  ReleaseResult Run(std::vector<diff::Document> docs, const model::ReleaseRecord* previous, const std::string& date) {
    diff::Snapshot content;
    content.documents = std::move(docs);
    base::DiagnosticSink sink;
    auto result = Release(pack_, content, previous, {"ann", date, ""}, sink);
    EXPECT_TRUE(result.has_value());
    return result ? *result : ReleaseResult{};
  }
  model::ResolvedPack pack_;
};

TEST_F(ReleaseRecords, WithdrawnDocumentsKeepTheirHistoryAndComeBackWithTheNextVersion) {
  ReleaseResult first = Run({Doc("a", "Keep logs."), Doc("b", "Lock screens.")}, nullptr, "2026-01-10");
  ASSERT_EQ(first.record.documents.size(), 2u);
  EXPECT_EQ(first.record.documents[1].version, "1.0");
  EXPECT_EQ(first.record.documents[1].revisions.back().summary, "First issue.");

  // b leaves the pack: it stays in the record, withdrawn, with its history.
  ReleaseResult second = Run({Doc("a", "Keep logs.")}, &first.record, "2026-03-01");
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_TRUE(second.changes[0].withdrawn);
  EXPECT_EQ(second.unchanged, 1);
  ASSERT_EQ(second.record.documents.size(), 2u);
  const model::ReleasedDocument& b = second.record.documents[1];
  EXPECT_EQ(b.withdrawn, "2026-03-01");
  EXPECT_EQ(b.version, "1.0");
  ASSERT_EQ(b.revisions.size(), 2u);
  EXPECT_EQ(b.revisions[1].summary, "Withdrawn: no longer part of the pack.");
  EXPECT_NE(WriteRecord(second.record).find("withdrawn=\"2026-03-01\""), std::string::npos);

  // Nothing more to say while it stays away.
  ReleaseResult third = Run({Doc("a", "Keep logs.")}, &second.record, "2026-04-01");
  EXPECT_TRUE(third.changes.empty());

  // Back, unchanged: a new major version that says it was reinstated.
  ReleaseResult fourth = Run({Doc("a", "Keep logs."), Doc("b", "Lock screens.")}, &third.record, "2026-05-01");
  ASSERT_EQ(fourth.changes.size(), 1u);
  EXPECT_EQ(fourth.changes[0].id, "b");
  EXPECT_EQ(fourth.changes[0].new_version, "2.0");
  EXPECT_EQ(fourth.changes[0].summary, "Reinstated.");
  EXPECT_EQ(fourth.record.documents[1].withdrawn, "");
}

TEST_F(ReleaseRecords, ARenumberedReferenceInAnIntroductionIsAMinorVersion) {
  auto with_intro = [](const std::string& intro) {
    diff::Document doc = Doc("a", "Keep logs.");
    diff::Item section;
    section.kind = diff::Item::Kind::kSection;
    section.id = "scope";
    section.number = "1";
    section.title = "Scope and use";  // a title with spaces, after src= and vars= in the fingerprint
    section.text = intro;
    section.has_text = true;
    section.text_hash = section.neutral_hash = std::to_string(std::hash<std::string>{}(intro));
    section.source_hash = "intro-source";
    section.variables = {"ref:b#x", "org.name"};
    doc.items.insert(doc.items.begin(), section);
    return doc;
  };
  ReleaseResult first = Run({with_intro("See B, statement 7.5.")}, nullptr, "2026-01-10");
  EXPECT_NE(first.record.documents[0].fingerprint.find(" src=intro-source vars=ref:b#x,org.name Scope and use"),
            std::string::npos)
      << first.record.documents[0].fingerprint;
  ReleaseResult second = Run({with_intro("See B, statement 7.6.")}, &first.record, "2026-02-01");
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].new_version, "1.1");
  EXPECT_EQ(second.changes[0].summary, "Section 1 'Scope and use' edited (names, titles or references).");
}

TEST_F(ReleaseRecords, OnlyTheChosenDocumentsAreReleased) {
  ReleaseResult first = Run({Doc("a", "Keep logs."), Doc("b", "Lock screens.")}, nullptr, "2026-01-10");
  diff::Snapshot content;
  content.documents = {Doc("a", "Keep logs for a year."), Doc("b", "Lock screens after 5 minutes.")};
  base::DiagnosticSink sink;
  auto result = Release(pack_, content, &first.record, {"ann", "2026-02-01", "", {"b"}}, sink);
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->changes.size(), 1u);
  EXPECT_EQ(result->changes[0].id, "b");
  EXPECT_EQ(result->held_back, 1);
  // a keeps its released record, so it stays a draft.
  EXPECT_EQ(result->record.documents[0].version, "1.0");
  EXPECT_EQ(result->record.documents[0].hash, first.record.documents[0].hash);
  EXPECT_EQ(result->record.documents[1].version, "2.0");
  // An id that is not a document of the pack is refused.
  EXPECT_FALSE(Release(pack_, content, &first.record, {"ann", "2026-02-01", "", {"c"}}, sink).has_value());
  EXPECT_TRUE(sink.HasErrors());
}

TEST_F(ReleaseRecords, ARewordedStatementIsAMajorVersionAndTheDateMayNotGoBack) {
  ReleaseResult first = Run({Doc("a", "Keep logs for 6 months.")}, nullptr, "2026-01-10");
  ReleaseResult second = Run({Doc("a", "Keep logs for 12 months.")}, &first.record, "2026-02-01");
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].old_version, "1.0");
  EXPECT_EQ(second.changes[0].new_version, "2.0");
  EXPECT_EQ(second.changes[0].summary, "Statement 1.1 reworded.");

  diff::Snapshot content;
  content.documents = {Doc("a", "Keep logs for 24 months.")};
  base::DiagnosticSink sink;
  EXPECT_FALSE(Release(pack_, content, &second.record, {"ann", "2026-01-15", ""}, sink).has_value());
  EXPECT_TRUE(sink.HasErrors());
}

/// `doc` with one document-control field, as ContentFromPack gives it.
diff::Document WithOwner(diff::Document doc, const std::string& owner) {
  doc.control.push_back({"owner", owner, std::to_string(std::hash<std::string>{}(owner))});
  return doc;
}

TEST_F(ReleaseRecords, AChangeOnlyInDocumentControlIsAMinorVersion) {
  ReleaseResult first = Run({WithOwner(Doc("a", "Keep logs."), "IT Manager — Bob Jones")}, nullptr, "2026-01-10");
  ASSERT_EQ(first.record.documents.size(), 1u);
  EXPECT_FALSE(first.record.documents[0].control_hash.empty());
  EXPECT_NE(WriteRecord(first.record).find(" control=\"" + first.record.documents[0].control_hash + "\""),
            std::string::npos);
  // The same text under a renamed owner is what a reader sees change.
  ReleaseResult second =
      Run({WithOwner(Doc("a", "Keep logs."), "IT Manager — Bob Jones-Smith")}, &first.record, "2026-02-01");
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].new_version, "1.1");
  EXPECT_EQ(second.changes[0].summary, "Document control changed: owner now 'IT Manager — Bob Jones-Smith'.");
  EXPECT_EQ(second.record.documents[0].hash, first.record.documents[0].hash);
  EXPECT_NE(second.record.documents[0].control_hash, first.record.documents[0].control_hash);
}

TEST_F(ReleaseRecords, ARecordOlderThanControlHashesGainsThemWithoutANewVersion) {
  ReleaseResult first = Run({Doc("a", "Keep logs.")}, nullptr, "2026-01-10");
  ASSERT_TRUE(first.record.documents[0].control_hash.empty());
  ReleaseResult second = Run({WithOwner(Doc("a", "Keep logs."), "IT Manager")}, &first.record, "2026-02-01");
  EXPECT_TRUE(second.changes.empty());
  EXPECT_EQ(second.control_recorded, 1);
  EXPECT_EQ(second.record.documents[0].version, "1.0");
  EXPECT_FALSE(second.record.documents[0].control_hash.empty());
}

/// `record` written as 'policyc release' writes it and loaded back as the
/// next run loads it.
model::ReleaseRecord WrittenAndReadBack(const model::ReleaseRecord& record) {
  base::MemoryFileSystem fs;
  fs.Add("org.release.xml", WriteRecord(record));
  load::XmlReader reader(fs, testing::SourceDir() + "/schemas");
  base::DiagnosticSink sink;
  auto loaded = load::LoadReleaseRecord(reader, "org.release.xml", sink);
  EXPECT_TRUE(loaded.has_value()) << testing::Formatted(sink);
  return loaded.value_or(model::ReleaseRecord{});
}

TEST_F(ReleaseRecords, FreeTextInTheFingerprintReadsBackAsItWasWritten) {
  // A newline in a parameter's value used to be written raw into the
  // line-based fingerprint, where it forged a statement line, and a title
  // lost its trailing space: the next release reported changes that never
  // happened.
  diff::Document doc = Doc("a", "Keep logs.");
  doc.parameters["retention"] = "6 months\nstatement forged - 9.9 1 1 - -";
  doc.parameters["share"] = "C:\\new\tfolder\x01 ";
  diff::Item section;
  section.kind = diff::Item::Kind::kSection;
  section.id = "scope";
  section.number = "1";
  section.title = " Scope\\and use ";
  section.text_hash = section.neutral_hash = "1";
  doc.items.insert(doc.items.begin(), section);
  ReleaseResult first = Run({doc}, nullptr, "2026-01-10");
  EXPECT_EQ(first.record.documents[0].fingerprint.find("\nstatement forged"), std::string::npos);
  const model::ReleaseRecord loaded = WrittenAndReadBack(first.record);

  diff::Document reworded = doc;
  reworded.items[1] = Doc("a", "Keep logs for a year.").items[0];
  ReleaseResult second = Run({reworded}, &loaded, "2026-02-01");
  ASSERT_EQ(second.changes.size(), 1u);
  EXPECT_EQ(second.changes[0].summary, "Statement 1.1 reworded.");
}

TEST_F(ReleaseRecords, AMessageTheRecordCannotHoldIsRefused) {
  diff::Snapshot content;
  content.documents = {Doc("a", "Keep logs.")};
  base::DiagnosticSink sink;
  EXPECT_FALSE(Release(pack_, content, nullptr, {"ann", "2026-01-10", "Approved.\x1b[2J"}, sink).has_value());
  EXPECT_EQ(testing::Formatted(sink),
            "policyc: error: --message contains the control character U+001B at byte 10; write the message on one line, "
            "without control characters [resolve.bad-value]\n");
  base::DiagnosticSink utf8_sink;
  EXPECT_FALSE(Release(pack_, content, nullptr, {"ann", "2026-01-10", "Caf\xe9"}, utf8_sink).has_value());
  EXPECT_EQ(testing::Formatted(utf8_sink), "policyc: error: --message is not valid UTF-8; write it in UTF-8 [resolve.bad-value]\n");
  base::DiagnosticSink date_sink;
  EXPECT_FALSE(Release(pack_, content, nullptr, {"ann", "2026-02-30", ""}, date_sink).has_value());
  EXPECT_TRUE(date_sink.HasErrors());
}

TEST_F(ReleaseRecords, AVersionAtTheLimitIsNotRaisedPastIt) {
  ReleaseResult first = Run({Doc("a", "Keep logs for 6 months.")}, nullptr, "2026-01-10");
  first.record.documents[0].version = "999999.0";
  diff::Snapshot content;
  content.documents = {Doc("a", "Keep logs for 12 months.")};
  base::DiagnosticSink sink;
  EXPECT_FALSE(Release(pack_, content, &first.record, {"ann", "2026-02-01", ""}, sink).has_value());
  EXPECT_EQ(testing::Formatted(sink),
            "policyc: error: 'Title of a' (a) is at version 999999.0, and a record holds versions up to 999999.999999; "
            "correct its version in the record [release.bad-record]\n");
}

TEST(ReleaseContent, ThePackInMemoryHashesAsItsPackJsonDoes) {
  // Releases hash the pack in memory; the diff reads pack.json. Both must
  // give the same hashes, or a release would see drafts that are not.
  base::DiskFileSystem fs;
  cli::DataPaths data{testing::SourceDir()};
  cli::Session session(fs, data, {});
  base::DiagnosticSink sink;
  auto pack = session.Resolve(testing::SourceDir() + "/examples/brightwater", sink);
  ASSERT_TRUE(pack.has_value()) << testing::Formatted(sink);
  const diff::Snapshot memory = diff::ContentFromPack(*pack);
  std::string error;
  auto from_json = diff::SnapshotFromJson(render::PackJson(*pack), &error);
  ASSERT_TRUE(from_json.has_value()) << error;
  ASSERT_EQ(memory.documents.size(), from_json->documents.size());
  ASSERT_GT(memory.documents.size(), 60u);
  for (size_t i = 0; i < memory.documents.size(); ++i) {
    const diff::Document& a = memory.documents[i];
    const diff::Document& b = from_json->documents[i];
    EXPECT_EQ(diff::DocumentHash(a), diff::DocumentHash(b)) << a.id;
    EXPECT_FALSE(diff::ControlHash(a).empty()) << a.id;
    EXPECT_EQ(diff::ControlHash(a), diff::ControlHash(b)) << a.id;
    EXPECT_EQ(a.parameters, b.parameters) << a.id;
    EXPECT_EQ(a.excluded, b.excluded) << a.id;
    ASSERT_EQ(a.items.size(), b.items.size()) << a.id;
    for (size_t k = 0; k < a.items.size(); ++k) {
      EXPECT_EQ(a.items[k].neutral_hash, b.items[k].neutral_hash) << a.id << "#" << a.items[k].id;
      EXPECT_EQ(a.items[k].source_hash, b.items[k].source_hash) << a.id << "#" << a.items[k].id;
      EXPECT_EQ(a.items[k].variables, b.items[k].variables) << a.id << "#" << a.items[k].id;
    }
  }
  EXPECT_EQ(memory.excluded_documents, from_json->excluded_documents);
}

/// The mini organisation resolved from tests/data/mini, its profile's
/// parameter `password_min_length` set to `length` (the library's default,
/// 12, when empty); no release record applied yet.
model::ResolvedPack MiniPack(const std::string& length, base::DiagnosticSink& sink) {
  std::string profile = testing::ReadFileOrEmpty(testing::SourceDir() + "/tests/data/mini-org/profile.xml");
  if (!length.empty()) {
    const std::string parameters = "<parameters>\n";
    profile.insert(profile.find(parameters) + parameters.size(),
                   "    <parameter name=\"password_min_length\" value=\"" + length + "\"/>\n");
  }
  const std::string dir = testing::MakeTempDir();
  base::DiskFileSystem fs;
  std::string error;
  EXPECT_TRUE(fs.WriteFile(dir + "/profile.xml", profile, &error)) << error;
  model::ResolvedPack pack =
      testing::ResolveSources(fs, {testing::SourceDir() + "/tests/data/mini"}, dir + "/profile.xml", sink);
  std::filesystem::remove_all(dir);
  return pack;
}

TEST(ReleaseFingerprint, ARecordReadBackFindsNoChangeUntilOneValueChanges) {
  // Release the whole mini pack, write the record and read it back as the
  // next run does: the same pack is then released as it stands, and a
  // changed parameter value makes a draft of the document that uses it.
  base::DiagnosticSink sink;
  model::ResolvedPack first = MiniPack("", sink);
  const diff::Snapshot content = ApplyRecord(first, nullptr, sink);
  auto released = Release(first, content, nullptr, {"ann", "2026-11-01", ""}, sink);
  ASSERT_TRUE(released.has_value()) << testing::Formatted(sink);
  ASSERT_EQ(released->changes.size(), first.documents.size());
  const model::ReleaseRecord record = WrittenAndReadBack(released->record);
  ASSERT_EQ(record.documents.size(), released->record.documents.size());
  // The record indents the fingerprint's lines; the lines themselves are
  // what was written.
  auto lines = [](const std::string& fingerprint) {
    std::vector<std::string> out;
    for (const std::string& line : base::Split(fingerprint, '\n')) {
      if (!base::Trim(line).empty()) out.push_back(base::Trim(line));
    }
    return out;
  };
  for (size_t i = 0; i < record.documents.size(); ++i) {
    EXPECT_EQ(lines(record.documents[i].fingerprint), lines(released->record.documents[i].fingerprint))
        << record.documents[i].id;
  }

  base::DiagnosticSink same_sink;
  model::ResolvedPack same = MiniPack("", same_sink);
  const diff::Snapshot same_content = ApplyRecord(same, &record, same_sink);
  EXPECT_EQ(testing::Formatted(same_sink), "");
  for (const model::ResolvedDocument& doc : same.documents) {
    EXPECT_FALSE(doc.draft) << doc.id;
    EXPECT_EQ(doc.version, "1.0") << doc.id;
  }
  auto again = Release(same, same_content, &record, {"ann", "2026-11-02", ""}, same_sink);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->changes.empty());
  EXPECT_EQ(again->unchanged, static_cast<int>(same.documents.size()));

  base::DiagnosticSink changed_sink;
  model::ResolvedPack changed = MiniPack("14", changed_sink);
  ApplyRecord(changed, &record, changed_sink);
  auto find = [&](const std::string& id) -> const model::ResolvedDocument* {
    for (const model::ResolvedDocument& doc : changed.documents) {
      if (doc.id == id) return &doc;
    }
    return nullptr;
  };
  const model::ResolvedDocument* access = find("mini-access");
  const model::ResolvedDocument* policy = find("mini-policy");
  ASSERT_TRUE(access && policy);
  EXPECT_TRUE(access->draft);
  EXPECT_EQ(access->version, "2.0");
  EXPECT_EQ(access->pending_summary, "Statement 1.2 reworded (shortest password: 12 characters → 14 characters).");
  EXPECT_FALSE(policy->draft);
  EXPECT_NE(testing::Formatted(changed_sink).find("'Mini Access Policy' (mini-access) changed since version 1.0"),
            std::string::npos)
      << testing::Formatted(changed_sink);
}

}  // namespace
}  // namespace policyc::release
