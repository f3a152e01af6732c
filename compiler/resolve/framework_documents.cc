// The documents of the frameworks a pack answers besides ISO/IEC 27001: a
// compliance matrix per framework (each requirement, the statements that
// meet it, the evidence an assessor asks for, the gaps), and a readiness
// checklist for a framework whose catalogue has a question set. The
// builders make plain view data; templates/compiled/framework-matrix.xml
// and readiness-checklist.xml decide the wording and layout.
#include "resolve/framework_documents.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/strings.h"
#include "resolve/compiled_template.h"
#include "resolve/frameworks.h"

namespace policyc::resolve {

using base::EscapeMarkdown;
using model::ResolvedDocument;
using model::ResolvedPack;
using namespace derived;  // NOLINT: the shared helpers of derived documents

namespace {

/// The outermost group holding `group` (itself at the top).
std::string TopGroup(const model::ResolvedFramework& framework, std::string group) {
  for (bool climbed = true; climbed;) {
    climbed = false;
    for (const model::FrameworkGroup& g : framework.groups) {
      if (g.id == group && !g.parent.empty()) {
        group = g.parent;
        climbed = true;
      }
    }
  }
  return group;
}

/// The evidence of the statements, each text once, as a Markdown list
/// whose items keep their own Markdown.
std::string Evidence(const std::vector<std::string>& refs, const std::map<std::string, StatementPlace>& places) {
  std::vector<std::string> items;
  std::set<std::string> seen;
  for (const std::string& ref : refs) {
    auto place = places.find(ref);
    if (place == places.end() || place->second.evidence.empty()) continue;
    const std::string text = base::Join(base::SplitWhitespace(place->second.evidence), " ");
    if (seen.insert(text).second) items.push_back("- " + text);
  }
  return base::Join(items, "\n");
}

/// The most statements a matrix row names: a row is read on one page, and
/// past this many an assessor samples anyway (pack.json and `list
/// coverage` keep them all).
constexpr size_t kShownStatements = 6;

/// The statements a row names: those that meet the requirement most
/// directly, best first, at most kShownStatements of them.
std::vector<std::string> Primary(const model::ResolvedRequirement& r) {
  const size_t shown = std::min(r.primary, kShownStatements);
  return std::vector<std::string>(r.statements.begin(), r.statements.begin() + static_cast<long>(shown));
}

/// The matrix's row of one requirement.
View RequirementRow(const model::ResolvedRequirement& r, const std::map<std::string, StatementPlace>& places) {
  View row;
  row.set("id", EscapeMarkdown(r.id));
  row.set("title", EscapeMarkdown(r.title));
  row.set("maps_to", Opt(EscapeMarkdown(base::Join(r.maps_to, "; "))));
  row.set("met", Flag(r.covered()));
  row.set("met_by", Opt(StatementLinks(Primary(r), places)));
  const size_t more = r.statements.size() - Primary(r).size();
  row.set("more", Opt(more ? std::to_string(more) : ""));
  row.set("evidence", Opt(Evidence(Primary(r), places)));
  row.set("gap", Opt(EscapeMarkdown(r.gap)));
  row.set("statement_needed", Opt(EscapeMarkdown(r.statement_needed)));
  return row;
}

/// The view of one framework's compliance matrix.
View MatrixView(const ResolvedPack& pack, const model::ResolvedFramework& framework,
                const std::map<std::string, StatementPlace>& places) {
  View view = BaseView(pack);
  view.set("framework", EscapeMarkdown(framework.title));
  view.set("catalogue_title", EscapeMarkdown(framework.catalogue_title));
  view.set("version", EscapeMarkdown(framework.version));
  view.set("publisher", EscapeMarkdown(framework.publisher));
  view.set("licence", EscapeMarkdown(framework.licence));
  view.set("source", framework.source);
  view.set("attribution", EscapeMarkdown(framework.attribution));
  view.set("variant", Opt(EscapeMarkdown(framework.variant_text)));
  view.set("suggested", Opt(EscapeMarkdown(framework.suggested_because)));
  View sources{View::type::list};
  for (const model::MappingSource& s : framework.mapping_sources) {
    View v;
    v.set("title", EscapeMarkdown(s.title));
    v.set("publisher", EscapeMarkdown(s.publisher));
    v.set("url", Opt(s.url));
    v.set("text", EscapeMarkdown(s.text));
    sources.push_back(v);
  }
  view.set("sources", sources);
  // The requirements by outermost group (function, objective, theme), in
  // the catalogue's order.
  int met = 0;
  View unmet{View::type::list};
  std::vector<std::string> order;
  std::map<std::string, View> rows;
  for (const model::ResolvedRequirement& r : framework.requirements) {
    const View row = RequirementRow(r, places);
    if (r.covered()) ++met;
    else unmet.push_back(row);
    const std::string top = TopGroup(framework, r.group);
    if (!rows.count(top)) {
      order.push_back(top);
      rows.emplace(top, View{View::type::list});
    }
    rows.at(top).push_back(row);
  }
  View laid_out{View::type::list};
  for (const std::string& id : order) {
    View g;
    g.set("id", EscapeMarkdown(id));
    std::string key = id;  // section ids are lower case, as every id of a pack
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    g.set("key", key);
    for (const model::FrameworkGroup& fg : framework.groups) {
      if (fg.id == id) g.set("title", EscapeMarkdown(fg.title));
    }
    g.set("requirements", rows.at(id));
    laid_out.push_back(g);
  }
  view.set("groups", laid_out);
  view.set("requirement_count", std::to_string(framework.requirements.size()));
  view.set("met_count", std::to_string(met));
  view.set("unmet_count", std::to_string(framework.requirements.size() - met));
  view.set("unmet", unmet);
  return view;
}

/// What answers a readiness question from the profile, as Markdown: a
/// parameter's or fact's value, or a detail of the organisation; "" when
/// none does.
std::string ProfileAnswer(const ResolvedPack& pack, const model::ReadinessQuestion& q) {
  auto value_of = [](const std::vector<model::ResolvedValue>& values, const std::string& id) {
    for (const model::ResolvedValue& v : values) {
      if (v.id == id) return EscapeMarkdown(v.value.ToText(v.unit));
    }
    return std::string();
  };
  if (!q.parameter.empty()) return value_of(pack.parameters, q.parameter);
  if (!q.fact.empty()) return value_of(pack.facts, q.fact);
  const model::Organisation& org = pack.organisation;
  if (q.organisation == "name") return EscapeMarkdown(org.name);
  if (q.organisation == "legal-name") return EscapeMarkdown(org.legal_name);
  if (q.organisation == "company-number") return EscapeMarkdown(org.company_number);
  if (q.organisation == "registered-office") return EscapeMarkdown(org.registered_office);
  if (q.organisation == "sites") {
    // One item per site in scope: its name, then its address.
    std::vector<std::string> sites;
    for (const model::Site& site : pack.sites) {
      if (!site.in_scope) continue;
      sites.push_back("- " + EscapeMarkdown(site.name) + (site.address.empty() ? "" : ": " + EscapeMarkdown(site.address)));
    }
    return base::Join(sites, "\n");
  }
  return "";
}

/// The statements of the pack that meet any of the question's requirements.
std::vector<std::string> QuestionStatements(const model::ResolvedFramework& framework,
                                            const model::ReadinessQuestion& q) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& id : q.requirements) {
    for (const model::ResolvedRequirement& r : framework.requirements) {
      if (r.id != id) continue;
      for (const std::string& ref : Primary(r)) {
        if (seen.insert(ref).second) out.push_back(ref);
      }
    }
  }
  return out;
}

/// The view of a readiness checklist: each question with the pack's answer,
/// or marked for the client.
View ChecklistView(const ResolvedPack& pack, const model::ResolvedFramework& framework,
                   const model::QuestionSet& set, const std::map<std::string, StatementPlace>& places) {
  View view = BaseView(pack);
  view.set("framework", EscapeMarkdown(framework.title));
  view.set("based_on", EscapeMarkdown(set.based_on));
  view.set("variant", Opt(EscapeMarkdown(framework.variant_text)));
  View topics{View::type::list};
  int answered = 0, client = 0;
  for (const model::ReadinessTopic& topic : set.topics) {
    View questions{View::type::list};
    for (const model::ReadinessQuestion& q : topic.questions) {
      const std::string value = ProfileAnswer(pack, q);
      const std::string statements = StatementLinks(QuestionStatements(framework, q), places);
      const bool by_pack = !q.client && (!value.empty() || !statements.empty());
      (by_pack ? answered : client)++;
      View v;
      v.set("id", EscapeMarkdown(q.id));
      v.set("question", EscapeMarkdown(q.text));
      v.set("value", Opt(value));
      v.set("statements", Opt(statements));
      v.set("answered", Flag(by_pack));
      questions.push_back(v);
    }
    View t;
    t.set("id", topic.id);
    t.set("title", EscapeMarkdown(topic.title));
    t.set("questions", questions);
    topics.push_back(t);
  }
  view.set("topics", topics);
  view.set("answered_count", std::to_string(answered));
  view.set("client_count", std::to_string(client));
  return view;
}

/// The catalogue a chosen framework came from.
const model::QuestionSet* QuestionSetOf(const ResolvedPack& pack, const model::ResolvedFramework& framework) {
  const model::Framework* catalogue = FindCatalogue(pack, framework.id);
  return catalogue && catalogue->question_set ? &*catalogue->question_set : nullptr;
}

}  // namespace

std::vector<ResolvedDocument> FrameworkDocuments(const ResolvedPack& pack,
                                                 const std::map<std::string, StatementPlace>& places,
                                                 base::DiagnosticSink& sink) {
  std::vector<ResolvedDocument> out;
  const model::CompiledDocumentSpec* matrix = pack.compiled.Find("framework-matrix");
  const model::CompiledDocumentSpec* checklist = pack.compiled.Find("readiness-checklist");
  for (const model::ResolvedFramework& framework : pack.frameworks) {
    if (matrix) {
      auto doc = FromTemplate(pack, *matrix, MatrixView(pack, framework, places), sink,
                              FrameworkDocumentId(*matrix, framework.id), matrix->title + ": " + framework.title);
      if (doc) out.push_back(std::move(*doc));
    }
    const model::QuestionSet* set = QuestionSetOf(pack, framework);
    if (checklist && set) {
      auto doc = FromTemplate(pack, *checklist, ChecklistView(pack, framework, *set, places), sink,
                              FrameworkDocumentId(*checklist, framework.id), set->title);
      if (doc) out.push_back(std::move(*doc));
    }
  }
  return out;
}

}  // namespace policyc::resolve
