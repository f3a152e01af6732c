#include "base/diagnostic.h"

#include <gtest/gtest.h>

#include <set>

namespace policyc::base {
namespace {

TEST(BaseDiagnostic, TableIsInEnumOrderWithUniqueCodes) {
  std::set<std::string_view> codes;
  const auto& table = AllDiagKinds();
  for (size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(table[i].kind), i) << table[i].code;
    EXPECT_TRUE(codes.insert(table[i].code).second) << "duplicate code " << table[i].code;
    EXPECT_FALSE(table[i].summary.empty());
  }
}

TEST(BaseDiagnostic, FormatsGccStyleWithNotes) {
  DiagnosticSink sink;
  sink.Report(DiagKind::kUnknownParameter, SourceLoc{"a.xml", 42, 7},
              "unknown parameter 'x'; did you mean 'y'?");
  sink.AddNote(SourceLoc{"b.xml", 3, 0}, "declared here");
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(sink.diagnostics()[0]),
            "a.xml:42:7: error: unknown parameter 'x'; did you mean 'y'? "
            "[resolve.unknown-parameter]\n"
            "b.xml:3: note: declared here\n");
}

TEST(BaseDiagnostic, TerminalEscapesFromSourcesAndToolsArePrintedAsText) {
  DiagnosticSink sink;
  sink.Report(DiagKind::kToolFailed, SourceLoc{"pack\x1b[2J.json", 1, 0},
              "pandoc said: \x1b]0;owned\x07\nsecond line");
  sink.AddNote(SourceLoc{"b.xml", 3, 0}, "\xc2\x9b" "31mred");
  EXPECT_EQ(FormatDiagnostic(sink.diagnostics()[0]),
            "pack\\u001b[2J.json:1: error: pandoc said: \\u001b]0;owned\\u0007\nsecond line [emit.tool-failed]\n"
            "b.xml:3: note: \\u009b31mred\n");
}

TEST(BaseDiagnostic, WerrorTurnsWarningsIntoErrors) {
  DiagnosticSink sink;
  sink.Report(DiagKind::kSegregationConflict, SourceLoc{"p.xml", 1, 0}, "w");
  EXPECT_FALSE(sink.HasErrors());
  sink.SetWarningsAsErrors(true);
  sink.Report(DiagKind::kSegregationConflict, SourceLoc{"p.xml", 2, 0}, "w");
  EXPECT_TRUE(sink.HasErrors());
  EXPECT_EQ(sink.error_count(), 1);
  EXPECT_EQ(sink.warning_count(), 1);
}

TEST(BaseDiagnostic, CapsCascadesAndSummarisesThem) {
  DiagnosticSink sink(3);
  for (int i = 0; i < 10; ++i) {
    sink.Report(DiagKind::kUnknownRole, SourceLoc{"p.xml", i + 1, 0}, "r");
    sink.AddNote(SourceLoc{"q.xml", 1, 0}, "note");
  }
  EXPECT_EQ(sink.error_count(), 10);
  sink.Finish();
  ASSERT_EQ(sink.diagnostics().size(), 4u);
  EXPECT_EQ(FormatDiagnostic(sink.diagnostics()[3]),
            "policyc: note: 7 more resolve.unknown-role diagnostics not shown [base.too-many]\n");
  EXPECT_EQ(sink.diagnostics()[2].notes.size(), 1u);
}

TEST(BaseDiagnostic, DetailsAreDroppedUnlessKept) {
  DiagnosticSink quiet;  // drops them by default
  quiet.Report(DiagKind::kOverrideShadowed, SourceLoc{"p.xml", 1, 0}, "which layer won");
  quiet.AddNote(SourceLoc{"q.xml", 2, 0}, "the earlier change");
  quiet.Report(DiagKind::kLibraryTwice, SourceLoc{"p.xml", 3, 0}, "not a detail");
  quiet.Finish();
  ASSERT_EQ(quiet.diagnostics().size(), 1u);
  EXPECT_EQ(quiet.diagnostics()[0].kind, DiagKind::kLibraryTwice);
  EXPECT_TRUE(quiet.diagnostics()[0].notes.empty());

  DiagnosticSink verbose;
  verbose.SetKeepDetails(true);
  verbose.Report(DiagKind::kOverrideShadowed, SourceLoc{"p.xml", 1, 0}, "which layer won");
  ASSERT_EQ(verbose.diagnostics().size(), 1u);
  EXPECT_EQ(FormatDiagnostic(verbose.diagnostics()[0]), "p.xml:1: note: which layer won [resolve.override-shadowed]\n");
}

}  // namespace
}  // namespace policyc::base
