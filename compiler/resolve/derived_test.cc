// The documents compiled from the pack (derived.cc) on packs built in
// memory: the shared helpers, the heat maps against the risk bands, and
// what happens without a layout or without documents.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "resolve/derived_documents.h"
#include "resolve/resolver.h"
#include "resolve/risks.h"
#include "support/test_support.h"

namespace policyc::resolve {
namespace {

TEST(ResolveRiskBands, BandsChangeAfterFourNineAndSixteen) {
  EXPECT_EQ(BandOf(1), RiskBand::kLow);
  EXPECT_EQ(BandOf(4), RiskBand::kLow);
  EXPECT_EQ(BandOf(5), RiskBand::kMedium);
  EXPECT_EQ(BandOf(9), RiskBand::kMedium);
  EXPECT_EQ(BandOf(10), RiskBand::kHigh);
  EXPECT_EQ(BandOf(16), RiskBand::kHigh);
  EXPECT_EQ(BandOf(20), RiskBand::kCritical);
  EXPECT_EQ(BandOf(25), RiskBand::kCritical);
  EXPECT_STREQ(BandName(RiskBand::kLow), "Low");
  EXPECT_STREQ(BandName(RiskBand::kMedium), "Medium");
  EXPECT_STREQ(BandName(RiskBand::kHigh), "High");
  EXPECT_STREQ(BandName(RiskBand::kCritical), "Critical");
}

/// A pack with one document, one role held by Ann, and nothing compiled.
model::ResolvedPack SmallPack() {
  model::ResolvedPack pack;
  pack.organisation.name = "Smith & Jones";
  pack.as_of = "2026-11-01";
  model::ResolvedDocument doc;
  doc.id = "a";
  doc.title = "Policy A";
  doc.approver = "Ann (Director)";
  doc.version = "1.0";
  doc.draft = true;
  doc.classification = "Internal";
  pack.documents.push_back(doc);
  model::Person ann;
  ann.id = "ann";
  ann.name = "Ann";
  ann.job_title = "Director";
  pack.people.push_back(ann);
  pack.IndexPeople();
  model::ResolvedRole owner;
  owner.id = "owner";
  owner.title = "Policy Owner";
  owner.holders = {"ann"};
  pack.roles.push_back(owner);
  return pack;
}

model::ResolvedRisk Risk(const std::string& id, int likelihood, int impact, int residual_likelihood = 0,
                         int residual_impact = 0) {
  model::ResolvedRisk r;
  r.risk.id = id;
  r.risk.likelihood = likelihood;
  r.risk.impact = impact;
  r.risk.residual_likelihood = residual_likelihood;
  r.risk.residual_impact = residual_impact;
  r.inherent = likelihood * impact;
  r.residual = residual_likelihood * residual_impact;
  return r;
}

/// The fill of the heat map's cell for a likelihood and an impact, as the
/// map lays them out (64-pixel cells from (70, 40), impact 5 at the top).
std::string CellFill(const std::string& svg, int likelihood, int impact) {
  const std::string rect = "<rect x=\"" + std::to_string(70 + (likelihood - 1) * 64) + "\" y=\"" +
                           std::to_string(40 + (5 - impact) * 64) + "\" width=\"64\" height=\"64\" fill=\"";
  const size_t at = svg.find(rect);
  if (at == std::string::npos) return "no cell";
  const size_t start = at + rect.size();
  return svg.substr(start, svg.find('"', start) - start);
}

// A list of statements names each document once, in the order its first
// statement is given, with its statements in the document's order: a
// ranking (the compliance matrix's) decides which are named, not how a
// reader looks them up.
TEST(ResolveDerived, StatementLinksNameEachDocumentOnceWithItsStatementsInOrder) {
  const std::map<std::string, derived::StatementPlace> places = {
      {"vpm#a", {"Patch Policy", "3.2", "", ""}},  {"vpm#b", {"Patch Policy", "2.4", "", ""}},
      {"vpm#c", {"Patch Policy", "10.1", "", ""}}, {"legal#d", {"Legal Register", "6.1", "", ""}},
      {"vpm#e", {"Patch Policy", "1.3", "", ""}}};
  EXPECT_EQ(derived::StatementLinks({"vpm#a", "legal#d", "vpm#c", "vpm#b", "gone#x", "vpm#e"}, places),
            "Patch Policy [1.3](policyc:vpm#e), [2.4](policyc:vpm#b), [3.2](policyc:vpm#a), [10.1](policyc:vpm#c); "
            "Legal Register [6.1](policyc:legal#d)");
  EXPECT_EQ(derived::StatementLinks({}, places), "");
}

TEST(ResolveDerived, TheHeatMapsColourEachCellByTheBandTheRegisterPrints) {
  model::ResolvedPack pack = SmallPack();
  pack.risks = {Risk("r1", 1, 4), Risk("r2", 5, 5, 2, 2)};
  base::DiagnosticSink sink;
  AddDerivedDocuments(pack, sink);
  const std::string inherent = pack.images["risk-heatmap-inherent"];
  const std::string residual = pack.images["risk-heatmap-residual"];
  // One colour per band, and each band ends where BandOf says.
  EXPECT_EQ(CellFill(inherent, 1, 4), "#7FBF7F");  // 4: Low
  EXPECT_EQ(CellFill(inherent, 1, 5), "#F2D16B");  // 5: Medium
  EXPECT_EQ(CellFill(inherent, 3, 3), "#F2D16B");  // 9: Medium
  EXPECT_EQ(CellFill(inherent, 2, 5), "#F0A04B");  // 10: High
  EXPECT_EQ(CellFill(inherent, 4, 4), "#F0A04B");  // 16: High
  EXPECT_EQ(CellFill(inherent, 4, 5), "#D9534F");  // 20: Critical
  EXPECT_EQ(CellFill(residual, 5, 5), "#D9534F");  // the same bands on both maps
  // Each risk sits in its own cell; one with no residual rating is not
  // on the residual map.
  EXPECT_NE(inherent.find(">r1</text>"), std::string::npos);
  EXPECT_NE(inherent.find(">r2</text>"), std::string::npos);
  EXPECT_EQ(residual.find(">r1</text>"), std::string::npos);
  EXPECT_NE(residual.find(">r2</text>"), std::string::npos);
  EXPECT_EQ(testing::Formatted(sink), "");
}

TEST(ResolveDerived, WithoutRisksThereAreNoHeatMaps) {
  model::ResolvedPack pack = SmallPack();
  base::DiagnosticSink sink;
  AddDerivedDocuments(pack, sink);
  EXPECT_EQ(pack.images.count("risk-heatmap-inherent"), 0u);
  EXPECT_EQ(pack.documents.size(), 1u);  // nothing compiled: the library names no builder
}

TEST(ResolveDerived, WithoutDocumentsNothingIsDerivedAndTheRegisterStepDoesNotRun) {
  model::ResolvedPack pack = SmallPack();
  pack.documents.clear();
  pack.risks = {Risk("r1", 5, 5)};
  base::DiagnosticSink sink;
  bool ran = false;
  AddDerivedDocuments(pack, sink, [&] { ran = true; });
  EXPECT_FALSE(ran);
  EXPECT_TRUE(pack.images.empty());
}

model::CompiledDocumentSpec Spec(const std::string& builder, const std::string& id) {
  model::CompiledDocumentSpec spec;
  spec.builder = builder;
  spec.id = id;
  spec.title = id;
  spec.kind = "register";
  spec.owner = "owner";
  return spec;
}

TEST(ResolveDerived, TheRegisterStepRunsBetweenTheOtherDocumentsAndTheRegister) {
  model::ResolvedPack pack = SmallPack();
  pack.compiled.documents = {Spec("document-index", "register"), Spec("soa", "soa")};
  pack.compiled.templates = {{"soa", "The SoA.", {}, {}}, {"document-index", "Listed on {{as_of}}.", {}, {}}};
  base::DiagnosticSink sink;
  std::vector<std::string> before;
  AddDerivedDocuments(pack, sink, [&] {
    for (const auto& doc : pack.documents) before.push_back(doc.id);
  });
  EXPECT_EQ(before, (std::vector<std::string>{"a", "soa"}));
  ASSERT_EQ(pack.documents.size(), 3u);
  EXPECT_EQ(pack.documents.back().id, "register");  // the register lists every other document
  EXPECT_EQ(pack.documents.back().summary, "Listed on 2026-11-01.");
  EXPECT_TRUE(pack.documents.back().derived);
  EXPECT_EQ(testing::Formatted(sink), "");
}

TEST(ResolveDerived, HelpersNameRolesAndPeopleOrFallBackToTheId) {
  const model::ResolvedPack pack = SmallPack();
  EXPECT_EQ(derived::RoleTitle(pack, "owner"), "Policy Owner");
  EXPECT_EQ(derived::RoleTitle(pack, "cfo"), "cfo");
  EXPECT_EQ(derived::PersonName(pack, "ann"), "Ann (Director)");
  EXPECT_EQ(derived::PersonName(pack, "bo"), "bo");
  EXPECT_EQ(derived::Link("Policy A", "a#s1"), "[Policy A](policyc:a#s1)");
  // No spec for the builder: the label alone, with nothing to follow.
  EXPECT_EQ(derived::LinkTo(pack, "soa", "the SoA"), "the SoA");
}

TEST(ResolveDerived, ASpecsUsesNameRolesAndParametersElseTheOwner) {
  model::CompiledDocumentSpec spec;
  spec.builder = "internal-audits";
  spec.owner = "owner";
  spec.uses = {{"auditor", "auditor", "", "", {}}, {"cycle", "", "audit_cycle", "", {}}};
  EXPECT_EQ(derived::UsedRole(spec, "auditor"), "auditor");
  EXPECT_EQ(derived::UsedRole(spec, "cycle"), "owner");  // a use without a role
  EXPECT_EQ(derived::UsedRole(spec, "reviewer"), "owner");
  EXPECT_EQ(derived::UsedParameter(spec, "cycle"), "audit_cycle");
  EXPECT_EQ(derived::UsedParameter(spec, "auditor"), "");
  EXPECT_EQ(derived::UsedParameter(spec, "reviewer"), "");
}

TEST(ResolveDerived, ADerivedDocumentTakesItsSpecAndThePacksDocumentControl) {
  const model::ResolvedPack pack = SmallPack();
  model::CompiledDocumentSpec spec;
  spec.builder = "soa";
  spec.id = "statement-of-applicability";
  spec.title = "Statement of Applicability";
  spec.kind = "register";
  spec.owner = "owner";
  spec.serves = {"6.1.3"};
  const model::ResolvedDocument doc = derived::NewDocument(pack, spec, "Summary.");
  EXPECT_EQ(doc.id, "statement-of-applicability");
  EXPECT_EQ(doc.title, "Statement of Applicability");
  EXPECT_EQ(doc.kind, "register");
  EXPECT_EQ(doc.owner_title, "Policy Owner");
  EXPECT_EQ(doc.owner_names, "Ann (Director)");
  EXPECT_EQ(doc.serves, std::vector<std::string>{"6.1.3"});
  EXPECT_EQ(doc.summary, "Summary.");
  EXPECT_EQ(doc.approver, "Ann (Director)");
  EXPECT_EQ(doc.version, "1.0");
  EXPECT_TRUE(doc.draft);
  EXPECT_EQ(doc.classification, "Internal");
  // One of several documents of a spec takes the id and title it is given.
  const model::ResolvedDocument module = derived::NewDocument(pack, spec, "", "training-staff", "Staff");
  EXPECT_EQ(module.id, "training-staff");
  EXPECT_EQ(module.title, "Staff");
}

TEST(ResolveDerived, ABuilderWithoutALayoutIsReportedAndMakesNoDocument) {
  const model::ResolvedPack pack = SmallPack();
  model::CompiledDocumentSpec spec;
  spec.builder = "soa";
  spec.id = "statement-of-applicability";
  spec.loc = base::SourceLoc{"lib/compiled-documents.xml", 3, 0};
  base::DiagnosticSink sink;
  EXPECT_FALSE(derived::FromTemplate(pack, spec, derived::BaseView(pack), sink));
  EXPECT_EQ(testing::Formatted(sink),
            "lib/compiled-documents.xml:3: error: builder 'soa' has no layout; add templates/compiled/soa.xml "
            "[resolve.template-name]\n");
}

}  // namespace
}  // namespace policyc::resolve
