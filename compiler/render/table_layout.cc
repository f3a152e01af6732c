#include "render/table_layout.h"

#include <algorithm>
#include <numeric>

#include "base/strings.h"
#include "render/page_geometry.h"

namespace policyc::render {

namespace {

/// Advance widths of DejaVu Sans Bold for ASCII 32..126, in font units
/// (2048 to the em), read from DejaVuSans-Bold.ttf.
constexpr int kBoldAdvance[95] = {
    713,  934,  1067, 1716, 1425, 2052, 1786, 627,  936,  936,  1071, 1716, 778,  850,  778,  748,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819,  819,  1716, 1716, 1716, 1188,
    2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762,  762,  1587, 1305, 2038, 1714, 1741,
    1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936,  748,  936,  1716, 1024,
    1024, 1382, 1466, 1214, 1466, 1389, 891,  1466, 1458, 702,  702,  1362, 702,  2134, 1458, 1407,
    1466, 1466, 1010, 1219, 979,  1458, 1335, 1892, 1321, 1335, 1192, 1458, 748,  1458, 1716};
constexpr double kUnitsPerEm = 2048;

}  // namespace

TablePage PageFor(bool landscape) {
  TablePage page;
  page.text_width = static_cast<double>(TextWidthTwips(landscape)) / kTwipsPerPoint;
  return page;
}

double BoldTextWidth(std::string_view text, double size) {
  double units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 32 && c < 127) {
      units += kBoldAdvance[c - 32];
    } else if (c >= 0xC0) {  // the first byte of a UTF-8 sequence
      units += kUnitsPerEm;
    }
  }
  return units / kUnitsPerEm * size;
}

double MinimumWidth(const model::TableColumn& column, const TablePage& page) {
  double minimum = page.cell_padding;
  for (const std::string& word : base::SplitWhitespace(column.header)) {
    // 5% over the measured width: word processors' hinting and kerning differ.
    minimum = std::max(minimum, 1.05 * BoldTextWidth(word, page.font_size) + page.cell_padding);
  }
  return minimum;
}

std::vector<model::Table> SplitToFit(const model::Table& table, const TablePage& page) {
  double total = 0;
  for (const auto& column : table.columns) total += MinimumWidth(column, page);
  // Room for the key column at its weight's share, or three times its minimum.
  if (total <= page.text_width || table.columns.size() < 3) return {table};
  const double key_width = MinimumWidth(table.columns[table.key], page) * 3;
  std::vector<std::vector<size_t>> groups;
  double used = page.text_width;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i == table.key) continue;
    const double need = MinimumWidth(table.columns[i], page);
    if (groups.empty() || used + need > page.text_width) {
      groups.push_back({});
      used = key_width;
    }
    groups.back().push_back(i);
    used += need;
  }
  std::vector<model::Table> out;
  for (const auto& group : groups) {
    model::Table part;
    part.landscape = table.landscape;
    part.key = 0;
    part.columns.push_back(table.columns[table.key]);
    for (size_t i : group) part.columns.push_back(table.columns[i]);
    for (const auto& row : table.rows) {
      std::vector<std::string> cells = {row[table.key]};
      for (size_t i : group) cells.push_back(row[i]);
      part.rows.push_back(std::move(cells));
    }
    out.push_back(std::move(part));
  }
  return out;
}

std::vector<double> ColumnWidths(const model::Table& table, const TablePage& page) {
  const size_t n = table.columns.size();
  std::vector<double> minimum(n, 0), weight(n, 0);
  for (size_t i = 0; i < n; ++i) {
    minimum[i] = MinimumWidth(table.columns[i], page);
    weight[i] = std::max(table.columns[i].weight, 0.01);
  }
  // Columns held at their minimum leave the rest of the width to the others,
  // by weight; repeat until every column's share is at least its minimum.
  std::vector<double> width(n, 0);
  std::vector<bool> fixed(n, false);
  for (size_t round = 0; round <= n; ++round) {
    double free_width = page.text_width, free_weight = 0;
    for (size_t i = 0; i < n; ++i) {
      if (fixed[i]) free_width -= minimum[i];
      else free_weight += weight[i];
    }
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      width[i] = fixed[i] ? minimum[i] : std::max(0.0, free_width) * weight[i] / free_weight;
      if (!fixed[i] && width[i] < minimum[i]) fixed[i] = changed = true;
    }
    if (!changed) break;
  }
  const double total = std::accumulate(width.begin(), width.end(), 0.0);
  for (double& w : width) w = total > 0 ? w / total : 1.0 / static_cast<double>(n);
  return width;
}

}  // namespace policyc::render
