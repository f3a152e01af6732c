#ifndef POLICYC_RENDER_TABLE_LAYOUT_H_
#define POLICYC_RENDER_TABLE_LAYOUT_H_

#include <string_view>
#include <vector>

#include "model/resolved_model.h"

/// Column widths of a table on a page: every writer (HTML, DOCX, PDF)
/// takes its widths from here, so that no column is narrower than its
/// header's longest word and the rest of the width follows the columns'
/// weights.
namespace policyc::render {

/// The page a table is laid out on, in points.
struct TablePage {
  double text_width = 0;  ///< the width between the margins
  double font_size = 9.5;  ///< the header's font size (bold)
  /// Left plus right padding and borders of a cell (the DOCX table style
  /// has 5.4 pt each side), with room for a renderer's rounding.
  double cell_padding = 16;
};

/// The text width of A4 with the pack's margins: the narrower of the DOCX
/// (2 cm margins) and PDF (18 mm) layouts, so one set of widths fits both.
TablePage PageFor(bool landscape);

/// The width in points of `text` set in bold DejaVu Sans at `size` points
/// (the pack's fallback font, whose metrics are the widest of the fonts a
/// client is likely to pick). Characters outside ASCII count as an em.
double BoldTextWidth(std::string_view text, double size);

/// Each column's share of the text width (summing to 1). A column first
/// gets the room its header's longest word needs; what is left is shared
/// by weight among the columns that would otherwise get less than their
/// weight's share.
std::vector<double> ColumnWidths(const model::Table& table, const TablePage& page);

/// The room a column needs at least: its header's longest word, bold, with padding.
double MinimumWidth(const model::TableColumn& column, const TablePage& page);

/// The table as it fits on the page: itself when its columns' minimum
/// widths fit, otherwise several tables, each with the key column and as
/// many of the other columns, in order, as fit (a wide RACI matrix becomes
/// two). Nothing is dropped.
std::vector<model::Table> SplitToFit(const model::Table& table, const TablePage& page);

}  // namespace policyc::render

#endif  // POLICYC_RENDER_TABLE_LAYOUT_H_
