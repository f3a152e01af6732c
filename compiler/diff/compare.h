#ifndef POLICYC_DIFF_COMPARE_H_
#define POLICYC_DIFF_COMPARE_H_

#include <string>
#include <vector>

#include "diff/snapshot.h"

/// The semantic diff of two packs: what changed, by stable id, and why.
namespace policyc::diff {

enum class Op { kEqual, kInsert, kDelete };

struct Segment {
  Op op = Op::kEqual;
  std::string text;
};

/// Word-level difference of two texts: equal, deleted and inserted runs
/// that together spell both texts (deletions read as the old text,
/// insertions as the new).
std::vector<Segment> WordDiff(const std::string& old_text, const std::string& new_text);

/// A line of a line-level difference; a changed line carries its words.
struct LineChange {
  Op op = Op::kEqual;  ///< kEqual, kInsert, kDelete; a changed line is kDelete+kInsert paired as kEqual with words
  std::string text;    ///< the line (new text for changed lines)
  bool changed = false;
  std::vector<Segment> words;  ///< when changed
  std::string old_text;        ///< when changed: the line it replaced
};
std::vector<LineChange> LineDiff(const std::string& old_text, const std::string& new_text);

struct ValueChange {
  std::string id;
  std::string old_value;  ///< "" when added
  std::string new_value;  ///< "" when removed
};

enum class ItemChange {
  kAdded,
  kRemoved,
  kMoved,     ///< same words, another place
  kReworded,  ///< its obligation changed: new wording or a new parameter value
  kEdited,    ///< editorial: names, titles or references, not the obligation
};

struct ItemDiff {
  ItemChange change = ItemChange::kAdded;
  Item::Kind kind = Item::Kind::kStatement;
  std::string id;
  std::string old_number, new_number;
  std::string title;  ///< sections: the new (or old) title
  std::string old_text, new_text;
  std::vector<model::Table> old_tables, new_tables;  ///< sections' tables
  bool has_text = false;  ///< both texts known (not a release record)
  bool moved = false;     ///< also moved, when reworded or edited
  std::vector<ValueChange> parameters;  ///< the changed parameters its wording uses
  std::string condition;  ///< added or removed because this condition now holds or fails
  bool by_condition = false;
};

struct DocumentDiff {
  enum class Status { kAdded, kRemoved, kChanged };
  Status status = Status::kChanged;
  std::string id;
  std::string old_title, new_title;  ///< differ when renamed
  std::string kind;
  bool derived = false;
  std::string condition;  ///< added or removed because of this condition
  bool by_condition = false;
  std::vector<ItemDiff> items;
  /// Document control a reader sees and no release writes (owner,
  /// classification …): id is the field's label, values "" when only a
  /// release record's hash is known. Editorial: a minor version.
  std::vector<ValueChange> control;
  int added = 0, removed = 0, changed = 0;
  /// Statements added, removed or reworded, or parameter values changed:
  /// a major version. Otherwise (titles, names, moves) a minor one.
  bool obligations_changed = false;
  /// One line for a revision history: "Statement 4.2 reworded (…); 5.3 added."
  std::string Summary() const;
};

struct RowChange {
  enum class Status { kAdded, kRemoved, kChanged };
  Status status = Status::kChanged;
  std::string id;
  std::string title;
  std::vector<ValueChange> fields;  ///< id is the field's name
};

struct RoleChange {
  std::string id;
  std::string title;
  std::vector<std::string> gained, lost;  ///< duties "DOC#STATEMENT"
  std::vector<std::string> old_holders, new_holders;  ///< set when they differ
};

struct ParameterChange {
  ValueChange value;
  std::vector<std::string> statements;  ///< "DOC#ID" reworded because of it
};

struct FactChange {
  ValueChange value;
  std::vector<std::string> included;  ///< "DOC#ID" or "DOC" now included by a condition on it
  std::vector<std::string> excluded;
};

/// A statement whose text now comes from another layer or file, whether or not the text changed (a client's override moved into
/// the house library, a house replacement dropped for the shipped text).
/// Not a change to the documents: no version follows from it.
struct ProvenanceChange {
  std::string document;
  std::string id;
  std::string number;  ///< in the new pack
  model::Provenance old_source, new_source;
};

struct PackDiff {
  std::string old_label, new_label;
  std::string organisation;
  std::vector<DocumentDiff> documents;  ///< changed ones only, in the new pack's order
  std::vector<FactChange> facts;
  std::vector<ParameterChange> parameters;
  std::vector<RowChange> soa;
  std::vector<RoleChange> roles;
  std::vector<RowChange> risks;
  std::vector<RowChange> people;
  /// Statements of both packs whose layer or file changed; left out of Empty().
  std::vector<ProvenanceChange> provenance;

  bool Empty() const {
    return documents.empty() && facts.empty() && parameters.empty() && soa.empty() && roles.empty() &&
           risks.empty() && people.empty();
  }
};

/// True when the two lists of tables have the same headers and cells.
bool SameTables(const std::vector<model::Table>& a, const std::vector<model::Table>& b);

/// Compares two packs by stable ids. Neither the as-of date, nor the
/// version of policyc, nor the order of documents is a difference.
PackDiff Compare(const Snapshot& old_pack, const Snapshot& new_pack);

/// Compares one document (used by release, whose old side has hashes only).
std::optional<DocumentDiff> CompareDocuments(const Document* old_doc, const Document* new_doc,
                                             const Snapshot& old_pack, const Snapshot& new_pack);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_COMPARE_H_
