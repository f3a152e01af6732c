#ifndef POLICYC_MODEL_SOURCE_MODEL_H_
#define POLICYC_MODEL_SOURCE_MODEL_H_

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/source_loc.h"

/// The source model: plain value types holding what the XML sources say,
/// as written, each with the place it came from. No I/O and no checks
/// beyond what the schemas already guarantee.
namespace policyc::model {

/// The longest id the schemas allow (common.xsd, type Id; a test holds the
/// two together).
inline constexpr size_t kMaxIdLength = 80;

using base::SourceLoc;

/// Markdown with the place its first line came from, so that a problem in
/// the text (an unknown {{variable}}) can be reported at its own line.
struct Text {
  std::string markdown;  ///< dedented
  SourceLoc loc;         ///< line of the text's first line
  int first_line_indent = 0;  ///< columns removed by dedenting; -1 when unknown

  /// Where the character at `offset` of `markdown` is in the source.
  SourceLoc LocAt(size_t offset) const;
};

/// The one kind of picture text may show: one policyc draws for the pack
/// ("policyc-image:heat-map"). Any other target (a path, file:, http:,
/// data:) would let a source put a file of the building machine, or a
/// download, into the DOCX and PDF, so resolve reports it at its
/// line and the renderer shows any that reaches it as its words only.
inline constexpr std::string_view kImageScheme = "policyc-image:";
inline bool IsPackImage(std::string_view url) { return url.starts_with(kImageScheme); }

/// A fact or parameter declaration.
struct Declaration {
  std::string id;
  std::string type;  ///< as written; the resolver checks it (the XSD already did)
  std::optional<std::string> default_value;
  std::vector<std::string> default_items;
  std::string unit;
  std::optional<std::string> min;
  std::optional<std::string> max;
  std::vector<std::string> values;  ///< enum values
  std::string description;
  SourceLoc loc;
};

/// A quiz question on a training hint: a decision, its answer and the
/// plausible wrong answers.
struct Quiz {
  Text question;
  Text answer;
  std::vector<Text> wrong;
};

struct Statement {
  std::string id;
  Text text;
  std::optional<Text> evidence;
  std::optional<Text> training;
  std::vector<std::string> training_audience;
  /// The situation the hint routes and the role it routes it to, or "".
  std::string training_situation;
  std::string training_to;
  /// What the learner can do after the part that teaches this document, or "".
  std::string training_objective;
  std::optional<Quiz> quiz;
  std::vector<std::string> controls;
  std::vector<std::string> clauses;
  /// Framework requirements it meets directly: "cyber-essentials:UAC-04".
  std::vector<std::string> frameworks;
  /// The roles named, the acting (responsible) one first; the others are
  /// consulted unless they are in `approves` or `informed`.
  std::vector<std::string> roles;
  std::vector<std::string> approves;
  std::vector<std::string> informed;
  std::optional<std::string> condition;
  SourceLoc loc;
};

struct Section;
using SectionItem = std::variant<Statement, Section>;

struct Section {
  std::string id;
  std::string title;
  std::optional<std::string> condition;
  /// Controls the law, regulation or contract the section describes calls
  /// for; the SoA gives the section as a reason for each.
  std::vector<std::string> requires_controls;
  std::optional<Text> intro;
  std::string reviewed;  ///< YYYY-MM-DD the content was last checked against the law it describes, or ""

  std::vector<SectionItem> items;
  SourceLoc loc;
};

struct Document {
  std::string id;
  std::string kind;
  std::string title;
  std::string owner;  ///< role id
  std::vector<std::string> clauses;
  std::vector<std::string> serves;  ///< clauses and controls it is documented information for
  std::optional<int> review_months;  ///< else the policy_review_interval parameter
  std::optional<std::string> classification;
  std::optional<std::string> condition;
  Text summary;
  std::vector<Declaration> parameters;
  std::vector<Section> sections;
  SourceLoc loc;
};

struct Role {
  std::string id;
  std::string title;
  bool everyone = false;
  std::string reports_to;  ///< a role id, or "" at the top
  std::string purpose;
  std::vector<std::string> authorities;
  std::vector<std::string> competences;
  SourceLoc loc;
  std::string when;  ///< the condition under which an organisation needs it, or ""
};

struct Segregation {
  std::string first_role;
  std::string second_role;
  std::string reason;
  SourceLoc loc;
};

struct Override {
  enum class Op { kReplace, kRemove, kAdd };
  Op op = Op::kReplace;
  std::string target;  ///< DOC or DOC#ID (for add: the section)
  std::optional<std::string> after;
  std::string reason;
  std::vector<Statement> statements;  ///< replace (one) or add (one or more)
  std::optional<Document> document;   ///< replace of a whole document
  SourceLoc loc;
};

struct Clause {
  std::string id;
  std::string title;
  std::vector<Clause> children;
  SourceLoc loc;
};

struct Control {
  std::string id;  ///< A.5.1
  std::string title;
  std::string theme;  ///< organisational, people, physical, technological
  std::vector<std::string> types;
  std::vector<std::string> properties;
  std::vector<std::string> concepts;
  std::vector<std::string> capabilities;
  std::vector<std::string> domains;
  bool is_new = false;
  std::vector<std::string> supports;  ///< clauses that cannot be met without it
  SourceLoc loc;
};

struct Theme {
  std::string id;
  std::string number;
  std::string title;
};

/// A control of the 2013 edition and the 2022 controls it corresponds to.
struct Control2013 {
  std::string id;  ///< A.9.4.3
  std::string title;
  std::string domain_id;
  std::string domain_title;
  std::string objective_id;
  std::string objective_title;
  std::vector<std::string> maps_to;
  SourceLoc loc;
};

struct Catalogue {
  std::vector<Clause> clauses;
  std::vector<Theme> themes;
  std::vector<Control> controls;
  std::vector<Control2013> controls_2013;
};

/// A mapping from a framework requirement to what meets it in ISO/IEC
/// 27001 terms: an Annex A control, a clause or a library statement.
struct FrameworkMapping {
  enum class Target { kControl, kClause, kStatement };
  Target target = Target::kControl;
  std::string id;            ///< "A.8.8", "9.2" or "DOCUMENT#STATEMENT"
  std::string relationship;  ///< equivalent, subset, superset or related
  std::string source;        ///< the mapping source it came from
  SourceLoc loc;
};

/// A hard requirement with a number: the parameter must compare with the
/// value as stated, or the framework's requirement is not met.
struct FrameworkLimit {
  std::string parameter;
  std::string comparison;  ///< at-most, at-least or one-of
  std::string value;       ///< written as the parameter's values are
  std::string condition;   ///< "" when the limit always applies
  std::string text;        ///< where the number comes from
  SourceLoc loc;
};

/// One requirement, outcome or criterion of a framework.
struct FrameworkRequirement {
  std::string id;
  std::string title;
  std::string group;  ///< the id of the innermost group holding it
  std::vector<FrameworkMapping> mappings;
  /// Why nothing (or not all of it) is met: the statement the library
  /// still lacks, or the part only the client can meet; "" when neither.
  std::string statement_needed;
  std::string gap;
  std::string note;
  std::vector<FrameworkLimit> limits;
  SourceLoc loc;
};

/// A function, objective, principle or theme; groups nest.
struct FrameworkGroup {
  std::string id;
  std::string title;
  std::string parent;  ///< the enclosing group's id, or "" at the top
  SourceLoc loc;
};

/// Where a framework's mappings came from.
struct MappingSource {
  std::string id;
  std::string title;
  std::string publisher;
  std::string url;
  std::string licence;
  std::string retrieved;
  std::string text;
};

/// A level a profile may choose (Cyber Essentials Plus), or a scheme a
/// framework may be used as (the CAF as the NHS DSPT): id, the name of the
/// framework so chosen, and what it means.
struct FrameworkVariant {
  std::string id;
  std::string title;
  std::string text;
  SourceLoc loc;
};

/// When a profile lists no frameworks, the framework is chosen where
/// `when` holds for its facts.
struct FrameworkSuggestion {
  std::string when;
  std::string level;
  std::string as;
  std::string reason;
  SourceLoc loc;
};

/// A question of a readiness checklist and what answers it.
struct ReadinessQuestion {
  std::string id;
  std::string text;
  std::vector<std::string> requirements;  ///< of the framework: their statements support the answer
  std::string parameter;     ///< whose value answers it, or ""
  std::string fact;          ///< whose value answers it, or ""
  std::string organisation;  ///< the profile's detail that answers it (legal-name, ...), or ""
  bool client = false;       ///< only the client can answer it
  SourceLoc loc;
};

struct ReadinessTopic {
  std::string id;
  std::string title;
  std::vector<ReadinessQuestion> questions;
};

/// A readiness checklist in the style of a scheme's question set.
struct QuestionSet {
  std::string title;
  std::string based_on;
  std::vector<ReadinessTopic> topics;
  SourceLoc loc;
};

/// A framework catalogue (policies/frameworks/*.xml, schemas/framework.xsd).
struct Framework {
  std::string id;
  std::string title;
  std::string short_title;  ///< the title when the catalogue gives none
  std::string version;
  std::string published;
  std::string publisher;
  std::string licence;
  std::string source;
  std::string retrieved;
  std::string attribution;
  std::vector<MappingSource> mapping_sources;
  std::vector<FrameworkVariant> levels;
  std::vector<FrameworkVariant> uses;
  std::vector<FrameworkSuggestion> suggestions;
  std::vector<FrameworkGroup> groups;  ///< in document order, parents first
  std::vector<FrameworkRequirement> requirements;  ///< in document order
  std::optional<QuestionSet> question_set;
  SourceLoc loc;

  const FrameworkRequirement* Find(const std::string& requirement) const {
    for (const FrameworkRequirement& r : requirements) {
      if (r.id == requirement) return &r;
    }
    return nullptr;
  }
};

/// One library folder: the shipped library or a house library.
/// A role, parameter or document a compiled document's builder draws on.
struct CompiledUse {
  std::string name;  ///< what the builder calls it ("auditor", "cycle", …)
  std::string role;
  std::string parameter;
  std::string document;
  SourceLoc loc;
};

/// A document compiled from the rest of the pack (compiled-documents.xml):
/// which builder makes it, its document control, and what it draws on.
struct CompiledDocumentSpec {
  std::string builder;
  std::string id;
  std::string title;
  std::string kind;
  std::string owner;
  std::vector<std::string> serves;
  std::vector<CompiledUse> uses;
  SourceLoc loc;

  /// The use of this name, or nullptr.
  const CompiledUse* Use(const std::string& use_name) const {
    for (const CompiledUse& u : uses) {
      if (u.name == use_name) return &u;
    }
    return nullptr;
  }
};

/// A training audience: the roles whose hints its module teaches.
struct TrainingModuleSpec {
  std::string id;
  std::string title;     ///< "All Staff", as in the module's title
  std::string audience;  ///< how a sentence names the people it is for
  std::vector<std::string> roles;
  bool everyone = false;  ///< everyone takes it; it also takes hints with no audience
  SourceLoc loc;
};

/// The id of the document the training-modules builder (`modules`) makes
/// for one module: "training-all-staff".
inline std::string TrainingDocumentId(const CompiledDocumentSpec& modules, const TrainingModuleSpec& module) {
  return modules.id + "-" + module.id;
}

/// The roles whose holders are the incident response plan's contacts, and
/// the section (DOC#SECTION) their table goes into.
struct IncidentContactsSpec {
  std::string section;
  std::vector<std::string> roles;
  SourceLoc loc;
};

/// A kind of external contact the incident response plan may list (the
/// ICO, the cyber insurer, a charity regulator, ...), with how it is named.
struct ContactKindSpec {
  std::string id;
  std::string title;
  SourceLoc loc;
};

/// A rule that the profile lists a contact of one of `kinds` whenever the
/// condition `when` holds ("" for always).
struct ContactRequirement {
  std::vector<std::string> kinds;
  std::string when;
  std::string reason;  ///< why the contact is needed, for the warning
  SourceLoc loc;
};

/// The external contacts the incident response plan lists from the
/// profile: their kinds, which are necessary, and the section of their table.
struct ExternalContactsSpec {
  std::string section;
  std::vector<ContactKindSpec> kinds;
  std::vector<ContactRequirement> requirements;
  SourceLoc loc;

  const ContactKindSpec* Kind(const std::string& id) const {
    for (const ContactKindSpec& k : kinds) {
      if (k.id == id) return &k;
    }
    return nullptr;
  }
};

/// One step of the escalation tree: the holders (then the deputies) of
/// `roles`, or the profile's contacts of kind `contact`, called within the
/// parameter `deadline` (or at once).
struct EscalationCall {
  std::vector<std::string> roles;
  std::string contact;
  std::string within;  ///< duration parameter id, or "" (at once)
  std::string note;    ///< Markdown: when or why the call is made
  bool needs_deputy = false;  ///< warn when the role has one holder and no deputy
  SourceLoc loc;
};

/// The escalation tree of one severity, put as a table into `section`.
struct EscalationLevel {
  std::string section;
  std::vector<EscalationCall> calls;
  SourceLoc loc;
};

/// Where the profile's processing activities are tabled, and the
/// conditions (over facts) under which the organisation may act as
/// controller and as processor.
struct ProcessingActivitiesSpec {
  std::string section;
  std::string controller_when;
  std::string processor_when;
  std::string deadline;  ///< parameter id: the default notice to a controller
  SourceLoc loc;
};

/// A column of a compiled template's table: header, width weight and the
/// mustache of its cell.
struct TemplateColumn {
  std::string header;
  double weight = 1;
  std::string cell;
  std::string each;   ///< repeated for each item of this view list
  std::string cells;  ///< with `each`: the row's list holding its cells, in order
  bool control = false;  ///< document control, not content (see model::TableColumn)
};

struct TemplateTable {
  std::string rows;  ///< the view list with one item per row
  size_t key = 0;
  std::optional<bool> landscape;  ///< unset: from seven columns on
  std::string when;
  std::vector<TemplateColumn> columns;
  std::vector<std::vector<std::string>> fixed_rows;  ///< without `rows`: cells as mustache
  SourceLoc loc;
};

struct TemplateSection {
  std::string id;     ///< mustache
  std::string title;  ///< mustache
  std::string intro;  ///< mustache → Markdown
  std::string each;   ///< one section per item of this view list
  std::string when;   ///< only when this view value is true or a non-empty list
  bool control = false;  ///< document control, not content (see model::ResolvedSection)
  std::vector<TemplateTable> tables;
  std::vector<TemplateSection> sections;
  SourceLoc loc;
};

/// A compiled document's layout and wording (templates/compiled/*.xml),
/// laid over the view data of its builder.
struct CompiledTemplate {
  std::string builder;
  std::string summary;  ///< mustache → Markdown
  std::vector<TemplateSection> sections;
  SourceLoc loc;
};

/// What compiled-documents.xml files say, merged across layers.
struct CompiledCatalogue {
  std::vector<CompiledDocumentSpec> documents;
  std::vector<TrainingModuleSpec> training_modules;
  std::optional<IncidentContactsSpec> incident_contacts;
  std::optional<ExternalContactsSpec> external_contacts;
  std::vector<EscalationLevel> escalation;
  std::optional<ProcessingActivitiesSpec> processing_activities;
  /// The layouts, from the templates folder (not a library layer).
  std::vector<CompiledTemplate> templates;

  /// The template of this builder, or nullptr.
  const CompiledTemplate* Template(const std::string& builder) const {
    for (const CompiledTemplate& t : templates) {
      if (t.builder == builder) return &t;
    }
    return nullptr;
  }

  /// The spec of this builder, or nullptr when the library names none.
  const CompiledDocumentSpec* Find(const std::string& builder) const {
    for (const CompiledDocumentSpec& spec : documents) {
      if (spec.builder == builder) return &spec;
    }
    return nullptr;
  }
};

/// The names of the layers that are not a library folder's own: the
/// shipped library, and the profile's <overrides>.
inline constexpr const char* kShippedLayer = "policyc";
inline constexpr const char* kProfileLayer = "profile";

struct Library {
  std::string root;
  /// What diagnostics and pack.json call this layer: kShippedLayer for the
  /// shipped library, else its folder's name ("house-library").
  std::string name;
  CompiledCatalogue compiled;
  Catalogue catalogue;
  std::vector<Document> documents;
  std::vector<Role> roles;
  std::vector<Segregation> segregations;
  std::vector<Declaration> facts;
  std::vector<Declaration> parameters;
  std::vector<Override> overrides;
  std::vector<Framework> frameworks;
};

struct Person {
  std::string id;
  std::string name;
  std::string job_title;
  std::string email;
  std::string phone;
  std::vector<std::string> roles;
  std::vector<std::string> deputy_for;  ///< roles the person stands in for
  SourceLoc loc;
};

/// An organisation outside the ISMS that a responder may call: a
/// regulator, the police, the insurer, a supplier's support line (profile
/// <contacts>).
struct ExternalContact {
  std::string kind;  ///< one of the library's contact kinds
  std::string name;
  std::string phone;
  std::string email;
  std::string web;
  std::string reference;  ///< policy, contract or account number
  std::string notes;
  SourceLoc loc;
};

/// A processing of personal data and the organisation's role in it
/// (profile <data-protection>).
struct ProcessingActivity {
  std::string name;
  std::string role;         ///< controller, joint-controller or processor
  std::string controllers;  ///< processor: the controllers to notify, and how
  std::string notify_within;  ///< processor: the contract's notice deadline ("24 hours"), or ""
  SourceLoc loc;
};

struct Setting {
  std::string name;
  std::optional<std::string> value;
  std::vector<std::string> items;
  SourceLoc loc;
};

struct Site {
  std::string id;
  std::string name;
  std::string address;
  bool in_scope = true;
};

struct SoaExclusion {
  std::string control;
  std::string reason;
  SourceLoc loc;
};

struct SoaStatus {
  std::string control;
  std::string status;  ///< implemented, partial, planned, not-implemented
  std::string date;    ///< YYYY-MM-DD or empty
  std::string reason;  ///< the organisation's own reason for the control, or empty
  SourceLoc loc;
};

/// A requirement of an interested party (4.2) that calls for controls: a
/// contract clause, a funder's or insurer's condition, a scheme to hold.
struct Requirement {
  std::string id;
  std::string kind;  ///< contract, regulator, certification, insurer, other
  std::string title;
  std::vector<std::string> controls;
  SourceLoc loc;
};

/// A framework the profile's <frameworks> chooses.
struct FrameworkChoice {
  std::string id;
  std::string level;  ///< "" when not given
  std::string as;     ///< "" when not given
  SourceLoc loc;
};

/// The fact the profile's <certification status> sets, so that conditions
/// can follow it; a library that declares it lets its text do so.
inline constexpr const char* kCertificationFact = "certification";
/// The fact the profile's <organisation legal-form> sets.
inline constexpr const char* kLegalFormFact = "legal_form";

/// Whether a fact is set by the profile's own elements (<certification>,
/// <organisation legal-form>) rather than under <facts>.
inline bool SetByProfileElement(const std::string& fact) {
  return fact == kCertificationFact || fact == kLegalFormFact;
}

/// Where the ISMS stands with ISO/IEC 27001 certification.
struct Certification {
  std::string status;  ///< certified, working-towards, not-pursued
  std::string body;
  std::string certificate;
  std::string certified_on;
  std::string expires;
  std::string target;
  SourceLoc loc;
};

struct Asset {
  std::string id;
  std::string name;
  std::string owner;  ///< person id, or a role held by one person
  std::string classification;
  std::string location;
  int confidentiality = 1;
  int integrity = 1;
  int availability = 1;
  SourceLoc loc;
};

struct Risk {
  std::string id;
  std::string asset;
  std::string title;  ///< a few words; "" when not given (the threat stands in)
  std::string threat;
  std::string vulnerability;
  int likelihood = 1;
  int impact = 1;
  std::string owner;      ///< person id, or a role held by one person
  std::string treatment;  ///< modify, retain, avoid, share; "" while untreated
  std::string treatment_owner;  ///< as owner; "" when the risk owner
  std::vector<std::string> controls;
  std::string action;
  int residual_likelihood = 0;  ///< 0: not given
  int residual_impact = 0;
  std::string due;
  bool done = false;
  std::string accepted_by;  ///< person id
  std::string accepted_on;
  SourceLoc loc;
};

struct Objective {
  std::string id;
  std::string title;
  std::string measure;
  std::string target;
  std::string owner;  ///< role id
  std::string due;
  std::string status = "on-track";
  std::string result;
  SourceLoc loc;
};

struct Nonconformity {
  std::string id;
  std::string raised;
  std::string source;
  std::string finding;
  std::string root_cause;
  std::string action;
  std::string owner;  ///< role id
  std::string due;
  std::string status = "open";
  std::string closed_on;
  SourceLoc loc;
};

/// An objective still being worked on (on-track or at-risk) whose due date
/// is before `as_of`: the one rule for the check, the register and pack.json.
inline bool IsOverdue(const Objective& o, const std::string& as_of) {
  return o.due < as_of && (o.status == "on-track" || o.status == "at-risk");
}
/// An open nonconformity whose corrective action was due before `as_of`.
inline bool IsOverdue(const Nonconformity& n, const std::string& as_of) {
  return n.status == "open" && n.due < as_of;
}

struct Organisation {
  std::string name;
  std::string legal_name;
  std::string legal_form;  ///< company, cio, charitable-company, …; "" when not given (company)
  std::string company_number;
  std::string charity_number;
  std::string registered_office;
  std::string ico_registration;
  std::string sector;
  SourceLoc loc;
};

struct DocumentControl {
  std::string approver;  ///< person id
  SourceLoc approver_loc;
  std::string classification = "internal";
};

struct Branding {
  std::string primary_colour = "#1F4E79";
  std::string logo;         ///< resolved path, or empty
  std::string logo_format;  ///< "png" or "svg" when there is a logo
  std::string font;
};

/// One approved version of a document, from the release record.
struct ReleaseRevision {
  std::string version;
  std::string date;
  std::string approver;  ///< person id
  std::string summary;
  SourceLoc loc;
};

/// A document as last released.
struct ReleasedDocument {
  std::string id;
  std::string title;
  std::string version;
  std::string hash;
  /// Of what a reader sees in its document control besides what a release
  /// writes (owner, classification …); "" in records older than it.
  std::string control_hash;
  std::vector<ReleaseRevision> revisions;  ///< oldest first
  std::string fingerprint;  ///< lines written by policyc (see release/)
  std::string withdrawn;    ///< date it left the pack, or ""
  SourceLoc loc;
};

/// PROFILE-STEM.release.xml: the approved state of one organisation's documents.
struct ReleaseRecord {
  std::string path;
  std::string profile;  ///< the profile's id
  std::vector<ReleasedDocument> documents;
  SourceLoc loc;
};

struct Profile {
  std::string id;
  std::string as_of;  ///< YYYY-MM-DD
  std::string path;   ///< the profile file
  Organisation organisation;
  Text scope;
  std::vector<Site> sites;
  std::optional<Certification> certification;
  std::vector<std::string> libraries;  ///< folders, resolved against the profile's folder
  std::vector<Setting> facts;
  std::vector<Person> people;
  std::vector<ProcessingActivity> processing;
  SourceLoc data_protection_loc;  ///< <data-protection>, or the profile when absent
  std::vector<ExternalContact> contacts;
  SourceLoc contacts_loc;  ///< <contacts>, or the profile when absent
  std::vector<Setting> parameters;
  std::vector<Requirement> requirements;
  /// The profile's <frameworks>; nullopt when it has none (then the
  /// library's suggestions for its facts apply).
  std::optional<std::vector<FrameworkChoice>> frameworks;
  SourceLoc frameworks_loc;  ///< <frameworks>, or the profile when absent
  SourceLoc soa_loc;  ///< the <soa> element, or the profile when it has none
  std::vector<SoaExclusion> exclusions;
  std::vector<SoaStatus> statuses;
  std::vector<Asset> assets;
  std::vector<Risk> risks;
  std::vector<Objective> objectives;
  std::vector<Nonconformity> nonconformities;
  DocumentControl document_control;
  Branding branding;
  std::vector<Override> overrides;
  SourceLoc loc;
};

}  // namespace policyc::model

#endif  // POLICYC_MODEL_SOURCE_MODEL_H_
