// Documents compiled from the resolved pack: the Statement of
// Applicability, role descriptions with RACI and segregation of duties,
// and the register of documented information. Their text is Markdown
// like every other document's, so every format renders them the same way.
#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "resolve/resolver.h"

namespace policyc::resolve {

using base::EscapeMarkdown;
using model::ResolvedDocument;
using model::ResolvedPack;
using model::ResolvedSection;

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

std::string Link(const std::string& label, const std::string& target) {
  return "[" + EscapeMarkdown(label) + "](policyc:" + target + ")";
}

/// A table cell: one line, pipes escaped.
std::string Cell(const std::string& markdown) {
  std::string out;
  for (char c : markdown) out += c == '\n' ? ' ' : c;
  return out;
}

/// The statement's first sentence, for lists of duties.
std::string FirstSentence(const std::string& text) {
  std::string flat = Cell(text);
  size_t end = flat.find(". ");
  if (end != std::string::npos && end < 400) return flat.substr(0, end + 1);
  return flat.size() > 400 ? flat.substr(0, 400) + "…" : flat;
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

ResolvedDocument NewDocument(const ResolvedPack& pack, std::string id, std::string kind, std::string title,
                             std::string owner, std::vector<std::string> serves, std::string summary) {
  ResolvedDocument doc;
  doc.id = std::move(id);
  doc.kind = std::move(kind);
  doc.title = std::move(title);
  doc.owner_role = std::move(owner);
  doc.owner_title = RoleTitle(pack, doc.owner_role);
  std::vector<std::string> owners;
  for (const auto& role : pack.roles) {
    if (role.id != doc.owner_role) continue;
    for (const std::string& person : role.holders) owners.push_back(PersonName(pack, person));
  }
  doc.owner_names = base::JoinEnglish(owners);
  doc.serves = std::move(serves);
  doc.summary = std::move(summary);
  // Document control as for every document of the pack.
  if (!pack.documents.empty()) {
    const ResolvedDocument& any = pack.documents.front();
    doc.approver = any.approver;
    doc.version = any.version;
    doc.approval_date = any.approval_date;
    doc.next_review = AddMonths(any.approval_date, 12);
    doc.classification = any.classification;
    doc.revisions = any.revisions;
  }
  return doc;
}

ResolvedSection Section(std::string id, int number, std::string title, std::string intro) {
  ResolvedSection section;
  section.id = std::move(id);
  section.number = std::to_string(number);
  section.title = std::move(title);
  section.intro = std::move(intro);
  return section;
}

std::string StatusText(const model::SoaRow& row) {
  if (!row.applicable) return "Excluded";
  if (row.status.empty()) return "Not stated";
  std::string status = row.status;
  status[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(status[0])));
  return row.status_date.empty() ? status : status + " (" + row.status_date + ")";
}

ResolvedDocument StatementOfApplicability(const ResolvedPack& pack,
                                          const std::map<std::string, StatementPlace>& places) {
  int applicable = 0, excluded = 0;
  std::map<std::string, int> by_status;
  for (const auto& row : pack.soa) {
    (row.applicable ? applicable : excluded)++;
    if (row.applicable) by_status[StatusText(row)]++;
  }
  ResolvedDocument doc = NewDocument(
      pack, "statement-of-applicability", "register", "Statement of Applicability", "isms-manager",
      {"6.1.3"},
      "The Statement of Applicability of " + EscapeMarkdown(pack.organisation.name) +
          ": for each of the " + std::to_string(pack.soa.size()) +
          " controls of ISO/IEC 27001:2022 Annex A, whether it applies, why, how far it is implemented, "
          "who owns it and the policy statements that implement it. It is compiled from the same "
          "statements as the policies, so the two cannot disagree.");
  std::string summary = "| | Controls |\n|---|---|\n";
  summary += "| Applicable | " + std::to_string(applicable) + " |\n";
  summary += "| Excluded | " + std::to_string(excluded) + " |\n";
  for (const auto& [status, count] : by_status) {
    summary += "| Applicable, " + EscapeMarkdown(status) + " | " + std::to_string(count) + " |\n";
  }
  doc.sections.push_back(Section("summary-of-applicability", 1, "Summary", summary));
  std::map<std::string, std::string> theme_titles = {{"organisational", "Organisational controls (A.5)"},
                                                     {"people", "People controls (A.6)"},
                                                     {"physical", "Physical controls (A.7)"},
                                                     {"technological", "Technological controls (A.8)"}};
  int number = 1;
  for (const char* theme : {"organisational", "people", "physical", "technological"}) {
    std::string table =
        "| Control | Title | Applicable | Justification | Status | Owner | Implemented by |\n"
        "|---|---|---|---|---|---|---|\n";
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
      table += "| " + row.control + " | " + EscapeMarkdown(row.title) + " | " + (row.applicable ? "Yes" : "No") +
               " | " + EscapeMarkdown(Cell(row.justification)) + " | " + EscapeMarkdown(StatusText(row)) + " | " +
               (row.owner.empty() ? "—" : EscapeMarkdown(RoleTitle(pack, row.owner))) + " | " +
               (links.empty() ? "—" : base::Join(links, "; ")) + " |\n";
    }
    if (any) doc.sections.push_back(Section(std::string("soa-") + theme, ++number, theme_titles[theme], table));
  }
  return doc;
}

ResolvedDocument RoleDescriptions(const ResolvedPack& pack, const std::map<std::string, StatementPlace>& places) {
  ResolvedDocument doc = NewDocument(
      pack, "role-descriptions", "record", "Role Descriptions and Responsibilities", "top-management",
      {"5.3"},
      "For every information security role of " + EscapeMarkdown(pack.organisation.name) +
          ": its purpose, authorities and competence requirements, who holds it, and every duty the "
          "policies and procedures give it, with the statement each duty comes from. Combining roles "
          "in a small organisation is normal; the segregation table shows the combinations to avoid.");
  int number = 0;
  for (const auto& role : pack.roles) {
    if (role.holders.empty() && role.duties.empty()) continue;
    std::string md = EscapeMarkdown(role.purpose) + "\n\n";
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
    if (!role.duties.empty() && !role.everyone) {
      md += "**Duties** (" + std::to_string(role.duties.size()) + ")\n\n";
      std::string current;
      for (const std::string& ref : role.duties) {
        auto place = places.find(ref);
        if (place == places.end()) continue;
        if (place->second.document_title != current) {
          current = place->second.document_title;
          md += "\n*" + EscapeMarkdown(current) + "*\n\n";
        }
        md += "- " + Link(place->second.number, ref) + " " + FirstSentence(place->second.text) + "\n";
      }
    } else if (role.everyone) {
      md += "**Duties:** " + std::to_string(role.duties.size()) +
            " statements apply to everyone; the training materials list them by topic.\n";
    }
    doc.sections.push_back(Section("role-" + role.id, ++number, role.title, md));
  }
  // RACI: documents × roles. A = owns the document, R = has duties in it.
  std::vector<const model::ResolvedRole*> roles;
  for (const auto& role : pack.roles) {
    if (!role.duties.empty() && !role.everyone) roles.push_back(&role);
  }
  std::string raci = "A: accountable (owns the document); R: responsible for duties in it.\n\n| Document |";
  std::string rule = "|---|";
  for (const auto* role : roles) {
    raci += " " + EscapeMarkdown(role->title) + " |";
    rule += ":-:|";
  }
  raci += "\n" + rule + "\n";
  for (const ResolvedDocument& d : pack.documents) {
    std::set<std::string> responsible;
    for (const auto* role : roles) {
      for (const std::string& duty : role->duties) {
        if (duty.compare(0, d.id.size() + 1, d.id + "#") == 0) responsible.insert(role->id);
      }
    }
    raci += "| " + Link(d.title, d.id) + " |";
    for (const auto* role : roles) {
      std::string cell = d.owner_role == role->id ? "A" : "";
      if (responsible.count(role->id)) cell += cell.empty() ? "R" : ", R";
      raci += " " + cell + " |";
    }
    raci += "\n";
  }
  doc.sections.push_back(Section("raci", ++number, "RACI matrix", raci));
  std::string sod = "| Roles | Why they are kept apart | Held together by |\n|---|---|---|\n";
  for (const auto& seg : pack.segregations) {
    std::vector<std::string> names;
    for (const std::string& person : seg.conflicts) names.push_back(EscapeMarkdown(PersonName(pack, person)));
    sod += "| " + EscapeMarkdown(RoleTitle(pack, seg.first_role)) + " and " +
           EscapeMarkdown(RoleTitle(pack, seg.second_role)) + " | " + EscapeMarkdown(Cell(seg.reason)) + " | " +
           (names.empty() ? std::string("Nobody") : "**" + base::JoinEnglish(names) + "**: a compensating control is needed") +
           " |\n";
  }
  doc.sections.push_back(Section("segregation-of-duties", ++number, "Segregation of duties", sod));
  return doc;
}

ResolvedDocument DocumentedInformation(const ResolvedPack& pack) {
  ResolvedDocument doc = NewDocument(
      pack, "documented-information-register", "register", "Register of Documented Information",
      "isms-manager", {"7.5"},
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
  std::string table = "| Requirement | Title | Where it lives |\n|---|---|---|\n";
  for (const std::string& item : items) {
    std::vector<std::string> links;
    for (const ResolvedDocument* d : serving[item]) links.push_back(Link(d->title, d->id));
    table += "| " + item + " | " + EscapeMarkdown(titles.count(item) ? titles[item] : "") + " | " +
             base::Join(links, "; ") + " |\n";
  }
  doc.sections.push_back(Section("requirements", 1, "Documented information by requirement", table));
  std::string list = "| Document | Kind | Version | Owner | Approved | Next review |\n|---|---|---|---|---|---|\n";
  for (const ResolvedDocument& d : pack.documents) {
    list += "| " + Link(d.title, d.id) + " | " + d.kind + " | " + EscapeMarkdown(d.version) + " | " +
            EscapeMarkdown(d.owner_title) + " | " + d.approval_date + " | " + d.next_review + " |\n";
  }
  list += "| " + Link(doc.title, doc.id) + " | register | " + EscapeMarkdown(doc.version) + " | " +
          EscapeMarkdown(doc.owner_title) + " | " + doc.approval_date + " | " + doc.next_review + " |\n";
  doc.sections.push_back(Section("documents", 2, "Documents of the pack", list));
  return doc;
}

}  // namespace

void AddDerivedDocuments(ResolvedPack& pack) {
  if (pack.documents.empty()) return;
  const auto places = IndexStatements(pack);
  std::vector<ResolvedDocument> derived;
  derived.push_back(StatementOfApplicability(pack, places));
  derived.push_back(RoleDescriptions(pack, places));
  pack.documents.insert(pack.documents.end(), derived.begin(), derived.end());
  pack.documents.push_back(DocumentedInformation(pack));
}

}  // namespace policyc::resolve
