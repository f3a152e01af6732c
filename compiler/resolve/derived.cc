// Documents compiled from the resolved pack: the Statement of
// Applicability, role descriptions with RACI and segregation of duties,
// the registers, risk documents, audit programme, objectives, logs and the
// management review agenda. Each builder here makes plain view data; its
// template (templates/compiled/BUILDER.xml) decides the wording and layout.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/date.h"
#include "base/strings.h"
#include "resolve/compiled_template.h"
#include "resolve/derived_documents.h"
#include "resolve/framework_documents.h"
#include "resolve/frameworks.h"
#include "resolve/incident_plan.h"
#include "resolve/resolver.h"
#include "resolve/risks.h"
#include "resolve/training.h"

namespace policyc::resolve {

using base::EscapeMarkdown;
using model::ResolvedDocument;
using model::ResolvedPack;
using model::ResolvedSection;
using namespace derived;  // NOLINT: the shared helpers of derived documents

namespace derived {

std::string Link(const std::string& label, const std::string& target) {
  return "[" + EscapeMarkdown(label) + "](policyc:" + target + ")";
}

std::string RoleTitle(const ResolvedPack& pack, const std::string& id) {
  for (const auto& role : pack.roles) {
    if (role.id == id) return role.title;
  }
  return id;
}

std::string PersonName(const ResolvedPack& pack, const std::string& id) {
  const model::Person* person = pack.FindPerson(id);
  return person ? person->name + " (" + person->job_title + ")" : id;
}

/// Who an owner attribute names: the person ("Name (Job title)"), the one
/// holder of a role, or the role's title when several hold it (check warns).
std::string OwnerName(const ResolvedPack& pack, const std::string& id) {
  if (pack.FindPerson(id)) return PersonName(pack, id);
  for (const auto& role : pack.roles) {
    if (role.id == id && role.holders.size() == 1) return PersonName(pack, role.holders.front());
  }
  return RoleTitle(pack, id);
}

ResolvedDocument NewDocument(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec, std::string summary,
                             std::string id, std::string title) {
  ResolvedDocument doc;
  doc.id = id.empty() ? spec.id : std::move(id);
  doc.kind = spec.kind;
  doc.title = title.empty() ? spec.title : std::move(title);
  doc.owner_role = spec.owner;
  doc.loc = spec.loc;
  doc.owner_title = RoleTitle(pack, doc.owner_role);
  std::vector<std::string> owners;
  for (const auto& role : pack.roles) {
    if (role.id != doc.owner_role) continue;
    for (const std::string& person : role.holders) owners.push_back(PersonName(pack, person));
  }
  doc.owner_names = base::JoinEnglish(owners);
  doc.serves = spec.serves;
  doc.summary = std::move(summary);
  // Document control as for every document of the pack.
  if (!pack.documents.empty()) {
    const ResolvedDocument& any = pack.documents.front();
    doc.approver = any.approver;
    doc.version = any.version;
    doc.approval_date = any.approval_date;
    doc.next_review = any.next_review;
    doc.draft = any.draft;
    doc.classification = any.classification;
    doc.revisions = any.revisions;
  }
  return doc;
}

std::string LinkTo(const ResolvedPack& pack, const std::string& builder, const std::string& label,
                   const std::string& anchor) {
  const model::CompiledDocumentSpec* spec = pack.compiled.Find(builder);
  return spec ? Link(label, spec->id + anchor) : EscapeMarkdown(label);
}

std::string UsedRole(const model::CompiledDocumentSpec& spec, const std::string& name) {
  const model::CompiledUse* use = spec.Use(name);
  return use && !use->role.empty() ? use->role : spec.owner;
}

std::string UsedParameter(const model::CompiledDocumentSpec& spec, const std::string& name) {
  const model::CompiledUse* use = spec.Use(name);
  return use ? use->parameter : std::string();
}

View Opt(const std::string& value) { return value.empty() ? View(false) : View(value); }

View Flag(bool value) { return View(value); }

View ListOf(const std::vector<std::string>& values) {
  View list{View::type::list};
  for (const std::string& v : values) list.push_back(View(v));
  return list;
}

View BaseView(const ResolvedPack& pack) {
  View view;
  view.set("org", EscapeMarkdown(pack.organisation.name));
  view.set("as_of", pack.as_of);
  return view;
}

std::optional<ResolvedDocument> FromTemplate(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                                             const View& view, base::DiagnosticSink& sink, std::string id,
                                             std::string title) {
  const model::CompiledTemplate* layout = pack.compiled.Template(spec.builder);
  if (!layout) {
    sink.Report(base::DiagKind::kTemplateName, spec.loc,
                "builder '" + spec.builder + "' has no layout; add templates/compiled/" + spec.builder + ".xml");
    return std::nullopt;
  }
  ExpandedTemplate expanded = ExpandTemplate(*layout, view, sink);
  ResolvedDocument doc = NewDocument(pack, spec, std::move(expanded.summary), std::move(id), std::move(title));
  doc.sections = std::move(expanded.sections);
  doc.derived = true;
  return doc;
}

std::map<std::string, StatementPlace> IndexStatements(const ResolvedPack& pack) {
  std::map<std::string, StatementPlace> out;
  for (const ResolvedDocument& doc : pack.documents) {
    struct Indexer : model::DocumentVisitor {
      std::map<std::string, StatementPlace>* out;
      const ResolvedDocument* doc;
      void VisitStatement(const model::ResolvedStatement& s, int) override {
        (*out)[doc->id + "#" + s.id] = {doc->title, s.number, s.text, s.evidence};
      }
    } indexer;
    indexer.out = &out;
    indexer.doc = &doc;
    model::WalkDocument(doc, indexer);
  }
  return out;
}

std::string StatementLinks(const std::vector<std::string>& refs, const std::map<std::string, StatementPlace>& places) {
  // "Access Control Policy 9.1, 9.2; Change Management Procedure 3.1":
  // each document once, in the order of its first statement given, and
  // its statements in the document's order, as a reader looks them up.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> by_document;
  for (const std::string& ref : refs) {
    auto place = places.find(ref);
    if (place == places.end()) continue;
    const std::string& title = place->second.document_title;
    auto doc = std::find_if(by_document.begin(), by_document.end(), [&](const auto& d) { return d.first == title; });
    if (doc == by_document.end()) doc = by_document.insert(by_document.end(), {title, {}});
    doc->second.push_back({place->second.number, ref});
  }
  std::vector<std::string> links;
  for (auto& [title, statements] : by_document) {
    std::stable_sort(statements.begin(), statements.end(),
                     [](const auto& a, const auto& b) { return base::NaturalLess(a.first, b.first); });
    std::vector<std::string> numbers;
    for (const auto& [number, ref] : statements) numbers.push_back(Link(number, ref));
    links.push_back(EscapeMarkdown(title) + " " + base::Join(numbers, ", "));
  }
  return base::Join(links, "; ");
}

}  // namespace derived

namespace {

std::string Capital(std::string text) {
  text = base::CapitaliseFirst(std::move(text));
  for (char& c : text) c = c == '-' ? ' ' : c;
  return text;
}

/// A control's implementation status as the SoA shows it: "Partial
/// (2027-03-31)"; "" when the profile states none.
std::string StatusOf(const model::SoaRow& row) {
  if (row.status.empty()) return "";
  return Capital(row.status) + (row.status_date.empty() ? "" : " (" + row.status_date + ")");
}

/// The SoA's crosswalk: for each chosen framework, each control's cell of
/// the requirement ids that map to it ("UAC-02, UAC-04"), by control.
std::vector<std::map<std::string, std::string>> CrosswalkCells(const ResolvedPack& pack) {
  std::vector<std::map<std::string, std::string>> out;
  for (const model::ResolvedFramework& framework : pack.frameworks) {
    std::map<std::string, std::vector<std::string>> ids;
    for (const model::ResolvedRequirement& r : framework.requirements) {
      for (const std::string& control : r.controls) ids[control].push_back(r.id);
    }
    std::map<std::string, std::string>& cells = out.emplace_back();
    for (const auto& [control, list] : ids) cells[control] = EscapeMarkdown(base::Join(list, ", "));
  }
  return out;
}

View StatementOfApplicability(const ResolvedPack& pack, const std::map<std::string, StatementPlace>& places) {
  View view = BaseView(pack);
  View frameworks{View::type::list};
  std::vector<std::string> names;
  for (const model::ResolvedFramework& f : pack.frameworks) {
    // The column holds the catalogue's ids, so it bears the catalogue's
    // short name (NCSC CAF, not the scheme it is used as).
    const model::Framework* catalogue = FindCatalogue(pack, f.id);
    View v;
    v.set("title", EscapeMarkdown(catalogue ? catalogue->short_title : f.title));
    frameworks.push_back(v);
    names.push_back(EscapeMarkdown(f.title));
  }
  view.set("frameworks", frameworks);
  view.set("framework_names", Opt(base::JoinEnglish(names)));
  const auto crosswalk = CrosswalkCells(pack);
  view.set("control_count", std::to_string(pack.soa.size()));
  int applicable = 0, excluded = 0;
  std::map<std::string, int> by_status;
  for (const auto& row : pack.soa) {
    (row.applicable ? applicable : excluded)++;
    if (row.applicable) by_status[StatusOf(row)]++;
  }
  View totals{View::type::list};
  // Applicable and excluded, then applicable by status ("" when not stated).
  auto total = [&](bool is_excluded, bool by, const std::string& status, int count) {
    View t;
    t.set("excluded", Flag(is_excluded));
    t.set("by_status", Flag(by));
    t.set("status", Opt(EscapeMarkdown(status)));
    t.set("count", std::to_string(count));
    totals.push_back(t);
  };
  total(false, false, "", applicable);
  total(true, false, "", excluded);
  for (const auto& [status, count] : by_status) {
    if (!status.empty()) total(false, true, status, count);
  }
  if (by_status.count("")) total(false, true, "", by_status[""]);  // not stated: last
  view.set("totals", totals);
  View themes{View::type::list};
  for (const model::Theme& theme : pack.themes) {
    View controls{View::type::list};
    for (const auto& row : pack.soa) {
      if (row.theme != theme.id) continue;
      View c;
      c.set("control", row.control);
      c.set("title", EscapeMarkdown(row.title));
      c.set("applicable", Flag(row.applicable));
      c.set("justification", Opt(EscapeMarkdown(row.justification)));
      c.set("status", Opt(row.status.empty() ? "" : EscapeMarkdown(Capital(row.status))));
      c.set("status_date", Opt(row.status_date));
      c.set("owner", Opt(row.owner.empty() ? "" : EscapeMarkdown(RoleTitle(pack, row.owner))));
      c.set("implemented_by", Opt(StatementLinks(row.implemented_by, places)));
      std::vector<std::string> cells;
      for (const auto& by_control : crosswalk) {
        auto cell = by_control.find(row.control);
        cells.push_back(cell == by_control.end() ? "—" : cell->second);
      }
      c.set("crosswalk", ListOf(cells));
      controls.push_back(c);
    }
    if (controls.is_empty_list()) continue;
    View t;
    t.set("id", theme.id);
    t.set("title", EscapeMarkdown(theme.title));
    t.set("number", theme.number);
    t.set("controls", controls);
    themes.push_back(t);
  }
  view.set("themes", themes);
  return view;
}

/// R when the role acts in the statement, A when it approves, I when it is
/// only informed, C when it is consulted.
char Capacity(const model::ResolvedStatement& s, const std::string& role) {
  if (!s.roles.empty() && s.roles.front() == role) return 'R';
  if (std::find(s.approves.begin(), s.approves.end(), role) != s.approves.end()) return 'A';
  if (std::find(s.informed.begin(), s.informed.end(), role) != s.informed.end()) return 'I';
  return 'C';
}

/// The RACI letters of each role in each document: R when it acts in a
/// statement, C when it is consulted or approves a step, I when it is only
/// informed; A is the document's owner, who answers for all of it.
std::map<std::string, std::map<std::string, std::set<char>>> RaciLetters(const ResolvedPack& pack) {
  std::map<std::string, std::map<std::string, std::set<char>>> out;
  for (const ResolvedDocument& d : pack.documents) {
    struct Collector : model::DocumentVisitor {
      std::map<std::string, std::set<char>>* letters;
      void VisitStatement(const model::ResolvedStatement& s, int) override {
        for (const std::string& role : s.roles) {
          const char c = Capacity(s, role);
          (*letters)[role].insert(c == 'A' ? 'C' : c);
        }
      }
    } collector;
    collector.letters = &out[d.id];
    model::WalkDocument(d, collector);
    out[d.id][d.owner_role].insert('A');
  }
  return out;
}

/// "R", "A, R", "C": the letters of one cell, A first, then R, C, I.
std::string RaciCell(const std::set<char>& letters) {
  std::string cell;
  for (char c : {'A', 'R', 'C', 'I'}) {
    if (!letters.count(c)) continue;
    // R outranks C and I: a role that acts is not also listed as consulted.
    if ((c == 'C' || c == 'I') && letters.count('R')) continue;
    if (c == 'I' && letters.count('C')) continue;
    cell += (cell.empty() ? "" : ", ") + std::string(1, c);
  }
  return cell;
}

/// The training modules a role's holders take, where the pack has them.
std::string RoleTraining(const ResolvedPack& pack, const model::ResolvedRole& role,
                         const std::vector<ResolvedDocument>& training) {
  std::vector<std::string> modules;
  if (const auto* documents = pack.compiled.Find("training-modules")) {
    for (const auto& module : pack.compiled.training_modules) {
      const bool takes = module.everyone || std::find(module.roles.begin(), module.roles.end(), role.id) !=
                                                module.roles.end();
      const std::string id = model::TrainingDocumentId(*documents, module);
      for (const ResolvedDocument& d : training) {
        if (takes && d.id == id) modules.push_back(Link(d.title, d.id));
      }
    }
  }
  return base::Join(modules, "; ");
}

/// One row per document a role has duties in: how many, and where they
/// are in full. `document_count` is set to the number of rows.
View RoleDutyDocuments(const model::ResolvedRole& role, const std::map<std::string, StatementPlace>& places,
                       int* document_count) {
  View documents{View::type::list};
  *document_count = 0;
  std::string current;
  std::vector<std::string> statements;
  std::string current_title;
  auto flush = [&] {
    if (current.empty()) return;
    View d;
    d.set("document", Link(current_title, current));
    d.set("count", std::to_string(statements.size()));
    d.set("statements", base::Join(statements, ", "));
    documents.push_back(d);
    ++*document_count;
    statements.clear();
  };
  for (const std::string& ref : role.duties) {
    auto place = places.find(ref);
    if (place == places.end()) continue;
    const std::string doc_id = ref.substr(0, ref.find('#'));
    if (doc_id != current) {
      flush();
      current = doc_id;
      current_title = place->second.document_title;
    }
    statements.push_back(Link(place->second.number, ref));
  }
  flush();
  return documents;
}

View RoleDescription(const ResolvedPack& pack, const model::ResolvedRole& role,
                     const std::map<std::string, StatementPlace>& places,
                     const std::vector<ResolvedDocument>& training,
                     const model::CompiledDocumentSpec* duty_index) {
  View r;
  r.set("id", role.id);
  r.set("title", EscapeMarkdown(role.title));
  r.set("purpose", EscapeMarkdown(role.purpose));
  r.set("reports_to", Opt(role.reports_to.empty() ? "" : EscapeMarkdown(RoleTitle(pack, role.reports_to))));
  r.set("everyone", Flag(role.everyone));
  std::vector<std::string> holders;
  for (const std::string& person : role.holders) holders.push_back(EscapeMarkdown(PersonName(pack, person)));
  r.set("holders", Opt(base::JoinEnglish(holders)));
  std::vector<std::string> deputies;
  for (const auto& person : pack.people) {
    if (std::find(person.deputy_for.begin(), person.deputy_for.end(), role.id) != person.deputy_for.end()) {
      deputies.push_back(EscapeMarkdown(person.name + " (" + person.job_title + ")"));
    }
  }
  r.set("deputies", Opt(base::JoinEnglish(deputies)));
  std::vector<std::string> authorities, competences;
  for (const auto& a : role.authorities) authorities.push_back(EscapeMarkdown(a));
  for (const auto& c : role.competences) competences.push_back(EscapeMarkdown(c));
  r.set("has_authorities", Flag(!authorities.empty()));
  r.set("authorities", ListOf(authorities));
  r.set("has_competences", Flag(!competences.empty()));
  r.set("competences", ListOf(competences));
  r.set("training", Opt(RoleTraining(pack, role, training)));
  int document_count = 0;
  View documents = RoleDutyDocuments(role, places, &document_count);
  r.set("has_duties", Flag(!role.duties.empty()));
  r.set("duty_count", std::to_string(role.duties.size()));
  r.set("document_count", std::to_string(document_count));
  r.set("duty_link", Opt(duty_index ? Link("the " + duty_index->title, duty_index->id + "#duties-" + role.id) : ""));
  r.set("documents", documents);
  return r;
}

/// RACI: documents × the roles that take part (everyone-roles aside).
void SetRaci(const ResolvedPack& pack, View& view) {
  View raci_roles{View::type::list};
  std::vector<const model::ResolvedRole*> working;
  for (const auto& role : pack.roles) {
    if (role.everyone || (role.duties.empty() && role.holders.empty())) continue;
    working.push_back(&role);
    View r;
    r.set("title", EscapeMarkdown(role.title));
    raci_roles.push_back(r);
  }
  view.set("raci_roles", raci_roles);
  const auto letters = RaciLetters(pack);
  View raci_rows{View::type::list};
  for (const ResolvedDocument& d : pack.documents) {
    std::vector<std::string> cells;
    auto doc_letters = letters.find(d.id);
    for (const auto* role : working) {
      std::set<char> cell;
      if (doc_letters != letters.end()) {
        auto it = doc_letters->second.find(role->id);
        if (it != doc_letters->second.end()) cell = it->second;
      }
      cells.push_back(RaciCell(cell));
    }
    View row;
    row.set("document", Link(d.title, d.id));
    row.set("letters", ListOf(cells));
    raci_rows.push_back(row);
  }
  view.set("raci_rows", raci_rows);
}

/// The segregation rules, each with the people who break it.
View Segregations(const ResolvedPack& pack) {
  View segregations{View::type::list};
  for (const auto& seg : pack.segregations) {
    std::vector<std::string> names;
    for (const std::string& person : seg.conflicts) names.push_back(EscapeMarkdown(PersonName(pack, person)));
    View s;
    s.set("first", EscapeMarkdown(RoleTitle(pack, seg.first_role)));
    s.set("second", EscapeMarkdown(RoleTitle(pack, seg.second_role)));
    s.set("reason", EscapeMarkdown(seg.reason));
    s.set("conflicts", Opt(base::JoinEnglish(names)));
    segregations.push_back(s);
  }
  return segregations;
}

View RoleDescriptions(const ResolvedPack& pack, const std::map<std::string, StatementPlace>& places,
                      const std::vector<ResolvedDocument>& training) {
  View view = BaseView(pack);
  const model::CompiledDocumentSpec* duty_index = pack.compiled.Find("duty-index");
  view.set("duty_index", Opt(duty_index ? Link(duty_index->title, duty_index->id) : ""));
  View roles{View::type::list};
  for (const auto& role : pack.roles) {
    if (role.holders.empty() && role.duties.empty()) continue;
    roles.push_back(RoleDescription(pack, role, places, training, duty_index));
  }
  view.set("roles", roles);
  SetRaci(pack, view);
  view.set("segregations", Segregations(pack));
  return view;
}

/// Every duty of every role in full, by role and document: the register the
/// role descriptions summarise.
View DutyRegister(const ResolvedPack& pack, const std::map<std::string, StatementPlace>& places) {
  View view = BaseView(pack);
  view.set("role_descriptions", LinkTo(pack, "role-summaries", "the role descriptions"));
  View roles{View::type::list};
  for (const auto& role : pack.roles) {
    if (role.duties.empty()) continue;
    View duties{View::type::list};
    std::string current;
    for (const std::string& ref : role.duties) {
      auto place = places.find(ref);
      if (place == places.end()) continue;
      const std::string doc_id = ref.substr(0, ref.find('#'));
      View d;
      d.set("document", doc_id == current ? std::string() : Link(place->second.document_title, doc_id));
      d.set("statement", Link(place->second.number, ref));
      d.set("text", place->second.text);
      duties.push_back(d);
      current = doc_id;
    }
    View r;
    r.set("id", role.id);
    r.set("title", EscapeMarkdown(role.title));
    r.set("count", std::to_string(role.duties.size()));
    r.set("duties", duties);
    roles.push_back(r);
  }
  view.set("roles", roles);
  return view;
}

/// The register of documented information: every other document with its
/// document control (the register's own is on its title page).
View DocumentedInformation(const ResolvedPack& pack) {
  View view = BaseView(pack);
  std::map<std::string, std::vector<const ResolvedDocument*>> serving;
  for (const ResolvedDocument& d : pack.documents) {
    for (const std::string& item : d.serves) serving[item].push_back(&d);
  }
  std::vector<std::string> items;
  for (const auto& [item, docs] : serving) items.push_back(item);
  std::sort(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
    const bool ca = a.rfind("A.", 0) == 0, cb = b.rfind("A.", 0) == 0;
    if (ca != cb) return cb;  // clauses first
    return base::NaturalLess(a, b);
  });
  std::map<std::string, std::string> titles(pack.clauses.begin(), pack.clauses.end());
  for (const auto& row : pack.soa) titles[row.control] = row.title;
  View requirements{View::type::list};
  for (const std::string& item : items) {
    std::vector<std::string> links;
    for (const ResolvedDocument* d : serving[item]) links.push_back(Link(d->title, d->id));
    View r;
    r.set("id", item);
    r.set("title", EscapeMarkdown(titles.count(item) ? titles[item] : ""));
    r.set("documents", base::Join(links, "; "));
    requirements.push_back(r);
  }
  view.set("requirements", requirements);
  View documents{View::type::list};
  auto add = [&](const ResolvedDocument& d) {
    View r;
    r.set("document", Link(d.title, d.id));
    r.set("kind", d.kind);
    r.set("version", EscapeMarkdown(model::VersionLabel(d)));
    r.set("owner", EscapeMarkdown(d.owner_title));
    r.set("approved", Opt(d.approval_date));
    r.set("next_review", Opt(d.next_review));
    documents.push_back(r);
  };
  for (const ResolvedDocument& d : pack.documents) add(d);
  view.set("documents", documents);
  View withdrawn{View::type::list};
  for (const model::WithdrawnDocument& w : pack.withdrawn) {
    View r;
    r.set("title", EscapeMarkdown(w.title));
    r.set("id", EscapeMarkdown(w.id));
    r.set("version", EscapeMarkdown(w.version));
    r.set("date", w.date);
    withdrawn.push_back(r);
  }
  view.set("withdrawn", withdrawn);
  return view;
}

/// A 5 × 5 heat map of likelihood against impact, each cell coloured by
/// its band and listing every risk in it.
std::string HeatMap(const ResolvedPack& pack, bool residual) {
  std::map<std::pair<int, int>, std::vector<std::string>> cells;
  for (const auto& r : pack.risks) {
    const int l = residual ? r.risk.residual_likelihood : r.risk.likelihood;
    const int i = residual ? r.risk.residual_impact : r.risk.impact;
    if (l > 0 && i > 0) cells[{l, i}].push_back(r.risk.id);
  }
  // The cells take the bands the register prints (resolve/risks.h).
  auto colour = [](int rating) {
    switch (BandOf(rating)) {
      case RiskBand::kLow: return "#7FBF7F";
      case RiskBand::kMedium: return "#F2D16B";
      case RiskBand::kHigh: return "#F0A04B";
      case RiskBand::kCritical: break;
    }
    return "#D9534F";
  };
  auto escape = [](const std::string& text) { return base::EscapeHtml(text); };
  const int cell = 64, left = 70, top = 40;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"420\" height=\"420\" viewBox=\"0 0 420 420\" "
                    "font-family=\"DejaVu Sans, Arial, sans-serif\" role=\"img\">\n";
  svg += "<title>" + std::string(residual ? "Residual" : "Inherent") + " risk heat map</title>\n";
  svg += "<text x=\"210\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" +
         std::string(residual ? "Residual risk" : "Inherent risk") + "</text>\n";
  for (int impact = 5; impact >= 1; --impact) {
    for (int likelihood = 1; likelihood <= 5; ++likelihood) {
      const int x = left + (likelihood - 1) * cell, y = top + (5 - impact) * cell;
      const int rating = likelihood * impact;
      svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(cell) +
             "\" height=\"" + std::to_string(cell) + "\" fill=\"" + colour(rating) + "\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n";
      if (rating > pack.risk_appetite) {
        svg += "<rect x=\"" + std::to_string(x + 2) + "\" y=\"" + std::to_string(y + 2) + "\" width=\"" +
               std::to_string(cell - 4) + "\" height=\"" + std::to_string(cell - 4) +
               "\" fill=\"none\" stroke=\"#5b1f1c\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>\n";
      }
      auto it = cells.find({likelihood, impact});
      if (it == cells.end()) continue;
      // Every risk in the cell, in as many columns and as small a type as
      // it takes: never "+N more".
      const int n = static_cast<int>(it->second.size());
      const int columns = n <= 3 ? 1 : n <= 8 ? 2 : 3;
      const int rows = (n + columns - 1) / columns;
      const int font = std::min(11, std::max(5, (cell - 8) / rows - 2));
      const int line_height = font + 2;
      const int first_baseline = y + (cell - rows * line_height) / 2 + font;
      for (int k = 0; k < n; ++k) {
        const int column = k / rows, row = k % rows;
        const int cx = x + cell * (2 * column + 1) / (2 * columns);
        svg += "<text x=\"" + std::to_string(cx) + "\" y=\"" + std::to_string(first_baseline + row * line_height) +
               "\" text-anchor=\"middle\" font-size=\"" + std::to_string(columns == 3 ? std::min(font, 8) : font) +
               "\">" + escape(it->second[k]) + "</text>\n";
      }
    }
  }
  for (int n = 1; n <= 5; ++n) {
    svg += "<text x=\"" + std::to_string(left + (n - 1) * cell + cell / 2) + "\" y=\"" + std::to_string(top + 5 * cell + 18) +
           "\" text-anchor=\"middle\" font-size=\"12\">" + std::to_string(n) + "</text>\n";
    svg += "<text x=\"" + std::to_string(left - 12) + "\" y=\"" + std::to_string(top + (5 - n) * cell + cell / 2 + 4) +
           "\" text-anchor=\"end\" font-size=\"12\">" + std::to_string(n) + "</text>\n";
  }
  svg += "<text x=\"" + std::to_string(left + 5 * cell / 2) + "\" y=\"" + std::to_string(top + 5 * cell + 40) +
         "\" text-anchor=\"middle\" font-size=\"12\">Likelihood</text>\n";
  svg += "<text x=\"18\" y=\"" + std::to_string(top + 5 * cell / 2) + "\" text-anchor=\"middle\" font-size=\"12\" "
         "transform=\"rotate(-90 18 " + std::to_string(top + 5 * cell / 2) + ")\">Impact</text>\n";
  svg += "</svg>\n";
  return svg;
}

View AssetInventory(const ResolvedPack& pack) {
  View view = BaseView(pack);
  View assets{View::type::list};
  for (const auto& a : pack.assets) {
    View r;
    r.set("id", a.id);
    r.set("name", EscapeMarkdown(a.name));
    r.set("owner", EscapeMarkdown(OwnerName(pack, a.owner)));
    r.set("classification", a.classification);
    r.set("location", EscapeMarkdown(a.location));
    r.set("confidentiality", std::to_string(a.confidentiality));
    r.set("integrity", std::to_string(a.integrity));
    r.set("availability", std::to_string(a.availability));
    assets.push_back(r);
  }
  view.set("assets", assets);
  return view;
}

View RiskRegister(const ResolvedPack& pack, const std::string& heat_map) {
  View view = BaseView(pack);
  view.set("appetite", std::to_string(pack.risk_appetite));
  view.set("heat_map", heat_map);
  View risks{View::type::list};
  for (const auto& r : pack.risks) {
    View v;
    v.set("id", r.risk.id);
    v.set("asset", EscapeMarkdown(r.asset_name.empty() ? r.risk.asset : r.asset_name));
    v.set("title", Opt(EscapeMarkdown(r.risk.title)));
    v.set("threat", EscapeMarkdown(r.risk.threat));
    v.set("vulnerability", EscapeMarkdown(r.risk.vulnerability));
    v.set("likelihood", std::to_string(r.risk.likelihood));
    v.set("impact", std::to_string(r.risk.impact));
    v.set("rating", std::to_string(r.inherent));
    v.set("band", r.inherent_band);
    v.set("above_appetite", Flag(r.inherent > pack.risk_appetite));
    v.set("owner", EscapeMarkdown(OwnerName(pack, r.risk.owner)));
    risks.push_back(v);
  }
  view.set("risks", risks);
  return view;
}

View TreatmentPlan(const ResolvedPack& pack, const std::string& heat_map) {
  View view = BaseView(pack);
  view.set("heat_map", heat_map);
  View risks{View::type::list};
  for (const auto& r : pack.risks) {
    View v;
    v.set("id", r.risk.id);
    v.set("treatment", Opt(r.risk.treatment));
    v.set("owner", EscapeMarkdown(OwnerName(pack, r.risk.treatment_owner.empty() ? r.risk.owner : r.risk.treatment_owner)));
    v.set("action", Opt(EscapeMarkdown(r.risk.action)));
    v.set("controls", Opt(base::Join(r.risk.controls, ", ")));
    v.set("due", Opt(r.risk.due));
    v.set("done", Flag(r.risk.done));
    v.set("overdue", Flag(r.overdue));
    v.set("residual", Opt(r.residual ? std::to_string(r.residual) : ""));
    v.set("residual_band", r.residual_band);
    v.set("accepted_by", Opt(r.risk.accepted_by.empty() ? "" : EscapeMarkdown(PersonName(pack, r.risk.accepted_by))));
    v.set("accepted_on", Opt(r.risk.accepted_on));
    risks.push_back(v);
  }
  view.set("risks", risks);
  return view;
}

/// A duration parameter as a cycle in whole months, or `fallback`.
int MonthsOf(const ResolvedPack& pack, const std::string& id, int fallback) {
  for (const auto& p : pack.parameters) {
    if (p.id != id || p.type != model::ValueType::kDuration) continue;
    return p.value.duration.CycleMonths();
  }
  return fallback;
}

/// The internal audit programme over the audit cycle, and a checklist per
/// audit in which every included statement is a check with the evidence
/// to sample (9.2). ISMS documents and documents touching a risk above
/// appetite are audited every year; the others are spread over the cycle's
/// whole years (rounded down: an 18-month cycle is a yearly programme, as
/// two years would leave a control unaudited for longer than the cycle),
/// so every clause and every applicable control is audited at least once.
View AuditProgramme(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                    const std::vector<const ResolvedDocument*>& audited) {
  const auto years = static_cast<int>(base::WholeUnitsOfCycle(MonthsOf(pack, UsedParameter(spec, "cycle"), 36), 12));
  const std::optional<base::CivilDate> as_of = base::ParseDate(pack.as_of);
  const int start_year = (as_of ? as_of->year : 0) + 1;
  std::set<std::string> risky_controls;
  for (const auto& r : pack.risks) {
    if (r.inherent > pack.risk_appetite) risky_controls.insert(r.risk.controls.begin(), r.risk.controls.end());
  }
  View view = BaseView(pack);
  view.set("years", std::to_string(years));
  const std::string auditor = EscapeMarkdown(RoleTitle(pack, UsedRole(spec, "auditor")));
  View audits{View::type::list}, checklists{View::type::list};
  int spread = 0;
  for (const ResolvedDocument* d : audited) {
    bool clause_document = !d->clauses.empty();
    for (const std::string& item : d->serves) clause_document |= item.rfind("A.", 0) != 0;
    bool risky = false;
    for (const std::string& c : d->controls) risky |= risky_controls.count(c) > 0;
    std::vector<std::string> audit_years;
    if (clause_document || risky) {
      for (int y = 0; y < years; ++y) audit_years.push_back(std::to_string(start_year + y));
    } else {
      audit_years.push_back(std::to_string(start_year + (spread++ % years)));
    }
    std::vector<std::string> scope = d->serves;
    if (scope.empty()) scope = d->controls;
    View a;
    a.set("document", Link(d->title, d->id));
    a.set("scope", base::Join(scope, ", "));
    a.set("audit_years", base::Join(audit_years, ", "));
    a.set("clause_document", Flag(clause_document));
    a.set("risky", Flag(risky));
    a.set("auditor", auditor);
    audits.push_back(a);
    // One checklist per audited document, every statement a check with
    // the whole requirement: an auditor checks all of it.
    struct Checks : model::DocumentVisitor {
      View list{View::type::list};
      const ResolvedDocument* doc;
      void VisitStatement(const model::ResolvedStatement& s, int) override {
        View c;
        c.set("check", Link(s.number, doc->id + "#" + s.id));
        c.set("requirement", s.text);
        c.set("evidence", Opt(s.evidence));
        list.push_back(c);
      }
    } checks;
    checks.doc = d;
    model::WalkDocument(*d, checks);
    if (checks.list.is_empty_list()) continue;
    View c;
    c.set("id", d->id);
    c.set("title", EscapeMarkdown(d->title));
    c.set("checks", checks.list);
    checklists.push_back(c);
  }
  view.set("audits", audits);
  view.set("checklists", checklists);
  return view;
}

/// Objectives (6.2) with their measures, and the metrics sheet (9.1): the
/// targets the library's monitoring parameters set for this organisation.
View ObjectivesAndMetrics(const ResolvedPack& pack) {
  View view = BaseView(pack);
  View objectives{View::type::list};
  for (const auto& o : pack.objectives) {
    View v;
    v.set("title", EscapeMarkdown(o.title));
    v.set("measure", EscapeMarkdown(o.measure));
    v.set("target", EscapeMarkdown(o.target));
    v.set("owner", EscapeMarkdown(RoleTitle(pack, o.owner)));
    v.set("due", o.due);
    v.set("status", Capital(o.status));
    v.set("overdue", Flag(model::IsOverdue(o, pack.as_of)));
    v.set("result", Opt(EscapeMarkdown(o.result)));
    objectives.push_back(v);
  }
  view.set("objectives", objectives);
  View metrics{View::type::list};
  for (const auto& p : pack.parameters) {
    if (p.id.size() < 7 || p.id.compare(p.id.size() - 7, 7, "_target") != 0) continue;
    View v;
    v.set("description", EscapeMarkdown(p.description));
    v.set("target", base::EscapeMarkdownLiteral(p.value.ToText(p.unit)));
    metrics.push_back(v);
  }
  view.set("metrics", metrics);
  return view;
}

View NonconformityLog(const ResolvedPack& pack) {
  View view = BaseView(pack);
  View log{View::type::list};
  for (const auto& n : pack.nonconformities) {
    View v;
    v.set("id", n.id);
    v.set("raised", n.raised);
    v.set("source", Capital(n.source));
    v.set("finding", EscapeMarkdown(n.finding));
    v.set("root_cause", Opt(EscapeMarkdown(n.root_cause)));
    v.set("action", EscapeMarkdown(n.action));
    v.set("owner", EscapeMarkdown(RoleTitle(pack, n.owner)));
    v.set("due", n.due);
    v.set("closed", Flag(n.status == "closed"));
    v.set("closed_on", Opt(n.closed_on));
    v.set("overdue", Flag(model::IsOverdue(n, pack.as_of)));
    log.push_back(v);
  }
  view.set("nonconformities", log);
  return view;
}

/// The management review agenda's figures and the documents each item
/// draws on (9.3.2).
View ManagementReviewAgenda(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec) {
  View view = BaseView(pack);
  int open = 0, overdue = 0, closed = 0;
  for (const auto& n : pack.nonconformities) {
    if (n.status == "closed") ++closed;
    else ++open, overdue += model::IsOverdue(n, pack.as_of);
  }
  std::map<std::string, int> objectives;
  for (const auto& o : pack.objectives) ++objectives[Capital(o.status)];
  std::string objective_text;
  for (const auto& [status, n] : objectives) objective_text += (objective_text.empty() ? "" : ", ") + std::to_string(n) + " " + status;
  int above = 0, overdue_treatments = 0, accepted = 0;
  for (const auto& r : pack.risks) {
    above += r.inherent > pack.risk_appetite;
    overdue_treatments += r.overdue;
    accepted += !r.risk.accepted_by.empty();
  }
  int applicable = 0;
  for (const auto& row : pack.soa) applicable += row.applicable;
  // A document the agenda draws on: a link when it is in the pack, false
  // otherwise (the template then names it in words).
  auto link = [&](const std::string& id) {
    for (const auto& d : pack.documents) {
      if (d.id == id) return View(Link(d.title, d.id));
    }
    return View(false);
  };
  auto used = [&](const std::string& name) {
    const model::CompiledUse* use = spec.Use(name);
    return use ? link(use->document) : View(false);
  };
  auto compiled = [&](const std::string& builder) {
    const model::CompiledDocumentSpec* other = pack.compiled.Find(builder);
    return other ? link(other->id) : View(false);
  };
  view.set("context", used("context"));
  view.set("improvement", used("improvement"));
  view.set("open_nonconformities", std::to_string(open));
  view.set("overdue_nonconformities", std::to_string(overdue));
  view.set("closed_nonconformities", std::to_string(closed));
  view.set("nonconformity_log", compiled("nonconformity-list"));
  view.set("metrics_sheet", compiled("objective-list"));
  view.set("audit_programme", compiled("internal-audits"));
  view.set("objectives", Opt(objective_text));
  view.set("risks", std::to_string(pack.risks.size()));
  view.set("above_appetite", std::to_string(above));
  view.set("appetite", std::to_string(pack.risk_appetite));
  view.set("accepted", std::to_string(accepted));
  view.set("overdue_treatments", std::to_string(overdue_treatments));
  view.set("risk_register", compiled("risk-list"));
  view.set("applicable", std::to_string(applicable));
  view.set("controls", std::to_string(pack.soa.size()));
  view.set("soa", compiled("soa"));
  return view;
}

/// The people a responder calls, with their contact details from the
/// profile: the incident-contacts layout's table, put into the section of
/// the incident response plan that compiled-documents.xml names.
void AppendContacts(ResolvedPack& pack, base::DiagnosticSink& sink) {
  if (!pack.compiled.incident_contacts) return;
  const model::IncidentContactsSpec& contacts = *pack.compiled.incident_contacts;
  const model::CompiledTemplate* layout = pack.compiled.Template("incident-contacts");
  if (!layout) {
    sink.Report(base::DiagKind::kTemplateName, contacts.loc,
                "the incident contacts have no layout; add templates/compiled/incident-contacts.xml");
    return;
  }
  View view = BaseView(pack);
  View rows{View::type::list};
  for (const std::string& role_id : contacts.roles) {
    for (const auto& role : pack.roles) {
      if (role.id != role_id) continue;
      auto row = [&](const model::Person& person, bool deputy) {
        View r;
        r.set("role", EscapeMarkdown(role.title));
        r.set("name", EscapeMarkdown(person.name));
        r.set("job_title", EscapeMarkdown(person.job_title));
        r.set("phone", Opt(EscapeMarkdown(person.phone)));
        r.set("email", Opt(EscapeMarkdown(person.email)));
        r.set("deputy", Flag(deputy));
        rows.push_back(r);
      };
      for (const std::string& holder : role.holders) {
        if (const model::Person* person = pack.FindPerson(holder)) row(*person, false);
      }
      // Then whoever stands in for the holders.
      const std::set<std::string> holders(role.holders.begin(), role.holders.end());
      for (const auto& person : pack.people) {
        const bool deputises =
            std::find(person.deputy_for.begin(), person.deputy_for.end(), role.id) != person.deputy_for.end();
        if (deputises && !holders.count(person.id)) row(person, true);
      }
    }
  }
  view.set("contacts", rows);
  ExpandedTemplate expanded = ExpandTemplate(*layout, view, sink);
  const std::string doc_id = contacts.section.substr(0, contacts.section.find('#'));
  const std::string section_id = contacts.section.substr(contacts.section.find('#') + 1);
  for (ResolvedDocument& doc : pack.documents) {
    if (doc.id != doc_id) continue;
    // The plan keeps a section for the table, so that numbers and
    // cross-references stay as resolved.
    for (ResolvedSection& section : doc.sections) {
      if (section.id != section_id) continue;
      for (const ResolvedSection& laid_out : expanded.sections) {
        section.tables.insert(section.tables.end(), laid_out.tables.begin(), laid_out.tables.end());
      }
    }
  }
}

/// The register of documented information, listing every other document
/// of the pack with its document control as it stands.
void CompileRegister(ResolvedPack& pack, base::DiagnosticSink& sink) {
  const model::CompiledDocumentSpec* spec = pack.compiled.Find("document-index");
  if (!spec) return;
  std::optional<ResolvedDocument> doc = FromTemplate(pack, *spec, DocumentedInformation(pack), sink);
  if (doc) pack.documents.push_back(std::move(*doc));
}

/// Compiles every derived document but the register from the library's
/// documents in `pack`.
void CompileDerivedDocuments(ResolvedPack& pack, base::DiagnosticSink& sink) {
  const auto places = IndexStatements(pack);
  // Each document joins the pack as soon as it is made, so later ones
  // (the RACI matrix, the register) see the earlier ones.
  auto add = [&](std::optional<ResolvedDocument> doc) {
    if (doc) pack.documents.push_back(std::move(*doc));
  };
  auto spec = [&](const char* builder) { return pack.compiled.Find(builder); };
  // Training is compiled from the library's documents alone; the role
  // descriptions name the modules it makes.
  std::vector<ResolvedDocument> training = TrainingDocuments(pack, sink);
  std::vector<std::string> audited_ids;
  for (const ResolvedDocument& d : pack.documents) audited_ids.push_back(d.id);
  if (const auto* s = spec("soa")) add(FromTemplate(pack, *s, StatementOfApplicability(pack, places), sink));
  for (auto& doc : FrameworkDocuments(pack, places, sink)) add(std::move(doc));
  if (const auto* s = spec("role-summaries")) add(FromTemplate(pack, *s, RoleDescriptions(pack, places, training), sink));
  if (const auto* s = spec("duty-index")) add(FromTemplate(pack, *s, DutyRegister(pack, places), sink));
  if (const auto* s = spec("asset-list"); s && !pack.assets.empty()) add(FromTemplate(pack, *s, AssetInventory(pack), sink));
  if (!pack.risks.empty()) {
    pack.images["risk-heatmap-inherent"] = HeatMap(pack, false);
    pack.images["risk-heatmap-residual"] = HeatMap(pack, true);
    if (const auto* s = spec("risk-list")) add(FromTemplate(pack, *s, RiskRegister(pack, "risk-heatmap-inherent"), sink));
    if (const auto* s = spec("treatment-list")) {
      add(FromTemplate(pack, *s, TreatmentPlan(pack, "risk-heatmap-residual"), sink));
    }
  }
  if (const auto* s = spec("objective-list")) add(FromTemplate(pack, *s, ObjectivesAndMetrics(pack), sink));
  if (const auto* s = spec("nonconformity-list")) add(FromTemplate(pack, *s, NonconformityLog(pack), sink));
  if (const auto* s = spec("internal-audits")) {
    std::vector<const ResolvedDocument*> audited;
    for (const std::string& id : audited_ids) {
      for (const ResolvedDocument& d : pack.documents) {
        if (d.id == id) audited.push_back(&d);
      }
    }
    add(FromTemplate(pack, *s, AuditProgramme(pack, *s, audited), sink));
  }
  for (auto& doc : training) add(std::move(doc));
  if (const auto* s = spec("review-agenda")) add(FromTemplate(pack, *s, ManagementReviewAgenda(pack, *s), sink));
}

}  // namespace

const std::vector<std::string>& CompiledBuilders() {
  static const std::vector<std::string> kBuilders = {
      "soa",          "role-summaries",   "duty-index",      "asset-list",        "risk-list",
      "treatment-list", "objective-list", "nonconformity-list", "internal-audits",     "training-modules",
      "training-needs", "training-schedule", "review-agenda", "document-index", "framework-matrix",
      "readiness-checklist"};
  return kBuilders;
}

void AddContacts(ResolvedPack& pack, base::DiagnosticSink& sink) {
  if (pack.documents.empty()) return;
  AppendContacts(pack, sink);
  AppendIncidentPlanTables(pack, sink);
}

void AddDerivedDocuments(ResolvedPack& pack, base::DiagnosticSink& sink, const std::function<void()>& before_register) {
  if (pack.documents.empty()) return;
  CompileDerivedDocuments(pack, sink);
  if (before_register) before_register();
  CompileRegister(pack, sink);
}

}  // namespace policyc::resolve
