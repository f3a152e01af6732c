#include "diff/section_diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"

namespace policyc::diff {

using base::LineBreaks;
using base::PlainText;

namespace {

std::vector<std::string> PlainCells(const std::vector<std::string>& cells) {
  std::vector<std::string> out;
  for (const std::string& cell : cells) out.push_back(PlainText(cell, LineBreaks::kKeep));
  return out;
}

/// Text with every run of white space made one space, so that a statement
/// whose list a table cell flattens still reads as the same words.
std::string EvenSpaces(const std::string& text) { return base::Join(base::SplitWhitespace(text), " "); }

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

/// The cells of a row as one text, in order, for Quotations::Explain.
std::string RowText(const std::vector<std::string>& cells) { return base::Join(cells, "\x1f"); }

/// A changed row: `old_cells` became `cells`.
TableRow ChangedRow(const std::vector<std::string>& old_cells, std::vector<std::string> cells,
                    const Quotations* quotations) {
  TableRow row{Op::kEqual, true, std::move(cells), {}, {}};
  for (size_t i = 0; i < row.cells.size(); ++i) row.words.push_back(WordDiff(old_cells[i], row.cells[i]));
  if (quotations) row.quotes = quotations->Explain(RowText(old_cells), RowText(row.cells));
  return row;
}

/// Whether an inserted row reads as a deleted one changed: most of its
/// cells are the same (a renamed person keeps their role, phone and email).
bool Resembles(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size() || a.empty()) return false;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return same * 2 > a.size();
}

/// Rows whose key cell changed (a renamed person) come out as an insertion
/// next to a deletion; where the two resemble each other, they are one
/// changed row, marked word by word.
void PairReplacedRows(Block& block, const Quotations* quotations) {
  std::vector<TableRow> out;
  size_t k = 0;
  auto run_end = [&](size_t from, Op op) {
    while (from < block.rows.size() && block.rows[from].op == op) ++from;
    return from;
  };
  while (k < block.rows.size()) {
    const Op first = block.rows[k].op;
    if (first == Op::kEqual) {
      out.push_back(std::move(block.rows[k++]));
      continue;
    }
    const Op second = first == Op::kInsert ? Op::kDelete : Op::kInsert;
    const size_t middle = run_end(k, first), end = run_end(middle, second);
    std::vector<TableRow*> inserted, deleted;
    for (size_t i = k; i < end; ++i) (block.rows[i].op == Op::kInsert ? inserted : deleted).push_back(&block.rows[i]);
    const size_t pairs = std::min(inserted.size(), deleted.size());
    bool alike = pairs > 0;
    for (size_t i = 0; i < pairs; ++i) alike = alike && Resembles(deleted[i]->cells, inserted[i]->cells);
    if (!alike) {
      for (size_t i = k; i < end; ++i) out.push_back(std::move(block.rows[i]));
    } else {
      for (size_t i = 0; i < pairs; ++i) out.push_back(ChangedRow(deleted[i]->cells, inserted[i]->cells, quotations));
      for (size_t i = pairs; i < deleted.size(); ++i) out.push_back(std::move(*deleted[i]));
      for (size_t i = pairs; i < inserted.size(); ++i) out.push_back(std::move(*inserted[i]));
    }
    k = end;
  }
  block.rows = std::move(out);
}

/// The rows of two versions of a table, paired by their key cell (the n-th
/// row with a key pairs with the n-th of the same key), in the new table's
/// order with each removed row where it stood among the old ones.
Block TableBlock(const model::Table* old_table, const model::Table* new_table, const Quotations* quotations) {
  static const model::Table kNone;
  const model::Table& before = old_table ? *old_table : kNone;
  const model::Table& after = new_table ? *new_table : kNone;
  Block block;
  block.table = true;
  for (const auto& column : (new_table ? after : before).columns) block.header.push_back(column.header);
  auto keys = [](const model::Table& t) {
    std::vector<std::string> out;
    std::map<std::string, int> seen;
    for (const auto& row : t.rows) {
      const std::string key =
          t.key < row.size() ? PlainText(row[t.key], LineBreaks::kKeep) : std::string();
      out.push_back(key + '\0' + std::to_string(seen[key]++));
    }
    return out;
  };
  const std::vector<std::string> old_keys = keys(before), new_keys = keys(after);
  std::map<std::string, size_t> old_at;
  for (size_t i = 0; i < old_keys.size(); ++i) old_at[old_keys[i]] = i;
  std::set<std::string> in_new(new_keys.begin(), new_keys.end());
  size_t next_old = 0;  // old rows before this one have been placed
  auto flush_removed = [&](size_t until) {
    for (; next_old < until; ++next_old) {
      if (!in_new.count(old_keys[next_old])) {
        block.rows.push_back({Op::kDelete, false, PlainCells(before.rows[next_old]), {}, {}});
      }
    }
  };
  const bool same_columns = model::TableText({before.columns, {}, 0, false}) ==
                            model::TableText({after.columns, {}, 0, false});
  for (size_t j = 0; j < new_keys.size(); ++j) {
    std::vector<std::string> cells = PlainCells(after.rows[j]);
    auto match = old_at.find(new_keys[j]);
    if (match == old_at.end() || !same_columns) {
      block.rows.push_back({Op::kInsert, false, std::move(cells), {}, {}});
      continue;
    }
    if (match->second >= next_old) flush_removed(match->second + 1);
    std::vector<std::string> old_cells = PlainCells(before.rows[match->second]);
    if (old_cells == cells) {
      block.rows.push_back({Op::kEqual, false, std::move(cells), {}, {}});
      continue;
    }
    block.rows.push_back(ChangedRow(old_cells, std::move(cells), quotations));
  }
  if (same_columns) {
    flush_removed(old_keys.size());
  } else {
    for (const auto& row : before.rows) block.rows.push_back({Op::kDelete, false, PlainCells(row), {}, {}});
  }
  PairReplacedRows(block, quotations);
  return block;
}

}  // namespace

Quotations::Quotations(const PackDiff& diff) {
  for (const DocumentDiff& d : diff.documents) {
    if (d.derived || d.status != DocumentDiff::Status::kChanged) continue;
    for (const ItemDiff& item : d.items) {
      if (item.kind != Item::Kind::kStatement || !item.has_text) continue;
      if (item.change != ItemChange::kReworded && item.change != ItemChange::kEdited) continue;
      Quotation q{d.id + "#" + item.id, PlainText(item.old_text, LineBreaks::kCollapse),
                  PlainText(item.new_text, LineBreaks::kCollapse)};
      if (!q.old_words.empty() && q.old_words != q.new_words) quotations_.push_back(std::move(q));
    }
  }
  // Longest first, so that a statement that quotes a shorter one is replaced whole.
  std::stable_sort(quotations_.begin(), quotations_.end(),
                   [](const Quotation& a, const Quotation& b) { return a.old_words.size() > b.old_words.size(); });
}

std::vector<std::string> Quotations::Explain(const std::string& old_text, const std::string& new_text) const {
  std::string text = EvenSpaces(old_text);
  const std::string target = EvenSpaces(new_text);
  std::vector<std::string> refs;
  for (const Quotation& q : quotations_) {
    if (text.find(q.old_words) == std::string::npos) continue;
    ReplaceAll(text, q.old_words, q.new_words);
    refs.push_back(q.ref);
  }
  if (text != target) return {};
  return refs;
}

std::vector<Block> SectionBlocks(const ItemDiff& item, const Quotations* quotations) {
  std::vector<Block> blocks;
  Block prose;
  for (LineChange& line : LineDiff(PlainText(item.old_text, LineBreaks::kKeep),
                                   PlainText(item.new_text, LineBreaks::kKeep))) {
    prose.line_quotes.push_back(quotations && line.changed ? quotations->Explain(line.old_text, line.text)
                                                           : std::vector<std::string>());
    prose.lines.push_back(std::move(line));
  }
  if (!prose.lines.empty()) blocks.push_back(std::move(prose));
  const size_t tables = std::max(item.old_tables.size(), item.new_tables.size());
  for (size_t i = 0; i < tables; ++i) {
    blocks.push_back(TableBlock(i < item.old_tables.size() ? &item.old_tables[i] : nullptr,
                                i < item.new_tables.size() ? &item.new_tables[i] : nullptr, quotations));
  }
  return blocks;
}

}  // namespace policyc::diff
