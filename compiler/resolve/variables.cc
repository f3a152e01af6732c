// Variables: what each {{...}} in a text stands for, and the expansion of
// every text of the pack once every document is numbered.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "base/strings.h"
#include "resolve/resolution.h"

namespace policyc::resolve {

using base::DiagKind;
using model::ResolvedDocument;
using model::ResolvedSection;
using model::ResolvedStatement;

namespace {

/// Where a text stands, which some variables depend on.
struct TextPlace {
  std::string document;   ///< the document the text is in ("" for the scope statement)
  std::string reviewed;   ///< the review date {{section.reviewed}} gives, or ""
  bool in_scope = false;  ///< the scope statement, which {{org.scope}} cannot print
};

/// The variables of one text at one place in the pack.
class PackVariables : public VariableResolver {
 public:
  PackVariables(const Resolution& res, const TextPlace& place) : res_(res), place_(place) {}

  std::optional<std::string> Resolve(std::string_view name,
                                     VariableFailure* failure) const override {
    const std::string n(name);
    if (n.rfind("param.", 0) == 0) return ResolveParameter(n.substr(6), failure);
    if (n.rfind("org.", 0) == 0) return ResolveOrganisation(n.substr(4), failure);
    if (n.rfind("role.", 0) == 0 || n.rfind("holders.", 0) == 0) return ResolveRole(n, failure);
    if (n.rfind("ref:", 0) == 0) return ResolveReference(n.substr(4), failure);
    if (n.rfind("documents.", 0) == 0) return ResolveDocumentList(n.substr(10), failure);
    if (n.rfind("contact.", 0) == 0) return ResolveContact(n.substr(8), failure);
    if (n == "section.reviewed") return ResolveSectionReviewed(failure);
    failure->message =
        "unknown variable {{" + n +
        "}}; variables are {{param.NAME}}, {{org.FIELD}}, {{role.ID}}, "
        "{{holders.ID}}, {{contact.KIND}}, {{section.reviewed}}, {{ref:DOCUMENT#ID}} and "
        "{{documents.KIND}}" +
        base::DidYouMean(n, {"org.name", "org.legal_name", "org.company_number",
                             "org.registered_office", "org.ico_registration"});
    return std::nullopt;
  }

 private:
  /// {{contact.KIND}}: the names of the profile's contacts of that kind.
  std::optional<std::string> ResolveContact(const std::string& kind,
                                            VariableFailure* failure) const {
    const auto* spec = res_.ContactsSpec();
    if (!spec || !spec->Kind(kind)) {
      failure->kind = DiagKind::kUnknownContactKind;
      failure->message = "unknown contact kind '" + kind + "' in {{contact." + kind + "}}" +
                         base::DidYouMean(kind, res_.ContactKindIds());
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const model::ExternalContact& c : res_.profile.contacts) {
      if (c.kind == kind) names.push_back(c.name);
    }
    if (names.empty()) {
      failure->kind = DiagKind::kMissingValue;
      failure->message = "{{contact." + kind +
                         "}} names nobody: the profile lists no contact of kind '" + kind +
                         "'; give the text condition=\"contact." + kind +
                         "\", or add <contact kind=\"" + kind + "\" .../> under <contacts>";
      return std::nullopt;
    }
    return base::EscapeMarkdown(base::JoinEnglish(names));
  }

  std::optional<std::string> ResolveSectionReviewed(VariableFailure* failure) const {
    if (place_.reviewed.empty()) {
      failure->kind = DiagKind::kSectionReviewDate;
      failure->message =
          "{{section.reviewed}} is used, but neither this section nor one around it has "
          "reviewed=\"YYYY-MM-DD\"";
      return std::nullopt;
    }
    return place_.reviewed;
  }

  // ---- variables ----
  std::optional<std::string> ResolveParameter(const std::string& name,
                                              VariableFailure* failure) const {
    auto it = res_.parameters.find(name);
    if (it == res_.parameters.end()) {
      failure->kind = DiagKind::kUnknownParameter;
      failure->message = "unknown parameter '" + name + "' (see 'policyc list parameters')" +
                         base::DidYouMean(name, Keys(res_.parameters));
      return std::nullopt;
    }
    if (!it->second.usable) {
      failure->already_reported = true;  // its value was reported
      return std::nullopt;
    }
    // A value reads exactly as the profile gives it: "--all" stays "--all".
    return base::EscapeMarkdownLiteral(it->second.value.ToText(it->second.declaration->unit));
  }

  std::optional<std::string> ResolveOrganisation(const std::string& field,
                                                 VariableFailure* failure) const {
    if (field == "scope") return ResolveScope(failure);
    const model::Organisation& org = res_.profile.organisation;
    const model::Certification none;
    const model::Certification& cert =
        res_.profile.certification ? *res_.profile.certification : none;
    struct Field {
      std::string value;
      const char* attribute;
      const char* element = "organisation";
    };
    const std::map<std::string, Field> fields = {
        {"name", {org.name, "name"}},
        {"legal_name", {org.legal_name, "legal-name"}},
        {"company_number", {org.company_number, "company-number"}},
        {"charity_number", {org.charity_number, "charity-number"}},
        {"registered_office", {org.registered_office, "registered-office"}},
        {"ico_registration", {org.ico_registration, "ico-registration"}},
        {"sector", {org.sector, "sector"}},
        {"certification_body", {cert.body, "body", "certification"}},
        {"certificate", {cert.certificate, "certificate", "certification"}},
        {"certified_on", {cert.certified_on, "certified-on", "certification"}},
        {"certification_expires", {cert.expires, "expires", "certification"}},
        {"certification_target", {cert.target, "target", "certification"}},
    };
    auto it = fields.find(field);
    if (it == fields.end()) {
      std::vector<std::string> names = {"{{org.scope}}"};
      for (const auto& [key, value] : fields) names.push_back("{{org." + key + "}}");
      failure->message = "unknown variable {{org." + field + "}}" +
                         base::DidYouMean("{{org." + field + "}}", names);
      return std::nullopt;
    }
    const Field& f = it->second;
    if (f.value.empty()) {
      failure->kind = DiagKind::kMissingValue;
      failure->message = "{{org." + field + "}} is used but the profile's <" + f.element +
                         "> has no " + f.attribute + "; add " + f.attribute + "=\"...\"";
      return std::nullopt;
    }
    return base::EscapeMarkdown(f.value);
  }

  /// The profile's scope statement, its own variables expanded: Markdown
  /// as the profile writes it, so that a document prints it whole.
  std::optional<std::string> ResolveScope(VariableFailure* failure) const {
    if (place_.in_scope) {
      failure->message = "{{org.scope}} is used inside the scope statement itself; remove it";
      return std::nullopt;
    }
    if (base::Trim(res_.pack.scope).empty()) {
      failure->kind = DiagKind::kMissingValue;
      failure->message =
          "{{org.scope}} is used but the profile's <scope> is empty; write the ISMS scope "
          "statement there";
      return std::nullopt;
    }
    return res_.pack.scope;
  }

  std::optional<std::string> ResolveRole(const std::string& name, VariableFailure* failure) const {
    bool holders = name.rfind("holders.", 0) == 0;
    const std::string id = name.substr(holders ? 8 : 5);
    auto role = res_.roles.find(id);
    if (role == res_.roles.end()) {
      failure->kind = DiagKind::kUnknownRole;
      failure->message = "unknown role '" + id + "'" + base::DidYouMean(id, Keys(res_.roles));
      return std::nullopt;
    }
    if (!holders) return base::EscapeMarkdown(role->second->title);
    auto it = res_.holders.find(id);
    if (it == res_.holders.end() || it->second.empty()) {
      failure->kind = DiagKind::kUnheldRole;
      failure->message = "{{holders." + id + "}} names nobody: no person in the profile holds '" +
                         id + "'; add it to the roles of a <person>";
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const std::string& person : it->second) {
      names.push_back(res_.people.at(person)->name + " (" + res_.people.at(person)->job_title +
                      ")");
    }
    return base::EscapeMarkdown(base::JoinEnglish(names));
  }

  std::optional<std::string> ResolveReference(const std::string& target,
                                              VariableFailure* failure) const {
    auto it = res_.targets.find(target);
    if (it == res_.targets.end()) {
      failure->kind = DiagKind::kDanglingReference;
      auto excluded = res_.excluded_refs.find(target);
      if (excluded != res_.excluded_refs.end()) {
        failure->message =
            "reference to '" + target + "', which is not included for this organisation" +
            (excluded->second.empty() ? std::string(" (an enclosing condition is false)")
                                      : " (its condition '" + excluded->second + "' is false)") +
            "; give this statement the same condition, or refer to something that applies";
      } else {
        failure->message = "reference to '" + target + "', which does not exist" +
                           base::DidYouMean(target, Keys(res_.targets));
      }
      return std::nullopt;
    }
    const Target& t = it->second;
    std::string label;
    if (t.number.empty()) {
      label = t.document_title;
    } else {
      label = (t.document_id == place_.document ? "" : t.document_title + ", ") +
              (t.is_statement ? "statement " : "section ") + t.number;
    }
    return "[" + base::EscapeMarkdown(label) + "](policyc:" + target + ")";
  }

  /// {{documents.policy}}: a Markdown list of links to the topic-specific
  /// documents of that kind in the pack (those not written for clauses 4 to
  /// 10), by title, other than the one being written.
  std::optional<std::string> ResolveDocumentList(const std::string& kind,
                                                 VariableFailure* failure) const {
    static const std::vector<std::string> kKinds = {"policy", "standard", "procedure", "plan",
                                                    "guide",  "register", "record"};
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
      failure->message = "unknown document kind in {{documents." + kind + "}}; kinds are " +
                         base::Join(kKinds, ", ") + base::DidYouMean(kind, kKinds);
      return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> listed;
    for (const ResolvedDocument& doc : res_.pack.documents) {
      if (doc.kind == kind && doc.clauses.empty() && doc.id != place_.document) {
        listed.emplace_back(doc.title, doc.id);
      }
    }
    std::sort(listed.begin(), listed.end());
    std::vector<std::string> lines;
    for (const auto& [title, id] : listed) {
      lines.push_back("- [" + base::EscapeMarkdown(title) + "](policyc:" + id + ")");
    }
    if (lines.empty()) return std::string("- none");
    return base::Join(lines, "\n");
  }

  // ---- text ----

  const Resolution& res_;
  const TextPlace& place_;
};

std::string Expand(Resolution& res, const model::Text& text, const TextPlace& place) {
  return ExpandText(text, PackVariables(res, place), res.sink, &res.text_budget);
}

void IndexItems(const std::vector<model::SectionItem>& items,
                std::map<std::string, const model::Statement*>& statements,
                std::map<std::string, const model::Section*>& sections) {
  for (const auto& item : items) {
    if (const auto* s = std::get_if<model::Statement>(&item)) {
      statements[s->id] = s;
    } else {
      const auto& section = std::get<model::Section>(item);
      sections[section.id] = &section;
      IndexItems(section.items, statements, sections);
    }
  }
}

void IndexSource(const model::Document& doc,
                 std::map<std::string, const model::Statement*>& statements,
                 std::map<std::string, const model::Section*>& sections) {
  for (const model::Section& section : doc.sections) {
    sections[section.id] = &section;
    IndexItems(section.items, statements, sections);
  }
}

void ExpandSection(Resolution& res, ResolvedSection& section, const TextPlace& around,
                   const std::map<std::string, const model::Statement*>& statements,
                   const std::map<std::string, const model::Section*>& sections);

void ExpandSections(Resolution& res, std::vector<ResolvedSection>& list, const TextPlace& place,
                    const std::map<std::string, const model::Statement*>& statements,
                    const std::map<std::string, const model::Section*>& sections) {
  for (ResolvedSection& section : list) ExpandSection(res, section, place, statements, sections);
}

void ExpandStatement(Resolution& res, ResolvedStatement& rs, const model::Statement& s,
                     const TextPlace& place) {
  rs.text = Expand(res, s.text, place);
  rs.variables = VariableNames(s.text.markdown);
  rs.source_hash = base::Sha256Hex(s.text.markdown).substr(0, 16);
  if (s.evidence) rs.evidence = Expand(res, *s.evidence, place);
  if (s.training) rs.training = Expand(res, *s.training, place);
  if (!s.training_objective.empty()) {
    rs.training_objective = Expand(res, model::Text{s.training_objective, s.loc}, place);
  }
  if (s.quiz) {
    rs.quiz.emplace();
    rs.quiz->question = Expand(res, s.quiz->question, place);
    rs.quiz->answer = Expand(res, s.quiz->answer, place);
    for (const model::Text& wrong : s.quiz->wrong)
      rs.quiz->wrong.push_back(Expand(res, wrong, place));
  }
}

void ExpandSection(Resolution& res, ResolvedSection& section, const TextPlace& around,
                   const std::map<std::string, const model::Statement*>& statements,
                   const std::map<std::string, const model::Section*>& sections) {
  const model::Section* source = sections.at(section.id);
  // {{section.reviewed}} reads the nearest enclosing dated section.
  TextPlace place = around;
  if (!source->reviewed.empty()) place.reviewed = source->reviewed;
  if (source->intro) {
    section.intro = Expand(res, *source->intro, place);
    section.variables = VariableNames(source->intro->markdown);
    section.source_hash = base::Sha256Hex(source->intro->markdown).substr(0, 16);
  }
  for (model::ResolvedItem& item : section.items) {
    if (auto* rs = std::get_if<ResolvedStatement>(&item)) {
      ExpandStatement(res, *rs, *statements.at(rs->id), place);
    } else {
      ExpandSection(res, std::get<ResolvedSection>(item), place, statements, sections);
    }
  }
}

}  // namespace

void ExpandTexts(Resolution& res) {
  // Runs after every document is numbered, so that a reference to a
  // later document already knows its numbers. The scope statement comes
  // first: documents may print it ({{org.scope}}).
  res.pack.scope = Expand(res, res.profile.scope, TextPlace{"", "", true});
  for (ResolvedDocument& doc : res.pack.documents) {
    const model::Document& source = *res.sources.at(doc.id);
    const TextPlace place{doc.id, "", false};
    doc.summary = Expand(res, source.summary, place);
    std::map<std::string, const model::Statement*> statements;
    std::map<std::string, const model::Section*> sections;
    IndexSource(source, statements, sections);
    ExpandSections(res, doc.sections, place, statements, sections);
  }
}

}  // namespace policyc::resolve
