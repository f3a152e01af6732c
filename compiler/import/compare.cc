// One client file against the profile: each anchored item three ways
// (base, library now, client), then what the client added between
// statements and what they edited where policyc compiles the text.
#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "import/changes.h"
#include "import/import.h"
#include "import/slots.h"

namespace policyc::import {

using base::DiagKind;

namespace {

/// An item of the document as the pack has it now, with its source.
struct PackItem {
  std::string number;
  std::string title;  ///< a section's
  std::string tables;  ///< a section's tables (compiled from the profile), plain, cell after cell
  std::string markdown;  ///< the statement's text or the section's introduction, now
  bool statement = false;
  std::vector<std::string> sections;  ///< the sections around it, outermost first
  const model::Statement* source = nullptr;
  const model::Section* source_section = nullptr;
};

/// The items of one document by id: numbers and text from the pack,
/// sources from the merged library.
class DocumentItems : public model::DocumentVisitor {
 public:
  DocumentItems(const model::ResolvedDocument& resolved, const model::Document* source) {
    if (source) {
      for (const model::Section& s : source->sections) IndexSource(s);
    }
    model::WalkDocument(resolved, *this);
  }
  void EnterSection(const model::ResolvedSection& s, int) override {
    PackItem& item = items_[s.id];
    item.number = s.number;
    item.title = s.title;
    item.markdown = s.intro;
    std::vector<std::string> cells;
    for (const model::Table& table : s.tables) {
      for (const model::TableColumn& column : table.columns) cells.push_back(PlainWords(column.header));
      for (const auto& row : table.rows) {
        for (const std::string& cell : row) cells.push_back(PlainWords(cell));
      }
    }
    item.tables = EvenWords(base::Join(cells, " "));
    item.sections = open_;
    item.source_section = FindIn(sections_, s.id);
    open_.push_back(s.id);
  }
  void LeaveSection(const model::ResolvedSection&, int) override { open_.pop_back(); }
  void VisitStatement(const model::ResolvedStatement& s, int) override {
    PackItem& item = items_[s.id];
    item.number = s.number;
    item.markdown = s.text;
    item.statement = true;
    item.sections = open_;
    item.source = FindIn(statements_, s.id);
  }
  const PackItem* Find(const std::string& id) const {
    auto it = items_.find(id);
    return it == items_.end() ? nullptr : &it->second;
  }

 private:
  template <typename T>
  static const T* FindIn(const std::map<std::string, const T*>& map, const std::string& id) {
    auto it = map.find(id);
    return it == map.end() ? nullptr : it->second;
  }
  void IndexSource(const model::Section& section) {
    sections_[section.id] = &section;
    for (const model::SectionItem& item : section.items) {
      if (const auto* s = std::get_if<model::Statement>(&item)) statements_[s->id] = s;
      if (const auto* sub = std::get_if<model::Section>(&item)) IndexSource(*sub);
    }
  }
  std::map<std::string, PackItem> items_;
  std::map<std::string, const model::Statement*> statements_;
  std::map<std::string, const model::Section*> sections_;
  std::vector<std::string> open_;
};

bool HasTrackedChange(const emit::DocxParagraph& p) {
  if (p.inserted || p.deleted) return true;
  return std::any_of(p.runs.begin(), p.runs.end(),
                     [](const emit::DocxRun& r) { return r.kind != emit::DocxRun::Kind::kText; });
}

std::string ParagraphText(const emit::DocxParagraph& p, emit::TrackedChanges tracked) {
  if ((tracked == emit::TrackedChanges::kAccept && p.deleted) ||
      (tracked == emit::TrackedChanges::kReject && p.inserted)) {
    return "";
  }
  std::string out;
  for (const emit::DocxRun& r : p.runs) {
    const auto dropped = tracked == emit::TrackedChanges::kAccept ? emit::DocxRun::Kind::kDeleted
                                                                  : emit::DocxRun::Kind::kInserted;
    if (r.kind != dropped) out += r.text;
  }
  return out;
}

bool IsCompiledLine(const emit::DocxParagraph& p) { return p.style == "StatementMeta"; }
bool IsHeading(const emit::DocxParagraph& p) { return p.style.starts_with("Heading"); }

/// "by Jane Smith and Tom Hargreaves (tracked changes)" or "(typed without tracking)".
std::string Whose(const std::vector<std::string>& authors) {
  if (authors.empty()) return "(typed without tracked changes)";
  return "by " + base::JoinEnglish(authors) + (authors.size() == 1 ? " (tracked change)" : " (tracked changes)");
}

/// Text after `text` lost one stretch of words, `part` (its last occurrence).
std::string Without(const std::string& text, const std::string& part) {
  const size_t at = part.empty() ? std::string::npos : text.rfind(part);
  if (at == std::string::npos) return text;
  return EvenWords(text.substr(0, at) + " " + text.substr(at + part.size()));
}

/// A section's text without its heading ("3 Access" or "Access") when the
/// DOCX's reading gives it: what remains is its introduction.
std::string WithoutHeading(const std::string& text, const std::string& number, const std::string& title) {
  for (const std::string& heading : {number + " " + title, title}) {
    if (!title.empty() && text.starts_with(heading) &&
        (text.size() == heading.size() || text[heading.size()] == ' ')) {
      return EvenWords(text.substr(heading.size()));
    }
  }
  return text;
}

/// Paragraphs the client put in a section after one of its statements:
/// they become a statement added after it.
struct Addition {
  std::string section_bookmark;
  std::string after;  ///< the statement's item id
  std::string text;   ///< plain, paragraphs joined by one space
  int paragraph = 0;  ///< the first, 1-based
  std::vector<std::string> authors;
};

/// The comparison of one client file; Run() fills the plan.
class FileComparison {
 public:
  FileComparison(const ClientFile& file, const ProfileSources& sources, const base::FileSystem& fs,
                 emit::TrackedChanges tracked, ImportPlan& plan, base::DiagnosticSink& sink)
      : file_(file), sources_(sources), fs_(fs), tracked_(tracked), plan_(plan), sink_(sink),
        document_(*FindDocument()), items_(document_, FindSource()),
        name_(file.path.substr(file.path.find_last_of('/') + 1)) {
    for (const emit::DocxAnchorBase& b : file.reading.base) bases_[b.bookmark] = &b;
  }

  void Run() {
    FindAdditions();
    for (const emit::DocxAnchorBase& base : file_.reading.base) CompareItem(base);
    AddStatements();
    ReportCompiledEdits();
    NoteLooseComments();
  }

 private:
  const model::ResolvedDocument* FindDocument() const {
    for (const auto& d : sources_.pack.documents) {
      if (d.id == file_.document_id) return &d;
    }
    return nullptr;  // ReadClientFile refused such a file
  }
  const model::Document* FindSource() const {
    for (const auto& d : sources_.library.documents) {
      if (d.id == file_.document_id) return &d;
    }
    return nullptr;
  }
  std::string Target(const std::string& id) const { return file_.document_id + "#" + id; }
  base::SourceLoc At(int paragraph) const { return {file_.path, paragraph}; }

  void FindAdditions();
  void CompareItem(const emit::DocxAnchorBase& base);
  void CompareStatement(const emit::DocxAnchorBase& base, const PackItem& item, const std::string& base_plain,
                        const std::string& client_plain, ProfileChange context);
  void CompareSection(const emit::DocxAnchorBase& base, const PackItem& item, const std::string& base_plain,
                      const std::string& client_plain, ProfileChange context);
  void Replace(const model::Statement& source, const std::string& markdown, ProfileChange change);
  void AddStatements();
  void ReportCompiledEdits();
  void NoteLooseComments();
  void AddValueChange(ProfileChange change);
  /// Each value change found in one item, as made where `context` says
  /// (the item's number, place, authors and notes).
  void AddValueChanges(std::vector<ProfileChange> values, const ProfileChange& context) {
    for (ProfileChange& value : values) {
      value.number = context.number;
      value.where = context.where;
      value.authors = context.authors;
      value.notes = context.notes;
      value.item = context.target;
      AddValueChange(std::move(value));
    }
  }
  std::vector<std::string> NotesOn(const std::string& bookmark) const;
  /// Whether no paragraph under the bookmark has any text left.
  bool SectionGone(const std::string& bookmark) const {
    return std::none_of(file_.reading.paragraphs.begin(), file_.reading.paragraphs.end(),
                        [&](const emit::DocxParagraph& p) {
                          return std::find(p.anchors.begin(), p.anchors.end(), bookmark) != p.anchors.end() &&
                                 !EvenWords(ParagraphText(p, tracked_)).empty();
                        });
  }
  std::string Reason(const ProfileChange& change) const;

  const ClientFile& file_;
  const ProfileSources& sources_;
  const base::FileSystem& fs_;
  emit::TrackedChanges tracked_;
  ImportPlan& plan_;
  base::DiagnosticSink& sink_;
  const model::ResolvedDocument& document_;
  DocumentItems items_;
  std::string name_;  ///< the DOCX's file name, for reasons
  std::map<std::string, const emit::DocxAnchorBase*> bases_;  ///< by bookmark
  std::vector<Addition> additions_;
  std::set<std::string> removed_sections_;
  std::set<std::string> removed_bookmarks_;  ///< of removed items: their roles lines and headings went with them
};

void FileComparison::FindAdditions() {
  std::map<std::string, std::string> last_statement;  // section bookmark → the last statement seen in it
  const auto& paragraphs = file_.reading.paragraphs;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const emit::DocxParagraph& p = paragraphs[i];
    if (p.anchors.empty()) continue;
    auto base = bases_.find(p.anchors.back());
    if (base == bases_.end()) continue;
    if (base->second->kind == "statement") {
      for (const std::string& outer : p.anchors) last_statement[outer] = base->second->item_id;
      continue;
    }
    auto after = last_statement.find(p.anchors.back());
    const std::string text = EvenWords(ParagraphText(p, tracked_));
    if (after == last_statement.end() || text.empty() || IsHeading(p) || IsCompiledLine(p) || p.in_table) continue;
    std::vector<std::string> authors;
    for (const emit::DocxRun& r : p.runs) {
      if (r.kind != emit::DocxRun::Kind::kText && !r.author.empty()) authors.push_back(r.author);
    }
    const bool follows = !additions_.empty() && additions_.back().after == after->second &&
                         additions_.back().section_bookmark == p.anchors.back();
    if (follows) {
      additions_.back().text += " " + text;
    } else {
      additions_.push_back({p.anchors.back(), after->second, text, static_cast<int>(i) + 1, {}});
    }
    for (const std::string& a : authors) {
      auto& list = additions_.back().authors;
      if (std::find(list.begin(), list.end(), a) == list.end()) list.push_back(a);
    }
  }
}

void FileComparison::CompareItem(const emit::DocxAnchorBase& base) {
  ProfileChange context;
  context.target = Target(base.item_id);
  context.number = base.number;
  context.notes = NotesOn(base.bookmark);
  int first = 0;
  const auto& paragraphs = file_.reading.paragraphs;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const auto& anchors = paragraphs[i].anchors;
    if (std::find(anchors.begin(), anchors.end(), base.bookmark) == anchors.end()) continue;
    if (!first) first = static_cast<int>(i) + 1;
    if (anchors.back() != base.bookmark) continue;
    for (const emit::DocxRun& r : paragraphs[i].runs) {
      if (r.kind != emit::DocxRun::Kind::kText && !r.author.empty() &&
          std::find(context.authors.begin(), context.authors.end(), r.author) == context.authors.end()) {
        context.authors.push_back(r.author);
      }
    }
  }
  context.where = At(first);
  std::string client = first ? EvenWords(emit::ItemText(file_.reading, base.bookmark, tracked_)) : "";
  for (const Addition& a : additions_) {
    if (a.section_bookmark == base.bookmark) client = Without(client, a.text);
  }
  std::string base_plain = EvenWords(base.text);
  const PackItem* item = items_.Find(base.item_id);
  if (item && !item->statement && SectionGone(base.bookmark)) {
    // The whole section went, its statements with it: one removal.
    context.kind = ProfileChange::Kind::kRemove;
    context.old_text = base_plain;
    context.reason = Reason(context);
    removed_sections_.insert(base.item_id);
    removed_bookmarks_.insert(base.bookmark);
    plan_.changes.push_back(std::move(context));
    return;
  }
  if (item && !item->statement) {
    // A section's own text is its introduction; a heading is the library's.
    client = WithoutHeading(client, item->number, item->title);
    base_plain = WithoutHeading(base_plain, item->number, item->title);
  }
  if (client == base_plain) {
    for (const std::string& note : context.notes) plan_.notes.push_back({context.target, base.number, note, context.where});
    return;
  }
  for (const std::string& section : item ? item->sections : std::vector<std::string>{}) {
    if (removed_sections_.count(section)) return;  // removed with its section
  }
  if (document_.derived) {
    ++plan_.not_importable;
    sink_.Report(DiagKind::kImportNotImportable, context.where,
                 "the client changed " + context.target + " in '" + document_.title +
                     "', which policyc compiles from the profile and the library: " +
                     (document_.id.find("applicability") != std::string::npos
                          ? "the SoA row comes from the statements' controls, so change the statement or the "
                            "profile's <soa> exclusion or status"
                          : "change the profile's registers, people or parameters it is compiled from"));
    return;
  }
  const std::string now =
      !item ? "" : item->statement ? PlainWords(item->markdown) : EvenWords(PlainWords(item->markdown) + " " + item->tables);
  if (!item || now != base_plain) {
    sink_.Report(DiagKind::kImportConflict, context.where,
                 context.target + " (" + base.number + ") was changed by the client and, since the DOCX was built, " +
                     (item ? "by the library or the profile" : "left out of the pack") +
                     "; nothing is applied for it: compare the three texts in the report and decide");
    plan_.conflicts.push_back({context.target, base.number, base_plain, item ? now : "(no longer in the pack)",
                               client.empty() ? "(deleted)" : client, context.where, context.notes});
    return;
  }
  if (item->statement) {
    CompareStatement(base, *item, base_plain, client, std::move(context));
  } else {
    CompareSection(base, *item, base_plain, client, std::move(context));
  }
}

void FileComparison::CompareStatement(const emit::DocxAnchorBase& base, const PackItem& item,
                                      const std::string& base_plain, const std::string& client_plain,
                                      ProfileChange context) {
  context.old_text = base_plain;
  context.new_text = client_plain;
  if (client_plain.empty()) {
    removed_bookmarks_.insert(base.bookmark);
    context.kind = ProfileChange::Kind::kRemove;
    context.reason = Reason(context);
    plan_.changes.push_back(std::move(context));
    return;
  }
  if (!item.source) return;  // a pack item without a source statement: none to replace
  const std::vector<TemplateToken> tokens = TokeniseTemplate(item.source->text.markdown);
  const auto base_slots = MatchTemplate(tokens, base_plain);
  if (!base_slots) {
    sink_.Report(DiagKind::kImportVariablesLost, context.where,
                 "the source of " + context.target +
                     " cannot be lined up with its text in the DOCX, so the override writes out the values of "
                     "its variables; put the {{…}} back by hand where the client kept them");
    Replace(*item.source, WordsAsMarkdown(client_plain), std::move(context));
    return;
  }
  const auto client_slots = MatchTemplate(tokens, client_plain);
  if (!client_slots) {
    Replace(*item.source, ClientSource(tokens, base_plain, *base_slots, client_plain), std::move(context));
    return;
  }
  // Only slots changed: each one the profile sets becomes that value.
  std::string markdown;
  bool text_changed = false, refused = false;
  std::vector<ProfileChange> values;
  for (size_t k = 0; k < base_slots->size(); ++k) {
    const SlotValue &was = (*base_slots)[k], &is = (*client_slots)[k];
    const TemplateToken& variable = tokens[2 * k + 1];
    markdown += tokens[2 * k].markdown;
    SlotEdit edit;
    if (was.text != is.text) {
      edit = ClassifySlot(variable.name, base_plain.substr(0, was.start), was.text, is.text, sources_,
                          context.where, sink_);
    }
    refused |= edit.outcome == SlotEdit::Outcome::kRefused;
    const bool as_text = was.text != is.text && edit.outcome == SlotEdit::Outcome::kText;
    text_changed |= as_text;
    markdown += as_text ? WordsAsMarkdown(is.text) : variable.markdown;
    if (edit.outcome == SlotEdit::Outcome::kProfileValue) values.push_back(std::move(edit.change));
  }
  markdown += tokens.back().markdown;
  if (refused) return;  // reported; nothing is applied for the statement
  AddValueChanges(std::move(values), context);
  if (text_changed) Replace(*item.source, markdown, std::move(context));
}

void FileComparison::CompareSection(const emit::DocxAnchorBase& base, const PackItem& item,
                                    const std::string& base_text, const std::string& client_text,
                                    ProfileChange context) {
  // The section's tables follow its introduction; they are compiled.
  std::string base_plain = base_text, client_plain = client_text;
  if (!item.tables.empty()) {
    if (!client_text.ends_with(item.tables)) {
      ++plan_.not_importable;
      sink_.Report(DiagKind::kImportNotImportable, context.where,
                   "the client edited a table of section " + base.number + " (" + context.target +
                       "), which policyc compiles from the profile (its people, contacts and registers): change "
                       "them there, and rebuild");
      return;
    }
    base_plain = EvenWords(base_text.substr(0, base_text.size() - std::min(base_text.size(), item.tables.size())));
    client_plain = EvenWords(client_text.substr(0, client_text.size() - item.tables.size()));
  }
  const std::string intro = item.source_section && item.source_section->intro ? item.source_section->intro->markdown : "";
  const std::vector<TemplateToken> tokens = TokeniseTemplate(intro);
  const auto base_slots = MatchTemplate(tokens, base_plain);
  const auto client_slots = base_slots ? MatchTemplate(tokens, client_plain) : std::nullopt;
  std::vector<ProfileChange> values;
  bool only_values = client_slots.has_value();
  for (size_t k = 0; only_values && k < base_slots->size(); ++k) {
    const SlotValue &was = (*base_slots)[k], &is = (*client_slots)[k];
    if (was.text == is.text) continue;
    SlotEdit edit = ClassifySlot(tokens[2 * k + 1].name, base_plain.substr(0, was.start), was.text, is.text,
                                 sources_, context.where, sink_);
    if (edit.outcome == SlotEdit::Outcome::kRefused) return;
    only_values = edit.outcome == SlotEdit::Outcome::kProfileValue;
    values.push_back(std::move(edit.change));
  }
  if (!only_values) {
    ++plan_.not_importable;
    sink_.Report(DiagKind::kImportNotImportable, context.where,
                 "the client reworded the introduction of section " + base.number + " (" + context.target +
                     "), which an override cannot replace on its own: put the client's words in a <replace "
                     "target=\"" + file_.document_id + "\"> of the whole document, or in a house library");
    return;
  }
  AddValueChanges(std::move(values), context);
}

void FileComparison::Replace(const model::Statement& source, const std::string& markdown, ProfileChange change) {
  change.kind = ProfileChange::Kind::kReplace;
  change.reason = Reason(change);
  auto element = ReplacementElement(fs_, source, markdown);
  change.source = element ? *element : AddedElement(source.id, source, markdown);
  plan_.changes.push_back(std::move(change));
}

/// The statements of the pack whose text uses parameter `id`, but `except`.
std::vector<std::string> StatementsUsing(const model::ResolvedPack& pack, const std::string& id,
                                         const std::string& except) {
  struct Users : model::DocumentVisitor {
    std::string variable, document, except;
    std::vector<std::string> found;
    void VisitStatement(const model::ResolvedStatement& s, int) override {
      const std::string ref = document + "#" + s.id;
      if (ref != except && std::find(s.variables.begin(), s.variables.end(), variable) != s.variables.end()) {
        found.push_back(ref);
      }
    }
  } users;
  users.variable = "param." + id;
  users.except = except;
  for (const model::ResolvedDocument& d : pack.documents) {
    if (d.derived) continue;
    users.document = d.id;
    model::WalkDocument(d, users);
  }
  return users.found;
}

void FileComparison::AddValueChange(ProfileChange change) {
  for (const ProfileChange& other : plan_.changes) {
    if (other.kind != change.kind || other.target != change.target || other.attribute != change.attribute) continue;
    if (other.source != change.source) {
      sink_.Report(DiagKind::kImportConflict, change.where,
                   "the client gives " + change.target + (change.attribute.empty() ? "" : " " + change.attribute) +
                       " two values: \"" + other.new_text + "\" in " + other.item + " and \"" + change.new_text +
                       "\" in " + change.item + "; only the first is applied, so agree one with the client");
    }
    return;  // the same change, made where the value is used again
  }
  if (change.kind == ProfileChange::Kind::kParameter) {
    change.also = StatementsUsing(sources_.pack, change.target, change.item);
  }
  plan_.changes.push_back(std::move(change));
}

void FileComparison::AddStatements() {
  std::map<std::string, int> taken;  // per section, for fresh ids
  for (const Addition& a : additions_) {
    const PackItem* neighbour = items_.Find(a.after);
    auto section = bases_.find(a.section_bookmark);
    if (!neighbour || !neighbour->source || section == bases_.end()) continue;
    std::string id;
    do {
      id = ("client-" + a.after).substr(0, model::kMaxIdLength - 4) + "-" + std::to_string(++taken[a.after]);
    } while (items_.Find(id));
    ProfileChange change;
    change.kind = ProfileChange::Kind::kAdd;
    change.target = Target(section->second->item_id);
    change.after = a.after;
    change.number = neighbour->number;
    change.new_text = a.text;
    change.where = At(a.paragraph);
    change.authors = a.authors;
    change.reason = Reason(change);
    change.source = AddedElement(id, *neighbour->source, WordsAsMarkdown(a.text));
    sink_.Report(DiagKind::kImportConfirmAdded, change.where,
                 "the client added text after " + Target(a.after) + " (" + neighbour->number +
                     "); it becomes statement '" + id + "' with that statement's controls and roles, which the "
                     "client did not choose: confirm or change them in the override");
    plan_.changes.push_back(std::move(change));
  }
}

void FileComparison::ReportCompiledEdits() {
  const auto& paragraphs = file_.reading.paragraphs;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const emit::DocxParagraph& p = paragraphs[i];
    if (!HasTrackedChange(p)) continue;
    if (document_.derived && !p.anchors.empty()) continue;  // reported with its item
    if (std::any_of(p.anchors.begin(), p.anchors.end(),
                    [&](const std::string& a) { return removed_bookmarks_.count(a) > 0; })) {
      continue;  // deleted with its statement or section
    }
    std::string what;
    if (IsCompiledLine(p)) {
      what = "a statement's controls and roles line, which comes from the statement's attributes: change "
             "controls= or roles= in an override of the statement";
    } else if (p.in_table || p.anchors.empty()) {
      what = "a part policyc compiles (a table, document control, the revision history or the contents "
             "list): change the profile or library it comes from, and rebuild";
    } else if (IsHeading(p)) {
      what = "a heading, which comes from the library: replace the whole document with <replace target=\"" +
             file_.document_id + "\"> to retitle a section";
    } else {
      continue;
    }
    ++plan_.not_importable;
    sink_.Report(DiagKind::kImportNotImportable, At(static_cast<int>(i) + 1), "the client edited " + what);
  }
}

void FileComparison::NoteLooseComments() {
  for (const emit::DocxComment& c : file_.reading.comments) {
    if (!c.anchors.empty()) continue;
    plan_.notes.push_back({file_.document_id, "", c.author + ": " + c.text, At(0)});
  }
}

std::vector<std::string> FileComparison::NotesOn(const std::string& bookmark) const {
  std::vector<std::string> notes;
  for (const emit::DocxComment& c : file_.reading.comments) {
    if (std::find(c.anchors.begin(), c.anchors.end(), bookmark) != c.anchors.end()) {
      notes.push_back(c.author + ": " + c.text);
    }
  }
  return notes;
}

std::string FileComparison::Reason(const ProfileChange& change) const {
  std::string reason = "Client edit in " + name_ + " " + Whose(change.authors);
  for (const std::string& note : change.notes) reason += "; comment " + note;
  return reason;
}

}  // namespace

void CompareClientFile(const ClientFile& file, const ProfileSources& sources, const base::FileSystem& fs,
                       emit::TrackedChanges tracked, ImportPlan& plan, base::DiagnosticSink& sink) {
  FileComparison(file, sources, fs, tracked, plan, sink).Run();
}

}  // namespace policyc::import
