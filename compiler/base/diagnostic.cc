#include "base/diagnostic.h"

#include <cassert>

#include "base/strings.h"

namespace policyc::base {

std::string SourceLoc::ToString() const {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

const std::vector<DiagKindInfo>& AllDiagKinds() {
  using enum DiagKind;
  constexpr Severity E = Severity::kError;
  constexpr Severity W = Severity::kWarning;
  constexpr Category kUsageError = Category::kUsage;
  constexpr Category kEnvironment = Category::kEnvironment;
  static const std::vector<DiagKindInfo> kTable = {
      {kIoError, "load.io-error", E, "a source file or folder cannot be read"},
      {kFileTooLarge, "load.file-too-large", E, "a source file is larger than the size limit"},
      {kMalformedXml, "load.malformed-xml", E, "a source file is not well-formed XML"},
      {kForbiddenDtd, "load.forbidden-dtd", E, "a source file declares a DOCTYPE or entities, which policyc refuses"},
      {kTooDeep, "load.too-deep", E, "a source file nests elements deeper than the limit"},
      {kSchemaViolation, "load.schema-violation", E, "a source file does not match its XSD schema"},
      {kUnknownRoot, "load.unknown-root", E, "a library file's root element is not a known source kind"},
      {kDuplicateId, "load.duplicate-id", E, "two definitions share one id"},
      {kDeprecated, "load.deprecated", W, "a source uses an attribute policyc no longer reads; the message says what replaced it"},
      {kLibraryTwice, "load.library-twice", Severity::kNote, "a library folder is named twice (-L and the profile's <libraries>, or twice in one list); it is loaded once"},
      {kControlCharacter, "load.control-character", E, "an attribute of a source holds a control character (a line break, tab or other, written as a character reference such as `&#13;`)"},
      {kUnknownFact, "resolve.unknown-fact", E, "a fact is not declared by any library"},
      {kUnknownParameter, "resolve.unknown-parameter", E, "a parameter is not declared by any library"},
      {kBadValue, "resolve.bad-value", E, "a fact or parameter value does not have the declared type, or a branding value (logo, font) is not one policyc can use"},
      {kOutOfRange, "resolve.out-of-range", E, "a value lies outside the declared min and max"},
      {kMissingValue, "resolve.missing-value", E, "a parameter without a default is not set by the profile"},
      {kBadCondition, "resolve.bad-condition", E, "a condition is not a valid expression or mixes types"},
      {kUnknownVariable, "resolve.unknown-variable", E, "text uses a {{variable}} that does not exist"},
      {kBadImage, "resolve.bad-image", E, "text shows a picture that is not one policyc draws for the pack (`policyc-image:NAME`): a file path, a web address or any other target, which would put a file of the machine or a download into the DOCX and PDF"},
      {kDanglingReference, "resolve.dangling-reference", E, "a cross-reference names a document, section or statement that does not exist"},
      {kUnknownRole, "resolve.unknown-role", E, "a role id is not in the role catalogue"},
      {kUnheldRole, "resolve.unheld-role", E, "a role is given duties but nobody in the profile holds it"},
      {kRoleCapacity, "resolve.role-capacity", E, "a statement's approves or informed names a role that is not among its roles after the acting one"},
      {kUnknownBuilder, "resolve.unknown-builder", E, "compiled-documents.xml names a builder policyc does not have"},
      {kTemplateName, "resolve.template-name", E, "a compiled document's template uses a name its builder's view does not have, or mustache it cannot read"},
      {kUnknownPerson, "resolve.unknown-person", E, "a person id is not in the profile's people"},
      {kSegregationConflict, "resolve.segregation-conflict", W, "one person holds two roles that must be segregated (A.5.3)"},
      {kOverrideTargetMissing, "resolve.override-target-missing", E, "an override targets a document, section or statement that does not exist"},
      {kOverrideConflict, "resolve.override-conflict", E, "two overrides change the same target in conflicting ways"},
      {kOverrideShadowed, "resolve.override-shadowed", Severity::kNote, "a later layer replaces or removes what an earlier layer's override had already replaced or added; the later layer wins", true},
      {kOverrideIdMismatch, "resolve.override-id-mismatch", E, "a replacement does not keep the id of what it replaces"},
      {kUnknownControl, "resolve.unknown-control", E, "an Annex A control id is not in the catalogue"},
      {kUnknownClause, "resolve.unknown-clause", E, "a clause number is not in the catalogue"},
      {kReservedId, "resolve.reserved-id", E, "a document takes an id the pack keeps for a page of its own (index) or for a document policyc compiles, so one output would replace the other"},
      {kDuplicateSoaDecision, "resolve.duplicate-soa-decision", E, "the profile decides the same control twice in the SoA"},
      {kUncoveredControl, "resolve.uncovered-control", E, "an applicable Annex A control is implemented by no included statement and not excluded"},
      {kUncoveredClause, "resolve.uncovered-clause", E, "a clause of ISO/IEC 27001 is addressed by no included statement or document"},
      {kExcludedControlImplemented, "resolve.excluded-control-implemented", W, "the SoA excludes a control that included statements implement"},
      {kStatusWithoutDate, "resolve.status-without-date", E, "a planned or partial control has no target date"},
      {kStatusMissing, "resolve.status-missing", W, "an applicable control has no implementation status in the profile's <soa> (6.1.3 d)"},
      {kUnjustifiedControl, "resolve.unjustified-control", W, "an applicable control has no reason in the SoA: no risk relies on it, no legal register entry or requirement calls for it, and the profile gives none"},
      {kRequirementExcludedControl, "resolve.requirement-excluded-control", E, "a requirement of the profile calls for a control the SoA excludes"},
      {kCertification, "resolve.certification", W, "the profile's <certification> is incomplete, dated after the as-of date or expired"},
      {kOrganisation, "resolve.organisation", W, "the profile's <organisation> does not fit its legal form: a company without a company number, a CIO with one, a charity form outside the charity sector"},
      {kOwnerNotOnePerson, "resolve.owner-not-one-person", W, "a risk, treatment or asset owner is a role held by several people (or by nobody), not one named person"},
      {kRiskAcceptor, "resolve.risk-acceptor", E, "a risk was accepted by someone who is neither its owner nor top management"},
      {kRiskAcceptedLater, "resolve.risk-accepted-later", W, "a risk acceptance is dated after the pack's as-of date, or has no date"},
      {kRiskUntreated, "resolve.risk-untreated", E, "a risk above appetite has no treatment and no recorded acceptance"},
      {kRiskExcludedControl, "resolve.risk-excluded-control", E, "a risk treatment relies on a control the SoA excludes"},
      {kRiskResidualNotAccepted, "resolve.risk-residual-not-accepted", E, "a residual risk above appetite has not been accepted by its owner"},
      {kRiskOverdue, "resolve.risk-treatment-overdue", W, "a risk treatment's due date is before the pack's as-of date"},
      {kCorrectiveActionOverdue, "resolve.corrective-action-overdue", W, "an open corrective action's due date is before the pack's as-of date"},
      {kObjectiveOverdue, "resolve.objective-overdue", W, "an objective's due date has passed and it is not marked achieved or missed"},
      {kProcessingRole, "resolve.processing-role", E, "a processing activity of the profile's data-protection does not fit the organisation's data protection role, or a processor activity gives no controller or a bad deadline"},
      {kUnknownContactKind, "resolve.unknown-contact-kind", E, "an external contact's kind is not one the library declares"},
      {kMissingContact, "resolve.missing-contact", W, "the facts make an external contact necessary (the ICO, a regulator, the acquiring bank, the controllers to notify, ...) but the profile lists none"},
      {kNoDeputy, "resolve.no-deputy", W, "a role the escalation tree calls first has a single holder and nobody deputises for it"},
      {kSectionReviewDate, "resolve.section-review-date", E, "a document dates the review of some of its top-level sections but not all, or a dated section does not show its date"},
      {kSectionReviewOverdue, "resolve.section-review-overdue", W, "a dated section of an included document was last reviewed more than its document's review cycle before the pack's as-of date"},
      {kUnknownFramework, "resolve.unknown-framework", E, "the profile's <frameworks> or a statement's frameworks= names a framework catalogue, requirement, level or use the library does not have"},
      {kFrameworkSuggested, "resolve.framework-suggested", Severity::kNote, "the profile lists no <frameworks>, so the pack answers a framework the library suggests for its facts (an NHS supplier the DSPT, a public sector supplier Cyber Essentials); an empty <frameworks/> chooses none"},
      {kFrameworkUncovered, "resolve.framework-uncovered", W, "a requirement of a chosen framework is met by no statement of the pack, and its catalogue gives no gap or missing statement to explain why"},
      {kFrameworkGap, "resolve.framework-gap", Severity::kNote, "a requirement of a chosen framework is met by no statement of the pack, and its catalogue says why (a part only the client can meet, or a statement the library lacks); its compliance matrix lists it as a gap"},
      {kFrameworkContradiction, "resolve.framework-contradiction", E, "a parameter's value (the profile's, or the library's default) breaks a hard limit of a chosen framework, e.g. a patch window longer than Cyber Essentials' 14 days"},
      {kTextTooLarge, "resolve.text-too-large", E, "the pack's text grows past its size limit as variables are filled in (a variable naming many people or items, used many times)"},
      {kDraftDocument, "release.draft", W, "a document changed since its last release, or was never released, so it is marked DRAFT; run 'policyc release'"},
      {kReviewOverdue, "release.review-overdue", W, "a document's next review date (its approval date plus its review cycle) is before the pack's as-of date"},
      {kBadReleaseRecord, "release.bad-record", E, "the release record is inconsistent: another profile's, versions or dates out of order, or a date before the last release"},
      {kBadPack, "diff.bad-pack", E, "a pack.json given to diff cannot be read: not JSON, nested deeper than a pack can be, a field not of its type (an id, a date, a version, a text), a document id twice, or a format_version this policyc does not know"},
      {kBadRevision, "diff.bad-revision", E, "a --rev revision, or the profile at that revision, cannot be read with git"},
      {kImportTooLarge, "import.too-large", E, "a file given to import is larger than any DOCX of a pack, on disk or once unzipped (a zip bomb); it is not read", false, kUsageError},
      {kImportBadDocx, "import.bad-docx", E, "a file given to import cannot be read as a DOCX: missing, not a zip, or its document part damaged", false, kUsageError},
      {kImportNoAnchors, "import.no-anchors", E, "a DOCX given to import has none of the anchors policyc puts around statements (retyped by hand, or made by another tool), so its edits cannot be traced", false, kUsageError},
      {kImportOtherProfile, "import.other-profile", E, "a DOCX given to import was built for another profile, or is of a document this profile's pack no longer has", false, kUsageError},
      {kImportConflict, "import.conflict", W, "the client changed an item whose text the library or profile has also changed since the DOCX was built; the three texts are shown and nothing is applied for it"},
      {kImportNotImportable, "import.not-importable", W, "the client edited a part of the DOCX that policyc compiles (a table, the SoA, a register, document control, a section's introduction); the message names the source to change instead"},
      {kImportBadValue, "import.bad-value", W, "the client's edit changes a parameter to a value its declaration refuses (type or limits); nothing is applied for it"},
      {kImportConfirmAdded, "import.confirm-added", W, "the client added text between statements; it becomes a new statement whose controls and roles are copied from the one before it, for the consultant to confirm"},
      {kImportVariablesLost, "import.variables-lost", W, "a statement's source text cannot be lined up with its text in the DOCX, so its override keeps no {{variables}}: their values are written out"},
      {kTooManyDiagnostics, "base.too-many", Severity::kNote, "further diagnostics of one code were suppressed", false, kEnvironment},
      {kVagueWording, "lint.vague-wording", W, "a statement uses wording an auditor cannot check (\"appropriate\", \"regularly\" without a parameter)"},
      {kSpelling, "lint.spelling", W, "a word is not UK English, or is in neither the dictionary nor a word list (each library's wordlist.txt and the profile folder's); the message names the list nearest the text"},
      {kUnusedDeclaration, "lint.unused-declaration", W, "a fact or parameter is declared but no text or condition uses it"},
      {kDuplicateStatement, "lint.duplicate-statement", W, "two statements say the same thing"},
      {kMissingEvidence, "lint.missing-evidence", W, "a statement gives no evidence an auditor could check"},
      {kMissingRole, "lint.missing-role", W, "a statement gives its duty to no role"},
      {kMissingControl, "lint.missing-control", W, "a statement names neither an Annex A control nor a clause"},
      {kCountOfOne, "lint.count-of-one", W, "text gives a count of one as generated text does (\"every 1 month\", \"1 days\")"},
      {kDoubledWord, "lint.doubled-word", W, "a word follows a value that already ends in it: a parameter's unit (\"{{param.n}} records\"), the organisation's name (\"{{org.name}} systems\" for Acme Systems) or the same word"},
      {kNamePossessive, "lint.name-possessive", W, "text forms the possessive of a name variable, which reads wrongly for a name that ends in s (\"{{org.name}}'s\")"},
      {kCompanyWords, "lint.company-words", W, "text calls what belongs to the organisation a company's (\"company devices\"), which is untrue of a charity, a public body or a partnership"},
      {kMetricWithoutPeriod, "lint.metric-without-period", W, "a metric target does not say over what period it is measured"},
      {kTrainingNotARule, "lint.training-not-a-rule", W, "a training hint is a topic heading (\"How to label an email\") rather than a rule with a verb of obligation that a learner acts on"},
      {kTrainingRoute, "lint.training-route", W, "two training hints send the learner in the same situation to different roles, or a hint names a situation without the role it goes to"},
      {kUsage, "cli.usage", E, "the command line cannot be run as given: an unknown option, a missing or malformed argument, two options that exclude each other", false, kUsageError},
      {kNoData, "cli.no-data", E, "the data folder (schemas/, policies/, templates/) cannot be found; point --data or POLICYC_DATA at it", false, kEnvironment},
      {kWouldOverwrite, "cli.would-overwrite", E, "a command that only creates files (init) found one already there, or a link at its name, and left it alone", false, kUsageError},
      {kTemplateError, "render.template-error", E, "a template under templates/ is not valid mustache, or uses a name its view does not have"},
      {kToolMissing, "emit.tool-missing", E, "an external program needed for a format is not installed", false, kEnvironment},
      {kToolFailed, "emit.tool-failed", E, "an external program failed or timed out", false, kEnvironment},
      {kOutputError, "emit.output-error", E, "the pack cannot be written", false, kEnvironment},
      {kInternalError, "emit.internal-error", E, "policyc would have written an output it cannot stand behind (e.g. two ids of one document with the same Word bookmark name); a fault of policyc, not of the sources: please report it", false, kEnvironment},
  };
  return kTable;
}

const DiagKindInfo& Info(DiagKind kind) {
  const auto& table = AllDiagKinds();
  const auto index = static_cast<size_t>(kind);
  assert(index < table.size() && table[index].kind == kind);
  return table[index];
}

namespace {
std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::string Prefix(const SourceLoc& loc) {
  return loc.known() ? TerminalSafe(loc.ToString()) + ": " : std::string("policyc: ");
}
}  // namespace

std::string FormatDiagnostic(const Diagnostic& d) {
  // Messages quote sources, packs and tools' output; none of that may
  // steer the terminal the diagnostics are printed on.
  std::string out = Prefix(d.loc);
  out += SeverityName(d.severity);
  out += ": ";
  out += TerminalSafe(d.message);
  out += " [";
  out += Info(d.kind).code;
  out += "]\n";
  for (const Note& note : d.notes) {
    out += Prefix(note.loc) + "note: " + TerminalSafe(note.message) + "\n";
  }
  return out;
}

Diagnostic& DiagnosticSink::Report(DiagKind kind, SourceLoc loc, std::string message) {
  Severity severity = Info(kind).severity;
  if (werror_ && severity == Severity::kWarning) severity = Severity::kError;
  static Diagnostic dropped;
  if (!keep_details_ && Info(kind).detail) {
    last_dropped_ = true;
    dropped = Diagnostic{kind, severity, {}, {}, {}};
    return dropped;
  }
  int& count = counts_[kind];
  ++count;
  if (count > cap_per_code_) {
    // Counted, not stored: a cascade of one mistake should not bury the rest.
    ++suppressed_[kind];
    last_dropped_ = true;
    dropped = Diagnostic{kind, severity, {}, {}, {}};
    if (severity == Severity::kError) ++suppressed_errors_;
    if (severity == Severity::kWarning) ++suppressed_warnings_;
    return dropped;
  }
  last_dropped_ = false;
  diagnostics_.push_back(Diagnostic{kind, severity, std::move(loc), std::move(message), {}});
  return diagnostics_.back();
}

void DiagnosticSink::AddNote(SourceLoc loc, std::string message) {
  if (last_dropped_ || diagnostics_.empty()) return;
  diagnostics_.back().notes.push_back(Note{std::move(loc), std::move(message)});
}

bool DiagnosticSink::HasErrors() const { return error_count() > 0; }

bool DiagnosticSink::HasSourceErrors() const {
  // The first repeats of a code are always kept, so an error suppressed
  // later has a kept one of its kind.
  for (const Diagnostic& d : diagnostics_) {
    if (d.severity == Severity::kError && Info(d.kind).category == Category::kSource) return true;
  }
  return false;
}

int DiagnosticSink::error_count() const {
  int n = suppressed_errors_;
  for (const Diagnostic& d : diagnostics_) n += d.severity == Severity::kError;
  return n;
}

int DiagnosticSink::warning_count() const {
  int n = 0;
  for (const Diagnostic& d : diagnostics_) n += d.severity == Severity::kWarning;
  return n + suppressed_warnings_;
}

void DiagnosticSink::RenameFiles(size_t first, const std::function<std::string(const std::string&)>& name) {
  for (size_t i = first; i < diagnostics_.size(); ++i) {
    diagnostics_[i].loc.file = name(diagnostics_[i].loc.file);
    for (Note& note : diagnostics_[i].notes) note.loc.file = name(note.loc.file);
  }
}

void DiagnosticSink::Finish() {
  for (const auto& [kind, count] : suppressed_) {
    diagnostics_.push_back(Diagnostic{
        DiagKind::kTooManyDiagnostics, Severity::kNote, {},
        std::to_string(count) + " more " + std::string(Info(kind).code) +
            " diagnostics not shown",
        {}});
  }
  suppressed_.clear();
}

}  // namespace policyc::base
