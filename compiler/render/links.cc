#include "render/links.h"

#include "base/sha256.h"

namespace policyc::render {

namespace {

/// How much of an id a Word bookmark name keeps: 40 characters less the
/// '_' and the 8 hex digits of the hash.
constexpr size_t kBookmarkPrefixLength = 31;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

/// True when the character at `at` is backslash-escaped: an odd number of
/// backslashes precede it.
bool Escaped(std::string_view markdown, size_t at) {
  size_t backslashes = 0;
  while (at > backslashes && markdown[at - backslashes - 1] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

}  // namespace

std::string RewriteLinks(std::string_view markdown, std::string_view current_document,
                         std::string_view extension) {
  static constexpr std::string_view kPrefix = "](policyc:";
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t at = markdown.find(kPrefix, pos);
    if (at == std::string_view::npos) break;
    if (Escaped(markdown, at)) {
      // "\](policyc:" is text (a value that reads so), not the end of a link.
      out.append(markdown.substr(pos, at + 1 - pos));
      pos = at + 1;
      continue;
    }
    size_t close = markdown.find(')', at + kPrefix.size());
    if (close == std::string_view::npos) break;
    out.append(markdown.substr(pos, at - pos));
    std::string_view target = markdown.substr(at + kPrefix.size(), close - at - kPrefix.size());
    size_t hash = target.find('#');
    std::string_view doc = target.substr(0, hash);
    std::string_view item = hash == std::string_view::npos ? "" : target.substr(hash + 1);
    std::string href;
    if (doc == current_document && !item.empty()) {
      href = "#" + (extension == "docx" ? WordBookmarkName(item) : Anchor(item));
    } else if (extension.empty()) {
      // No link to another file: drop the link, keep its words.
      size_t open = out.size();
      int depth = 0;
      while (open > 0) {
        --open;
        const bool escaped = open > 0 && out[open - 1] == '\\';
        if (out[open] == ']' && !escaped) ++depth;
        if (out[open] == '[' && !escaped) {
          if (depth == 0) break;
          --depth;
        }
      }
      out.erase(open, 1);
      pos = close + 1;
      continue;
    } else {
      href = std::string(doc) + "." + std::string(extension);
      if (extension == "html" && !item.empty()) href += "#" + std::string(item);
    }
    out += "](" + href + ")";
    pos = close + 1;
  }
  out.append(markdown.substr(pos));
  return out;
}

std::string WordBookmarkName(std::string_view item_id) {
  std::string name = !item_id.empty() && IsAsciiLetter(item_id.front()) ? "" : "x";
  for (char c : item_id) {
    if (name.size() == kBookmarkPrefixLength) break;
    name += IsAsciiLetter(c) || IsAsciiDigit(c) ? c : '_';
  }
  return name + "_" + base::Sha256Hex(item_id).substr(0, 8);
}

}  // namespace policyc::render
