#include "resolve/text.h"

#include "base/strings.h"

namespace policyc::resolve {

namespace {
base::SourceLoc LocAt(const model::Text& text, size_t offset) {
  base::SourceLoc loc = text.loc;
  int line = 0;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.markdown.size(); ++i) {
    if (text.markdown[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  loc.line += line;
  loc.column = text.first_line_indent >= 0
                   ? text.first_line_indent + static_cast<int>(offset - line_start) + 1
                   : 0;
  return loc;
}
}  // namespace

std::string ExpandText(const model::Text& text, const VariableResolver& resolver,
                       base::DiagnosticSink& sink) {
  const std::string& in = text.markdown;
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
      sink.Report(base::DiagKind::kUnknownVariable, LocAt(text, open),
                  "'{{' is not closed on the same line; write '}}' after the variable name");
      out.append(in, open, std::string::npos);
      break;
    }
    const std::string name = base::Trim(std::string_view(in).substr(open + 2, close - open - 2));
    VariableFailure failure;
    auto value = resolver.Resolve(name, &failure);
    if (value && !value->empty()) {
      out += *value;
    } else {
      if (value) failure.message = "{{" + name + "}} resolves to nothing";
      if (!failure.already_reported) {
        sink.Report(failure.kind, LocAt(text, open), failure.message);
        if (!failure.note.empty()) sink.AddNote(failure.note_loc, failure.note);
      }
      out.append(in, open, close + 2 - open);
    }
    pos = close + 2;
  }
  return out;
}

}  // namespace policyc::resolve
