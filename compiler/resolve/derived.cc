// Documents compiled from the resolved pack: the Statement of
// Applicability, role descriptions with RACI and segregation of duties,
// and the register of documented information. Their text is Markdown
// like every other document's, so every format renders them the same way.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "base/strings.h"
#include "resolve/derived_documents.h"
#include "resolve/resolver.h"
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
  for (const auto& person : pack.people) {
    if (person.id == id) return person.name + " (" + person.job_title + ")";
  }
  return id;
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

ResolvedSection Section(std::string id, std::string number, std::string title, std::string intro) {
  ResolvedSection section;
  section.id = std::move(id);
  section.number = std::move(number);
  section.title = std::move(title);
  section.intro = std::move(intro);
  return section;
}

ResolvedSection Section(std::string id, std::string number, std::string title, std::string intro,
                        model::Table table) {
  ResolvedSection section = Section(std::move(id), std::move(number), std::move(title), std::move(intro));
  section.tables.push_back(std::move(table));
  return section;
}

model::Table NewTable(std::vector<model::TableColumn> columns, size_t key) {
  model::Table table;
  table.landscape = columns.size() >= 7;
  table.columns = std::move(columns);
  table.key = key;
  return table;
}

}  // namespace derived

namespace {

/// Where a statement is: its document's title and its number.
struct StatementPlace {
  std::string document_title;
  std::string number;
  std::string text;
};

std::map<std::string, StatementPlace> IndexStatements(const ResolvedPack& pack) {
  std::map<std::string, StatementPlace> out;
  for (const ResolvedDocument& doc : pack.documents) {
    struct Indexer : model::DocumentVisitor {
      std::map<std::string, StatementPlace>* out;
      const ResolvedDocument* doc;
      void VisitStatement(const model::ResolvedStatement& s, int) override {
        (*out)[doc->id + "#" + s.id] = {doc->title, s.number, s.text};
      }
    } indexer;
    indexer.out = &out;
    indexer.doc = &doc;
    model::WalkDocument(doc, indexer);
  }
  return out;
}

std::string StatusText(const model::SoaRow& row) {
  if (!row.applicable) return "Excluded";
  if (row.status.empty()) return "Not stated";
  std::string status = row.status;
  status[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(status[0])));
  return row.status_date.empty() ? status : status + " (" + row.status_date + ")";
}

ResolvedDocument StatementOfApplicability(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                                          const std::map<std::string, StatementPlace>& places) {
  int applicable = 0, excluded = 0;
  std::map<std::string, int> by_status;
  for (const auto& row : pack.soa) {
    (row.applicable ? applicable : excluded)++;
    if (row.applicable) by_status[StatusText(row)]++;
  }
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "The Statement of Applicability of " + EscapeMarkdown(pack.organisation.name) +
          ": for each of the " + std::to_string(pack.soa.size()) +
          " controls of ISO/IEC 27001:2022 Annex A, whether it applies, why, how far it is implemented, "
          "who owns it and the policy statements that implement it. It is compiled from the same "
          "statements as the policies, so the two cannot disagree.");
  model::Table summary = NewTable({{"Controls", 3}, {"Number", 1}});
  summary.rows.push_back({"Applicable", std::to_string(applicable)});
  summary.rows.push_back({"Excluded", std::to_string(excluded)});
  for (const auto& [status, count] : by_status) {
    summary.rows.push_back({"Applicable, " + EscapeMarkdown(status), std::to_string(count)});
  }
  doc.sections.push_back(Section("summary-of-applicability", std::to_string(1), "Summary", "", std::move(summary)));
  std::map<std::string, std::string> theme_titles = {{"organisational", "Organisational controls (A.5)"},
                                                     {"people", "People controls (A.6)"},
                                                     {"physical", "Physical controls (A.7)"},
                                                     {"technological", "Technological controls (A.8)"}};
  int number = 1;
  for (const char* theme : {"organisational", "people", "physical", "technological"}) {
    model::Table table = NewTable({{"Control", 1},
                                   {"Title", 2.2},
                                   {"Applicable", 1},
                                   {"Justification", 4},
                                   {"Status", 1.6},
                                   {"Owner", 1.6},
                                   {"Implemented by", 3}});
    bool any = false;
    for (const auto& row : pack.soa) {
      if (row.theme != theme) continue;
      any = true;
      std::vector<std::string> links;
      for (const std::string& ref : row.implemented_by) {
        auto place = places.find(ref);
        if (place == places.end()) continue;
        links.push_back(Link(place->second.document_title + " " + place->second.number, ref));
      }
      table.rows.push_back({row.control, EscapeMarkdown(row.title), row.applicable ? "Yes" : "No",
                            EscapeMarkdown(row.justification), EscapeMarkdown(StatusText(row)),
                            row.owner.empty() ? "—" : EscapeMarkdown(RoleTitle(pack, row.owner)),
                            links.empty() ? "—" : base::Join(links, "; ")});
    }
    if (any) {
      doc.sections.push_back(Section(std::string("soa-") + theme, std::to_string(++number), theme_titles[theme], "",
                                     std::move(table)));
    }
  }
  return doc;
}

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

/// The roles that take part in the pack's documents (everyone-roles aside).
std::vector<const model::ResolvedRole*> WorkingRoles(const ResolvedPack& pack) {
  std::vector<const model::ResolvedRole*> roles;
  for (const auto& role : pack.roles) {
    if (!role.everyone && (!role.duties.empty() || !role.holders.empty())) roles.push_back(&role);
  }
  return roles;
}

ResolvedDocument RoleDescriptions(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                                  const std::map<std::string, StatementPlace>& places,
                                  const std::vector<ResolvedDocument>& training) {
  const model::CompiledDocumentSpec* duty_index = pack.compiled.Find("duty-index");
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "For every information security role of " + EscapeMarkdown(pack.organisation.name) +
          ": its purpose, authorities and competence requirements, who holds it, and a summary of its duties by "
          "document." + (duty_index ? " Every duty, in full, is in the " + Link(duty_index->title, duty_index->id) + "." : "") +
          " Combining roles in a small organisation is normal; the segregation table shows the combinations to "
          "avoid.");
  int number = 0;
  for (const auto& role : pack.roles) {
    if (role.holders.empty() && role.duties.empty()) continue;
    std::string md = EscapeMarkdown(role.purpose) + "\n\n";
    if (!role.reports_to.empty()) md += "**Reports to:** " + EscapeMarkdown(RoleTitle(pack, role.reports_to)) + "\n\n";
    std::vector<std::string> holders;
    for (const std::string& person : role.holders) holders.push_back(EscapeMarkdown(PersonName(pack, person)));
    md += "**Held by:** " + (role.everyone ? std::string("everyone who works for the organisation")
                                           : holders.empty() ? std::string("nobody yet") : base::JoinEnglish(holders)) +
          "\n\n";
    if (!role.authorities.empty()) {
      md += "**Authorities**\n\n";
      for (const auto& a : role.authorities) md += "- " + EscapeMarkdown(a) + "\n";
      md += "\n";
    }
    if (!role.competences.empty()) {
      md += "**Competence**\n\n";
      for (const auto& c : role.competences) md += "- " + EscapeMarkdown(c) + "\n";
      md += "\n";
    }
    // The training modules the role's holders take, where the pack has them.
    std::vector<std::string> modules;
    if (const auto* documents = pack.compiled.Find("training-modules")) {
      for (const auto& module : pack.compiled.training_modules) {
        const bool takes = module.everyone || std::find(module.roles.begin(), module.roles.end(), role.id) !=
                                                  module.roles.end();
        const std::string id = documents->id + "-" + module.id;
        for (const ResolvedDocument& d : training) {
          if (takes && d.id == id) modules.push_back(Link(d.title, d.id));
        }
      }
    }
    if (!modules.empty()) md += "**Training:** " + base::Join(modules, "; ") + ".\n\n";
    ResolvedSection section = Section("role-" + role.id, std::to_string(++number), role.title, md);
    if (role.duties.empty()) {
      section.intro += "**Duties:** none in the documents of this pack.\n";
    } else {
      // One row per document: how many duties, and where they are in full.
      struct DocumentDuties {
        std::string id;
        std::string title;
        std::vector<std::string> statements;
      };
      std::vector<DocumentDuties> by_document;
      for (const std::string& ref : role.duties) {
        auto place = places.find(ref);
        if (place == places.end()) continue;
        const std::string doc_id = ref.substr(0, ref.find('#'));
        if (by_document.empty() || by_document.back().id != doc_id) {
          by_document.push_back({doc_id, place->second.document_title, {}});
        }
        by_document.back().statements.push_back(Link(place->second.number, ref));
      }
      section.intro += "**Key responsibilities:** " + std::to_string(role.duties.size()) + " duties in " +
                       std::to_string(by_document.size()) + " documents" +
                       (duty_index ? ", each in full in " + Link("the " + duty_index->title, duty_index->id + "#duties-" + role.id)
                                   : std::string()) +
                       ".\n";
      model::Table table = NewTable({{"Document", 3}, {"Duties", 1}, {"Statements", 4}});
      for (const DocumentDuties& d : by_document) {
        table.rows.push_back({Link(d.title, d.id), std::to_string(d.statements.size()), base::Join(d.statements, ", ")});
      }
      section.tables.push_back(std::move(table));
    }
    doc.sections.push_back(std::move(section));
  }
  // RACI: documents × roles.
  const std::vector<const model::ResolvedRole*> roles = WorkingRoles(pack);
  const auto letters = RaciLetters(pack);
  std::vector<model::TableColumn> columns = {{"Document", 4}};
  for (const auto* role : roles) columns.push_back({role->title, 1});
  model::Table raci = NewTable(std::move(columns));
  raci.landscape = true;
  for (const ResolvedDocument& d : pack.documents) {
    std::vector<std::string> row = {Link(d.title, d.id)};
    auto doc_letters = letters.find(d.id);
    for (const auto* role : roles) {
      std::set<char> cell;
      if (doc_letters != letters.end()) {
        auto it = doc_letters->second.find(role->id);
        if (it != doc_letters->second.end()) cell = it->second;
      }
      row.push_back(RaciCell(cell));
    }
    raci.rows.push_back(std::move(row));
  }
  doc.sections.push_back(Section("raci", std::to_string(++number), "RACI matrix",
                                 "A: accountable (owns the document and answers for it; one per document). R: "
                                 "responsible (acts in at least one of its statements). C: consulted (named in a "
                                 "statement another role carries out, or approves a step of it). I: informed.",
                                 std::move(raci)));
  model::Table sod = NewTable({{"Roles", 2}, {"Why they are kept apart", 4}, {"Held together by", 2}});
  for (const auto& seg : pack.segregations) {
    std::vector<std::string> names;
    for (const std::string& person : seg.conflicts) names.push_back(EscapeMarkdown(PersonName(pack, person)));
    sod.rows.push_back({EscapeMarkdown(RoleTitle(pack, seg.first_role)) + " and " +
                            EscapeMarkdown(RoleTitle(pack, seg.second_role)),
                        EscapeMarkdown(seg.reason),
                        names.empty() ? std::string("Nobody")
                                      : "**" + base::JoinEnglish(names) + "**: a compensating control is needed"});
  }
  doc.sections.push_back(
      Section("segregation-of-duties", std::to_string(++number), "Segregation of duties", "", std::move(sod)));
  return doc;
}

/// Every duty of every role in full, by role and document: the register the
/// role descriptions summarise.
ResolvedDocument DutyRegister(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                              const std::map<std::string, StatementPlace>& places) {
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "Every duty the policies and procedures of " + EscapeMarkdown(pack.organisation.name) +
          " give a role, in full and by document: the statements in which the role acts. Roles a statement only "
          "consults or informs are not listed here; the RACI matrix in " +
          LinkTo(pack, "role-summaries", "the role descriptions") + " shows them.");
  int number = 0;
  for (const auto& role : pack.roles) {
    if (role.duties.empty()) continue;
    model::Table table = NewTable({{"Document", 2}, {"Statement", 1}, {"Duty", 7}}, 1);
    std::string current;
    for (const std::string& ref : role.duties) {
      auto place = places.find(ref);
      if (place == places.end()) continue;
      const std::string doc_id = ref.substr(0, ref.find('#'));
      table.rows.push_back({doc_id == current ? std::string() : Link(place->second.document_title, doc_id),
                            Link(place->second.number, ref), place->second.text});
      current = doc_id;
    }
    doc.sections.push_back(Section("duties-" + role.id, std::to_string(++number), role.title,
                                   std::to_string(role.duties.size()) + " duties.", std::move(table)));
  }
  return doc;
}

std::string Approved(const ResolvedDocument& d) {
  return d.approval_date.empty() ? "not yet approved" : d.approval_date;
}
std::string NextReview(const ResolvedDocument& d) { return d.next_review.empty() ? "—" : d.next_review; }

ResolvedDocument DocumentedInformation(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec) {
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "Where each item of documented information ISO/IEC 27001:2022 asks for lives in this pack: every "
      "clause and Annex A control a document of the pack is the documented information for, and the "
      "documents themselves with their document control.");
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
  model::Table table = NewTable({{"Requirement", 1.2}, {"Title", 3}, {"Where it lives", 4}});
  for (const std::string& item : items) {
    std::vector<std::string> links;
    for (const ResolvedDocument* d : serving[item]) links.push_back(Link(d->title, d->id));
    table.rows.push_back({item, EscapeMarkdown(titles.count(item) ? titles[item] : ""), base::Join(links, "; ")});
  }
  doc.sections.push_back(
      Section("requirements", std::to_string(1), "Documented information by requirement", "", std::move(table)));
  model::Table list = NewTable({{"Document", 4}, {"Kind", 1.2}, {"Version", 1.2}, {"Owner", 2.2}, {"Approved", 1.6},
                                {"Next review", 1.6}});
  for (const ResolvedDocument& d : pack.documents) {
    list.rows.push_back({Link(d.title, d.id), d.kind, EscapeMarkdown(d.version), EscapeMarkdown(d.owner_title),
                         Approved(d), NextReview(d)});
  }
  list.rows.push_back({Link(doc.title, doc.id), doc.kind, EscapeMarkdown(doc.version), EscapeMarkdown(doc.owner_title),
                       Approved(doc), NextReview(doc)});
  doc.sections.push_back(Section("documents", std::to_string(2), "Documents of the pack", "", std::move(list)));
  if (!pack.withdrawn.empty()) {
    model::Table gone = NewTable({{"Document", 4}, {"Last version", 1.5}, {"Withdrawn on", 1.5}});
    for (const model::WithdrawnDocument& w : pack.withdrawn) {
      gone.rows.push_back({EscapeMarkdown(w.title) + " (" + EscapeMarkdown(w.id) + ")", EscapeMarkdown(w.version), w.date});
    }
    doc.sections.push_back(Section("withdrawn", std::to_string(3), "Withdrawn documents",
                                   "Documents an earlier release approved that are no longer part of the pack. Their "
                                   "release record and revision history are kept; copies still in circulation are "
                                   "obsolete and shall not be used.",
                                   std::move(gone)));
  }
  return doc;
}

/// A 5 × 5 heat map of likelihood against impact, each cell coloured by
/// its band and listing the risks in it.
std::string HeatMap(const ResolvedPack& pack, bool residual) {
  std::map<std::pair<int, int>, std::vector<std::string>> cells;
  for (const auto& r : pack.risks) {
    const int l = residual ? r.risk.residual_likelihood : r.risk.likelihood;
    const int i = residual ? r.risk.residual_impact : r.risk.impact;
    if (l > 0 && i > 0) cells[{l, i}].push_back(r.risk.id);
  }
  auto colour = [](int rating) {
    if (rating <= 4) return "#7FBF7F";
    if (rating <= 9) return "#F2D16B";
    if (rating <= 16) return "#F0A04B";
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

std::vector<ResolvedDocument> RiskDocuments(ResolvedPack& pack) {
  std::vector<ResolvedDocument> out;
  const model::CompiledDocumentSpec* assets = pack.compiled.Find("asset-list");
  if (!pack.assets.empty() && assets) {
    ResolvedDocument doc = NewDocument(pack, *assets,
                                       "The information and other assets of " + EscapeMarkdown(pack.organisation.name) +
                                           " within the ISMS scope, with their owners, classification, location and the "
                                           "value of their confidentiality, integrity and availability (1 low to 5 high).");
    model::Table table = NewTable({{"Asset", 1},
                                   {"Name", 3},
                                   {"Owner", 2},
                                   {"Classification", 1.6},
                                   {"Location", 2.4},
                                   {"C", 0.4},
                                   {"I", 0.4},
                                   {"A", 0.4}});
    for (const auto& a : pack.assets) {
      table.rows.push_back({a.id, EscapeMarkdown(a.name), EscapeMarkdown(RoleTitle(pack, a.owner)), a.classification,
                            EscapeMarkdown(a.location), std::to_string(a.confidentiality),
                            std::to_string(a.integrity), std::to_string(a.availability)});
    }
    doc.sections.push_back(Section("assets", std::to_string(1), "Assets", "", std::move(table)));
    out.push_back(std::move(doc));
  }
  if (pack.risks.empty()) return out;
  pack.images["risk-heatmap-inherent"] = HeatMap(pack, false);
  pack.images["risk-heatmap-residual"] = HeatMap(pack, true);
  const std::string appetite = std::to_string(pack.risk_appetite);
  const model::CompiledDocumentSpec* register_spec = pack.compiled.Find("risk-list");
  const model::CompiledDocumentSpec* plan_spec = pack.compiled.Find("treatment-list");
  if (register_spec) {
  ResolvedDocument reg = NewDocument(
      pack, *register_spec,
      "The information security risks of " + EscapeMarkdown(pack.organisation.name) +
          ", assessed with the risk management methodology: likelihood and impact from 1 to 5, the rating is their "
          "product, and a rating above the risk appetite of " + appetite + " must be treated or accepted by its owner.");
  std::string heat = "![Inherent risk heat map](policyc-image:risk-heatmap-inherent)\n\n"
                     "Cells with a dashed border are above the risk appetite of " + appetite + ".";
  reg.sections.push_back(Section("heat-map", std::to_string(1), "Heat map", heat));
  model::Table table = NewTable({{"Risk", 0.8},
                                 {"Asset", 2},
                                 {"Threat", 3},
                                 {"Vulnerability", 3},
                                 {"L", 0.4},
                                 {"I", 0.4},
                                 {"Rating", 1.6},
                                 {"Owner", 1.8}});
  for (const auto& r : pack.risks) {
    table.rows.push_back({r.risk.id, EscapeMarkdown(r.asset_name.empty() ? r.risk.asset : r.asset_name),
                          EscapeMarkdown(r.risk.threat), EscapeMarkdown(r.risk.vulnerability),
                          std::to_string(r.risk.likelihood), std::to_string(r.risk.impact),
                          std::to_string(r.inherent) + " " + r.inherent_band +
                              (r.inherent > pack.risk_appetite ? " (above appetite)" : ""),
                          EscapeMarkdown(RoleTitle(pack, r.risk.owner))});
  }
  reg.sections.push_back(Section("risks", std::to_string(2), "Risks", "", std::move(table)));
  out.push_back(std::move(reg));
  }
  if (!plan_spec) return out;

  ResolvedDocument plan = NewDocument(
      pack, *plan_spec,
      "How each risk of the register is treated, with the Annex A controls the treatment relies on, the owner, the "
      "due date, the rating expected after treatment and the owner's acceptance of what remains.");
  plan.sections.push_back(Section("residual-heat-map", std::to_string(1), "Residual risk",
                                  "![Residual risk heat map](policyc-image:risk-heatmap-residual)"));
  model::Table treatments = NewTable({{"Risk", 0.8},
                                      {"Treatment", 1.4},
                                      {"Action", 4},
                                      {"Controls", 1.6},
                                      {"Due", 1.4},
                                      {"Residual", 1.2},
                                      {"Accepted", 2}});
  for (const auto& r : pack.risks) {
    std::string accepted = r.risk.accepted_by.empty() ? "—" : EscapeMarkdown(PersonName(pack, r.risk.accepted_by)) +
                                                                 (r.risk.accepted_on.empty() ? "" : ", " + r.risk.accepted_on);
    std::string due = r.risk.due.empty() ? "—" : r.risk.due + (r.risk.done ? " (done)" : r.overdue ? " (**overdue**)" : "");
    treatments.rows.push_back({r.risk.id, r.risk.treatment.empty() ? std::string("untreated") : r.risk.treatment,
                               r.risk.action.empty() ? "—" : EscapeMarkdown(r.risk.action),
                               r.risk.controls.empty() ? "—" : base::Join(r.risk.controls, ", "), due,
                               r.residual ? std::to_string(r.residual) + " " + r.residual_band : std::string("—"),
                               accepted});
  }
  plan.sections.push_back(Section("treatments", std::to_string(2), "Treatments", "", std::move(treatments)));
  out.push_back(std::move(plan));
  return out;
}

/// A duration parameter in months (a year counts 12), or `fallback`.
int MonthsOf(const ResolvedPack& pack, const std::string& id, int fallback) {
  for (const auto& p : pack.parameters) {
    if (p.id != id || p.type != model::ValueType::kDuration) continue;
    const auto& d = p.value.duration;
    if (d.unit == "years") return static_cast<int>(d.amount * 12);
    if (d.unit == "months") return static_cast<int>(d.amount);
    return std::max(1, static_cast<int>(d.ApproxHours() / 730));
  }
  return fallback;
}

/// The internal audit programme over the audit cycle, and a checklist per
/// audit in which every included statement is a check with the evidence
/// to sample (9.2). ISMS documents and documents touching a risk above
/// appetite are audited every year; the others are spread over the cycle,
/// so every clause and every applicable control is audited at least once.
ResolvedDocument AuditProgramme(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec,
                                const std::map<std::string, StatementPlace>& places) {
  const int years = std::max(1, (MonthsOf(pack, UsedParameter(spec, "cycle"), 36) + 11) / 12);
  const int start_year = std::atoi(pack.as_of.substr(0, 4).c_str()) + 1;
  std::set<std::string> risky_controls;
  for (const auto& r : pack.risks) {
    if (r.inherent > pack.risk_appetite) risky_controls.insert(r.risk.controls.begin(), r.risk.controls.end());
  }
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "The internal audits of the ISMS of " + EscapeMarkdown(pack.organisation.name) + " over a " + std::to_string(years) +
          "-year cycle, and for each audit the checklist: every requirement of the audited document with the evidence "
          "to sample. Documents for clauses 4 to 10, and documents whose controls treat a risk above appetite, are "
          "audited every year.");
  struct Audit {
    const ResolvedDocument* document;
    std::vector<int> years;
    std::string why;
  };
  std::vector<Audit> audits;
  int spread = 0;
  for (const ResolvedDocument& d : pack.documents) {
    bool clause_document = !d.clauses.empty();
    for (const std::string& item : d.serves) clause_document |= item.rfind("A.", 0) != 0;
    bool risky = false;
    for (const std::string& c : d.controls) risky |= risky_controls.count(c) > 0;
    Audit audit{&d, {}, ""};
    if (clause_document || risky) {
      for (int y = 0; y < years; ++y) audit.years.push_back(start_year + y);
      audit.why = clause_document ? "ISMS requirement: every year" : "Treats a risk above appetite: every year";
    } else {
      audit.years.push_back(start_year + (spread++ % years));
      audit.why = "Once in the cycle";
    }
    audits.push_back(audit);
  }
  model::Table programme = NewTable({{"Audit", 3}, {"Scope", 2.4}, {"Year(s)", 1.4}, {"Frequency", 2}, {"Auditor", 1.6}});
  for (const Audit& a : audits) {
    std::vector<std::string> scope = a.document->serves;
    if (scope.empty()) scope = a.document->controls;
    std::vector<std::string> years_text;
    for (int y : a.years) years_text.push_back(std::to_string(y));
    programme.rows.push_back({Link(a.document->title, a.document->id), base::Join(scope, ", "),
                              base::Join(years_text, ", "), a.why, EscapeMarkdown(RoleTitle(pack, UsedRole(spec, "auditor")))});
  }
  doc.sections.push_back(Section("programme", std::to_string(1), "Programme", "", std::move(programme)));
  // One checklist per audited document, every statement a check.
  ResolvedSection checklists = Section("checklists", std::to_string(2), "Checklists",
                                       "Record for each check: conforms, minor nonconformity, major nonconformity or "
                                       "observation, and the evidence seen.");
  int number = 0;
  for (const Audit& a : audits) {
    model::Table table = NewTable({{"Check", 0.8}, {"Requirement", 5}, {"Evidence to sample", 3.4}, {"Result", 1.6}});
    int checks = 0;
    for (const auto& [ref, place] : places) {
      if (ref.compare(0, a.document->id.size() + 1, a.document->id + "#") != 0) continue;
      ++checks;
    }
    struct Rows : model::DocumentVisitor {
      model::Table* table;
      const ResolvedDocument* doc;
      void VisitStatement(const model::ResolvedStatement& s, int) override {
        // The whole requirement: an auditor checks all of it.
        table->rows.push_back({Link(s.number, doc->id + "#" + s.id), s.text,
                               s.evidence.empty() ? std::string("—") : s.evidence, ""});
      }
    } rows;
    rows.table = &table;
    rows.doc = a.document;
    model::WalkDocument(*a.document, rows);
    if (checks == 0) continue;
    ResolvedSection checklist;
    checklist.id = "checklist-" + a.document->id;
    checklist.number = "2." + std::to_string(++number);
    checklist.title = a.document->title;
    checklist.tables.push_back(std::move(table));
    checklists.items.emplace_back(std::move(checklist));
  }
  doc.sections.push_back(std::move(checklists));
  return doc;
}

std::string Capital(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  for (char& c : text) c = c == '-' ? ' ' : c;
  return text;
}

/// Objectives (6.2) with their measures, and the metrics sheet (9.1): the
/// targets the library's monitoring parameters set for this organisation.
ResolvedDocument ObjectivesAndMetrics(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec) {
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "The information security objectives of " + EscapeMarkdown(pack.organisation.name) +
          " with how each is measured, its target, owner and date, and the metrics the ISMS reports with their targets.");
  std::string objectives;
  if (pack.objectives.empty()) {
    objectives = "No objectives are recorded in the profile yet; set them under `<objectives>` as the "
                 "information security objectives plan describes.";
  }
  ResolvedSection objectives_section = Section("objectives", std::to_string(1), "Objectives", objectives);
  if (!pack.objectives.empty()) {
    model::Table table = NewTable({{"Objective", 3},
                                   {"Measure", 3},
                                   {"Target", 2},
                                   {"Owner", 2},
                                   {"Due", 1.4},
                                   {"Status", 1.4},
                                   {"Latest result", 2.4}});
    for (const auto& o : pack.objectives) {
      const bool overdue = o.due < pack.as_of && (o.status == "on-track" || o.status == "at-risk");
      table.rows.push_back({EscapeMarkdown(o.title), EscapeMarkdown(o.measure), EscapeMarkdown(o.target),
                            EscapeMarkdown(RoleTitle(pack, o.owner)), o.due,
                            Capital(o.status) + (overdue ? " (**overdue**)" : ""),
                            o.result.empty() ? "—" : EscapeMarkdown(o.result)});
    }
    objectives_section.tables.push_back(std::move(table));
  }
  doc.sections.push_back(std::move(objectives_section));
  model::Table metrics = NewTable({{"Metric", 5}, {"Target", 2}});
  for (const auto& p : pack.parameters) {
    if (p.id.size() < 7 || p.id.compare(p.id.size() - 7, 7, "_target") != 0) continue;
    metrics.rows.push_back({EscapeMarkdown(p.description), EscapeMarkdown(p.value.ToText(p.unit))});
  }
  if (metrics.rows.empty()) {
    doc.sections.push_back(Section("metrics", std::to_string(2), "Metrics", "The library declares no metric targets."));
  } else {
    doc.sections.push_back(Section("metrics", std::to_string(2), "Metrics", "", std::move(metrics)));
  }
  return doc;
}

ResolvedDocument NonconformityLog(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec) {
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "Every nonconformity found in " + EscapeMarkdown(pack.organisation.name) +
          "'s ISMS, where it came from, its root cause, the corrective action, its owner and due date, and whether "
          "it is closed. Items past their due date on " + pack.as_of + " are marked overdue.");
  std::string log;
  if (pack.nonconformities.empty()) {
    log = "No nonconformities are recorded.";
  }
  ResolvedSection log_section = Section("log", std::to_string(1), "Log", log);
  if (!pack.nonconformities.empty()) {
    model::Table table = NewTable({{"Id", 0.9},
                                   {"Raised", 1.3},
                                   {"Source", 1.3},
                                   {"Finding", 3},
                                   {"Root cause", 2.4},
                                   {"Corrective action", 3},
                                   {"Owner", 1.6},
                                   {"Due", 1.3},
                                   {"Status", 1.4}});
    for (const auto& n : pack.nonconformities) {
      const bool overdue = n.status == "open" && n.due < pack.as_of;
      table.rows.push_back({n.id, n.raised, Capital(n.source), EscapeMarkdown(n.finding),
                            n.root_cause.empty() ? "—" : EscapeMarkdown(n.root_cause), EscapeMarkdown(n.action),
                            EscapeMarkdown(RoleTitle(pack, n.owner)), n.due,
                            n.status == "closed" ? "Closed" + (n.closed_on.empty() ? std::string() : " " + n.closed_on)
                            : overdue            ? std::string("Open (**overdue**)")
                                                 : std::string("Open")});
    }
    log_section.tables.push_back(std::move(table));
  }
  doc.sections.push_back(std::move(log_section));
  return doc;
}

/// The management review agenda, one item per input 9.3.2 asks for, each
/// filled with what the pack knows.
ResolvedDocument ManagementReviewAgenda(const ResolvedPack& pack, const model::CompiledDocumentSpec& spec) {
  ResolvedDocument doc = NewDocument(
      pack, spec,
      "The agenda for the next management review of " + EscapeMarkdown(pack.organisation.name) +
          "'s ISMS, with the information each item needs, as the pack stood on " + pack.as_of + ".");
  int open = 0, overdue = 0, closed = 0;
  for (const auto& n : pack.nonconformities) {
    if (n.status == "closed") ++closed;
    else ++open, overdue += n.due < pack.as_of;
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
  // A document the agenda draws on: linked when it is in the pack, named otherwise.
  auto link = [&](const std::string& id, const std::string& fallback) {
    for (const auto& d : pack.documents) {
      if (d.id == id) return Link(d.title, d.id);
    }
    return EscapeMarkdown(fallback);
  };
  auto used = [&](const std::string& name, const std::string& fallback) {
    const model::CompiledUse* use = spec.Use(name);
    return use ? link(use->document, fallback) : EscapeMarkdown(fallback);
  };
  auto compiled = [&](const std::string& builder, const std::string& fallback) {
    const model::CompiledDocumentSpec* other = pack.compiled.Find(builder);
    return other ? link(other->id, fallback) : EscapeMarkdown(fallback);
  };
  std::vector<std::pair<std::string, std::string>> items = {
      {"Actions from previous management reviews", "Status of each action recorded in the last review's minutes."},
      {"Changes in external and internal issues", "Review " + used("context", "the context register") + "."},
      {"Changes in the needs and expectations of interested parties", "Review the interested parties in " +
           used("context", "the context register") + "."},
      {"Nonconformities and corrective actions", std::to_string(open) + " open (" + std::to_string(overdue) +
           " overdue) and " + std::to_string(closed) + " closed; see " + compiled("nonconformity-list", "the log") + "."},
      {"Monitoring and measurement results", "The metrics in " + compiled("objective-list", "the metrics sheet") + "."},
      {"Audit results", "Findings of the audits in " + compiled("internal-audits", "the audit programme") +
           " since the last review, and of any external audit."},
      {"Fulfilment of information security objectives", pack.objectives.empty() ? std::string("No objectives recorded.")
                                                                                 : objective_text + "."},
      {"Feedback from interested parties", "Customer, regulator, supplier and staff feedback since the last review."},
      {"Results of risk assessment and status of the risk treatment plan",
       std::to_string(pack.risks.size()) + " risks, " + std::to_string(above) + " above the appetite of " +
           std::to_string(pack.risk_appetite) + ", " + std::to_string(accepted) + " accepted by their owners, " +
           std::to_string(overdue_treatments) + " treatments overdue; see " + compiled("risk-list", "the risk register") + "."},
      {"Statement of Applicability", std::to_string(applicable) + " of " + std::to_string(pack.soa.size()) +
           " Annex A controls applicable; see " + compiled("soa", "the SoA") + "."},
      {"Opportunities for continual improvement", "Proposals from " +
           used("improvement", "the improvement process") + " and from this review."},
  };
  model::Table agenda = NewTable({{"#", 0.4}, {"Input", 3}, {"Information for the review", 5}});
  int n = 0;
  for (const auto& [item, info] : items) agenda.rows.push_back({std::to_string(++n), item, info});
  doc.sections.push_back(Section("inputs", std::to_string(1), "Inputs", "", std::move(agenda)));
  doc.sections.push_back(Section("outputs", std::to_string(2), "Decisions to record",
                                 "- Opportunities for improvement agreed, with owners and dates.\n"
                                 "- Changes needed to the ISMS, including resources.\n"
                                 "- Whether the ISMS still fits the organisation, does enough and works, and the reasons.\n"));
  return doc;
}

/// The people a responder calls, with their contact details from the
/// profile, filled into the section of the incident response plan that compiled-documents.xml names.
void AppendContacts(ResolvedPack& pack) {
  if (!pack.compiled.incident_contacts) return;
  const model::IncidentContactsSpec& contacts = *pack.compiled.incident_contacts;
  const std::string doc_id = contacts.section.substr(0, contacts.section.find('#'));
  const std::string section_id = contacts.section.substr(contacts.section.find('#') + 1);
  for (ResolvedDocument& doc : pack.documents) {
    if (doc.id != doc_id) continue;
    model::Table table = NewTable({{"Role", 2}, {"Name", 2}, {"Job title", 2}, {"Phone", 1.6}, {"Email", 2.6}}, 1);
    for (const std::string& role_id : contacts.roles) {
      for (const auto& role : pack.roles) {
        if (role.id != role_id) continue;
        for (const std::string& holder : role.holders) {
          for (const auto& person : pack.people) {
            if (person.id != holder) continue;
            table.rows.push_back({EscapeMarkdown(role.title), EscapeMarkdown(person.name),
                                  EscapeMarkdown(person.job_title),
                                  person.phone.empty() ? "—" : EscapeMarkdown(person.phone),
                                  person.email.empty() ? "—" : EscapeMarkdown(person.email)});
          }
        }
      }
    }
    // The plan keeps a section for this table, so that numbers and
    // cross-references stay as resolved.
    for (ResolvedSection& section : doc.sections) {
      if (section.id != section_id) continue;
      section.tables.push_back(table);
    }
  }
}

/// Compiles every derived document from the library's documents in `pack`.
void CompileDerivedDocuments(ResolvedPack& pack) {
  const auto places = IndexStatements(pack);
  // Each is added as soon as it is made, so later ones can refer to it.
  auto add = [&](ResolvedDocument doc) {
    doc.derived = true;
    pack.documents.push_back(std::move(doc));
  };
  const size_t library_documents = pack.documents.size();
  // Only what the library's compiled-documents.xml names is compiled.
  auto spec = [&](const char* builder) { return pack.compiled.Find(builder); };
  if (const auto* s = spec("soa")) add(StatementOfApplicability(pack, *s, places));
  // Training is compiled from the library's documents alone; the role
  // descriptions name the modules it makes.
  std::vector<ResolvedDocument> training = TrainingDocuments(pack);
  if (const auto* s = spec("role-summaries")) add(RoleDescriptions(pack, *s, places, training));
  if (const auto* s = spec("duty-index")) add(DutyRegister(pack, *s, places));
  for (auto& doc : RiskDocuments(pack)) add(std::move(doc));
  if (const auto* s = spec("objective-list")) add(ObjectivesAndMetrics(pack, *s));
  if (const auto* s = spec("nonconformity-list")) add(NonconformityLog(pack, *s));
  if (const auto* s = spec("internal-audits")) {
    // The audit programme audits the library's documents (the derived ones
    // are records of those).
    ResolvedPack library = pack;
    library.documents.resize(library_documents);
    add(AuditProgramme(library, *s, places));
  }
  for (auto& doc : training) add(std::move(doc));
  if (const auto* s = spec("review-agenda")) add(ManagementReviewAgenda(pack, *s));
  if (const auto* s = spec("document-index")) add(DocumentedInformation(pack, *s));
}

}  // namespace

const std::vector<std::string>& CompiledBuilders() {
  static const std::vector<std::string> kBuilders = {
      "soa",          "role-summaries",   "duty-index",      "asset-list",        "risk-list",
      "treatment-list", "objective-list", "nonconformity-list", "internal-audits",     "training-modules",
      "training-needs", "training-schedule", "review-agenda", "document-index"};
  return kBuilders;
}

void AddDerivedDocuments(ResolvedPack& pack) {
  if (pack.documents.empty()) return;
  AppendContacts(pack);
  CompileDerivedDocuments(pack);
}

void RecompileDerivedDocuments(ResolvedPack& pack) {
  std::erase_if(pack.documents, [](const ResolvedDocument& doc) { return doc.derived; });
  if (pack.documents.empty()) return;
  CompileDerivedDocuments(pack);
}

}  // namespace policyc::resolve
