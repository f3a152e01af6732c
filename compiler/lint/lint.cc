#include "lint/lint.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>

#include "base/file_system.h"
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

const RuleWords& TrainingRuleWords() {
  static const RuleWords kWords = {
      {"must", "shall", "never", "always", "only", "not", "cannot", "no"},
      {"accept", "activate", "add", "agree", "answer", "apply", "approve", "ask", "assess",
       "assume", "attend", "avoid", "back", "block", "book", "brief", "build", "call", "capture",
       "carry", "challenge", "change", "check", "choose", "classify", "clear", "close", "collect",
       "complete", "comply", "confirm", "connect", "consult", "contact", "create", "cut",
       "declare", "delete", "describe", "destroy", "disconnect", "dispose", "do", "encrypt",
       "enrol", "escalate", "escort", "expect", "find", "fix", "follow", "forward", "gather",
       "get", "give", "go", "hand", "handle", "hold", "inform", "install", "instruct", "invoke",
       "isolate", "keep", "label", "leave", "list", "lock", "log", "look", "make", "mark",
       "measure", "merge", "move", "notify", "obtain", "open", "pass", "pay", "place", "prepare",
       "print", "produce", "protect", "provide", "purge", "put", "raise", "rate", "read",
       "rebuild", "record", "redeploy", "refer", "register", "remove", "replace", "reply",
       "report", "request", "reset", "respect", "respond", "restart", "restore", "return",
       "review", "revoke", "roll", "rotate", "run", "save", "secure", "send", "set", "share",
       "shred", "shut", "sign", "sort", "start", "stay", "stick", "stop", "store", "submit",
       "switch", "take", "tell", "test", "tidy", "treat", "turn", "unplug", "update", "use",
       "verify", "wait", "warn", "watch", "wear", "wipe", "work", "write"},
      {"What", "Which", "How", "Why", "Where", "Who", "Whom", "That", "Things"},
      {", and that ", "how to ", "what to "},
  };
  return kWords;
}

const std::vector<std::string>& NameEndings() {
  static const std::vector<std::string> kWords = {
      "analytics",  "associates", "bank",       "care",     "cloud",      "communications",
      "computing",  "consultancy", "consulting", "council",  "data",       "digital",
      "energy",     "engineering", "foundation", "group",    "health",     "holdings",
      "homes",      "housing",    "insurance",  "labs",     "logistics",  "management",
      "media",      "networks",   "partners",   "security", "services",   "software",
      "solutions",  "studios",    "systems",    "technologies", "technology", "trust",
      "ventures"};
  return kWords;
}

namespace {

/// Words that say over what period a metric target is measured.
const std::set<std::string, std::less<>> kPeriodWords = {
    "annual", "annually", "daily", "each", "every", "month", "monthly", "months", "over",
    "per", "period", "periods", "quarter", "quarterly", "quarters", "week", "weekly",
    "weeks", "year", "yearly", "years"};

/// Plural units of time that a count of one must not keep.
const std::vector<std::string> kTimeUnits = {"hours", "days", "weeks", "months", "years",
                                            "minutes", "seconds"};

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

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)); }

/// "systems" and "System" are one word: lower case, without a plural s.
std::string Singular(std::string_view word) {
  std::string w = Lower(std::string(word));
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
  return w;
}

std::string LastWord(std::string_view text) {
  const size_t space = text.find_last_of(' ');
  return std::string(space == std::string_view::npos ? text : text.substr(space + 1));
}

/// A {{variable}} in a text: where it is and its trimmed name.
struct Variable {
  size_t start = 0;  ///< offset of "{{"
  size_t end = 0;    ///< offset just after "}}"
  std::string name;
};

std::vector<Variable> Variables(const std::string& markdown) {
  std::vector<Variable> out;
  for (size_t at = markdown.find("{{"); at != std::string::npos; at = markdown.find("{{", at + 2)) {
    const size_t close = markdown.find("}}", at + 2);
    if (close == std::string::npos) break;
    out.push_back({at, close + 2, base::Trim(std::string_view(markdown).substr(at + 2, close - at - 2))});
  }
  return out;
}

/// A run of letters in a text, and where it is.
struct Word {
  size_t start = 0;
  size_t end = 0;
  std::string text;
};

/// The runs of letters and digits of `prose`.
std::vector<Word> WordsOf(const std::string& prose) {
  std::vector<Word> out;
  for (size_t i = 0; i < prose.size();) {
    if (!std::isalnum(static_cast<unsigned char>(prose[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < prose.size() && std::isalnum(static_cast<unsigned char>(prose[end]))) ++end;
    out.push_back({i, end, prose.substr(i, end - i)});
    i = end;
  }
  return out;
}

/// Does a sentence end at `prose[i]`: a full stop, question or exclamation
/// mark before a space, or a line break (a list item is its own sentence)?
bool EndsSentence(const std::string& prose, size_t i) {
  if (prose[i] == '\n') return true;
  return OneOf(prose[i], ".!?") && (i + 1 == prose.size() || IsSpace(prose[i + 1]));
}

/// Does the text say over what period something is measured ("in each
/// collection period", "over the year", "per quarter")?
bool NamesPeriod(const std::string& text) {
  const std::vector<Word> words = WordsOf(Lower(text));
  for (size_t i = 0; i < words.size(); ++i) {
    if (!kPeriodWords.count(words[i].text)) continue;
    if (words[i].text == "per" && i + 1 < words.size() && words[i + 1].text == "cent") continue;
    return true;
  }
  return false;
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
  /// `layers`: which layer holds a text, whose word list is nearest it.
  Linter(const resolve::MergedLibrary& library, std::string uses, const SpellChecker* spelling,
         const resolve::LayerMap& layers, const model::Organisation* organisation, base::DiagnosticSink& sink)
      : library_(library),
        spelling_(spelling),
        layers_(layers),
        organisation_(organisation),
        sink_(sink),
        uses_(std::move(uses)) {
    for (const model::Declaration& d : library_.parameters) parameters_[d.id] = &d;
    for (const model::Role& r : library_.roles) role_titles_[r.id] = r.title;
    for (const std::string& word : NameEndings()) name_endings_[Singular(word)] = word;
    for (const std::string& unit : kTimeUnits) plural_units_.insert(unit);
    for (const model::Declaration& d : library_.parameters) {
      if (d.unit.ends_with("s")) plural_units_.insert(d.unit);
    }
  }

  void Run() {
    for (const model::Document& doc : library_.documents) {
      CheckText(doc.summary, false);
      ForEachStatement(doc, [&](const model::Statement& s) { CheckStatement(doc, s); });
      for (const model::Section& section : doc.sections) CheckIntros(section);
    }
    CheckMetricDescriptions();
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
    if (s.training) {
      CheckText(*s.training, false);
      CheckTraining(doc, s);
    }
    statements_.push_back({&doc, &s});
  }

  // ---- training: every hint is a rule, and one situation has one route ----

  void CheckTraining(const model::Document& doc, const model::Statement& s) {
    const std::string where = "the training hint of statement '" + doc.id + "#" + s.id + "'";
    const model::Text& hint = *s.training;
    if (!IsTrainingRule(Prose(hint.markdown))) {
      sink_.Report(DiagKind::kTrainingNotARule, hint.LocAt(0),
                   where + " is a topic heading, not a rule; write what the learner must do, with a verb "
                   "of obligation (\"Label every email with its classification before you send it\")");
    }
    if (s.training_situation.empty() != s.training_to.empty()) {
      sink_.Report(DiagKind::kTrainingRoute, s.loc,
                   where + (s.training_to.empty() ? " names a situation but not the role it goes to; add to=\"ROLE\""
                                                  : " names a role to go to but not the situation; add situation=\"KEY\""));
      return;
    }
    if (s.training_situation.empty()) return;
    const auto [first, inserted] =
        routes_.emplace(s.training_situation, Route{s.training_to, doc.id + "#" + s.id, s.loc});
    if (inserted || first->second.to == s.training_to) return;
    sink_.Report(DiagKind::kTrainingRoute, s.loc,
                 where + " sends situation '" + s.training_situation + "' to '" + s.training_to + "', but '" +
                     first->second.statement + "' sends it to '" + first->second.to +
                     "'; give both hints the same role and wording");
    sink_.AddNote(first->second.loc, "the other route");
  }

  void CheckText(const model::Text& text, bool obligation) {
    const std::string prose = Prose(text.markdown);
    if (obligation) CheckVague(text, prose);
    if (spelling_) CheckSpelling(text, prose);
    CheckEditorial(text, prose);
  }

  // ---- editorial: what makes a pack look generated ----

  void CheckEditorial(const model::Text& text, const std::string& prose) {
    for (const Variable& v : Variables(text.markdown)) {
      CheckPossessive(text, v);
      CheckDoubledByValue(text, v);
      CheckMetricPeriod(text, prose, v);
    }
    CheckCountOfOne(text, prose);
    CheckDoubledWords(text, prose);
    CheckCompanyWords(text, prose);
  }

  /// "company devices", "the company password manager": one library serves
  /// charities, public bodies and partnerships too, for which the words are
  /// untrue. (A company as such, "a cleaning company", is fine.)
  void CheckCompanyWords(const model::Text& text, const std::string& prose) {
    static const std::set<std::string> kOwned = {
        "account",  "accounts", "app",     "apps",     "data",     "desktop",  "desktops", "device",
        "devices",  "directory", "email",  "equipment", "file",    "identity", "laptop",   "laptops",
        "network",  "password", "phone",   "phones",   "portal",   "storage",  "system",   "systems",
        "vpn"};
    const std::vector<Word> words = WordsOf(prose);
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if (Lower(words[i].text) != "company" || words[i + 1].start != words[i].end + 1) continue;
      const std::string owned = Lower(words[i + 1].text);
      if (!kOwned.count(owned) && owned.rfind("device", 0) != 0) continue;
      sink_.Report(DiagKind::kCompanyWords, text.LocAt(words[i].start),
                   "'" + words[i].text + " " + words[i + 1].text +
                       "' is untrue for a charity, a public body or a partnership; write 'work " + owned +
                       "' or 'the organisation's " + owned + "'");
    }
  }

  /// The value of an {{org.FIELD}} in the profile lint was given, or "".
  std::string OrganisationValue(const std::string& variable) const {
    if (!organisation_) return "";
    if (variable == "org.name") return organisation_->name;
    if (variable == "org.legal_name") return organisation_->legal_name;
    return "";
  }

  /// "{{org.name}}'s" reads "Acme Systems's" for a name that ends in s.
  void CheckPossessive(const model::Text& text, const Variable& v) {
    const std::string_view after = std::string_view(text.markdown).substr(v.end);
    size_t length = 0;
    if (after.substr(0, 2) == "'s") length = 2;
    if (after.substr(0, 4) == "\xE2\x80\x99s") length = 4;
    if (length == 0 || (after.size() > length && IsLetter(after[length]))) return;
    const std::string use = "{{" + v.name + "}}" + std::string(after.substr(0, length));
    std::string reads;
    if (v.name.rfind("org.", 0) == 0) {
      // The library serves every organisation: some name ends in s.
      const std::string value = OrganisationValue(v.name);
      reads = value.ends_with("s") ? value : "Acme Systems";
    } else if (v.name.rfind("role.", 0) == 0) {
      auto role = role_titles_.find(v.name.substr(5));
      if (role == role_titles_.end() || !role->second.ends_with("s")) return;
      reads = role->second;
    } else if (v.name.rfind("holders.", 0) == 0) {
      reads = "Sam Jones (IT Manager)";
    } else {
      return;
    }
    sink_.Report(DiagKind::kNamePossessive, text.LocAt(v.start),
                 "'" + use + "' reads '" + reads + "'s'; put the name after the noun, e.g. 'the policies of {{" +
                     v.name + "}}'");
  }

  /// "{{param.n}} records" where n's unit is records, "{{org.name}}
  /// systems" for a name that ends in Systems.
  void CheckDoubledByValue(const model::Text& text, const Variable& v) {
    const std::string& md = text.markdown;
    size_t start = v.end;
    if (start >= md.size() || md[start] != ' ') return;
    while (start < md.size() && md[start] == ' ') ++start;
    size_t end = start;
    while (end < md.size() && IsLetter(md[end])) ++end;
    if (end == start) return;
    const std::string next = md.substr(start, end - start);
    std::string reads, advice;
    if (v.name.rfind("param.", 0) == 0) {
      auto it = parameters_.find(v.name.substr(6));
      if (it == parameters_.end()) return;
      const model::Declaration& d = *it->second;
      std::string example = d.default_value.value_or("…");
      if (d.type == "duration") {
        // A duration reads "3 months": it ends in a unit of time.
        const std::string unit = Singular(next) + "s";
        if (std::find(kTimeUnits.begin(), kTimeUnits.end(), unit) == kTimeUnits.end()) return;
      } else {
        if (d.unit.empty() || Singular(LastWord(d.unit)) != Singular(next)) return;
        example += " " + d.unit;
      }
      reads = example + " " + next;
      advice = "{{" + v.name + "}} already ends in its unit; delete '" + next + "' after it";
    } else if (v.name.rfind("org.", 0) == 0 || v.name.rfind("role.", 0) == 0) {
      std::string value = OrganisationValue(v.name);
      if (v.name.rfind("role.", 0) == 0) {
        auto role = role_titles_.find(v.name.substr(5));
        if (role == role_titles_.end()) return;
        value = role->second;
      }
      const bool ends_in_next = !value.empty() && Singular(LastWord(value)) == Singular(next);
      if (!ends_in_next) {
        if (v.name != "org.name" && v.name != "org.legal_name") return;
        auto ending = name_endings_.find(Singular(next));
        if (ending == name_endings_.end()) return;
        value = "Acme " + base::CapitaliseFirst(ending->second);
      }
      reads = value + " " + next;
      advice = "put the noun first, e.g. 'the " + next + " of {{" + v.name + "}}'";
    } else {
      return;
    }
    sink_.Report(DiagKind::kDoubledWord, text.LocAt(v.start),
                 "'{{" + v.name + "}} " + next + "' reads '" + reads + "'; " + advice);
  }

  /// "every 1 month" and "1 days": what a value of one looks like when
  /// it was typed out rather than substituted.
  void CheckCountOfOne(const model::Text& text, const std::string& prose) {
    const std::vector<Word> words = WordsOf(prose);
    for (size_t i = 0; i < words.size(); ++i) {
      const Word& one = words[i];
      if (one.text != "1" || (one.start > 0 && !OneOf(prose[one.start - 1], " \n("))) continue;
      if (one.end + 1 >= prose.size() || prose[one.end] != ' ' || !IsLetter(prose[one.end + 1])) continue;
      const std::string rest = prose.substr(one.end + 1);
      if (i > 0 && Lower(words[i - 1].text) == "every" && prose[words[i - 1].end] == ' ' &&
          words[i - 1].end + 1 == one.start) {
        const std::string unit = LastWord(rest.substr(0, rest.find_first_of(" .,;:\n")));
        sink_.Report(DiagKind::kCountOfOne, text.LocAt(words[i - 1].start),
                     "'" + words[i - 1].text + " 1 " + unit + "' reads as generated; write '" +
                         words[i - 1].text + " " + unit + "'");
        continue;
      }
      for (const std::string& unit : plural_units_) {
        if (rest.compare(0, unit.size(), unit) != 0) continue;
        if (rest.size() > unit.size() && IsLetter(rest[unit.size()])) continue;
        sink_.Report(DiagKind::kCountOfOne, text.LocAt(one.start),
                     "'1 " + unit + "': a count of one takes the singular; write '1 " +
                         unit.substr(0, unit.size() - 1) + "'");
        break;
      }
    }
  }

  /// "records records": the same word twice with only spaces between.
  void CheckDoubledWords(const model::Text& text, const std::string& prose) {
    const std::vector<Word> words = WordsOf(prose);
    for (size_t i = 1; i < words.size(); ++i) {
      const Word& a = words[i - 1];
      const Word& b = words[i];
      if (!IsLetter(a.text[0]) || Lower(a.text) != Lower(b.text)) continue;
      bool spaces_only = true;
      for (size_t k = a.end; k < b.start; ++k) spaces_only = spaces_only && IsSpace(text.markdown[k]);
      if (!spaces_only) continue;
      sink_.Report(DiagKind::kDoubledWord, text.LocAt(b.start),
                   "'" + a.text + " " + b.text + "': the word is doubled; delete one");
    }
  }

  /// A metric target ({{param.*_target}}, as the metrics sheet reads the
  /// library's parameters) says over what period it is measured, in the
  /// same sentence.
  void CheckMetricPeriod(const model::Text& text, const std::string& prose, const Variable& v) {
    if (v.name.rfind("param.", 0) != 0 || !v.name.ends_with("_target")) return;
    size_t from = v.start;
    while (from > 0 && !EndsSentence(prose, from - 1)) --from;
    size_t to = v.end;
    while (to < prose.size() && !EndsSentence(prose, to)) ++to;
    if (NamesPeriod(prose.substr(from, to - from))) return;
    sink_.Report(DiagKind::kMetricWithoutPeriod, text.LocAt(v.start),
                 "metric target {{" + v.name + "}} does not say over what period it is measured; "
                 "add it to the sentence, e.g. 'in each collection period' or 'over the year'");
  }

  /// The metrics sheet prints a target's description beside its value.
  void CheckMetricDescriptions() {
    for (const model::Declaration& d : library_.parameters) {
      if (!d.id.ends_with("_target") || NamesPeriod(d.description)) continue;
      sink_.Report(DiagKind::kMetricWithoutPeriod, d.loc,
                   "the description of metric target '" + d.id + "' does not say over what period "
                   "it is measured, and the metrics sheet prints it beside the target; add the period");
    }
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
               (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") + " (add real words to " +
               WordListFor(text.loc.file) + ")");
  }

  /// The word list nearest a text: wordlist.txt in the folder of the layer
  /// that holds it (the profile's folder for the profile's overrides).
  std::string WordListFor(const std::string& file) const {
    return base::JoinPath(layers_.FolderOf(file).value_or(base::DirName(file)), kWordList);
  }

  void Report(const model::Text& text, size_t offset, const std::string& message) {
    // One report per misspelt word and word list: the first place it appears
    // in the text that list is nearest.
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
  const resolve::LayerMap& layers_;
  const model::Organisation* organisation_;  ///< the profile's, or null
  base::DiagnosticSink& sink_;
  std::map<std::string, const model::Declaration*> parameters_;
  std::map<std::string, std::string> role_titles_;
  std::map<std::string, std::string> name_endings_;  ///< NameEndings() by singular
  std::set<std::string> plural_units_;  ///< of time and of the declared parameters
  const std::string uses_;  ///< every layer's texts and conditions, to find uses of declarations
  std::vector<std::pair<const model::Document*, const model::Statement*>> statements_;
  /// The first route seen for each training situation.
  struct Route {
    std::string to;
    std::string statement;
    base::SourceLoc loc;
  };
  std::map<std::string, Route> routes_;
  std::set<std::string> reported_words_;
};

}  // namespace

bool IsTrainingRule(const std::string& prose) {
  const RuleWords& words = TrainingRuleWords();
  auto in = [](const std::vector<std::string>& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
  };
  const std::vector<Word> all = WordsOf(prose);
  if (all.empty() || in(words.headings, all.front().text)) return false;
  const std::string lower = Lower(prose);
  for (const std::string& topic : words.topics) {
    if (lower.find(topic) != std::string::npos) return false;
  }
  bool clause_start = true;
  for (size_t i = 0; i < all.size(); ++i) {
    const std::string word = Lower(all[i].text);
    if (in(words.obligations, word)) return true;
    if (clause_start && in(words.imperatives, word)) return true;
    // A clause opens after punctuation, and after a conjunction that opens one.
    const size_t next = i + 1 < all.size() ? all[i + 1].start : prose.size();
    const std::string between = prose.substr(all[i].end, next - all[i].end);
    const bool conjunction = word == "and" || word == "then" || word == "or" || word == "but";
    clause_start = between.find_first_of(".;:,!?(\n") != std::string::npos || (clause_start && conjunction);
  }
  return false;
}

std::vector<std::string> WordLists(const std::vector<model::Library>& layers, const std::string& profile_path) {
  std::vector<std::string> out;
  for (const model::Library& layer : layers) out.push_back(base::JoinPath(layer.root, kWordList));
  if (!profile_path.empty()) out.push_back(base::JoinPath(base::DirName(profile_path), kWordList));
  return out;
}

void LintLibrary(const std::vector<model::Library>& layers,
                 const std::vector<model::Override>& last_layer, const SpellChecker* spelling,
                 base::DiagnosticSink& sink, const model::Organisation* organisation,
                 const std::string& profile_path) {
  const resolve::MergedLibrary library = resolve::MergeLibraries(layers, last_layer, sink);
  const resolve::LayerMap map(layers, profile_path);
  Linter(library, UsesInLayers(layers, last_layer), spelling, map, organisation, sink).Run();
}

}  // namespace policyc::lint
