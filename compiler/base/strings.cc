#include "base/strings.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <sstream>

namespace policyc::base {

std::vector<std::string> SplitWhitespace(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string CapitaliseFirst(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string Trim(std::string_view text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(b, e - b + 1));
}

std::string Dedent(std::string_view text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in{std::string(text)};
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && Trim(lines.front()).empty()) lines.erase(lines.begin());
  while (!lines.empty() && Trim(lines.back()).empty()) lines.pop_back();
  size_t indent = SIZE_MAX;
  for (const std::string& l : lines) {
    if (Trim(l).empty()) continue;
    indent = std::min(indent, l.find_first_not_of(" \t"));
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (!Trim(l).empty()) out += l.substr(std::min(indent, l.size()));
    // trailing spaces are never meaningful here
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (i + 1 < lines.size()) out += '\n';
  }
  return out;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    pieces.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::string JoinEnglish(const std::vector<std::string>& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return Join(head, ", ") + " and " + items.back();
}

namespace {
int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

std::string ClosestMatch(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  int best_distance = INT_MAX;
  for (const std::string& c : candidates) {
    int d = EditDistance(name, c);
    if (d < best_distance || (d == best_distance && c < best)) {
      best_distance = d;
      best = c;
    }
  }
  int limit = std::max<int>(2, static_cast<int>(name.size()) / 3);
  return best_distance <= limit ? best : "";
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best = ClosestMatch(name, candidates);
  return best.empty() ? "" : "; did you mean '" + best + "'?";
}

bool NaturalLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i]));
    const bool db = std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      const std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

std::string CsvField(std::string_view value) {
  // OWASP's advice for CSV injection: an apostrophe before the formula
  // character, and the field quoted.
  const bool formula = !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
  if (!formula && value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string out = formula ? "\"'" : "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t n = uint8_t(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string FromBase64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    else continue;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    size_t length = 0;
    uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      length = 2, code = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      length = 3, code = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      length = 4, code = c & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return false;
      code = (code << 6) | (byte(i + k) & 0x3f);
    }
    static const uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeXml(std::string_view text, XmlPlace place) {
  const bool attribute = place == XmlPlace::kAttribute;
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeMarkdown(std::string_view text) {
  static const std::string_view kSpecial = "\\`*_[]<>|~&";
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string EscapeMarkdownLiteral(std::string_view text) {
  const std::string escaped = EscapeMarkdown(text);
  std::string out;
  for (size_t i = 0; i < escaped.size(); ++i) {
    const char c = escaped[i];
    auto run_at = [&](char what, size_t length) {
      size_t start = i, end = i;
      while (start > 0 && escaped[start - 1] == what) --start;
      while (end < escaped.size() && escaped[end] == what) ++end;
      return end - start >= length;
    };
    // An apostrophe inside a word ("Lantern's") may curl as the library's
    // own do: that changes no value's meaning, and a quote anywhere else may.
    auto letter = [&](size_t at) {
      return at < escaped.size() && (std::isalpha(static_cast<unsigned char>(escaped[at])) ||
                                     static_cast<unsigned char>(escaped[at]) >= 0x80);
    };
    const bool apostrophe = c == '\'' && i > 0 && letter(i - 1) && letter(i + 1);
    const bool smart = c == '"' || (c == '\'' && !apostrophe) || (c == '-' && run_at('-', 2)) ||
                       (c == '.' && run_at('.', 3));
    if (smart) out += '\\';
    out += c;
  }
  return out;
}

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The end of the run of the character at `at` ("***" is one run).
size_t RunEnd(std::string_view text, size_t at) {
  const char c = text[at];
  while (at < text.size() && text[at] == c) ++at;
  return at;
}

/// Where the bracket at `at` closes, counting nested pairs and skipping
/// escaped characters; npos when it never does.
size_t ClosingBracket(std::string_view text, size_t at, char open, char close) {
  int depth = 0;
  for (size_t i = at; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == open) {
      ++depth;
    } else if (text[i] == close && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

/// Where a code span opened by `length` backticks before `from` closes: at
/// the next run of exactly as many; npos when none closes it.
size_t CodeSpanClose(std::string_view text, size_t from, size_t length) {
  for (size_t at = text.find('`', from); at != std::string_view::npos;) {
    const size_t end = RunEnd(text, at);
    if (end - at == length) return at;
    at = text.find('`', end);
  }
  return std::string_view::npos;
}

/// Appends the plain text of `markdown` to `out`; link labels recurse.
void AppendPlainText(std::string_view markdown, LineBreaks line_breaks, std::string& out) {
  auto put = [&](char c) {
    if (line_breaks == LineBreaks::kCollapse && IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  };
  for (size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    const char next = i + 1 < markdown.size() ? markdown[i + 1] : '\0';
    if (c == '\\' && (next == '\n' || std::ispunct(static_cast<unsigned char>(next)))) {
      put(next);  // an escaped character, or a hard line break
      ++i;
    } else if (c == '`') {
      // A code span's text is as written: no escapes or emphasis inside.
      const size_t open_end = RunEnd(markdown, i);
      const size_t close = CodeSpanClose(markdown, open_end, open_end - i);
      if (close == std::string_view::npos) {
        out.append(open_end - i, '`');
      } else {
        std::string_view code = markdown.substr(open_end, close - open_end);
        // "`` `x` ``" quotes a backtick: one space at each end is padding.
        if (code.size() > 2 && code.front() == ' ' && code.back() == ' ' && code.find_first_not_of(' ') != code.npos) {
          code = code.substr(1, code.size() - 2);
        }
        for (char k : code) put(k);
      }
      i = (close == std::string_view::npos ? open_end : close + (open_end - i)) - 1;
    } else if (c == '*') {
      const size_t end = RunEnd(markdown, i);
      const bool spaced = (i == 0 || IsSpace(markdown[i - 1])) && (end == markdown.size() || IsSpace(markdown[end]));
      if (spaced) out.append(end - i, '*');
      i = end - 1;
    } else if (c == '[' || (c == '!' && next == '[')) {
      const size_t open = c == '[' ? i : i + 1;
      const size_t close = ClosingBracket(markdown, open, '[', ']');
      const bool target = close != std::string_view::npos && close + 1 < markdown.size() && markdown[close + 1] == '(';
      const size_t end = target ? ClosingBracket(markdown, close + 1, '(', ')') : std::string_view::npos;
      if (end == std::string_view::npos) {
        put(c);
        continue;
      }
      AppendPlainText(markdown.substr(open + 1, close - open - 1), line_breaks, out);
      i = end;
    } else {
      put(c);
    }
  }
}

/// The word that ends at `at`: back to white space or an opening bracket.
std::string_view WordBefore(std::string_view text, size_t at) {
  size_t start = at;
  while (start > 0 && !IsSpace(text[start - 1]) && text[start - 1] != '(' && text[start - 1] != '[') --start;
  return text.substr(start, at - start);
}

/// A word that a full stop shortens rather than ends a sentence after:
/// letters with full stops between them ("e.g", "i.e", "U.K"), or one of
/// the short forms policy text uses. "etc." is none: before a capital it
/// usually ends its sentence.
bool IsAbbreviation(std::string_view word) {
  bool dotted = word.size() >= 3 && word.size() % 2 == 1;
  for (size_t i = 0; dotted && i < word.size(); ++i) {
    dotted = i % 2 == 0 ? std::isalpha(static_cast<unsigned char>(word[i])) != 0 : word[i] == '.';
  }
  if (dotted) return true;
  static const std::string_view kShortForms[] = {"approx", "cf", "dr", "incl", "mr", "mrs", "ms",
                                                 "no",     "nos", "para", "st", "viz", "vs"};
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(std::begin(kShortForms), std::end(kShortForms), lower) != std::end(kShortForms);
}

/// The length of the closing bracket or quote at `at` (’ and ” are three
/// bytes), or 0 when there is none.
size_t ClosingMarkAt(std::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  if (std::string_view(")]\"'").find(text[at]) != std::string_view::npos) return 1;
  for (std::string_view quote : {"\xE2\x80\x99", "\xE2\x80\x9D"}) {
    if (text.substr(at, quote.size()) == quote) return quote.size();
  }
  return 0;
}

}  // namespace

std::string PlainText(std::string_view markdown, LineBreaks line_breaks) {
  std::string out;
  AppendPlainText(markdown, line_breaks, out);
  if (line_breaks == LineBreaks::kCollapse && !out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string FirstSentence(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '.' && c != '?' && c != '!') continue;
    size_t end = i + 1;
    while (const size_t mark = ClosingMarkAt(text, end)) end += mark;
    const size_t next = text.find_first_not_of(" \t\r\n", end);
    if (next == std::string_view::npos) break;
    if (next == end || std::islower(static_cast<unsigned char>(text[next]))) continue;
    if (c == '.' && IsAbbreviation(WordBefore(text, i))) continue;
    return std::string(text.substr(0, end));
  }
  return std::string(text);
}

size_t ControlCharacterAt(std::string_view text) {
  if (text.empty()) return 0;
  const auto c = static_cast<unsigned char>(text[0]);
  if (c < 0x20 || c == 0x7F) return 1;
  // U+0080..U+009F are C2 80..C2 9F in UTF-8.
  if (c == 0xC2 && text.size() > 1 && static_cast<unsigned char>(text[1]) >= 0x80 &&
      static_cast<unsigned char>(text[1]) <= 0x9F) {
    return 2;
  }
  return 0;
}

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = ControlCharacterAt(text.substr(i));
    if (length == 0 || text[i] == '\n' || text[i] == '\t') {
      out += text[i++];
      continue;
    }
    const auto code = static_cast<unsigned char>(length == 1 ? text[i] : text[i + 1]);
    char escape[8];
    std::snprintf(escape, sizeof escape, "\\u%04x", code);
    out += escape;
    i += length;
  }
  return out;
}

}  // namespace policyc::base
