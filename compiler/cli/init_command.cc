#include "cli/init_command.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>

#include "base/strings.h"
#include "cli/cli.h"
#include "resolve/condition.h"
#include "resolve/values.h"

namespace policyc::cli {

namespace {

constexpr size_t kWidth = 100;  ///< comments are wrapped to this column
constexpr const char* kChangeMe = "CHANGE ME";

/// Text safe inside an XML comment: no "--" (which would end it early).
std::string CommentSafe(std::string text) {
  for (size_t at = text.find("--"); at != std::string::npos; at = text.find("--", at)) {
    text.replace(at, 2, "- -");
  }
  return text;
}

/// An attribute value or element text, escaped so that it reads back as
/// `value`, also when the element is written inside a comment and later
/// uncommented.
std::string Attr(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (c == '-' && i + 1 < value.size() && value[i + 1] == '-') {
      out += "-&#45;";
      ++i;
    } else {
      out += c;
    }
  }
  return out;
}


/// Collapses the whitespace of text written across several source lines.
std::string OneLine(std::string_view text) { return base::Join(base::SplitWhitespace(text), " "); }

/// Builds the profile line by line.
class ProfileWriter {
 public:
  void Line(int indent, const std::string& text) { out_ += std::string(indent, ' ') + text + "\n"; }
  void Blank() { out_ += "\n"; }

  /// An XML comment at `indent`. Each paragraph is wrapped to kWidth, a
  /// "- " item with a hanging indent; a paragraph starting with a space is
  /// kept as it is.
  void Comment(int indent, const std::vector<std::string>& paragraphs) {
    const std::string first = std::string(indent, ' ') + "<!-- ";
    const std::string rest(indent + 5, ' ');
    std::vector<std::string> lines;
    for (const std::string& paragraph : paragraphs) {
      if (!paragraph.empty() && paragraph.front() == ' ') {
        lines.push_back(CommentSafe(paragraph));
        continue;
      }
      const std::string hang = paragraph.rfind("- ", 0) == 0 ? "  " : "";
      std::string line;
      for (const std::string& word : base::SplitWhitespace(CommentSafe(paragraph))) {
        if (!line.empty() && rest.size() + line.size() + 1 + word.size() > kWidth) {
          lines.push_back(line);
          line = hang;
        }
        line += (line.empty() || line == hang ? "" : " ") + word;
      }
      lines.push_back(line);
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      out_ += (i == 0 ? first : (lines[i].empty() ? std::string() : rest)) + lines[i];
      out_ += i + 1 == lines.size() ? " -->\n" : "\n";
    }
  }

  /// An explanation, then an example a user can uncomment by deleting the
  /// lines "<!--" and "-->" around it (it must hold no comment itself).
  void CommentedExample(int indent, const std::vector<std::string>& paragraphs,
                        const std::vector<std::string>& example) {
    Comment(indent, paragraphs);
    Line(indent, "<!--");
    for (const std::string& line : example) Line(indent, CommentSafe(line));
    Line(indent, "-->");
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

bool HasDefault(const model::Declaration& d) {
  return d.default_value.has_value() || !d.default_items.empty();
}

/// "integer (characters) from 8 to 64; default 12" and the like.
std::string Summary(const model::Declaration& d) {
  std::string out;
  if (d.type == "boolean") {
    out = "true or false";
  } else if (d.type == "enum") {
    out = "one of " + base::Join(d.values, ", ");
  } else if (d.type == "string") {
    out = "text";
  } else if (d.type == "list") {
    out = "a list, one <item> each";
  } else if (d.type == "duration") {
    out = "a duration";
  } else if (d.type == "integer") {
    out = "a whole number";
  } else {
    out = d.type;
  }
  if (!d.unit.empty()) out += " of " + d.unit;
  if (d.min && d.max) {
    out += " from " + *d.min + " to " + *d.max;
  } else if (d.min) {
    out += ", at least " + *d.min;
  } else if (d.max) {
    out += ", at most " + *d.max;
  }
  if (d.default_value) {
    out += "; default " + *d.default_value;
  } else if (!d.default_items.empty()) {
    out += "; default: " + base::Join(d.default_items, "; ");
  } else {
    out += "; REQUIRED: no default, so policyc check reports it until you set it";
  }
  return out;
}

std::vector<std::string> DeclarationComment(const model::Declaration& d) {
  return {d.id + ": " + Summary(d) + ".", OneLine(d.description)};
}

/// The <parameter> element for `d`, with `value` or list `items`.
std::vector<std::string> ParameterElement(const model::Declaration& d,
                                          const std::optional<std::string>& value,
                                          const std::vector<std::string>& items) {
  if (d.type == "list") {
    if (items.empty()) return {"<parameter name=\"" + d.id + "\"/>"};
    std::vector<std::string> lines = {"<parameter name=\"" + d.id + "\">"};
    for (const std::string& item : items)
      lines.push_back("  <item>" + Attr(item) + "</item>");
    lines.push_back("</parameter>");
    return lines;
  }
  return {"<parameter name=\"" + d.id + "\" value=\"" + Attr(value.value_or("")) + "\"/>"};
}

/// Declarations in runs that come from one source file, in declaration order.
std::vector<std::vector<const model::Declaration*>> ByFile(
    const std::vector<model::Declaration>& declarations, bool with_default) {
  std::vector<std::vector<const model::Declaration*>> groups;
  std::string file;
  for (const model::Declaration& d : declarations) {
    if (HasDefault(d) != with_default) continue;
    if (groups.empty() || d.loc.file != file) groups.emplace_back();
    file = d.loc.file;
    groups.back().push_back(&d);
  }
  return groups;
}

/// The first statement id of a document, or "".
std::string FirstStatement(const std::vector<model::SectionItem>& items) {
  for (const model::SectionItem& item : items) {
    if (const auto* s = std::get_if<model::Statement>(&item)) return s->id;
    std::string inner = FirstStatement(std::get<model::Section>(item).items);
    if (!inner.empty()) return inner;
  }
  return "";
}

class NewProfile {
 public:
  NewProfile(const resolve::MergedLibrary& library, const NewProfileSettings& settings)
      : library_(library), settings_(settings) {
    for (const model::Role& role : library_.roles) {
      if (!role.everyone) roles_.push_back(&role);
    }
    for (const model::Document& doc : library_.documents) {
      for (const model::Declaration& p : doc.parameters) parameter_document_[p.id] = &doc;
    }
    first_role_ = roles_.empty() ? "owner" : roles_.front()->id;
    const auto& controls = library_.catalogue.controls;
    first_control_ = controls.empty() ? "A.5.1" : controls[0].id;
  }

  std::string Write() {
    Header();
    w_.Line(0, "<profile id=\"" + Attr(settings_.id) + "\" as-of=\"" + settings_.date + "\">");
    w_.Blank();
    Organisation();
    Libraries();
    Facts();
    People();
    DataProtection();
    Contacts();
    Parameters();
    Examples();
    DocumentControl();
    Customisation();
    w_.Line(0, "</profile>");
    return w_.Take();
  }

 private:
  static std::string PersonId(const model::Role& role) {
    const std::string suffix = "-holder";
    return role.id.substr(0, model::kMaxIdLength - suffix.size()) + suffix;
  }

  void Header() {
    w_.Line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w_.Comment(
        0,
        {
            "A new organisation profile, written by policyc init from the library it was run "
            "with. Fill it in, then run policyc check on its folder until it reports no errors, "
            "and policyc build to write the pack.",
            "",
            "- Replace every CHANGE ME: the organisation, scope, site and people. Each is a valid "
            "placeholder, so the profile checks without them, but they show in the pack as "
            "written; search for CHANGE ME before you release.",
            "- Set every value marked REQUIRED: the library gives it no default, so policyc check "
            "reports it as an error until you do.",
            "- Confirm every fact: each is set to the library's default, and conditions on facts "
            "decide which documents and statements apply. policyc check then names each Annex A "
            "control that no included statement implements: set the fact that brings its "
            "statements in, or exclude the control in <soa> with a reason.",
            "- Parameters are commented out, so the library's default applies; uncomment one to "
            "set your own value.",
            "- The optional parts (SoA decisions, assets, risks, objectives, nonconformities, "
            "branding and overrides) are commented examples.",
            "",
            "Every element is described in schemas/profile.xsd and docs/reference/profile.md; "
            "policyc list facts, parameters, roles, documents and controls show what the library "
            "declares.",
        });
    w_.Comment(
        0,
        {
            "id names the pack folder (OUTPUT/ID/): lower-case letters, digits, '-', '_' and '.'. "
            "as-of is the date the pack is built as of: reviews, due dates and overdue actions "
            "are judged against it, and no output uses the clock. Move it on when you rebuild.",
        });
  }

  void Organisation() {
    w_.Comment(
        2, {
               "The UK legal entity the ISMS belongs to. name is the trading name shown on every "
               "page; legal-form is company, charitable-company, cio, unincorporated-charity, llp, "
               "partnership, sole-trader or public-body (it decides, for example, whether Companies "
               "Act duties apply); legal-name and company-number as registered at Companies House "
               "(a CIO or unincorporated charity has no company number: delete it); charity-number "
               "for a charity, whose regulators are listed under <contacts>; registered-office its "
               "address; ico-registration the ICO data protection fee registration number; sector a "
               "few words on what it does. Delete an optional attribute that does not apply rather "
               "than leave CHANGE ME in it.",
           });
    w_.Line(2, std::string("<organisation name=\"") + kChangeMe + ": trading name\" legal-form=\"company\" legal-name=\"" +
                   kChangeMe + ": registered name\" company-number=\"" + kChangeMe +
                   "\" registered-office=\"" + kChangeMe + ": registered office address\" " +
                   "ico-registration=\"" + kChangeMe + "\" sector=\"" + kChangeMe +
                   ": what the organisation does\"/>");
    w_.Blank();
    w_.Comment(
        2,
        {
            "The ISMS scope statement (clause 4.3), in Markdown: what the ISMS covers (products "
            "and services, sites, systems, teams), what it leaves out and why, and its interfaces "
            "and dependencies with what lies outside it (cloud providers, suppliers, a parent "
            "or sister company).",
        });
    w_.Line(2, "<scope>");
    w_.Line(4, std::string(kChangeMe) + ": one paragraph saying what the ISMS covers.");
    w_.Blank();
    w_.Line(4, "**In scope**");
    w_.Blank();
    w_.Line(4, std::string("- ") + kChangeMe + ": products, services, systems, sites and people.");
    w_.Blank();
    w_.Line(4, "**Out of scope**");
    w_.Blank();
    w_.Line(4, std::string("- ") + kChangeMe + ": what is left out, and why.");
    w_.Line(2, "</scope>");
    w_.Blank();
    w_.Comment(
        2, {
               "The sites the ISMS covers: offices and other premises the organisation controls or "
               "rents. in-scope=\"false\" records a site deliberately left out. Delete <sites> if "
               "there are none.",
           });
    w_.Line(2, "<sites>");
    w_.Line(4, std::string("<site id=\"head-office\" name=\"") + kChangeMe +
                   ": site name\" address=\"" + kChangeMe + ": postal address\"/>");
    w_.Line(2, "</sites>");
    w_.Blank();
    w_.CommentedExample(
        2,
        {"Where the ISMS stands with ISO/IEC 27001 certification. The policies claim certification only "
         "when status is certified (give the certification body and the certificate's date); "
         "working-towards needs a target date; not-pursued, or no element at all, claims nothing. To use "
         "it, uncomment the example below."},
        {"<certification status=\"working-towards\" target=\"" + settings_.date + "\"/>"});
    w_.Blank();
  }

  void Libraries() {
    if (settings_.libraries.empty()) {
      w_.CommentedExample(
          2,
          {"Further library folders layered over the shipped library, in order, "
           "each relative to this file (a consultancy's house library, say). "
           "To use it, uncomment the example below."},
          {"<libraries>", "  <library path=\"../house-library\"/>", "</libraries>"});
      w_.Blank();
      return;
    }
    w_.Comment(2, {"Further library folders layered over the shipped library, in order, each "
                   "relative to this file. Their facts, parameters and roles are included "
                   "below, so check and build this profile without -L."});
    w_.Line(2, "<libraries>");
    for (const std::string& path : settings_.libraries) {
      w_.Line(4, "<library path=\"" + Attr(path) + "\"/>");
    }
    w_.Line(2, "</libraries>");
    w_.Blank();
  }

  void Facts() {
    if (library_.facts.empty()) return;
    w_.Comment(2, {"Facts: what holds for the organisation. Conditions in the library test them "
                   "to decide which documents and statements apply, so confirm each one. Each "
                   "is set to the library's default."});
    w_.Line(2, "<facts>");
    bool first_group = true;
    for (bool with_default : {false, true}) {
      for (const auto& group : ByFile(library_.facts, with_default)) {
        if (!first_group) w_.Blank();
        first_group = false;
        w_.Comment(4, {"===== " + std::string(with_default ? "" : "REQUIRED: ") +
                       SourceName(group.front()->loc.file) + " ====="});
        for (const model::Declaration* d : group) {
          if (model::SetByProfileElement(d->id)) continue;  // <certification>, <organisation> set it
          w_.Comment(4, DeclarationComment(*d));
          std::string value = d->default_value.value_or(base::Join(d->default_items, " "));
          const bool listable = std::none_of(
              d->default_items.begin(), d->default_items.end(),
              [](const std::string& item) { return base::SplitWhitespace(item).size() != 1; });
          const std::string element =
              "<fact name=\"" + d->id + "\" value=\"" + Attr(value) + "\"/>";
          if (listable) {
            w_.Line(4, element);
          } else {  // a fact's value cannot hold items with spaces: leave the default
            w_.Line(4, "<!-- " + element + " -->");
          }
        }
      }
    }
    w_.Line(2, "</facts>");
    w_.Blank();
  }

  void People() {
    std::vector<std::string> intro = {
        "People and the roles they hold: one placeholder per role the library defines, each "
        "with the role's purpose above it. Where one person holds several roles, merge their "
        "entries and list the roles in roles=\"...\"."};
    if (!library_.segregations.empty()) {
      intro.push_back(
          "Give each of these pairs to two different people (A.5.3), or policyc "
          "check warns:");
      for (const model::Segregation& s : library_.segregations) {
        intro.push_back("  " + s.first_role + " and " + s.second_role);
      }
    }
    intro.push_back(
        "Ids are yours to choose (e.g. jane-smith); document-control's approver and "
        "risk acceptances name people by id. email and phone are optional.");
    std::vector<std::string> everyone;
    for (const model::Role& role : library_.roles) {
      if (role.everyone) everyone.push_back(role.id);
    }
    if (!everyone.empty()) {
      intro.push_back("Roles that everyone holds need no entry: " + base::Join(everyone, ", ") +
                      ".");
    }
    w_.Comment(2, intro);
    w_.Line(2, "<people>");
    if (roles_.empty()) {
      w_.Line(4, std::string("<person id=\"person-1\" name=\"") + kChangeMe +
                     ": name\" job-title=\"" + kChangeMe + ": job title\"/>");
    }
    for (const model::Role* role : roles_) {
      std::vector<std::string> about = {role->id + ": " + role->title + "."};
      if (!role->purpose.empty()) about.back() += " " + OneLine(role->purpose);
      if (!role->when.empty()) {
        about.push_back("Needed only when " + role->when + " holds: uncomment the placeholder then.");
      }
      w_.Comment(4, about);
      const std::string person = "<person id=\"" + PersonId(*role) + "\" name=\"" + kChangeMe + ": " +
                                 Attr(role->title) + "\" job-title=\"" + kChangeMe + ": job title\" email=\"" +
                                 kChangeMe + ": email\" phone=\"" + kChangeMe + ": phone\" roles=\"" + role->id +
                                 "\"/>";
      w_.Line(4, role->when.empty() ? person : "<!-- " + person + " -->");
    }
    // The roles the escalation tree calls a deputy for.
    std::set<std::string> deputised;
    for (const model::EscalationLevel& level : library_.compiled.escalation) {
      for (const model::EscalationCall& call : level.calls) {
        if (!call.needs_deputy) continue;
        for (const std::string& role_id : call.roles) {
          const model::Role* role = FindRole(role_id);
          if (!role || !deputised.insert(role_id).second) continue;
          w_.Comment(4, {"Deputy " + role->title + ": stands in when the holder cannot be reached; the "
                         "incident response plan's escalation tree calls them next. Give deputy-for to "
                         "someone listed above instead, if one of them deputises."});
          w_.Line(4, "<person id=\"" + role_id.substr(0, model::kMaxIdLength - std::string("-deputy").size()) + "-deputy\" name=\"" + kChangeMe +
                         ": deputy " + Attr(role->title) + "\" job-title=\"" + kChangeMe +
                         ": job title\" phone=\"" + kChangeMe + ": phone\" deputy-for=\"" + role_id + "\"/>");
        }
      }
    }
    w_.Line(2, "</people>");
    w_.Blank();
  }

  const model::Role* FindRole(const std::string& id) const {
    for (const model::Role* role : roles_) {
      if (role->id == id) return role;
    }
    return nullptr;
  }

  void DataProtection() {
    if (!library_.compiled.processing_activities) return;
    w_.Comment(2, {"Processing of personal data: list each activity in which the organisation "
                   "acts as a processor for a client or customer (role=\"processor\", with the "
                   "controllers to notify of a breach and the contract's notice deadline), and the "
                   "main ones in which it is the controller. Needed when the fact "
                   "data_protection_role is processor or both; uncomment and fill in, e.g.:",
                   "<data-protection>",
                   "  <processing name=\"Hosted service for clients\" role=\"processor\" "
                   "controllers=\"Each client, through the data protection contact in its contract\" "
                   "notify-within=\"24 hours\"/>",
                   "  <processing name=\"Staff records\" role=\"controller\"/>",
                   "</data-protection>"});
    w_.Blank();
  }

  /// Whether `when` holds with every fact at its default (false when a
  /// fact it reads has none).
  bool HoldsByDefault(const std::string& when) const {
    if (when.empty()) return true;
    resolve::ConditionError error;
    auto condition = resolve::ParseCondition(when, &error);
    if (!condition) return false;
    std::vector<resolve::EvaluationError> errors;
    return resolve::EvaluateCondition(
        *condition,
        [this](const std::string& name, resolve::NameKind kind, std::string*) -> std::optional<model::Value> {
          if (kind != resolve::NameKind::kFact) return std::nullopt;
          for (const model::Declaration& d : library_.facts) {
            if (d.id != name || !d.default_value) continue;
            resolve::ValueError value_error;
            return resolve::ParseTypedValue(d, d.default_value, d.default_items, &value_error);
          }
          return std::nullopt;
        },
        &errors);
  }

  void Contacts() {
    if (!library_.compiled.external_contacts) return;
    const model::ExternalContactsSpec& spec = *library_.compiled.external_contacts;
    std::set<std::string> needed;
    for (const model::ContactRequirement& rule : spec.requirements) {
      if (!rule.kinds.empty() && HoldsByDefault(rule.when)) needed.insert(rule.kinds.front());
    }
    std::vector<std::string> intro = {
        "External contacts: the organisations a responder may call during an incident, listed "
        "with their numbers in the incident response plan. Those below are needed with the "
        "default facts; policyc check warns when other facts make another kind necessary, and a "
        "kind nothing requires is only used when it is listed. The kinds are:"};
    for (const model::ContactKindSpec& kind : spec.kinds) intro.push_back("  " + kind.id + ": " + kind.title);
    w_.Comment(2, intro);
    w_.Line(2, "<contacts>");
    if (needed.empty()) needed.insert(spec.kinds.empty() ? "ico" : spec.kinds.front().id);
    for (const model::ContactKindSpec& kind : spec.kinds) {
      if (!needed.count(kind.id)) continue;
      w_.Line(4, "<contact kind=\"" + kind.id + "\" name=\"" + kChangeMe + ": " + Attr(kind.title) +
                     "\" phone=\"" + kChangeMe + ": phone\"/>");
    }
    w_.Line(2, "</contacts>");
    w_.Blank();
  }

  void Parameters() {
    if (library_.parameters.empty()) return;
    const auto required = ByFile(library_.parameters, false);
    const auto optional = ByFile(library_.parameters, true);
    w_.Comment(2, {"Parameters: the values the library's text uses, such as periods, limits and "
                   "contacts. Each is commented out, so the library's default applies; to set "
                   "your own, uncomment its element and change the value. Values marked "
                   "REQUIRED have no default and must be set. A duration is a number and a "
                   "unit: minutes, hours, days, weeks, months or years (\"72 hours\", \"12 months\")."});
    // <parameters> needs at least one <parameter>: when every one is
    // commented out, so are its own tags.
    if (required.empty()) {
      w_.Comment(2, {"Uncomment <parameters> and </parameters> too when you set the first one."});
      w_.Line(2, "<!-- <parameters> -->");
    } else {
      w_.Line(2, "<parameters>");
    }
    bool first_group = true;
    for (const auto& group : required) {
      if (!first_group) w_.Blank();
      first_group = false;
      w_.Comment(4, {"===== REQUIRED: " + Origin(*group.front()) + " ====="});
      for (const model::Declaration* d : group) {
        w_.Comment(4, DeclarationComment(*d));
        for (const std::string& line : ParameterElement(*d, std::string(), {})) w_.Line(4, line);
      }
    }
    for (const auto& group : optional) {
      if (!first_group) w_.Blank();
      first_group = false;
      w_.Comment(4, {"===== " + Origin(*group.front()) + " ====="});
      for (const model::Declaration* d : group) {
        w_.Comment(4, DeclarationComment(*d));
        std::vector<std::string> element = ParameterElement(*d, d->default_value, d->default_items);
        if (element.size() == 1) {
          w_.Line(4, "<!-- " + element.front() + " -->");
        } else {
          element.front() = "<!-- " + element.front();
          element.back() += " -->";
          for (const std::string& line : element) w_.Line(4, line);
        }
      }
    }
    w_.Line(2, required.empty() ? "<!-- </parameters> -->" : "</parameters>");
    w_.Blank();
  }

  /// The Statement of Applicability decisions: a status line for every
  /// control, to be corrected, given a reason, or turned into an exclusion.
  void Soa() {
    if (library_.catalogue.controls.empty()) return;
    const std::string& date = settings_.date;
    w_.Comment(
        2, {"Statement of Applicability decisions (clause 6.1.3 d). Every Annex A control applies unless "
            "it is excluded here with a reason an auditor will accept, and every applicable control needs "
            "an implementation status: implemented, partial or planned (with the target date, e.g. date=\"" +
                date + "\") or not-implemented. Each starts as not-implemented: correct it.",
            "reason gives the organisation's own reason to include a control. policyc check warns for each "
            "applicable control without a status, and for each with no reason at all: no reason given here, "
            "no risk in <risks> relying on it, no legal register entry or requirement calling for it.",
            "To exclude a control, replace its status line with <exclude control=\"ID\" reason=\"why it does "
            "not apply\"/>. policyc check says which controls are candidates for exclusion because the facts "
            "leave out their statements; policyc list controls on this profile's folder shows what implements "
            "each one."});
    w_.Line(2, "<soa>");
    for (const model::Control& control : library_.catalogue.controls) {
      w_.Line(4, "<status control=\"" + control.id + "\" value=\"not-implemented\"/>  <!-- " +
                     CommentSafe(control.title) + " -->");
    }
    w_.Line(2, "</soa>");
    w_.Blank();
  }

  /// "Access Control Policy: policies/documents/access-control-policy.xml".
  std::string Origin(const model::Declaration& d) const {
    auto it = parameter_document_.find(d.id);
    if (it == parameter_document_.end()) return SourceName(d.loc.file);
    return it->second->title + ": " + SourceName(d.loc.file);
  }

  /// "policies/documents/access-control-policy.xml": a library file by its
  /// library folder's name and its path inside it, whatever folder the
  /// library was loaded from.
  std::string SourceName(const std::string& file) const {
    std::optional<std::string> inside;
    std::string root;
    for (const std::string& candidate : settings_.library_roots) {
      auto path = base::PathInside(candidate, file);
      if (path && (!inside || path->size() < inside->size())) inside = path, root = candidate;
    }
    if (!inside) return std::filesystem::path(file).filename().string();
    return base::FolderName(root) + "/" + *inside;
  }

  void Examples() {
    const std::string& date = settings_.date;
    w_.CommentedExample(
        2,
        {"Requirements of interested parties (4.2) that call for Annex A controls and that the legal "
         "register does not cover: customer contracts, funders' or insurers' conditions, schemes the "
         "organisation must hold. kind is contract, regulator, certification, insurer or other. The SoA "
         "gives each as a reason for its controls. To use it, uncomment the example below."},
        {"<requirements>",
         "  <requirement id=\"customer-contracts\" kind=\"contract\" title=\"" + std::string(kChangeMe) +
             ": what the contracts require\" controls=\"" + first_control_ + "\"/>",
         "</requirements>"});
    w_.Blank();
    Soa();
    w_.CommentedExample(
        2,
        {"The asset inventory (A.5.9): information and what holds or processes it. owner is a "
         "person id, or a role exactly one person holds; classification is public, internal, confidential or restricted; "
         "confidentiality, integrity and availability are rated 1 (lowest) to 5. To use it, "
         "uncomment the example below."},
        {"<assets>",
         "  <asset id=\"customer-records\" name=\"" + std::string(kChangeMe) +
             ": what the asset is\" owner=\"" + first_role_ +
             "\" classification=\"confidential\" location=\"" + kChangeMe +
             ": where it is held\" confidentiality=\"4\" integrity=\"4\" availability=\"3\"/>",
         "</assets>"});
    w_.Blank();
    w_.CommentedExample(
        2,
        {"The risk register (6.1.2, 8.2) and treatment plan (6.1.3, 8.3). likelihood and impact "
         "are 1 to 5 and the rating is their product, judged against the risk appetite the "
         "library's parameters set. treatment is modify, retain, avoid or share (absent while "
         "untreated); controls are the Annex A controls the treatment relies on, none of them "
         "excluded. owner (and treatment-owner, when someone else carries out the treatment) is a "
         "person id, or a role exactly one person holds. A risk above appetite needs a treatment, "
         "and a residual level above appetite needs accepted-by (the risk owner or a member of top "
         "management, by person id) and accepted-on, no later than as-of. To use it, uncomment the "
         "example below."},
        {"<risks>",
         "  <risk id=\"r01\" asset=\"customer-records\" title=\"" + std::string(kChangeMe) +
             ": the risk in a few words\" threat=\"" + kChangeMe +
             ": what could happen\" vulnerability=\"" + kChangeMe +
             ": the weakness it exploits\" likelihood=\"3\" impact=\"4\" owner=\"" + first_role_ +
             "\" treatment=\"modify\" controls=\"" + first_control_ + "\" action=\"" + kChangeMe +
             ": what will be done, in one sentence\" residual-likelihood=\"2\" "
             "residual-impact=\"2\" due=\"" +
             date + "\"/>",
         "</risks>"});
    w_.Blank();
    w_.CommentedExample(
        2,
        {"Information security objectives (6.2): what, how it is measured, the target, the "
         "owning role and when. status is on-track, at-risk, achieved or missed; result is the "
         "latest measured value. To use it, uncomment the example below."},
        {"<objectives>",
         "  <objective id=\"o01\" title=\"" + std::string(kChangeMe) + "\" measure=\"" + kChangeMe +
             ": how it is measured, from what records\" target=\"" + kChangeMe +
             ": the level to reach, and the baseline\" owner=\"" + first_role_ + "\" due=\"" +
             date + "\" status=\"on-track\"/>",
         "</objectives>"});
    w_.Blank();
    w_.CommentedExample(
        2,
        {"Nonconformities and corrective actions (10.2). source is internal-audit, "
         "external-audit, incident, management-review, monitoring or other; status is open or "
         "closed (with closed-on); policyc check warns when an open action is past its due date. "
         "To use it, uncomment the example below."},
        {"<nonconformities>",
         "  <nonconformity id=\"nc-01\" raised=\"" + date +
             "\" source=\"internal-audit\" finding=\"" + kChangeMe +
             ": what was found\" root-cause=\"" + kChangeMe + "\" action=\"" + kChangeMe +
             ": the corrective action\" owner=\"" + first_role_ + "\" due=\"" + date +
             "\" status=\"open\"/>",
         "</nonconformities>"});
    w_.Blank();
  }

  void DocumentControl() {
    const std::string approver = roles_.empty() ? "person-1" : PersonId(*roles_.front());
    w_.Comment(2, {"Document control for every document: approver is the person (an id from "
                   "<people>) who approves the documents, usually someone in top management "
                   "('policyc release' records each approval, with its date, in the release "
                   "record beside this file); classification is public, internal, confidential "
                   "or restricted."});
    w_.Line(2, "<document-control approver=\"" + approver + "\" classification=\"internal\"/>");
    w_.Blank();
  }

  void Customisation() {
    w_.CommentedExample(2,
                        {"Branding: primary-colour (#RRGGBB) for headings, tables and headers; "
                         "logo, a PNG or SVG file relative to this profile; font. To use it, "
                         "uncomment the example below."},
                        {"<branding primary-colour=\"#1F4E79\" logo=\"logo.png\"/>"});
    w_.Blank();
    std::string target = "DOCUMENT#STATEMENT";
    if (!library_.documents.empty()) {
      const model::Document& doc = library_.documents.front();
      std::vector<model::SectionItem> items;
      for (const model::Section& s : doc.sections) items.emplace_back(s);
      const std::string statement = FirstStatement(items);
      target = statement.empty() ? doc.id : doc.id + "#" + statement;
    }
    w_.CommentedExample(
        2,
        {"The organisation's own changes to the library, applied last: replace, remove or add "
         "statements, or replace or remove whole documents, each with its reason "
         "(docs/authoring-guide.md). policyc list documents shows the document ids. For "
         "example:"},
        {"<overrides>",
         "  <remove target=\"" + target + "\" reason=\"" + kChangeMe +
             ": why this statement does not fit the organisation\"/>",
         "</overrides>"});
    w_.Blank();
  }

  const resolve::MergedLibrary& library_;
  const NewProfileSettings& settings_;
  std::vector<const model::Role*> roles_;  ///< those someone must hold
  std::map<std::string, const model::Document*> parameter_document_;
  std::string first_role_, first_control_;
  ProfileWriter w_;
};

/// YYYY-MM-DD of $SOURCE_DATE_EPOCH (UTC), or of today (local time).
std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch && *epoch) {
    now = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    gmtime_r(&now, &parts);
  } else {
    localtime_r(&now, &parts);
  }
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

/// `library` as seen from `dir`: "../house-library".
std::string RelativeTo(const std::string& library, const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path from = fs::absolute(dir).lexically_normal();
  const fs::path to = fs::absolute(library).lexically_normal();
  fs::path relative = to.lexically_relative(from);
  std::string text = relative.empty() ? to.string() : relative.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

}  // namespace

std::string NewProfileXml(const resolve::MergedLibrary& library,
                          const NewProfileSettings& settings) {
  return NewProfile(library, settings).Write();
}

std::string ProfileIdFor(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path path = fs::absolute(fs::path(dir)).lexically_normal();
  std::string name = path.filename().string();
  if (name.empty()) name = path.parent_path().filename().string();  // "acme/" or "."
  std::string id;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
    const bool allowed = std::isalnum(u) || u == '_' || u == '.' || u == '-';
    if (allowed && u < 0x80) {
      id += static_cast<char>(u);
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && !std::isalpha(static_cast<unsigned char>(id.front()))) id.erase(0, 1);
  if (id.size() > model::kMaxIdLength) id.resize(model::kMaxIdLength);
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "organisation" : id;
}

ExitCode RunInit(Session& session, base::FileSystem& fs, const InitFlags& flags) {
  const std::string path = base::JoinPath(flags.dir, "profile.xml");
  auto refuse_existing = [&] {
    base::DiagnosticSink refused;
    refused.Report(base::DiagKind::kWouldOverwrite, {path},
                   "something is already at this name (a file or a link); init never overwrites a profile: choose a new folder, or delete it");
    return Conclude(refused);
  };
  std::error_code link_error;
  // A dangling symlink "does not exist", yet writing to it writes wherever
  // it points: anything at the name, link or not, is left alone. Checked
  // here to fail before loading the library, and again by the write itself.
  if (fs.Exists(path) || std::filesystem::is_symlink(std::filesystem::symlink_status(path, link_error))) {
    return refuse_existing();
  }
  base::DiagnosticSink sink;
  const std::vector<model::Library>& layers = session.BaseLayers(sink);
  resolve::MergedLibrary library = resolve::MergeLibraries(layers, {}, sink);
  if (sink.HasErrors()) return Conclude(sink);

  NewProfileSettings settings;
  for (const model::Library& layer : layers) settings.library_roots.push_back(layer.root);
  settings.id = ProfileIdFor(flags.dir);
  settings.date = Today();
  for (const std::string& dir : session.options().libraries) {
    settings.libraries.push_back(RelativeTo(dir, flags.dir));
  }
  std::string error;
  bool exists = false;
  if (!fs.WriteNewFile(path, NewProfileXml(library, settings), &error, &exists)) {
    if (exists) return refuse_existing();
    sink.Report(base::DiagKind::kOutputError, {path}, "cannot write the new profile: " + error);
    return Conclude(sink);
  }
  Conclude(sink);  // warnings about the library, if any

  int required = 0;
  for (const auto* list : {&library.facts, &library.parameters}) {
    for (const model::Declaration& d : *list) required += HasDefault(d) ? 0 : 1;
  }
  int roles = 0;
  for (const model::Role& role : library.roles) roles += role.everyone ? 0 : 1;
  const size_t facts = std::count_if(library.facts.begin(), library.facts.end(), [](const model::Declaration& d) {
    return !model::SetByProfileElement(d.id);
  });
  std::string options;
  if (!session.data().base_library.empty())
    options = " --base-library " + session.data().base_library;
  std::fprintf(
      stderr,
      "policyc: wrote %s: %zu facts, %zu parameters, %d roles to assign, %d value%s "
      "with no default\n"
      "next steps:\n"
      "  1. edit it: replace every CHANGE ME, set every REQUIRED value, confirm each fact\n"
      "  2. policyc%s check %s    and repeat until it reports no errors\n"
      "  3. policyc%s build %s -o output\n",
      path.c_str(), facts, library.parameters.size(), roles, required,
      required == 1 ? "" : "s", options.c_str(), flags.dir.c_str(), options.c_str(),
      flags.dir.c_str());
  return ExitCode::kOk;
}

}  // namespace policyc::cli
