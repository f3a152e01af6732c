#include "model/resolved_model.h"

namespace policyc::model {

SourceLoc Text::LocAt(size_t offset) const {
  SourceLoc at = loc;
  int line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < markdown.size(); ++i) {
    if (markdown[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  at.line += line;
  at.column = first_line_indent >= 0 ? first_line_indent + static_cast<int>(offset - line_start) + 1 : 0;
  return at;
}

std::string TableText(const Table& table) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? " | " : "") + cells[i];
    out += "\n";
  };
  auto content = [&](const std::vector<std::string>& cells) {
    std::vector<std::string> kept;
    for (size_t i = 0; i < cells.size() && i < table.columns.size(); ++i) {
      if (!table.columns[i].control) kept.push_back(cells[i]);
    }
    return kept;
  };
  std::vector<std::string> header;
  for (const TableColumn& column : table.columns) header.push_back(column.header);
  line(content(header));
  for (const auto& row : table.rows) line(content(row));
  return out;
}

namespace {
void WalkSection(const ResolvedSection& section, int depth, DocumentVisitor& visitor) {
  visitor.EnterSection(section, depth);
  for (const ResolvedItem& item : section.items) {
    if (const auto* statement = std::get_if<ResolvedStatement>(&item)) {
      visitor.VisitStatement(*statement, depth + 1);
    } else {
      WalkSection(std::get<ResolvedSection>(item), depth + 1, visitor);
    }
  }
  visitor.LeaveSection(section, depth);
}
}  // namespace

void WalkDocument(const ResolvedDocument& document, DocumentVisitor& visitor) {
  for (const ResolvedSection& section : document.sections) WalkSection(section, 1, visitor);
}

const Person* ResolvedPack::FindPerson(std::string_view id) const {
  if (person_index.size() == people.size()) {
    auto it = person_index.find(std::string(id));
    if (it == person_index.end()) return nullptr;
    if (it->second < people.size() && people[it->second].id == id) return &people[it->second];
  }
  for (const Person& person : people) {
    if (person.id == id) return &person;
  }
  return nullptr;
}

void ResolvedPack::IndexPeople() {
  person_index.clear();
  for (size_t i = 0; i < people.size(); ++i) person_index.emplace(people[i].id, i);
}

std::string VersionLabel(const ResolvedDocument& doc) { return doc.version + (doc.draft ? " draft" : ""); }

std::string OwnerLabel(const ResolvedDocument& doc) {
  return doc.owner_title + (doc.owner_names.empty() ? "" : " — " + doc.owner_names);
}

std::string LastApprovedLabel(const ResolvedDocument& doc) {
  if (!doc.draft) return "";
  if (doc.approved_version.empty()) return "None: never approved";
  return "Version " + doc.approved_version + ", approved " + doc.approved_date;
}

std::string ApprovalLine(const ResolvedDocument& doc) {
  if (!doc.draft) return "Version " + doc.version + ", approved " + doc.approval_date;
  return "Version " + VersionLabel(doc) + ", not yet approved" +
         (doc.approved_version.empty() ? ""
                                       : " (version " + doc.approved_version + " approved " + doc.approved_date + ")");
}

}  // namespace policyc::model
