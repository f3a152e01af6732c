#include "lint/lint.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "base/strings.h"

namespace policyc::lint {

using base::DiagKind;

const std::vector<VagueWord>& VagueWords() {
  static const std::vector<VagueWord> kWords = {
      {"appropriate", "say exactly what is required"},
      {"adequate", "say exactly what is enough"},
      {"suitable", "name the requirement it must meet"},
      {"sufficient", "give the number or the test"},
      {"as required", "say when it is required and by whom"},
      {"as necessary", "say when it is necessary"},
      {"as needed", "say when it is needed"},
      {"where possible", "say when it applies, or make it unconditional"},
      {"where practicable", "say when it applies, or make it unconditional"},
      {"reasonable steps", "name the steps"},
      {"regularly", "give the interval as a parameter, e.g. every {{param.NAME}}"},
      {"periodically", "give the interval as a parameter"},
      {"timely", "give the deadline as a parameter"},
      {"promptly", "give the deadline as a parameter"},
      {"best practice", "name the standard or the rule"},
      {"industry standard", "name the standard"},
  };
  return kWords;
}

namespace {

/// Calls `visit` for every statement of the document, in order.
template <typename Visit>
void ForEachStatement(const std::vector<model::SectionItem>& items, Visit& visit) {
  for (const model::SectionItem& item : items) {
    if (const auto* s = std::get_if<model::Statement>(&item)) {
      visit(*s);
    } else {
      ForEachStatement(std::get<model::Section>(item).items, visit);
    }
  }
}

template <typename Visit>
void ForEachStatement(const model::Document& doc, Visit visit) {
  for (const model::Section& section : doc.sections) ForEachStatement(section.items, visit);
}

bool IsWordChar(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '\'' || c == '-' ||
         (static_cast<unsigned char>(c) >= 0x80);
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }
bool OneOf(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

/// A domain name such as ncsc.gov.uk: two or more labels of letters, digits
/// and hyphens, the last one lower-case letters ("e.g" and "end.The" are
/// not).
bool IsDomainName(std::string_view s) {
  size_t labels = 0;
  for (size_t start = 0;;) {
    const size_t dot = s.find('.', start);
    const bool last = dot == std::string_view::npos;
    const std::string_view label = s.substr(start, last ? s.size() - start : dot - start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    ++labels;
    if (last) {
      return labels >= 2 && label.size() >= 2 &&
             std::all_of(label.begin(), label.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    }
    start = dot + 1;
  }
}

/// An email address, a URL (with a scheme, or starting www.) or a domain
/// name with an optional path, such as ncsc.gov.uk/collection: not words.
bool IsAddress(std::string_view s) {
  if (s.find("://") != std::string_view::npos || s.rfind("www.", 0) == 0 ||
      s.rfind("mailto:", 0) == 0) {
    return true;
  }
  const size_t at = s.find('@');
  if (at != std::string_view::npos) {
    const std::string_view local = s.substr(0, at);
    auto local_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || OneOf(c, "._%+-");
    };
    return !local.empty() && std::all_of(local.begin(), local.end(), local_char) &&
           IsDomainName(s.substr(at + 1));
  }
  return IsDomainName(s.substr(0, s.find_first_of("/:?#")));
}

/// Text with {{variables}}, link targets, code, URLs, email addresses and
/// domain names blanked out (kept the same length, so offsets still point
/// into the source).
std::string Prose(const std::string& text) {
  std::string out = text;
  auto blank = [&](size_t from, size_t to) {
    for (size_t i = from; i < to && i < out.size(); ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
  };
  for (size_t at = out.find("{{"); at != std::string::npos; at = out.find("{{", at + 1)) {
    size_t end = out.find("}}", at);
    blank(at, end == std::string::npos ? out.size() : end + 2);
  }
  for (size_t at = out.find("]("); at != std::string::npos; at = out.find("](", at + 1)) {
    blank(at + 1, out.find(')', at) + 1);
  }
  for (size_t at = out.find('`'); at != std::string::npos; at = out.find('`', at + 1)) {
    size_t end = out.find('`', at + 1);
    if (end == std::string::npos) break;
    blank(at, end + 1);
    at = end;
  }
  // Each run of non-space characters, less the punctuation and Markdown
  // around it: "(report@phishing.gov.uk)." is an address.
  for (size_t start = 0; start < out.size();) {
    if (IsSpace(out[start])) {
      ++start;
      continue;
    }
    size_t end = start;
    while (end < out.size() && !IsSpace(out[end])) ++end;
    size_t first = start, last = end;
    while (first < last && OneOf(out[first], "([{<\"'*_~")) ++first;
    while (last > first && OneOf(out[last - 1], ".,;:!?)]}>\"'*_~")) --last;
    if (IsAddress(std::string_view(out).substr(first, last - first))) blank(first, last);
    start = end;
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Appends every text and condition of `items` to `out`.
void AppendUses(const std::vector<model::SectionItem>& items, std::string& out) {
  for (const model::SectionItem& item : items) {
    if (const auto* s = std::get_if<model::Statement>(&item)) {
      out += " " + s->text.markdown;
      if (s->evidence) out += " " + s->evidence->markdown;
      if (s->training) out += " " + s->training->markdown;
      if (s->condition) out += " " + *s->condition;
    } else {
      const auto& section = std::get<model::Section>(item);
      if (section.intro) out += " " + section.intro->markdown;
      if (section.condition) out += " " + *section.condition;
      AppendUses(section.items, out);
    }
  }
}

void AppendUses(const model::Document& doc, std::string& out) {
  out += " " + doc.summary.markdown;
  if (doc.condition) out += " " + *doc.condition;
  for (const model::Section& section : doc.sections) {
    if (section.intro) out += " " + section.intro->markdown;
    if (section.condition) out += " " + *section.condition;
    AppendUses(section.items, out);
  }
}

void AppendUses(const std::vector<model::Override>& overrides, std::string& out) {
  for (const model::Override& o : overrides) {
    std::vector<model::SectionItem> statements(o.statements.begin(), o.statements.end());
    AppendUses(statements, out);
    if (o.document) AppendUses(*o.document, out);
  }
}

/// Every text and condition of every layer, as written: what the merged
/// library holds, and what overrides replaced or removed.
std::string UsesInLayers(const std::vector<model::Library>& layers,
                         const std::vector<model::Override>& last_layer) {
  std::string out;
  for (const model::Library& layer : layers) {
    for (const model::Document& doc : layer.documents) AppendUses(doc, out);
    AppendUses(layer.overrides, out);
  }
  AppendUses(last_layer, out);
  return out;
}

class Linter {
 public:
  /// `uses`: the texts and conditions of every layer (UsesInLayers).
  Linter(const resolve::MergedLibrary& library, std::string uses, const SpellChecker* spelling,
         base::DiagnosticSink& sink)
      : library_(library), spelling_(spelling), sink_(sink), uses_(std::move(uses)) {}

  void Run() {
    for (const model::Document& doc : library_.documents) {
      CheckText(doc.summary, false);
      ForEachStatement(doc, [&](const model::Statement& s) { CheckStatement(doc, s); });
      for (const model::Section& section : doc.sections) CheckIntros(section);
    }
    CheckUnused(library_.facts, "fact", false);
    CheckUnused(library_.parameters, "parameter", true);
    CheckDuplicates();
  }

 private:
  void CheckIntros(const model::Section& section) {
    if (section.intro) CheckText(*section.intro, false);
    for (const model::SectionItem& item : section.items) {
      if (const auto* sub = std::get_if<model::Section>(&item)) CheckIntros(*sub);
    }
  }

  void CheckStatement(const model::Document& doc, const model::Statement& s) {
    const std::string where = "statement '" + doc.id + "#" + s.id + "'";
    if (s.roles.empty()) {
      sink_.Report(DiagKind::kMissingRole, s.loc, where + " gives its duty to no role; add roles=\"...\"");
    }
    if (s.controls.empty() && s.clauses.empty()) {
      sink_.Report(DiagKind::kMissingControl, s.loc,
                   where + " names no Annex A control and no clause; add controls=\"A.x.y\" or clauses=\"x.y\"");
    }
    if (!s.evidence) {
      sink_.Report(DiagKind::kMissingEvidence, s.loc,
                   where + " says nothing an auditor could check; add <evidence>");
    }
    CheckText(s.text, true);
    if (s.evidence) CheckText(*s.evidence, false);
    if (s.training) CheckText(*s.training, false);
    statements_.push_back({&doc, &s});
  }

  void CheckText(const model::Text& text, bool obligation) {
    const std::string prose = Prose(text.markdown);
    if (obligation) CheckVague(text, prose);
    if (spelling_) CheckSpelling(text, prose);
  }

  void CheckVague(const model::Text& text, const std::string& prose) {
    const std::string lower = Lower(prose);
    const bool has_parameter = text.markdown.find("{{param.") != std::string::npos;
    for (const VagueWord& vague : VagueWords()) {
      for (size_t at = lower.find(vague.phrase); at != std::string::npos;
           at = lower.find(vague.phrase, at + 1)) {
        const size_t end = at + vague.phrase.size();
        if ((at > 0 && std::isalpha(static_cast<unsigned char>(lower[at - 1]))) ||
            (end < lower.size() && std::isalpha(static_cast<unsigned char>(lower[end])))) {
          continue;  // part of a longer word ("inappropriate" is still vague, but "suitably"...)
        }
        if ((vague.phrase == "regularly" || vague.phrase == "periodically") && has_parameter) continue;
        // A term of art in the Data Protection Act 2018, Schedule 1 Part 4.
        if (vague.phrase == "appropriate" && lower.compare(end, 16, " policy document") == 0) continue;
        sink_.Report(DiagKind::kVagueWording, text.LocAt(at),
                     "'" + vague.phrase + "' cannot be audited; " + vague.advice);
      }
    }
  }

  void CheckSpelling(const model::Text& text, const std::string& prose) {
    size_t i = 0;
    while (i < prose.size()) {
      if (!IsWordChar(prose[i]) || prose[i] == '\'' || prose[i] == '-') {
        ++i;
        continue;
      }
      size_t start = i;
      while (i < prose.size() && (IsWordChar(prose[i]) || std::isdigit(static_cast<unsigned char>(prose[i])))) ++i;
      std::string token = prose.substr(start, i - start);
      // Digits, all-capital acronyms and ids are not words.
      if (std::any_of(token.begin(), token.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) continue;
      size_t part_start = 0;
      for (size_t k = 0; k <= token.size(); ++k) {
        if (k < token.size() && token[k] != '-') continue;
        std::string word = token.substr(part_start, k - part_start);
        size_t offset = start + part_start;
        part_start = k + 1;
        while (!word.empty() && word.back() == '\'') word.pop_back();
        if (word.size() > 2 && (word.compare(word.size() - 2, 2, "'s") == 0)) word.resize(word.size() - 2);
        if (word.size() > 4 && word.compare(word.size() - 4, 4, "\xE2\x80\x99s") == 0) word.resize(word.size() - 4);
        if (word.size() < 2) continue;
        if (std::all_of(word.begin(), word.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); })) continue;
        CheckWord(text, word, offset);
      }
    }
  }

  void CheckWord(const model::Text& text, const std::string& word, size_t offset) {
    // The dictionary accepts Oxford -ize spellings; policyc writes -ise.
    const std::string lower = Lower(word);
    size_t iz = lower.find("iz");
    if (iz != std::string::npos) {
      std::string uk = word;
      uk[iz + 1] = 's';
      if (uk != word && spelling_->Correct(uk)) {
        Report(text, offset, "'" + word + "' is not UK spelling; write '" + uk + "'");
        return;
      }
    }
    if (spelling_->Correct(word)) return;
    const std::string suggestion = spelling_->Suggest(word);
    Report(text, offset,
           "'" + word + "' is not in the en_GB dictionary" +
               (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
               " (add real words to policies/wordlist.txt)");
  }

  void Report(const model::Text& text, size_t offset, const std::string& message) {
    // One report per misspelt word per library: the first place it appears.
    if (!reported_words_.insert(message).second) return;
    sink_.Report(DiagKind::kSpelling, text.LocAt(offset), message);
  }

  void CheckUnused(const std::vector<model::Declaration>& declarations, const char* what,
                   bool parameter) {
    for (const model::Declaration& d : declarations) {
      const std::string use = parameter ? "param." + d.id : d.id;
      bool used = false;
      for (size_t at = uses_.find(use); at != std::string::npos && !used; at = uses_.find(use, at + 1)) {
        size_t end = at + use.size();
        bool starts = at == 0 || !(std::isalnum(static_cast<unsigned char>(uses_[at - 1])) || uses_[at - 1] == '_' || (!parameter && uses_[at - 1] == '.'));
        bool ends = end >= uses_.size() || !(std::isalnum(static_cast<unsigned char>(uses_[end])) || uses_[end] == '_');
        used = starts && ends;
      }
      if (!used) {
        sink_.Report(DiagKind::kUnusedDeclaration, d.loc,
                     std::string(what) + " '" + d.id + "' is declared but nothing uses it; use it or remove it");
      }
    }
  }

  static std::vector<std::string> Words(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    for (char c : Lower(Prose(text)) + " ") {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += c;
      } else if (!word.empty()) {
        out.push_back(word);
        word.clear();
      }
    }
    return out;
  }

  void CheckDuplicates() {
    // Two statements whose word sets overlap almost entirely say the same thing.
    std::vector<std::set<std::string>> sets;
    for (const auto& [doc, s] : statements_) {
      auto words = Words(s->text.markdown);
      sets.emplace_back(words.begin(), words.end());
    }
    for (size_t i = 0; i < statements_.size(); ++i) {
      if (sets[i].size() < 6) continue;
      for (size_t j = i + 1; j < statements_.size(); ++j) {
        if (sets[j].size() < 6) continue;
        size_t common = 0;
        for (const std::string& w : sets[i]) common += sets[j].count(w);
        const double jaccard = static_cast<double>(common) / (sets[i].size() + sets[j].size() - common);
        if (jaccard < 0.85) continue;
        const auto& [doc_a, a] = statements_[i];
        const auto& [doc_b, b] = statements_[j];
        sink_.Report(DiagKind::kDuplicateStatement, b->loc,
                     "statement '" + doc_b->id + "#" + b->id + "' says the same as '" + doc_a->id +
                         "#" + a->id + "'; keep one and refer to it with {{ref:...}}");
        sink_.AddNote(a->loc, "the other statement");
      }
    }
  }

  const resolve::MergedLibrary& library_;
  const SpellChecker* spelling_;
  base::DiagnosticSink& sink_;
  const std::string uses_;  ///< every layer's texts and conditions, to find uses of declarations
  std::vector<std::pair<const model::Document*, const model::Statement*>> statements_;
  std::set<std::string> reported_words_;
};

}  // namespace

void LintLibrary(const std::vector<model::Library>& layers,
                 const std::vector<model::Override>& last_layer, const SpellChecker* spelling,
                 base::DiagnosticSink& sink) {
  const resolve::MergedLibrary library = resolve::MergeLibraries(layers, last_layer, sink);
  Linter(library, UsesInLayers(layers, last_layer), spelling, sink).Run();
}

}  // namespace policyc::lint
