#include "release/release.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>

#include "base/date.h"
#include "base/file_system.h"
#include "base/numbers.h"
#include "base/strings.h"
#include "diff/compare.h"
#include "resolve/resolver.h"

namespace policyc::release {

using base::DiagKind;
using base::EscapeXml;
using base::XmlPlace;

namespace {

/// A document's document control, as the record gives it.
struct Control {
  std::string version = resolve::kUnreleasedVersion;
  std::string approver;
  std::string approval_date;
  std::string next_review;
  std::string approved_version, approved_date;  ///< a draft's last approval
  std::string pending_summary = "First issue.";  ///< a draft's change since
  std::vector<model::RevisionEntry> revisions;
  bool draft = true;
};

std::string PersonLabel(const model::ResolvedPack& pack, const std::string& id) {
  const model::Person* p = pack.FindPerson(id);
  return p ? p->name + " (" + p->job_title + ")" : id;  // without one: someone who has left
}

std::string Field(const std::string& value) { return value.empty() ? "-" : value; }
std::string Unfield(const std::string& value) { return value == "-" ? "" : value; }

/// A free-text field of a fingerprint line (a title, a parameter's value, a
/// condition), written so that the line reads back as it was: a newline
/// would start a line of its own, reading trims each line, and XML cannot
/// carry most control characters. So a backslash, a control character and
/// a space at either end are written \\, \n, \r, \t or \xHH; any other text,
/// as every record before this escaping was, stays as it is.
std::string EscapeField(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool edge_space = c == ' ' && (i == 0 || i + 1 == text.size());
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f || edge_space) {
      static const char kHex[] = "0123456789abcdef";
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string UnescapeField(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    const char next = text[++i];
    if (next == 'n') {
      out += '\n';
    } else if (next == 'r') {
      out += '\r';
    } else if (next == 't') {
      out += '\t';
    } else if (next == 'x' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += next;  // "\\" and anything unknown: the character itself
    }
  }
  return out;
}

/// One line per item: what the next release compares with, without text.
std::string Fingerprint(const diff::Document& doc) {
  std::string out;
  for (const diff::Item& item : doc.items) {
    if (item.kind == diff::Item::Kind::kSection) {
      // src= and vars= (when the section has a source text) come before the
      // title, which is the rest of the line; records without them still read.
      out += "section " + item.id + " " + Field(item.parent) + " " + Field(item.number) + " " + item.text_hash + " " +
             item.neutral_hash + " " +
             (item.source_hash.empty()
                  ? std::string()
                  : "src=" + item.source_hash + " vars=" + Field(EscapeField(base::Join(item.variables, ","))) + " ") +
             EscapeField(item.title) + "\n";
    } else {
      out += "statement " + item.id + " " + Field(item.parent) + " " + Field(item.number) + " " + item.text_hash +
             " " + Field(item.neutral_hash) + " " + Field(item.source_hash) + " " +
             Field(EscapeField(base::Join(item.variables, ","))) + "\n";
    }
  }
  for (const auto& [id, value] : doc.parameters) out += "parameter " + id + " " + EscapeField(value) + "\n";
  for (const auto& [id, condition] : doc.excluded) {
    out += "excluded " + id + (condition.empty() ? "" : " " + EscapeField(condition)) + "\n";
  }
  for (const diff::ControlField& field : doc.control) out += "control " + field.name + " " + field.hash + "\n";
  return out;
}

/// Splits off `n` space-separated fields; the rest of the line is the last.
std::vector<std::string> Fields(const std::string& line, size_t n) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (out.size() < n) {
    size_t space = line.find(' ', pos);
    if (space == std::string::npos) {
      out.push_back(line.substr(pos));
      pos = line.size();
      break;
    }
    out.push_back(line.substr(pos, space - pos));
    pos = space + 1;
  }
  out.push_back(pos < line.size() ? line.substr(pos) : "");
  while (out.size() <= n) out.push_back("");
  return out;
}

diff::Document ParseFingerprint(const model::ReleasedDocument& released) {
  diff::Document doc;
  doc.id = released.id;
  doc.title = released.title;
  doc.version = released.version;
  std::istringstream in(released.fingerprint);
  std::string line;
  while (std::getline(in, line)) {
    line = base::Trim(line);
    if (line.empty()) continue;
    const std::string kind = line.substr(0, line.find(' '));
    if (kind == "section") {
      auto f = Fields(line, 6);
      diff::Item item;
      item.kind = diff::Item::Kind::kSection;
      item.id = f[1], item.parent = Unfield(f[2]), item.number = Unfield(f[3]);
      item.text_hash = f[4], item.neutral_hash = f[5], item.title = f[6];
      if (item.title.rfind("src=", 0) == 0) {
        auto g = Fields(item.title, 2);  // src=HASH vars=A,B TITLE
        item.source_hash = g[0].substr(4);
        item.variables = base::Split(UnescapeField(Unfield(g[1].substr(g[1].rfind("vars=", 0) == 0 ? 5 : 0))), ',');
        item.title = g[2];
      }
      item.title = UnescapeField(item.title);
      doc.items.push_back(std::move(item));
    } else if (kind == "statement") {
      auto f = Fields(line, 7);
      diff::Item item;
      item.id = f[1], item.parent = Unfield(f[2]), item.number = Unfield(f[3]);
      item.text_hash = f[4], item.neutral_hash = Unfield(f[5]), item.source_hash = Unfield(f[6]);
      item.variables = base::Split(UnescapeField(Unfield(base::Trim(f[7]))), ',');
      doc.items.push_back(std::move(item));
    } else if (kind == "parameter") {
      auto f = Fields(line, 2);
      doc.parameters[f[1]] = UnescapeField(f[2]);
    } else if (kind == "excluded") {
      auto f = Fields(line, 2);
      doc.excluded[f[1]] = UnescapeField(f[2]);
    } else if (kind == "control") {
      auto f = Fields(line, 2);
      doc.control.push_back({f[1], "", f[2]});
    }
  }
  return doc;
}

/// The documents of a record as a snapshot the diff compares with.
diff::Snapshot RecordSnapshot(const model::ReleaseRecord& record) {
  diff::Snapshot snap;
  for (const model::ReleasedDocument& d : record.documents) snap.documents.push_back(ParseFingerprint(d));
  return snap;
}

std::string ChangeSummary(const model::ReleasedDocument& released, const diff::Document& now,
                          const diff::Snapshot& old_snap, const diff::Snapshot& content, bool* major) {
  const diff::Document* before = old_snap.FindDocument(released.id);
  auto d = diff::CompareDocuments(before, &now, old_snap, content);
  if (major) *major = d && d->obligations_changed;
  // Revision histories are read by the client: parameters by what they are.
  std::string summary = d ? d->Summary(diff::Wording::kReader) : "";
  return summary.empty() || summary == "No change." ? "Editorial changes." : summary;
}

/// The summary of a withdrawn document back in the pack.
std::string Reinstated(const std::string& summary) {
  return "Reinstated" + (summary == "Editorial changes." ? std::string(".") : ": " + summary);
}

/// True when what a reader sees of `doc` differs from its release: its
/// content, or the document control no release writes (owner,
/// classification …; not compared for records written before it was kept).
bool ChangedSince(const model::ReleasedDocument& released, const diff::Document& doc) {
  if (released.hash != diff::DocumentHash(doc)) return true;
  return !released.control_hash.empty() && released.control_hash != diff::ControlHash(doc);
}

const model::ReleasedDocument* Find(const model::ReleaseRecord* record, const std::string& id) {
  if (!record) return nullptr;
  for (const model::ReleasedDocument& d : record->documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

/// Why `message` cannot be written into a record and read back, or "".
/// The record is XML, which cannot carry most control characters or bytes
/// that are not UTF-8, and a summary is one line.
std::string MessageProblem(const std::string& message) {
  for (size_t i = 0; i < message.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(message[i]);
    if (c < 0x20 || c == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "U+%04X", c);
      return std::string("contains the control character ") + code + " at byte " + std::to_string(i + 1) +
             "; write the message on one line, without control characters";
    }
  }
  if (!base::IsValidUtf8(message)) return "is not valid UTF-8; write it in UTF-8";
  return "";
}

}  // namespace

std::string RecordPath(const std::string& profile_path) {
  const std::string dir = base::DirName(profile_path);
  std::string name = profile_path.substr(profile_path.find_last_of('/') == std::string::npos
                                             ? 0
                                             : profile_path.find_last_of('/') + 1);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0) name.resize(name.size() - 4);
  return base::JoinPath(dir, name + ".release.xml");
}

std::optional<std::string> NextVersion(const std::string& version, bool major) {
  const size_t dot = version.find('.');
  auto a = base::ParseInt64(version.substr(0, dot));
  auto b = dot == std::string::npos ? std::nullopt : base::ParseInt64(version.substr(dot + 1));
  if (!a || !b || *a < 0 || *b < 0) return "1.0";
  if (major) {
    if (*a >= kMaxVersionPart) return std::nullopt;
    return std::to_string(*a + 1) + ".0";
  }
  if (*b >= kMaxVersionPart) return std::nullopt;
  return std::to_string(*a) + "." + std::to_string(*b + 1);
}

namespace {

/// Gives each document of a pack its document control from the release
/// record: version, approval, review date and revision history, or a draft
/// with the version 'release' would give it. Documents are decided as the
/// stages of ApplyRecord add them, each once.
class RecordApplier {
 public:
  RecordApplier(model::ResolvedPack& pack, const model::ReleaseRecord& record, base::DiagnosticSink& sink)
      : pack_(pack), record_(record), sink_(sink), old_snap_(RecordSnapshot(record)) {}

  /// The document control of every document of `content` not yet given
  /// one, with a warning for each draft and overdue review; then set on
  /// the pack's documents.
  void Decide(const diff::Snapshot& content) {
    for (const diff::Document& doc : content.documents) {
      if (controls_.count(doc.id)) continue;
      const model::ReleasedDocument* released = Find(&record_, doc.id);
      if (!released) {
        ++never_released_;
        controls_[doc.id] = Control{};
        continue;
      }
      controls_[doc.id] = ControlOf(doc, *released, content);
    }
    for (model::ResolvedDocument& doc : pack_.documents) {
      auto it = controls_.find(doc.id);
      if (it != controls_.end()) SetControl(doc, it->second);
    }
  }

  /// One warning for all the documents never released.
  void ReportNeverReleased() {
    if (never_released_ == 0) return;
    sink_.Report(DiagKind::kDraftDocument, record_.loc,
                 std::to_string(never_released_) + " document" + (never_released_ == 1 ? " has" : "s have") +
                     " never been released (new in the library or newly included), so " +
                     (never_released_ == 1 ? "it is" : "they are") +
                     " marked DRAFT; approve with 'policyc release'");
  }

 private:
  int ReviewMonths(const std::string& id) const {
    for (const model::ResolvedDocument& d : pack_.documents) {
      if (d.id == id) return d.review_months;
    }
    return model::kDefaultReviewMonths;
  }

  Control ControlOf(const diff::Document& doc, const model::ReleasedDocument& released,
                    const diff::Snapshot& content) {
    Control control;
    const model::ReleaseRevision& last = released.revisions.back();
    for (const model::ReleaseRevision& r : released.revisions) {
      control.revisions.push_back({r.version, r.date, PersonLabel(pack_, r.approver), r.summary});
    }
    control.draft = ChangedSince(released, doc) || !released.withdrawn.empty();
    const int review_months = ReviewMonths(doc.id);
    if (control.draft) {
      // A draft is not approved: it shows the version the same rule as
      // 'release' would give it, and names the last approval apart.
      bool major = true;
      control.pending_summary = ChangeSummary(released, doc, old_snap_, content, &major);
      if (!released.withdrawn.empty()) {
        major = true;
        control.pending_summary = Reinstated(control.pending_summary);
      }
      // At the highest version a record holds, 'release' says so.
      control.version = NextVersion(released.version, major).value_or(released.version);
      control.approved_version = released.version;
      control.approved_date = last.date;
    } else {
      control.version = released.version;
      control.approver = PersonLabel(pack_, last.approver);
      control.approval_date = last.date;
      control.next_review = base::AddMonths(last.date, review_months);
    }
    Report(doc, released, control, review_months);
    return control;
  }

  void Report(const diff::Document& doc, const model::ReleasedDocument& released, const Control& control,
              int review_months) {
    const std::string& approved = released.revisions.back().date;
    if (!released.withdrawn.empty()) {
      sink_.Report(DiagKind::kDraftDocument, released.loc,
                   "'" + doc.title + "' (" + doc.id + ") was withdrawn on " + released.withdrawn +
                       " and is part of the pack again; it is marked DRAFT as version " + control.version +
                       " until 'policyc release' approves it");
    } else if (control.draft) {
      sink_.Report(DiagKind::kDraftDocument, released.loc,
                   "'" + doc.title + "' (" + doc.id + ") changed since version " + released.version +
                       " was approved on " + approved + ": " + control.pending_summary +
                       " It is marked DRAFT as version " + control.version +
                       " until 'policyc release' approves the change.");
    } else if (control.next_review < pack_.as_of) {
      sink_.Report(DiagKind::kReviewOverdue, released.loc,
                   "'" + doc.title + "' (" + doc.id + ") was due for review on " + control.next_review +
                       " (approved " + approved + ", reviewed every " + std::to_string(review_months) +
                       " months); review it and release it again");
    }
  }

  static void SetControl(model::ResolvedDocument& doc, const Control& c) {
    doc.version = c.version;
    if (!c.approver.empty()) doc.approver = c.approver;
    doc.approval_date = c.approval_date;
    doc.next_review = c.next_review;
    doc.approved_version = c.approved_version;
    doc.approved_date = c.approved_date;
    doc.pending_summary = c.draft ? c.pending_summary : "";
    doc.revisions = c.revisions;
    doc.draft = c.draft;
  }

  model::ResolvedPack& pack_;
  const model::ReleaseRecord& record_;
  base::DiagnosticSink& sink_;
  const diff::Snapshot old_snap_;
  std::map<std::string, Control> controls_;
  int never_released_ = 0;
};

}  // namespace

diff::Snapshot ApplyRecord(model::ResolvedPack& pack, const model::ReleaseRecord* record, base::DiagnosticSink& sink) {
  if (record && record->profile != pack.profile_id) {
    sink.Report(DiagKind::kBadReleaseRecord, record->loc,
                "this release record belongs to profile '" + record->profile + "', not '" + pack.profile_id +
                    "'; each profile keeps its own record beside it (PROFILE-STEM.release.xml): restore this "
                    "profile's record from version control, or delete this file and release again");
    record = nullptr;
  }
  // Without a record every document is an unapproved draft, as the
  // resolver left it; the derived documents are compiled all the same.
  if (record == nullptr) {
    resolve::AddDerivedDocuments(pack, sink);
    return diff::ContentFromPack(pack);
  }
  RecordApplier applier(pack, *record, sink);
  // The library's documents first; then the derived ones, compiled once
  // with the library's document control in place; then the register, which
  // lists everyone's control and the withdrawn documents. Content hashes
  // leave document control out, so the order changes no hash.
  diff::Snapshot content = diff::ContentFromPack(pack);
  // Each stage hashes only the documents it added.
  auto extend = [&] {
    diff::Snapshot added = diff::ContentFromPack(pack, content.documents.size());
    for (diff::Document& doc : added.documents) content.documents.push_back(std::move(doc));
  };
  applier.Decide(content);
  resolve::AddDerivedDocuments(pack, sink, [&] {
    extend();
    applier.Decide(content);
    for (const model::ReleasedDocument& d : record->documents) {
      if (!d.withdrawn.empty() && !content.FindDocument(d.id)) {
        pack.withdrawn.push_back({d.id, d.title, d.version, d.withdrawn});
      }
    }
  });
  extend();
  applier.Decide(content);
  applier.ReportNeverReleased();
  return content;
}

namespace {

/// The request's approver, date, message and documents checked against the
/// pack and the previous record; false, with a diagnostic, when one is wrong.
bool RequestIsValid(const model::ResolvedPack& pack, const diff::Snapshot& content,
                    const model::ReleaseRecord* previous, const ReleaseRequest& request, base::DiagnosticSink& sink) {
  const base::SourceLoc where = previous ? previous->loc : base::SourceLoc{};
  bool known = false;
  std::vector<std::string> people;
  for (const model::Person& p : pack.people) {
    known |= p.id == request.approver;
    people.push_back(p.id);
  }
  if (!known) {
    sink.Report(DiagKind::kUnknownPerson, where,
                "--approver '" + request.approver + "' is not a person in profile '" + pack.profile_id +
                    "': give the id of one of its <person> elements" + base::DidYouMean(request.approver, people));
    return false;
  }
  if (!base::IsDate(request.date)) {
    sink.Report(DiagKind::kBadValue, where,
                "--date '" + request.date + "' is not a date written YYYY-MM-DD (a day of a year from 1000 to 9999)");
    return false;
  }
  if (const std::string problem = MessageProblem(request.message); !problem.empty()) {
    sink.Report(DiagKind::kBadValue, where, "--message " + problem);
    return false;
  }
  std::string last_date;
  if (previous) {
    for (const auto& d : previous->documents) {
      if (!d.revisions.empty() && d.revisions.back().date > last_date) last_date = d.revisions.back().date;
    }
  }
  if (request.date < last_date) {
    sink.Report(DiagKind::kBadReleaseRecord, where,
                "the last release was approved on " + last_date + "; a new release cannot be dated " + request.date +
                    ", before it (use --date " + last_date + " or later)");
    return false;
  }

  for (const std::string& id : request.only) {
    if (content.FindDocument(id)) continue;
    std::vector<std::string> ids;
    for (const diff::Document& d : content.documents) ids.push_back(d.id);
    sink.Report(DiagKind::kBadValue, where,
                "--document '" + id + "' is not a document of this pack (see 'policyc list documents')" +
                    base::DidYouMean(id, ids));
    return false;
  }
  return true;
}

/// Documents gone from the pack keep their record and history (7.5.3:
/// obsolete documented information), with the date they went; a release of
/// chosen documents leaves the others' records as they were.
void KeepWithdrawn(const diff::Snapshot& content, const model::ReleaseRecord& previous, const ReleaseRequest& request,
                   ReleaseResult& result) {
  for (const auto& d : previous.documents) {
    if (content.FindDocument(d.id)) continue;
    model::ReleasedDocument kept = d;
    if (kept.withdrawn.empty() && request.only.empty()) {
      const std::string summary = "Withdrawn: no longer part of the pack." +
                                  (request.message.empty() ? std::string() : " " + request.message);
      kept.withdrawn = request.date;
      kept.revisions.push_back({kept.version, request.date, request.approver, summary, {}});
      result.changes.push_back({d.id, d.title, d.version, "", summary, true});
    }
    result.record.documents.push_back(std::move(kept));
  }
}

}  // namespace

std::optional<ReleaseResult> Release(const model::ResolvedPack& pack, const diff::Snapshot& content,
                                     const model::ReleaseRecord* previous, const ReleaseRequest& request,
                                     base::DiagnosticSink& sink) {
  if (!RequestIsValid(pack, content, previous, request, sink)) return std::nullopt;
  const diff::Snapshot old_snap = previous ? RecordSnapshot(*previous) : diff::Snapshot{};
  ReleaseResult result;
  result.record.path = previous ? previous->path : "";
  result.record.profile = pack.profile_id;
  for (const diff::Document& doc : content.documents) {
    const std::string hash = diff::DocumentHash(doc);
    const model::ReleasedDocument* before = Find(previous, doc.id);
    if (before && !ChangedSince(*before, doc) && before->withdrawn.empty()) {
      model::ReleasedDocument kept = *before;
      if (kept.control_hash.empty()) {
        // A record older than control hashes: keep what this release saw.
        kept.control_hash = diff::ControlHash(doc);
        kept.fingerprint = Fingerprint(doc);
        ++result.control_recorded;
      }
      result.record.documents.push_back(std::move(kept));
      ++result.unchanged;
      continue;
    }
    if (!request.only.empty() &&
        std::find(request.only.begin(), request.only.end(), doc.id) == request.only.end()) {
      if (before) result.record.documents.push_back(*before);  // not approved this time
      ++result.held_back;
      continue;
    }
    model::ReleasedDocument now;
    now.id = doc.id;
    now.title = doc.title;
    now.hash = hash;
    now.control_hash = diff::ControlHash(doc);
    now.fingerprint = Fingerprint(doc);
    std::string summary = "First issue.";
    if (before) {
      bool major = true;
      summary = ChangeSummary(*before, doc, old_snap, content, &major);
      if (!before->withdrawn.empty()) {
        major = true;
        summary = Reinstated(summary);
      }
      auto next = NextVersion(before->version, major);
      if (!next) {
        sink.Report(DiagKind::kBadReleaseRecord, before->loc,
                    "'" + doc.title + "' (" + doc.id + ") is at version " + before->version +
                        ", and a record holds versions up to " + std::to_string(kMaxVersionPart) + "." +
                        std::to_string(kMaxVersionPart) + "; correct its version in the record");
        return std::nullopt;
      }
      now.version = *next;
      now.revisions = before->revisions;
    } else {
      now.version = "1.0";
    }
    if (!request.message.empty()) summary += " " + request.message;
    now.revisions.push_back({now.version, request.date, request.approver, summary, {}});
    result.changes.push_back({doc.id, doc.title, before ? before->version : "", now.version, summary, false});
    result.record.documents.push_back(std::move(now));
  }
  if (previous) KeepWithdrawn(content, *previous, request, result);
  return result;
}

std::string WriteRecord(const model::ReleaseRecord& record) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!--\n"
      "  Release record of profile '" +
      EscapeXml(record.profile, XmlPlace::kContent) +
      "', kept by 'policyc release'.\n"
      "  Commit it beside the profile and review it like the profile: each document's\n"
      "  version, content hash and revision history. The fingerprints let the next\n"
      "  release say what changed; do not edit them.\n"
      "-->\n"
      "<release-record profile=\"" +
      EscapeXml(record.profile, XmlPlace::kAttribute) + "\">\n";
  for (const model::ReleasedDocument& d : record.documents) {
    out += "  <document id=\"" + EscapeXml(d.id, XmlPlace::kAttribute) + "\" title=\"" +
           EscapeXml(d.title, XmlPlace::kAttribute) + "\" version=\"" + EscapeXml(d.version, XmlPlace::kAttribute) +
           "\"" + (d.withdrawn.empty() ? "" : " withdrawn=\"" + d.withdrawn + "\"") + " hash=\"" + d.hash + "\"" +
           (d.control_hash.empty() ? "" : " control=\"" + d.control_hash + "\"") + ">\n";
    for (const model::ReleaseRevision& r : d.revisions) {
      out += "    <revision version=\"" + EscapeXml(r.version, XmlPlace::kAttribute) + "\" date=\"" + r.date +
             "\" approver=\"" + EscapeXml(r.approver, XmlPlace::kAttribute) + "\">" +
             EscapeXml(r.summary, XmlPlace::kContent) + "</revision>\n";
    }
    out += "    <fingerprint>\n";
    std::istringstream in(d.fingerprint);
    std::string line;
    while (std::getline(in, line)) {
      line = base::Trim(line);
      if (!line.empty()) out += "      " + EscapeXml(line, XmlPlace::kContent) + "\n";
    }
    out += "    </fingerprint>\n  </document>\n";
  }
  return out + "</release-record>\n";
}

}  // namespace policyc::release
