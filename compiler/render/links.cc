#include "render/links.h"

namespace policyc::render {

namespace {

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
      href = "#" + std::string(item);
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

}  // namespace policyc::render
