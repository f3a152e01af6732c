#include "resolve/text.h"

#include <algorithm>
#include <cctype>

#include <cmark-gfm.h>

#include "base/strings.h"

namespace policyc::resolve {

namespace {
bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)); }

/// Does `text` end with the word `word` (any case) and one space?
bool EndsWithWord(std::string_view text, std::string_view word) {
  if (text.size() < word.size() + 1 || text.back() != ' ') return false;
  const size_t start = text.size() - 1 - word.size();
  if (start > 0 && IsLetter(text[start - 1])) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[start + i])) != word[i]) return false;
  }
  return true;
}
/// Offset in `markdown` of cmark's 1-based (line, column).
size_t OffsetOf(std::string_view markdown, int line, int column) {
  size_t offset = 0;
  for (int l = 1; l < line && offset < markdown.size(); ++l) {
    const size_t newline = markdown.find('\n', offset);
    if (newline == std::string_view::npos) return markdown.size();
    offset = newline + 1;
  }
  return std::min(markdown.size(), offset + static_cast<size_t>(std::max(column - 1, 0)));
}

/// Reports every picture of `text` whose target is not a pack image (model::IsPackImage). The
/// check parses the text as the renderer will (cmark), so a picture given
/// by a reference definition ("![x][r]" with "[r]: /etc/passwd") or in
/// angle brackets is found as surely as a plain one.
void CheckImages(const model::Text& text, base::DiagnosticSink& sink) {
  if (text.markdown.find('!') == std::string::npos) return;
  cmark_node* document = cmark_parse_document(text.markdown.data(), text.markdown.size(), CMARK_OPT_DEFAULT);
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    if (model::IsPackImage(url ? url : "")) continue;
    const size_t at = OffsetOf(text.markdown, cmark_node_get_start_line(node), cmark_node_get_start_column(node));
    sink.Report(base::DiagKind::kBadImage, text.LocAt(at),
                "the picture '" + std::string(url ? url : "") +
                    "' is not one policyc draws; text may show only the pack's own pictures "
                    "(policyc-image:NAME, such as the heat maps), never a file path or a web "
                    "address. Remove the picture or describe it in words");
  }
  cmark_iter_free(iter);
  cmark_node_free(document);
}
}  // namespace

std::string ReadsAfter(std::string_view before, std::string_view value) {
  if (value.size() > 2 && value.substr(0, 2) == "1 " && IsLetter(value[2]) &&
      EndsWithWord(before, "every")) {
    return std::string(value.substr(2));
  }
  return std::string(value);
}

std::string ExpandText(const model::Text& text, const VariableResolver& resolver,
                       base::DiagnosticSink& sink, size_t* budget) {
  CheckImages(text, sink);
  const std::string& in = text.markdown;
  if (budget && *budget == 0) return in;  // over the budget, and said so already
  std::string out;
  size_t pos = 0;
  while (pos < in.size()) {
    size_t open = in.find("{{", pos);
    if (open == std::string::npos) {
      out.append(in, pos, std::string::npos);
      break;
    }
    out.append(in, pos, open - pos);
    size_t close = in.find("}}", open + 2);
    size_t newline = in.find('\n', open);
    if (close == std::string::npos || (newline != std::string::npos && newline < close)) {
      sink.Report(base::DiagKind::kUnknownVariable, text.LocAt(open),
                  "'{{' is not closed on the same line; write '}}' after the variable name");
      out.append(in, open, std::string::npos);
      break;
    }
    const std::string name = base::Trim(std::string_view(in).substr(open + 2, close - open - 2));
    VariableFailure failure;
    auto value = resolver.Resolve(name, &failure);
    if (value && !value->empty()) {
      out += ReadsAfter(out, *value);
      if (budget && out.size() > *budget) {
        sink.Report(base::DiagKind::kTextTooLarge, text.LocAt(open),
                    "filling in {{" + name + "}} here takes the pack's text past " +
                        std::to_string(kPackTextBudget / (1024 * 1024)) +
                        " MiB; a variable that names many people or items is used too often: use it less, "
                        "or give the role to fewer people");
        *budget = 0;
        return in;
      }
    } else {
      if (value) failure.message = "{{" + name + "}} resolves to nothing";
      if (!failure.already_reported) {
        sink.Report(failure.kind, text.LocAt(open), failure.message);
        if (!failure.note.empty()) sink.AddNote(failure.note_loc, failure.note);
      }
      out.append(in, open, close + 2 - open);
    }
    pos = close + 2;
  }
  if (budget) *budget -= std::min(*budget, out.size());
  return out;
}

std::vector<std::string> VariableNames(std::string_view markdown) {
  std::vector<std::string> names;
  size_t pos = 0;
  while ((pos = markdown.find("{{", pos)) != std::string_view::npos) {
    const size_t close = markdown.find("}}", pos + 2);
    if (close == std::string_view::npos) break;
    std::string name = base::Trim(markdown.substr(pos + 2, close - pos - 2));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    pos = close + 2;
  }
  return names;
}

}  // namespace policyc::resolve
