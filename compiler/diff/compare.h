#ifndef POLICYC_DIFF_COMPARE_H_
#define POLICYC_DIFF_COMPARE_H_

#include <string>
#include <vector>

#include "diff/snapshot.h"

/// The semantic diff of two packs: what changed, by stable id, and why.
namespace policyc::diff {

enum class Op { kEqual, kInsert, kDelete };

/// Who reads a diff's words: the terminal, tools and the revision history
/// name parameters and conditions by their ids; a client (the redlines)
/// reads what they are.
enum class Wording { kIds, kReader };

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
  std::string label;      ///< facts and parameters: what it is, in words ("" when the library gives nothing)
};

/// Where a derived document quotes a statement's change: one of its sections.
struct Quote {
  std::string document;  ///< id
  std::string document_title;
  std::string section;  ///< id
  std::string number;
  std::string title;
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
  std::string old_title;  ///< sections in both versions: the old title
  std::string old_text, new_text;
  std::vector<model::Table> old_tables, new_tables;  ///< sections' tables
  bool has_text = false;  ///< both texts known (not a release record)
  bool moved = false;     ///< also moved, when reworded or edited
  std::vector<ValueChange> parameters;  ///< the changed parameters its wording uses
  std::string condition;  ///< added or removed because this condition now holds or fails
  bool by_condition = false;
  int depth = 0;  ///< sections: 0 at the top of the document, 1 inside one section, …
  /// Statements: the derived documents' sections that quote this change.
  /// Each change is shown once, where the statement lives; these are the
  /// other places it appears.
  std::vector<Quote> quoted_in;
  /// Derived sections: the statement changes ("DOC#ID") that some of its
  /// changed lines and rows only quote.
  std::vector<std::string> quotes;
  bool quotes_only = false;  ///< derived sections: every change in it is one of `quotes`
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
  std::string Summary(Wording wording = Wording::kIds) const;
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
  std::string old_label, new_label;  ///< the sides as given on the command line, for the terminal and tools
  std::string old_name, new_name;    ///< the sides for a reader (SideName): never a path
  std::string organisation;
  std::vector<DocumentDiff> documents;  ///< changed ones only, in the new pack's order
  std::vector<FactChange> facts;
  std::vector<ParameterChange> parameters;
  std::vector<RowChange> soa;
  /// Framework requirements newly met or no longer met, or met by other
  /// statements; a framework chosen or dropped adds or removes its rows.
  std::vector<RowChange> crosswalk;
  std::vector<RoleChange> roles;
  std::vector<RowChange> risks;
  std::vector<RowChange> people;
  /// Statements of both packs whose layer or file changed; left out of Empty().
  std::vector<ProvenanceChange> provenance;

  bool Empty() const {
    return documents.empty() && facts.empty() && parameters.empty() && soa.empty() && crosswalk.empty() &&
           roles.empty() && risks.empty() && people.empty();
  }
};

/// Why an item's obligation changed, as parts to join: each parameter
/// ("password_min_length 12 → 14", or for a reader "the minimum length of
/// a user-chosen password or passphrase: 12 → 14") and its condition.
std::vector<std::string> ItemReasons(const ItemDiff& item, Wording wording);

/// True when the two lists of tables have the same headers and cells.
bool SameTables(const std::vector<model::Table>& a, const std::vector<model::Table>& b);

/// Compares two packs by stable ids. Neither the as-of date, nor the
/// version of policyc, nor the order of documents is a difference. A
/// derived document that quotes a changed statement changes with it; the
/// statement's ItemDiff names those places (quoted_in), and the derived
/// section says which changes it only quotes.
PackDiff Compare(const Snapshot& old_pack, const Snapshot& new_pack);

/// Compares one document (used by release, whose old side has hashes only).
std::optional<DocumentDiff> CompareDocuments(const Document* old_doc, const Document* new_doc,
                                             const Snapshot& old_pack, const Snapshot& new_pack);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_COMPARE_H_
