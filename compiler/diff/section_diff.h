#ifndef POLICYC_DIFF_SECTION_DIFF_H_
#define POLICYC_DIFF_SECTION_DIFF_H_

#include <string>
#include <vector>

#include "diff/compare.h"

/// A changed section compared in detail: its introduction line by line and
/// its tables row by row, and which of those changes only quote a changed
/// statement (a derived document repeating a policy's words). The reports
/// draw from this; Compare uses it to say where each statement change is
/// quoted.
namespace policyc::diff {

/// A row of a section's table, compared cell by cell.
struct TableRow {
  Op op = Op::kEqual;  ///< kEqual (unchanged or changed), kDelete, kInsert
  bool changed = false;
  std::vector<std::string> cells;
  std::vector<std::vector<Segment>> words;  ///< per cell, when changed
  /// When the whole change of a changed row is statements' new wording
  /// quoted: those statements ("DOC#ID"). Empty otherwise.
  std::vector<std::string> quotes;
};

/// A run of a section's text: prose lines, or one table.
struct Block {
  bool table = false;
  std::vector<LineChange> lines;  ///< prose
  std::vector<std::vector<std::string>> line_quotes;  ///< per line, as TableRow::quotes
  std::vector<std::string> header;
  std::vector<TableRow> rows;
};

/// The statement changes of a diff (reworded or edited statements of the
/// library's documents, not derived ones), as derived documents quote
/// them: in plain words, with white space evened out.
class Quotations {
 public:
  explicit Quotations(const PackDiff& diff);

  /// The statements whose change, quoted, turns `old_text` into `new_text`
  /// and accounts for all of the difference; empty when something else
  /// changed too, or nothing quoted did.
  std::vector<std::string> Explain(const std::string& old_text, const std::string& new_text) const;

 private:
  struct Quotation {
    std::string ref;  ///< "DOC#ID"
    std::string old_words, new_words;
  };
  std::vector<Quotation> quotations_;
};

/// A section's introduction line by line, then its tables row by row (the
/// n-th table of the old version with the n-th of the new; rows paired by
/// their key cell). With `quotations`, each changed line and row says which
/// statement changes it only quotes.
std::vector<Block> SectionBlocks(const ItemDiff& item, const Quotations* quotations = nullptr);

}  // namespace policyc::diff

#endif  // POLICYC_DIFF_SECTION_DIFF_H_
