#include "load/xml_reader.h"

#include <gtest/gtest.h>

#include "base/file_system.h"
#include "support/test_support.h"

namespace policyc::load {
namespace {

class LoadXmlReader : public ::testing::Test {
 protected:
  std::string Schemas() const { return testing::SourceDir() + "/schemas"; }
  base::MemoryFileSystem fs_;
  base::DiagnosticSink sink_;
};

TEST_F(LoadXmlReader, RefusesExternalEntities) {
  fs_.Add("xxe.xml",
          "<?xml version=\"1.0\"?>\n"
          "<!DOCTYPE roles [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
          "<roles><role id=\"a\" title=\"&xxe;\"><purpose>p</purpose></role></roles>\n");
  XmlReader reader(fs_, Schemas());
  EXPECT_EQ(reader.Parse("xxe.xml", sink_), nullptr);
  EXPECT_EQ(testing::Formatted(sink_),
            "xxe.xml:2: error: DOCTYPE and ENTITY declarations are not allowed in policyc sources; "
            "remove the declaration and write the text out [load.forbidden-dtd]\n");
}

TEST_F(LoadXmlReader, RefusesBillionLaughs) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i < 10; ++i) {
    bomb += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<lolz>&lol9;</lolz>\n";
  fs_.Add("bomb.xml", bomb);
  XmlReader reader(fs_, Schemas());
  EXPECT_EQ(reader.Parse("bomb.xml", sink_), nullptr);
  ASSERT_EQ(sink_.diagnostics().size(), 1u);
  EXPECT_EQ(sink_.diagnostics()[0].kind, base::DiagKind::kForbiddenDtd);
  EXPECT_EQ(sink_.diagnostics()[0].loc.line, 2);
}

TEST_F(LoadXmlReader, DoctypeInACommentOrCdataIsNoDeclaration) {
  // Text that mentions a DOCTYPE declares nothing; it used to be refused as
  // if it did.
  fs_.Add("mention.xml",
          "<?xml version=\"1.0\"?>\n"
          "<!-- Never add a <!DOCTYPE or an <!ENTITY here. -->\n"
          "<?note <!DOCTYPE in an instruction?>\n"
          "<roles><role id=\"a\" title=\"A\"><purpose><![CDATA[Quote <!DOCTYPE x> as text.]]></purpose></role>"
          "</roles>\n");
  XmlReader reader(fs_, Schemas());
  EXPECT_NE(reader.Parse("mention.xml", sink_), nullptr);
  EXPECT_EQ(testing::Formatted(sink_), "");
  // After the comment, a real one is still refused, on its own line.
  fs_.Add("after.xml", "<!-- <!DOCTYPE -->\n<!DOCTYPE roles [<!ENTITY a \"b\">]>\n<roles/>\n");
  EXPECT_EQ(reader.Parse("after.xml", sink_), nullptr);
  EXPECT_EQ(testing::Formatted(sink_),
            "after.xml:2: error: DOCTYPE and ENTITY declarations are not allowed in policyc sources; "
            "remove the declaration and write the text out [load.forbidden-dtd]\n");
}

TEST_F(LoadXmlReader, RefusesNulAndWhatFollowsTheRootElement) {
  // libxml2 stops at a NUL as at the end of the file: the junk after it
  // used to pass unseen.
  fs_.Add("nul.xml", std::string("<roles/>\n\0junk <not-xml", 23));
  XmlReader reader(fs_, Schemas());
  EXPECT_EQ(reader.Parse("nul.xml", sink_), nullptr);
  EXPECT_EQ(testing::Formatted(sink_),
            "nul.xml:2:1: error: the file contains a NUL byte, which XML does not allow; save it as UTF-8 text "
            "(a file saved as UTF-16 or a binary file has them) [load.malformed-xml]\n");
  base::DiagnosticSink junk_sink;
  fs_.Add("junk.xml", "<roles/>\njunk\n");
  EXPECT_EQ(reader.Parse("junk.xml", junk_sink), nullptr);
  ASSERT_EQ(junk_sink.diagnostics().size(), 1u);
  EXPECT_EQ(junk_sink.diagnostics()[0].kind, base::DiagKind::kMalformedXml);
  EXPECT_EQ(junk_sink.diagnostics()[0].loc.line, 2);
}

TEST_F(LoadXmlReader, ASchemaMessageQuotesALongValueShort) {
  // A megabyte-long title was quoted in full (or as far as libxml2's own
  // buffer went) in the diagnostic.
  fs_.Add("roles.xml", "<roles>\n  <role id=\"a\" title=\"" + std::string(1000000, 'A') +
                           "\">\n    <purpose>p</purpose>\n  </role>\n</roles>\n");
  XmlReader reader(fs_, Schemas());
  XmlDocPtr doc = reader.Parse("roles.xml", sink_);
  ASSERT_NE(doc, nullptr);
  EXPECT_FALSE(reader.Validate(doc.get(), "roles.xml", "roles", sink_));
  EXPECT_EQ(testing::Formatted(sink_),
            "roles.xml:2: error: schema violation: Element 'role', attribute 'title': [facet 'maxLength'] The value '" +
                std::string(60, 'A') + "…' [load.schema-violation]\n");
}

TEST_F(LoadXmlReader, MapsParseErrorsToFileLineColumn) {
  fs_.Add("bad.xml", "<roles>\n  <role id=\"a\">\n</roles>\n");
  XmlReader reader(fs_, Schemas());
  EXPECT_EQ(reader.Parse("bad.xml", sink_), nullptr);
  ASSERT_FALSE(sink_.diagnostics().empty());
  const auto& d = sink_.diagnostics()[0];
  EXPECT_EQ(d.kind, base::DiagKind::kMalformedXml);
  EXPECT_EQ(d.loc.file, "bad.xml");
  EXPECT_EQ(d.loc.line, 3);
  EXPECT_GT(d.loc.column, 0);
  EXPECT_NE(d.message.find("Opening and ending tag mismatch"), std::string::npos) << d.message;
}

TEST_F(LoadXmlReader, MapsSchemaErrorsToFileLine) {
  fs_.Add("roles.xml", "<roles>\n  <role title=\"No id\">\n    <purpose>p</purpose>\n  </role>\n</roles>\n");
  XmlReader reader(fs_, Schemas());
  auto doc = reader.Parse("roles.xml", sink_);
  ASSERT_NE(doc, nullptr);
  EXPECT_FALSE(reader.Validate(doc.get(), "roles.xml", "roles", sink_));
  EXPECT_EQ(testing::Formatted(sink_),
            "roles.xml:2: error: schema violation: Element 'role': The attribute 'id' is "
            "required but missing [load.schema-violation]\n");
}

TEST_F(LoadXmlReader, EnforcesSizeAndDepthLimits) {
  fs_.Add("big.xml", "<roles>" + std::string(2000, ' ') + "</roles>");
  std::string deep;
  for (int i = 0; i < 10; ++i) deep += "<a>";
  for (int i = 0; i < 10; ++i) deep += "</a>";
  fs_.Add("deep.xml", deep);
  XmlReader reader(fs_, Schemas(), XmlLimits{1000, 5});
  EXPECT_EQ(reader.Parse("big.xml", sink_), nullptr);
  EXPECT_EQ(reader.Parse("deep.xml", sink_), nullptr);
  EXPECT_EQ(testing::Formatted(sink_),
            "big.xml: error: file is 2015 bytes; the limit is 1000 bytes; split it into smaller "
            "files [load.file-too-large]\n"
            "deep.xml:1: error: elements are nested more than 5 deep; flatten the structure "
            "[load.too-deep]\n");
}

TEST_F(LoadXmlReader, KeepsLineNumbersBeyond65535) {
  std::string text = "<roles>";
  text += std::string(70000, '\n');
  text += "<role/></roles>";
  fs_.Add("long.xml", text);
  XmlReader reader(fs_, Schemas(), XmlLimits{1 << 20, 64});
  auto doc = reader.Parse("long.xml", sink_);
  ASSERT_NE(doc, nullptr);
  const xmlNode* role = FirstChild(xmlDocGetRootElement(doc.get()), "role");
  EXPECT_EQ(LineOf(role), 70001);
}

}  // namespace
}  // namespace policyc::load
