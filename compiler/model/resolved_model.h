#ifndef POLICYC_MODEL_RESOLVED_MODEL_H_
#define POLICYC_MODEL_RESOLVED_MODEL_H_

#include <map>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "model/source_model.h"
#include "model/value.h"

/// The resolved model: one organisation's document set after layering,
/// conditions, parameter binding, reference and role resolution. Everything
/// a renderer, pack.json or the diff needs, and nothing they must compute
/// again. Text is Markdown whose variables are already substituted;
/// cross-references are Markdown links whose target is "policyc:DOC#ID"
/// (see render/links.h), so each format decides how a link looks.
namespace policyc::model {

/// Where the text of a statement or section that won came from: the layer
/// (model::Library::name, or kProfileLayer) and the file inside the layer's
/// folder ("policies/documents/access-control-policy.xml", "profile.xml"),
/// never a path of this machine. Empty for what a compiled document makes.
struct Provenance {
  std::string layer;
  std::string file;
  int line = 0;

  bool known() const { return !layer.empty(); }
};

struct ResolvedStatement {
  std::string id;
  std::string number;  ///< "3.2"
  std::string text;    ///< Markdown, variables substituted
  std::string evidence;
  std::string training;
  std::vector<std::string> training_audience;
  std::string training_objective;  ///< variables substituted, or ""
  /// The quiz question on the hint, variables substituted.
  struct Quiz {
    std::string question;
    std::string answer;
    std::vector<std::string> wrong;
  };
  std::optional<Quiz> quiz;
  std::vector<std::string> controls;
  std::vector<std::string> clauses;
  std::vector<std::string> frameworks;  ///< requirements it meets directly: "cyber-essentials:UAC-04"
  /// The roles named, the acting one first: the statement is a duty of
  /// roles[0] only. The others are consulted, approve or are informed.
  std::vector<std::string> roles;
  std::vector<std::string> approves;
  std::vector<std::string> informed;
  /// The {{...}} variables the source text uses ("param.x", "role.ciso", …)
  /// and a hash of the source text itself: the diff tells a reworded
  /// obligation from a changed value or an editorial change with them.
  std::vector<std::string> variables;
  std::string source_hash;
  Provenance provenance;
  SourceLoc loc;
};

/// A column of a table: its header and its share of the table's width.
struct TableColumn {
  std::string header;  ///< plain text, not Markdown: writers print it as it is
  /// Relative width: a column of weight 2 gets twice the room of one of
  /// weight 1, once every column has the room its header's longest word
  /// needs (the writers decide the absolute widths from the page).
  double weight = 1;
  /// Document control (a version, an approval date), not content: left
  /// out of content hashes, so that releasing other documents does not
  /// change this one.
  bool control = false;
};

/// A table of a compiled document, as structure (Pandoc's Table block is
/// the model): every writer lays it out itself, and no later stage parses
/// text back into rows. Cells are Markdown (lists stay lists); variables
/// are already substituted.
struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<std::string>> rows;  ///< each row one cell per column
  /// The column whose text identifies a row (the diff pairs rows by it).
  size_t key = 0;
  /// Laid out on landscape pages in DOCX and PDF: too many columns to read
  /// on a portrait page.
  bool landscape = false;
};

/// A table as plain text: the header cells, then each row, cells separated
/// by " | ", one line each; document-control columns left out. What content
/// hashes take of a table.
std::string TableText(const Table& table);

/// The version of pack.json's format, written by render and checked by the
/// diff's reader. 3: section tables are structure ("tables"), not Markdown.
inline constexpr int kPackFormatVersion = 3;

/// A statement or section a condition left out of a document.
struct ExcludedItem {
  std::string id;         ///< the statement's or section's id
  std::string condition;  ///< the condition that is false ("" when an enclosing one)
};

struct ResolvedSection;
using ResolvedItem = std::variant<ResolvedStatement, ResolvedSection>;

struct ResolvedSection {
  std::string id;
  std::string number;  ///< "3", "3.4"
  std::string title;   ///< plain text, not Markdown
  std::string intro;
  /// As for statements: the {{...}} variables the introduction's source uses
  /// and a hash of that source ("" when it has none).
  std::vector<std::string> variables;
  std::string source_hash;
  /// Tables after the introduction (compiled documents; none in the library's).
  std::vector<Table> tables;
  /// Document control of other documents (e.g. the withdrawn documents in
  /// the register), not content: the section is left out of content hashes
  /// and the diff.
  bool control = false;
  std::vector<ResolvedItem> items;
  Provenance provenance;
  SourceLoc loc;
};

struct RevisionEntry {
  std::string version;
  std::string date;
  std::string author;
  std::string summary;
};

/// The review cycle of a document when neither it nor the profile's
/// policy_review_interval parameter sets one.
inline constexpr int kDefaultReviewMonths = 12;

struct ResolvedDocument {
  std::string id;
  std::string kind;
  std::string title;
  std::string owner_role;
  std::string owner_title;
  std::string owner_names;  ///< the people who hold the owner role
  std::string approver;     ///< name and job title
  /// The approved version; a draft's is the version a release would give it
  /// as it stands ("2.0" for a draft of 1.3 whose obligations changed).
  std::string version;
  std::string approval_date;  ///< "" for a draft: it is not approved
  std::string next_review;    ///< "" for a draft: reviews count from approval
  /// A draft's last approved version and its date ("" when never approved)
  /// and what changed since, for its document control and revision history.
  std::string approved_version, approved_date, pending_summary;
  std::string classification;
  std::vector<std::string> clauses;
  std::vector<std::string> serves;
  std::string summary;
  std::vector<ResolvedSection> sections;
  std::vector<RevisionEntry> revisions;
  std::vector<std::string> controls;  ///< implemented by included statements, sorted
  std::vector<ExcludedItem> excluded;  ///< statements conditions left out, in source order
  int review_months = kDefaultReviewMonths;  ///< the review cycle: next review = approval date + this
  /// Changed since its last release, or never released: marked DRAFT.
  bool draft = false;
  bool slides = false;  ///< also made as a PPTX deck (training modules)
  bool derived = false;  ///< compiled from the rest of the pack (SoA, registers, training …)
  SourceLoc loc;
};

/// Document control as a reader sees it, the same in every format and in
/// the register: "2.0 draft" for a draft, "2.0" when approved.
std::string VersionLabel(const ResolvedDocument& doc);
/// "IT Manager — Callum Reid": the owner role and the people who hold it.
std::string OwnerLabel(const ResolvedDocument& doc);
/// A draft's line naming the last approved version, or that there is none;
/// "" for an approved document.
std::string LastApprovedLabel(const ResolvedDocument& doc);
/// One line for a title page: "Version 2.0, approved 2026-12-06", or for
/// a draft "Version 2.0 draft, not yet approved (version 1.3 approved …)".
std::string ApprovalLine(const ResolvedDocument& doc);

struct ResolvedValue {
  std::string id;
  ValueType type = ValueType::kString;
  Value value;
  std::string unit;
  std::string description;
  bool from_profile = false;
};

struct ResolvedRole {
  std::string id;
  std::string title;
  bool everyone = false;
  std::string purpose;
  std::string reports_to;  ///< role id, or ""
  std::vector<std::string> authorities;
  std::vector<std::string> competences;
  std::vector<std::string> holders;  ///< person ids
  std::vector<std::string> duties;   ///< "DOC#STATEMENT" it acts in (first of roles), in document order
};

/// Why an applicable control is in the SoA: the organisation's own reason,
/// the risks that rely on it, the legal register entries and the
/// requirements of interested parties that call for it.
struct SoaReasons {
  std::string stated;  ///< the profile's <status reason>, or ""
  std::vector<std::pair<std::string, std::string>> risks;  ///< risk id, title
  std::vector<std::string> legal;  ///< titles of legal register sections in the pack
  std::vector<std::pair<std::string, std::string>> requirements;  ///< kind, title
  std::vector<std::pair<std::string, std::string>> clauses;  ///< clause id, title (the catalogue's supports)

  bool empty() const {
    return stated.empty() && risks.empty() && legal.empty() && requirements.empty() && clauses.empty();
  }
};

struct SoaRow {
  std::string control;
  std::string title;
  std::string theme;
  bool applicable = true;
  /// The exclusion's reason, or the inclusion's reasons in a sentence or
  /// two ("" when there are none, which check reports).
  std::string justification;
  SoaReasons reasons;  ///< applicable controls only
  std::string status;  ///< implemented, partial, planned, not-implemented, or "" when not stated
  std::string status_date;
  std::vector<std::string> implemented_by;  ///< "DOC#STATEMENT"
  std::string owner;  ///< role id: the owner of the first document implementing it
};

/// A requirement of a framework as one pack meets it.
struct ResolvedRequirement {
  std::string id;
  std::string title;
  std::string group;  ///< the innermost group's id
  /// The Annex A controls it maps to, in the catalogue's order: the SoA's
  /// crosswalk columns read them.
  std::vector<std::string> controls;
  /// "DOC#STATEMENT" of the pack's statements that meet it, in three tiers:
  /// those the catalogue or a statement names directly; those through a
  /// control or clause that meets it in whole or in part (equivalent,
  /// subset, superset); those through a related one. Each tier in the
  /// order of the mappings and of the pack.
  std::vector<std::string> statements;
  /// The first `primary` of `statements` meet it most directly: the first
  /// tier that has any. The compliance matrix shows them and their evidence.
  size_t primary = 0;
  /// What it maps to in ISO/IEC 27001 terms, for a reader: "A.8.8
  /// (related)", "9.2 (subset)" (statements aside).
  std::vector<std::string> maps_to;
  std::string gap;               ///< the part only the client can meet, or ""
  std::string statement_needed;  ///< the statement the library lacks, or ""
  SourceLoc loc;

  bool covered() const { return !statements.empty(); }
};

/// A framework the pack answers besides ISO/IEC 27001, with each of its
/// requirements as the pack meets it.
struct ResolvedFramework {
  std::string id;
  /// How the pack names it: the level's or use's title when chosen so
  /// ("Cyber Essentials Plus"), else the catalogue's short title.
  std::string title;
  std::string catalogue_title;  ///< the catalogue's full title
  std::string version;
  std::string publisher;
  std::string licence;
  std::string source;
  std::string attribution;
  std::string level;  ///< as chosen, or ""
  std::string as;     ///< as chosen, or ""
  std::string variant_text;  ///< what the level or use means, or ""
  /// Why it was chosen when the profile lists no frameworks (the library's
  /// suggestion), or "" when the profile chose it.
  std::string suggested_because;
  std::vector<FrameworkGroup> groups;
  std::vector<MappingSource> mapping_sources;
  std::vector<ResolvedRequirement> requirements;
};

/// A risk with its ratings worked out (likelihood × impact, 1-25).
struct ResolvedRisk {
  Risk risk;
  std::string asset_name;
  int inherent = 0;
  int residual = 0;  ///< 0 when no residual rating was given
  std::string inherent_band;
  std::string residual_band;
  bool overdue = false;
};

struct ResolvedSegregation {
  std::string first_role;
  std::string second_role;
  std::string reason;
  std::vector<std::string> conflicts;  ///< person ids holding both
};

/// A document of an earlier release that is no longer part of the pack: kept
/// on record as obsolete documented information (7.5.3).
struct WithdrawnDocument {
  std::string id;
  std::string title;
  std::string version;  ///< its last approved version
  std::string date;     ///< when a release recorded it gone
};

/// The pack's own page, index.html, as a document id would name it: no
/// document may take this id, or its page would replace the index.
inline constexpr std::string_view kIndexPageId = "index";

struct ResolvedPack {
  std::string profile_id;
  std::string as_of;
  std::string approver;  ///< person id: the profile's <document-control approver>
  Organisation organisation;
  std::string scope;  ///< Markdown
  std::vector<Site> sites;
  std::optional<Certification> certification;
  std::vector<Requirement> requirements;
  Branding branding;
  std::vector<ResolvedDocument> documents;
  std::vector<ExcludedItem> excluded_documents;  ///< documents whose condition is false
  std::vector<WithdrawnDocument> withdrawn;  ///< from the release record
  std::vector<ResolvedValue> facts;
  std::vector<ResolvedValue> parameters;
  std::vector<Person> people;
  std::vector<ProcessingActivity> processing;  ///< from the profile's <data-protection>
  std::vector<ExternalContact> contacts;       ///< from the profile's <contacts>
  std::vector<ResolvedRole> roles;
  std::vector<SoaRow> soa;
  /// The frameworks the profile chose (or the library suggested), in the
  /// profile's order.
  std::vector<ResolvedFramework> frameworks;
  /// Every framework catalogue of the library, chosen or not (list coverage
  /// reads any of them against the pack).
  std::vector<Framework> framework_catalogues;
  std::vector<ResolvedSegregation> segregations;
  std::vector<Asset> assets;
  std::vector<ResolvedRisk> risks;
  std::vector<Objective> objectives;
  std::vector<Nonconformity> nonconformities;
  int risk_appetite = 9;  ///< ratings above this need treatment or acceptance
  /// Pictures documents refer to as "policyc-image:NAME" (SVG text by name).
  std::map<std::string, std::string> images;
  /// The Annex A themes (organisational, people, …) in catalogue order.
  std::vector<Theme> themes;
  /// The compiled documents and the library knowledge they draw on.
  CompiledCatalogue compiled;
  /// Every clause of the catalogue, in order: id → short title.
  std::vector<std::pair<std::string, std::string>> clauses;

  /// The person with this id, or null. Found through `person_index` when
  /// IndexPeople was called after `people` last changed (the resolver does),
  /// so that naming every holder of every role stays linear in the number of
  /// people; otherwise `people` is searched.
  const Person* FindPerson(std::string_view id) const;
  /// Indexes `people` by id for FindPerson.
  void IndexPeople();
  std::unordered_map<std::string, size_t> person_index;  ///< id → position in `people`
};

/// The one walker over a resolved document: renderers, pack.json and the
/// diff visit sections and statements through it instead of recursing
/// themselves.
class DocumentVisitor {
 public:
  virtual ~DocumentVisitor() = default;
  virtual void EnterSection(const ResolvedSection& section, int depth) {}
  virtual void LeaveSection(const ResolvedSection& section, int depth) {}
  virtual void VisitStatement(const ResolvedStatement& statement, int depth) {}
};

void WalkDocument(const ResolvedDocument& document, DocumentVisitor& visitor);

}  // namespace policyc::model

#endif  // POLICYC_MODEL_RESOLVED_MODEL_H_
