// pack.json (pack_json.cc) for the mini library's organisation: its shape,
// and that the diff's reader (diff/snapshot.cc) gives back what it wrote.
#include "render/pack_json.h"

#include <gtest/gtest.h>

#include <set>
#include <variant>

#include "base/file_system.h"
#include "diff/snapshot.h"
#include "resolve/resolver.h"
#include "support/test_support.h"

namespace policyc::render {
namespace {

using nlohmann::json;

/// The mini organisation ("Smith & Jones <Ltd>") resolved from
/// tests/data/mini, with its compiled documents.
class PackJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_ = testing::ResolveSources(fs_, {testing::SourceDir() + "/tests/data/mini"},
                                    testing::SourceDir() + "/tests/data/mini-org/profile.xml", sink_);
    resolve::AddDerivedDocuments(pack_, sink_);
    ASSERT_FALSE(sink_.HasErrors()) << testing::Formatted(sink_);
  }

  /// The statement of the pack's document `document` with `id`.
  const json& StatementOf(const json& pack, const std::string& document, const std::string& id) {
    static const json kMissing = json::object();
    for (const json& doc : pack.at("documents")) {
      if (doc.at("id") != document) continue;
      for (const json& section : doc.at("sections")) {
        for (const json& item : section.at("items")) {
          if (item.at("id") == id) return item;
        }
      }
    }
    ADD_FAILURE() << "no statement " << document << "#" << id;
    return kMissing;
  }

  static const json& ById(const json& list, const char* key, const std::string& id) {
    static const json kMissing = json::object();
    for (const json& e : list) {
      if (e.at(key) == id) return e;
    }
    ADD_FAILURE() << "nothing with " << key << " " << id;
    return kMissing;
  }

  base::DiskFileSystem fs_;
  base::DiagnosticSink sink_;
  model::ResolvedPack pack_;
};

TEST_F(PackJsonTest, HoldsThePackInModelOrderWithTypedValues) {
  const json pack = PackJson(pack_);
  std::set<std::string> keys;
  for (const auto& [key, value] : pack.items()) keys.insert(key);
  EXPECT_EQ(keys, (std::set<std::string>{"as_of", "assets", "branding", "contacts", "documents",
                                         "excluded_documents", "facts", "format_version", "frameworks",
                                         "nonconformities", "objectives", "organisation", "parameters", "people", "processing",
                                         "profile", "risk_appetite", "risks", "roles", "scope", "segregations",
                                         "soa"}));
  EXPECT_EQ(pack.at("format_version"), model::kPackFormatVersion);
  EXPECT_EQ(pack.at("profile"), "mini-org");
  EXPECT_EQ(pack.at("frameworks"), json::array()) << "the mini library has no framework catalogue";
  EXPECT_EQ(pack.at("as_of"), "2026-11-01");
  EXPECT_EQ(pack.at("organisation").at("name"), "Smith & Jones <Ltd>");
  EXPECT_EQ(pack.at("organisation").at("company_number"), "01234567");

  // Documents in the pack's order, the library's first, then the compiled ones.
  const json& documents = pack.at("documents");
  ASSERT_EQ(documents.size(), pack_.documents.size());
  for (size_t i = 0; i < documents.size(); ++i) {
    EXPECT_EQ(documents[i].at("id"), pack_.documents[i].id);
    EXPECT_EQ(documents[i].at("derived"), pack_.documents[i].derived);
  }
  EXPECT_EQ(documents[0].at("id"), "mini-policy");
  EXPECT_EQ(documents[0].at("excluded").dump(),
            R"([{"condition":"certification == 'certified'","id":"certified"},)"
            R"({"condition":"certification == 'working-towards'","id":"certification-planned"}])");
  const json& mfa = StatementOf(pack, "mini-access", "mfa");
  EXPECT_EQ(mfa.at("type"), "statement");
  EXPECT_EQ(mfa.at("number"), "1.2");
  EXPECT_EQ(mfa.at("text"), "Passwords shall have at least 12 characters; approved second factors are "
                            "authenticator app and security key.");
  EXPECT_EQ(mfa.at("controls").dump(), R"(["A.8.5"])");
  EXPECT_EQ(mfa.at("roles").dump(), R"(["all-staff"])");
  EXPECT_EQ(mfa.at("variables").dump(), R"(["param.password_min_length","param.mfa_methods"])");
  EXPECT_FALSE(mfa.at("source_hash").get<std::string>().empty());
  EXPECT_EQ(mfa.at("provenance").at("file"), "mini/documents/mini-access.xml");  // in the layer, not this machine

  // Values keep their type; the text is what a document prints.
  const json& length = ById(pack.at("parameters"), "id", "password_min_length");
  EXPECT_EQ(length.at("type"), "integer");
  EXPECT_EQ(length.at("value"), 12);
  EXPECT_EQ(length.at("text"), "12 characters");
  EXPECT_EQ(length.at("from_profile"), false);
  EXPECT_EQ(ById(pack.at("parameters"), "id", "mfa_methods").at("value").dump(),
            R"(["authenticator app","security key"])");
  EXPECT_EQ(ById(pack.at("parameters"), "id", "contact_email").at("from_profile"), true);
  EXPECT_EQ(ById(pack.at("facts"), "id", "remote_working").at("value"), true);

  const json& a515 = ById(pack.at("soa"), "control", "A.5.15");
  EXPECT_EQ(a515.at("applicable"), true);
  EXPECT_EQ(a515.at("status"), "implemented");
  EXPECT_EQ(a515.at("reasons").at("stated"), "Staff reach the customer files from home as well as the office");
  EXPECT_EQ(ById(pack.at("people"), "id", "bob").at("roles").dump(), R"(["it-manager"])");
  EXPECT_EQ(ById(pack.at("roles"), "id", "it-manager").at("holders").dump(), R"(["bob"])");
}

TEST_F(PackJsonTest, EqualPacksGiveEqualBytes) {
  const std::string text = PackToJson(pack_);
  EXPECT_EQ(text, PackJson(pack_).dump(2) + "\n");
  base::DiagnosticSink sink;
  model::ResolvedPack again = testing::ResolveSources(fs_, {testing::SourceDir() + "/tests/data/mini"},
                                                      testing::SourceDir() + "/tests/data/mini-org/profile.xml", sink);
  resolve::AddDerivedDocuments(again, sink);
  EXPECT_EQ(PackToJson(again), text);
}

TEST_F(PackJsonTest, NamesTheLogoByItsFileInThePackNotItsPathHere) {
  EXPECT_FALSE(PackJson(pack_).at("branding").contains("logo"));
  pack_.branding.logo = "/home/someone/clients/smith-jones/logo.svg";
  pack_.branding.logo_format = "svg";
  const std::string text = PackToJson(pack_);
  EXPECT_EQ(json::parse(text).at("branding").at("logo"), "logo.svg");
  EXPECT_EQ(text.find("/home/someone"), std::string::npos);
}

/// Every section and statement of `sections` as the snapshot lists them:
/// document order, document control left out.
void Flatten(const std::vector<model::ResolvedSection>& sections, std::vector<std::string>& out) {
  for (const model::ResolvedSection& section : sections) {
    if (section.control) continue;
    out.push_back("section " + section.id + " " + section.number + " " + section.title + ": " + section.intro);
    for (const model::ResolvedItem& item : section.items) {
      if (const auto* sub = std::get_if<model::ResolvedSection>(&item)) {
        Flatten({*sub}, out);
      } else {
        const auto& s = std::get<model::ResolvedStatement>(item);
        out.push_back("statement " + s.id + " " + s.number + ": " + s.text);
      }
    }
  }
}

std::vector<std::string> Flatten(const diff::Document& doc) {
  std::vector<std::string> out;
  for (const diff::Item& item : doc.items) {
    out.push_back(item.kind == diff::Item::Kind::kSection
                      ? "section " + item.id + " " + item.number + " " + item.title + ": " + item.text
                      : "statement " + item.id + " " + item.number + ": " + item.text);
  }
  return out;
}

TEST_F(PackJsonTest, TheDiffReadsBackTheDocumentsStatementsAndSoaItWrote) {
  std::string error;
  const auto snapshot = diff::SnapshotFromPackJson(PackToJson(pack_), &error);
  ASSERT_TRUE(snapshot.has_value()) << error;
  EXPECT_EQ(snapshot->profile, "mini-org");
  EXPECT_EQ(snapshot->organisation, "Smith & Jones <Ltd>");

  ASSERT_EQ(snapshot->documents.size(), pack_.documents.size());
  size_t statements = 0;
  for (size_t i = 0; i < pack_.documents.size(); ++i) {
    const model::ResolvedDocument& wrote = pack_.documents[i];
    const diff::Document& read = snapshot->documents[i];
    EXPECT_EQ(read.id, wrote.id);
    EXPECT_EQ(read.title, wrote.title);
    EXPECT_EQ(read.kind, wrote.kind);
    EXPECT_EQ(read.version, wrote.version);
    EXPECT_EQ(read.derived, wrote.derived);
    EXPECT_EQ(read.draft, wrote.draft);
    std::vector<std::string> items;
    Flatten(wrote.sections, items);
    EXPECT_EQ(Flatten(read), items) << wrote.id;
    for (const diff::Item& item : read.items) statements += item.kind == diff::Item::Kind::kStatement;
    // The hashes a release compares are the ones the pack in memory gives.
    EXPECT_EQ(diff::DocumentHash(read), diff::DocumentHash(diff::ContentFromPack(pack_, i).documents.at(0)))
        << wrote.id;
  }
  EXPECT_GE(statements, 4u);
  EXPECT_EQ(snapshot->documents[0].excluded.at("certified"), "certification == 'certified'");

  ASSERT_EQ(snapshot->soa.size(), pack_.soa.size());
  for (size_t i = 0; i < pack_.soa.size(); ++i) {
    const model::SoaRow& wrote = pack_.soa[i];
    const diff::Row& read = snapshot->soa[i];
    EXPECT_EQ(read.id, wrote.control);
    EXPECT_EQ(read.title, wrote.title);
    const std::vector<std::pair<std::string, std::string>> fields = {
        {"applicable", wrote.applicable ? "applicable" : "excluded"},
        {"justification", wrote.justification},
        {"status", wrote.status},
        {"status date", wrote.status_date}};
    EXPECT_EQ(read.fields, fields) << wrote.control;
  }

  for (const model::ResolvedValue& p : pack_.parameters) {
    EXPECT_EQ(snapshot->parameters.at(p.id), p.value.ToText(p.unit)) << p.id;
  }
  EXPECT_EQ(snapshot->parameters.at("password_min_length"), "12 characters");
  EXPECT_EQ(snapshot->facts.at("remote_working"), "yes");
  ASSERT_EQ(snapshot->roles.size(), pack_.roles.size());
  for (const diff::Role& role : snapshot->roles) {
    if (role.id == "it-manager") {
      EXPECT_EQ(role.holders, std::vector<std::string>{"Bob Jones"});
    }
  }
  ASSERT_EQ(snapshot->people.size(), 3u);
  EXPECT_EQ(snapshot->people[0].id, "ann");
  EXPECT_EQ(snapshot->people[0].title, "Ann Smith");
}

TEST_F(PackJsonTest, HostileTextReadsBackAsItWasWritten) {
  // Quotes, backslashes, line breaks and escape sequences are data in
  // pack.json: the diff reads them back unchanged.
  const std::string hostile = "Say \"done\" \\ then\n\t}], \"documents\": [], \x1b[2J</script>";
  pack_.organisation.name = hostile;
  auto& first = std::get<model::ResolvedStatement>(pack_.documents[1].sections[0].items[0]);
  first.text = hostile;
  const std::string text = PackToJson(pack_);
  for (char c : text) EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 || c == '\n');
  std::string error;
  const auto snapshot = diff::SnapshotFromPackJson(text, &error);
  ASSERT_TRUE(snapshot.has_value()) << error;
  EXPECT_EQ(snapshot->organisation, hostile);
  ASSERT_EQ(snapshot->documents.size(), pack_.documents.size());
  EXPECT_EQ(snapshot->documents[1].Find(first.id)->text, hostile);
}

TEST_F(PackJsonTest, AFileNameThatIsNotUtf8IsShownNotFatal) {
  // A library file named in Latin-1 ("caf\xe9.xml") reaches pack.json as
  // a statement's provenance; the JSON writer threw on it, and 'policyc
  // build' aborted. JSON cannot hold the byte: it reads U+FFFD.
  auto& first = std::get<model::ResolvedStatement>(pack_.documents[1].sections[0].items[0]);
  first.provenance.file = "mini/documents/caf\xe9.xml";
  std::string text;
  ASSERT_NO_THROW(text = PackToJson(pack_));
  EXPECT_EQ(StatementOf(json::parse(text), pack_.documents[1].id, first.id).at("provenance").at("file"),
            "mini/documents/caf\uFFFD.xml");
  std::string error;
  const auto snapshot = diff::SnapshotFromPackJson(text, &error);
  ASSERT_TRUE(snapshot.has_value()) << error;
  EXPECT_EQ(snapshot->documents[1].Find(first.id)->provenance.file, "mini/documents/caf\uFFFD.xml");
}

}  // namespace
}  // namespace policyc::render
