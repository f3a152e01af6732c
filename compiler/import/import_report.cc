// The plan for a terminal, in the words and layout of `policyc diff`'s
// text report: a heading line, a total, then one block per kind of change.
#include "base/strings.h"
#include "diff/compare.h"
#include "diff/report.h"
#include "import/import.h"

namespace policyc::import {

namespace {

std::string Wdiff(const std::string& old_text, const std::string& new_text) {
  std::string out;
  for (const diff::Segment& s : diff::WordDiff(old_text, new_text)) {
    switch (s.op) {
      case diff::Op::kEqual: out += s.text; break;
      case diff::Op::kDelete: out += "[-" + s.text + "-]"; break;
      case diff::Op::kInsert: out += "{+" + s.text + "+}"; break;
    }
  }
  return out;
}

/// " (4.2, tracked change by Jane Smith)": where a change was made and by whom.
std::string Origin(const ProfileChange& change) {
  std::vector<std::string> parts;
  if (!change.number.empty()) parts.push_back(change.number);
  if (!change.authors.empty()) {
    parts.push_back(std::string(change.authors.size() == 1 ? "tracked change" : "tracked changes") + " by " +
                    base::JoinEnglish(change.authors));
  }
  return parts.empty() ? "" : " (" + base::Join(parts, ", ") + ")";
}

std::string Notes(const std::vector<std::string>& notes) {
  std::string out;
  for (const std::string& note : notes) out += "      comment: " + note + "\n";
  return out;
}

std::string Totals(const ImportPlan& plan) {
  int values = 0, statements = 0;
  for (const ProfileChange& c : plan.changes) {
    (c.kind == ProfileChange::Kind::kParameter || c.kind == ProfileChange::Kind::kAttribute ? values : statements)++;
  }
  std::vector<std::string> parts;
  auto count = [&](size_t n, const char* one, const char* many) {
    if (n) parts.push_back(std::to_string(n) + " " + (n == 1 ? one : many));
  };
  count(values, "profile value", "profile values");
  count(statements, "statement override", "statement overrides");
  count(plan.conflicts.size(), "conflict", "conflicts");
  count(plan.not_importable, "edit not importable", "edits not importable");
  count(plan.notes.size(), "review note", "review notes");
  return parts.empty() ? "no change" : base::Join(parts, ", ");
}

std::string StatementBlock(const ProfileChange& c) {
  std::string out;
  switch (c.kind) {
    case ProfileChange::Kind::kReplace:
      out += "  ~ " + c.target + Origin(c) + ": reworded, an override replaces it\n";
      out += "          " + Wdiff(c.old_text, c.new_text) + "\n";
      break;
    case ProfileChange::Kind::kRemove:
      out += "  - " + c.target + Origin(c) + ": deleted, an override removes it\n";
      out += "          - " + c.old_text + "\n";
      break;
    case ProfileChange::Kind::kAdd:
      out += "  + " + c.target + " after " + c.after + Origin(c) + ": new text, an override adds it\n";
      out += "          + " + c.new_text + "\n";
      break;
    default:
      break;
  }
  return out + Notes(c.notes);
}

}  // namespace

std::string ImportReport(const std::string& profile_path, const std::vector<std::string>& files,
                         const ImportPlan& plan) {
  std::string out = "policyc import: " + base::Join(files, ", ") + " → " + profile_path + "\n" + Totals(plan) + "\n";
  std::string values, statements;
  for (const ProfileChange& c : plan.changes) {
    if (c.kind == ProfileChange::Kind::kParameter) {
      values += "  " + c.target + ": " + diff::Shown(c.old_text) + " → " + diff::Shown(c.new_text) + "; in " +
                c.item + Origin(c) + "\n";
      if (!c.also.empty()) values += "      also rewords " + base::Join(c.also, ", ") + "\n";
      values += Notes(c.notes);
    } else if (c.kind == ProfileChange::Kind::kAttribute) {
      values += "  " + c.target + " " + c.attribute + ": " + diff::Shown(c.old_text) + " → " +
                diff::Shown(c.new_text) + "; in " + c.item + Origin(c) + "\n" + Notes(c.notes);
    } else {
      statements += StatementBlock(c);
    }
  }
  if (!values.empty()) out += "\nProfile values\n" + values;
  if (!statements.empty()) out += "\nStatements\n" + statements;
  if (!plan.conflicts.empty()) {
    out += "\nConflicts (changed by the client and, since the DOCX was built, by the library or profile)\n";
    for (const Conflict& c : plan.conflicts) {
      out += "  ! " + c.target + (c.number.empty() ? "" : " (" + c.number + ")") + "\n";
      out += "      base:    " + c.base + "\n";
      out += "      library: " + c.library + "\n";
      out += "      client:  " + c.client + "\n" + Notes(c.notes);
    }
  }
  if (!plan.notes.empty()) {
    out += "\nReview notes (comments on text the client left as it was)\n";
    for (const ReviewNote& n : plan.notes) {
      out += "  " + n.target + (n.number.empty() ? "" : " (" + n.number + ")") + ": " + n.note + "\n";
    }
  }
  return out;
}

}  // namespace policyc::import
