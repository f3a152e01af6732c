#ifndef POLICYC_DIFF_SNAPSHOT_H_
#define POLICYC_DIFF_SNAPSHOT_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/resolved_model.h"

/// What the diff compares: one pack as stable ids and their content, read
/// from pack.json (the one interface between a build and the diff, so a
/// built pack and a profile resolved on the fly compare alike). A release
/// record keeps the same snapshot without the texts (hashes only), so the
/// release command compares with the same code.
namespace policyc::diff {

struct Item {
  enum class Kind { kStatement, kSection };
  Kind kind = Kind::kStatement;
  std::string id;
  std::string parent;  ///< the enclosing section's id ("" at the top)
  std::string number;
  std::string title;  ///< sections
  /// Statement text or section introduction (Markdown). Empty in a release
  /// record, which keeps only the hashes.
  std::string text;
  bool has_text = false;
  std::string text_hash;     ///< of the text (with the as-of date neutralised)
  std::string neutral_hash;  ///< of the text with people's and the organisation's names neutralised
  std::string source_hash;   ///< statements: of the source text before variables
  std::vector<std::string> variables;  ///< statements: the {{...}} names the source uses
  std::vector<model::Table> tables;    ///< sections: the tables after the introduction
  /// Where the text came from (unknown in a release record and in packs
  /// written before pack.json carried it). Not content: no hash takes it.
  model::Provenance provenance;
};

/// One line of a document's document control that is content: a reader
/// sees it, and no release writes it (unlike the version, dates, approver
/// and history). A change to one makes the document a draft, as a changed
/// statement does.
struct ControlField {
  std::string name;  ///< "owner", "classification", "review-cycle" …
  std::string text;  ///< "" in a release record, which keeps the hash only
  std::string hash;
};

struct Document {
  std::string id;
  std::string title;
  std::string kind;
  std::string version;
  bool derived = false;  ///< compiled from the others (SoA, registers, training …)
  std::vector<Item> items;  ///< document order
  std::map<std::string, std::string> excluded;  ///< statement id → the condition that left it out
  std::map<std::string, std::string> parameters;  ///< parameters its statements use: id → text
  std::string approval_date;  ///< of its last release ("" when never released); not in a release record
  bool draft = false;         ///< changed since its last release, or never released; not in a release record
  std::vector<ControlField> control;  ///< in a fixed order; none in records older than them

  const Item* Find(const std::string& id) const;
  /// How deep `item` sits: 0 for a top-level section or statement, 1 inside
  /// one section, and so on.
  int Depth(const Item& item) const;
};

/// A row of a table compared field by field (SoA rows, risks, people).
struct Row {
  std::string id;
  std::string title;
  std::vector<std::pair<std::string, std::string>> fields;  ///< name → text, in a fixed order
};

struct Role {
  std::string id;
  std::string title;
  std::vector<std::string> duties;   ///< "DOC#STATEMENT"
  std::vector<std::string> holders;  ///< people's names
  bool everyone = false;  ///< held by every person: its holders are the people list
};

struct Snapshot {
  std::string profile;
  std::string as_of;
  std::string organisation;
  std::string legal_name;
  std::string primary_colour;  ///< the profile's branding, for the redlines
  std::string font;
  std::string logo;         ///< the logo's bytes, or "" (set by whoever reads the side, not by SnapshotFromJson)
  std::string logo_format;  ///< "png" or "svg" when there is a logo
  std::string logo_file;    ///< pack.json's branding.logo: the logo's file name in a built pack
  std::string revision;     ///< the git revision the side was read at, or "" (set by whoever reads it)
  std::vector<Document> documents;
  std::map<std::string, std::string> excluded_documents;  ///< id → condition
  std::map<std::string, std::string> facts;       ///< id → text
  std::map<std::string, std::string> parameters;  ///< id → text
  /// Facts and parameters in words, for readers who do not know the ids:
  /// id → the first sentence of the library's description.
  std::map<std::string, std::string> labels;
  std::vector<Row> soa;
  /// Each requirement of each chosen framework ("cyber-essentials:SUM-04"):
  /// whether the pack meets it and with which statements.
  std::vector<Row> crosswalk;
  std::vector<Role> roles;
  std::vector<Row> risks;
  std::vector<Row> people;

  const Document* FindDocument(const std::string& id) const;
  /// The date of the latest release of any of its documents; "" when none
  /// was ever released.
  std::string LastReleaseDate() const;
  /// True when every document is as its last release approved it.
  bool Released() const;
};

/// How the redlines name a side, for a reader rather than a shell: the
/// organisation, the git revision it was read at, and whether it is
/// released ("Acme Ltd, released 2026-11-01") or a draft ("Acme Ltd, draft
/// as of 2026-12-01 (last released 2026-11-01)"). Never a file path.
std::string SideName(const Snapshot& side);
/// The same in brief, for a page footer: "HEAD~1, released 2026-11-01",
/// "draft as of 2026-12-01".
std::string SideDate(const Snapshot& side);

/// What a declaration is, in words: the first clause of its description's
/// first sentence (base::FirstSentence, up to a colon or semicolon),
/// without the full stop.
std::string DescriptionLabel(const std::string& description);

/// Reads a pack.json. nullopt with `error` set when it is not one this
/// policyc understands.
std::optional<Snapshot> SnapshotFromPackJson(const std::string& json, std::string* error);
/// The same from a parsed pack.json.
std::optional<Snapshot> SnapshotFromJson(const nlohmann::json& pack, std::string* error);

/// The documents of a pack in memory (and the parameters, excluded
/// documents and names their hashes need), exactly as SnapshotFromJson
/// reads them from its pack.json: what releases compare. Cheaper than
/// writing the JSON, as every check and build with a release record does.
/// With `from`, only the documents from that index on.
Snapshot ContentFromPack(const model::ResolvedPack& pack, size_t from = 0);

/// The content hash of one document: its title and every item's text hash,
/// in order. Document control (version, dates) is not part of it.
std::string DocumentHash(const Document& document);

/// The hash of a document's control fields ("" when it has none, as in
/// records older than them). Kept apart from DocumentHash so that a record
/// written before it does not make every document a draft.
std::string ControlHash(const Document& document);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_SNAPSHOT_H_
