// Layering: merges library folders in order and applies overrides.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "base/file_system.h"
#include "base/strings.h"
#include "resolve/resolver.h"
#include "resolve/values.h"

namespace policyc::resolve {

using base::DiagKind;
using base::SourceLoc;
using model::Override;
using model::Section;
using model::SectionItem;
using model::Statement;

namespace {

/// Where an item of a document lives, so that it can be replaced or erased.
struct Slot {
  std::vector<Section>* top = nullptr;       ///< set for a top-level section
  std::vector<SectionItem>* items = nullptr;  ///< set for anything nested
  size_t index = 0;

  bool found() const { return top != nullptr || items != nullptr; }
  Statement* statement() const {
    return items ? std::get_if<Statement>(&(*items)[index]) : nullptr;
  }
  Section* section() const {
    if (top) return &(*top)[index];
    return items ? std::get_if<Section>(&(*items)[index]) : nullptr;
  }
  void Erase() const {
    if (top) top->erase(top->begin() + static_cast<long>(index));
    else items->erase(items->begin() + static_cast<long>(index));
  }
};

Slot FindInItems(std::vector<SectionItem>& items, const std::string& id) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (auto* s = std::get_if<Statement>(&items[i])) {
      if (s->id == id) return Slot{nullptr, &items, i};
    } else {
      auto& section = std::get<Section>(items[i]);
      if (section.id == id) return Slot{nullptr, &items, i};
      Slot inner = FindInItems(section.items, id);
      if (inner.found()) return inner;
    }
  }
  return {};
}

Slot FindItem(model::Document& doc, const std::string& id) {
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    if (doc.sections[i].id == id) return Slot{&doc.sections, nullptr, i};
    Slot inner = FindInItems(doc.sections[i].items, id);
    if (inner.found()) return inner;
  }
  return {};
}

void CollectIds(const std::vector<SectionItem>& items, std::vector<std::pair<std::string, SourceLoc>>& out) {
  for (const SectionItem& item : items) {
    if (const auto* s = std::get_if<Statement>(&item)) {
      out.emplace_back(s->id, s->loc);
    } else {
      const auto& section = std::get<Section>(item);
      out.emplace_back(section.id, section.loc);
      CollectIds(section.items, out);
    }
  }
}

std::vector<std::pair<std::string, SourceLoc>> ItemIds(const model::Document& doc) {
  std::vector<std::pair<std::string, SourceLoc>> out;
  for (const Section& section : doc.sections) {
    out.emplace_back(section.id, section.loc);
    CollectIds(section.items, out);
  }
  return out;
}

std::string_view OpName(Override::Op op) {
  switch (op) {
    case Override::Op::kReplace: return "replaced";
    case Override::Op::kRemove: return "removed";
    case Override::Op::kAdd: return "added to";
  }
  return "changed";
}

class LayerMerger {
 public:
  /// `layer_names`: what notes call each layer, in order.
  LayerMerger(std::vector<std::string> layer_names, base::DiagnosticSink& sink)
      : layer_names_(std::move(layer_names)), sink_(sink) {}

  void AddLibrary(const model::Library& library, int layer) {
    for (const model::Control& c : library.catalogue.controls) {
      if (Claim(control_ids_, c.id, c.loc, "control")) merged_.catalogue.controls.push_back(c);
    }
    for (const model::Control2013& c : library.catalogue.controls_2013) {
      if (Claim(control_2013_ids_, c.id, c.loc, "2013 control")) merged_.catalogue.controls_2013.push_back(c);
    }
    merged_.catalogue.clauses.insert(merged_.catalogue.clauses.end(),
                                     library.catalogue.clauses.begin(), library.catalogue.clauses.end());
    merged_.catalogue.themes.insert(merged_.catalogue.themes.end(),
                                    library.catalogue.themes.begin(), library.catalogue.themes.end());
    for (const model::Role& role : library.roles) {
      if (Claim(role_ids_, role.id, role.loc, "role")) merged_.roles.push_back(role);
    }
    merged_.segregations.insert(merged_.segregations.end(), library.segregations.begin(),
                                library.segregations.end());
    for (const model::Declaration& fact : library.facts) {
      if (Claim(fact_ids_, fact.id, fact.loc, "fact")) merged_.facts.push_back(fact);
    }
    for (const model::Declaration& parameter : library.parameters) {
      if (Claim(parameter_ids_, parameter.id, parameter.loc, "parameter")) {
        merged_.parameters.push_back(parameter);
      }
    }
    for (const model::Document& doc : library.documents) AddDocument(doc);
    AddCompiled(library.compiled, layer);
    for (const model::Framework& framework : library.frameworks) {
      Replace(merged_.frameworks, framework_layers_, framework, framework.id, layer, "framework catalogue");
    }
  }

  void ApplyOverrides(const std::vector<Override>& overrides, int layer) {
    for (const Override& o : overrides) Apply(o, layer);
  }

  MergedLibrary Take() {
    for (const auto& [target, change] : touched_) {
      if (change.op == Override::Op::kRemove) merged_.removed.insert(target);
    }
    return std::move(merged_);
  }

 private:
  struct Change {
    int layer;
    SourceLoc loc;
    Override::Op op;
  };

  /// A later layer replaces what an earlier one said of the same builder,
  /// module or contacts; the same layer saying it twice is an error.
  template <typename Spec>
  void Replace(std::vector<Spec>& into, std::map<std::string, int>& layers, const Spec& spec, const std::string& key,
               int layer, const char* what) {
    auto it = std::find_if(into.begin(), into.end(), [&](const Spec& s) { return KeyOf(s) == key; });
    if (it == into.end()) {
      into.push_back(spec);
    } else if (layers[key] == layer) {
      sink_.Report(DiagKind::kDuplicateId, spec.loc,
                   std::string(what) + " '" + key + "' is declared twice in one layer; keep one of them");
      sink_.AddNote(it->loc, "first declared here");
      return;
    } else {
      *it = spec;
    }
    layers[key] = layer;
  }
  static const std::string& KeyOf(const model::CompiledDocumentSpec& s) { return s.builder; }
  static const std::string& KeyOf(const model::TrainingModuleSpec& s) { return s.id; }
  static const std::string& KeyOf(const model::Framework& f) { return f.id; }

  void AddCompiled(const model::CompiledCatalogue& compiled, int layer) {
    for (const auto& spec : compiled.documents) {
      Replace(merged_.compiled.documents, compiled_layers_, spec, spec.builder, layer, "compiled document builder");
    }
    for (const auto& module : compiled.training_modules) {
      Replace(merged_.compiled.training_modules, module_layers_, module, module.id, layer, "training module");
    }
    if (compiled.incident_contacts) merged_.compiled.incident_contacts = compiled.incident_contacts;
    if (compiled.external_contacts) merged_.compiled.external_contacts = compiled.external_contacts;
    if (!compiled.escalation.empty()) merged_.compiled.escalation = compiled.escalation;
    if (compiled.processing_activities) merged_.compiled.processing_activities = compiled.processing_activities;
  }

  bool Claim(std::map<std::string, SourceLoc>& ids, const std::string& id, const SourceLoc& loc,
             const char* what) {
    auto [it, inserted] = ids.emplace(id, loc);
    if (!inserted) {
      sink_.Report(DiagKind::kDuplicateId, loc,
                   std::string(what) + " '" + id + "' is defined twice; give one of them another id");
      sink_.AddNote(it->second, "first defined here");
    }
    return inserted;
  }

  void AddDocument(const model::Document& doc) {
    auto existing = doc_ids_.find(doc.id);
    if (existing != doc_ids_.end()) {
      sink_.Report(DiagKind::kDuplicateId, doc.loc,
                   "document '" + doc.id + "' is defined twice; to change a document of a lower "
                   "layer use <replace target=\"" + doc.id + "\" reason=\"...\"> in an overrides file");
      sink_.AddNote(existing->second, "first defined here");
      return;
    }
    if (!CheckItemIds(doc)) return;
    doc_ids_.emplace(doc.id, doc.loc);
    for (const model::Declaration& p : doc.parameters) {
      if (Claim(parameter_ids_, p.id, p.loc, "parameter")) merged_.parameters.push_back(p);
    }
    merged_.documents.push_back(doc);
  }

  bool CheckItemIds(const model::Document& doc) {
    std::map<std::string, SourceLoc> seen;
    bool ok = true;
    for (const auto& [id, loc] : ItemIds(doc)) {
      auto [it, inserted] = seen.emplace(id, loc);
      if (!inserted) {
        sink_.Report(DiagKind::kDuplicateId, loc,
                     "id '" + id + "' is used twice in document '" + doc.id +
                         "'; sections and statements of one document need distinct ids");
        sink_.AddNote(it->second, "first used here");
        ok = false;
      }
    }
    return ok;
  }

  model::Document* FindDocument(const std::string& id) {
    for (model::Document& doc : merged_.documents) {
      if (doc.id == id) return &doc;
    }
    return nullptr;
  }

  std::vector<std::string> DocumentIds() const {
    std::vector<std::string> ids;
    for (const model::Document& doc : merged_.documents) ids.push_back(doc.id);
    return ids;
  }

  /// Records that `target` is changed by `o`; reports a collision with an
  /// earlier change. Returns false when the override must not be applied.
  bool Touch(const std::string& target, const Override& o, int layer) {
    if (!SparesItsOwnLayersItems(target, o, layer)) return false;
    auto it = touched_.find(target);
    if (it == touched_.end()) {
      NoteShadowedAround(target, o, layer);
      touched_.emplace(target, Change{layer, o.loc, o.op});
      return true;
    }
    const Change& before = it->second;
    if (before.layer == layer) {
      sink_.Report(DiagKind::kOverrideConflict, o.loc,
                   "'" + target + "' is changed twice in one layer; merge the two changes into one");
      sink_.AddNote(before.loc, std::string("also ") + std::string(OpName(before.op)) + " here");
      return false;
    }
    // A lower layer's removal of `target` never gets here: Apply reports
    // it (ChangesWhatALowerLayerRemoved) before any operation runs.
    // A later layer wins over an earlier replacement or addition, and says so.
    NoteShadowed(o, layer, "'" + target + "' was " + Done(before), before);
    if (target.find('#') == std::string::npos) NoteShadowedAround(target, o, layer);
    it->second = Change{layer, o.loc, o.op};
    return true;
  }

  /// A whole document replaced or removed after the same layer replaced or
  /// added a statement in it (or removed one the replacement brings back)
  /// would silently undo that change (issue 14, point 12): a conflict naming
  /// both places. (The other order, the document first,
  /// applies the statement's change to the replacement and is kept.)
  bool SparesItsOwnLayersItems(const std::string& target, const Override& o, int layer) {
    if (target.find('#') != std::string::npos) return true;
    const std::string prefix = target + "#";
    for (auto it = touched_.lower_bound(prefix); it != touched_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
      if (it->second.layer != layer) continue;
      const bool removal = o.op == Override::Op::kRemove;
      // A statement this layer removed stays gone under a removal, and under a
      // replacement without it; only one that brings it back undoes it.
      if (it->second.op == Override::Op::kRemove && (removal || !Holds(o, it->first.substr(prefix.size())))) {
        continue;
      }
      const std::string done = it->second.op == Override::Op::kAdd ? "added" : std::string(OpName(it->second.op));
      sink_.Report(DiagKind::kOverrideConflict, o.loc,
                   "document '" + target + "' is " + (removal ? "removed" : "replaced whole") +
                       " after this layer " + done + " '" + it->first + "', which " +
                       (removal ? "would be lost with it; drop one of the two"
                                : "the replacement would silently undo; make that change in the replacement "
                                  "document, or drop one of the two"));
      sink_.AddNote(it->second.loc, "'" + it->first + "' " + done + " here");
      return false;
    }
    return true;
  }

  /// Whether the replacement document of `o` has an item with id `item_id`.
  static bool Holds(const Override& o, const std::string& item_id) {
    if (!o.document) return false;
    for (const auto& [id, loc] : ItemIds(*o.document)) {
      if (id == item_id) return true;
    }
    return false;
  }

  /// "already replaced by layer 'house' at house/overrides.xml:4"
  std::string Done(const Change& before) const {
    return std::string(before.op == Override::Op::kAdd ? "added" : "already replaced") + " by layer '" +
           layer_names_[before.layer] + "' at " + before.loc.ToString();
  }

  /// Reports that `o`, in a later layer, takes the place of an earlier
  /// layer's change (`what` says which), naming both places.
  void NoteShadowed(const Override& o, int layer, const std::string& what, const Change& before) {
    if (before.layer == layer || before.op == Override::Op::kRemove) return;
    sink_.Report(DiagKind::kOverrideShadowed, o.loc,
                 what + "; this later " + (o.op == Override::Op::kRemove ? "removal" : "replacement") +
                     ", in layer '" + layer_names_[layer] + "', wins");
  }

  /// Notes the earlier changes a later override supersedes without
  /// touching their target: a statement inside a document an earlier layer
  /// replaced whole, or a whole document whose statements an earlier layer
  /// changed.
  void NoteShadowedAround(const std::string& target, const Override& o, int layer) {
    const auto hash = target.find('#');
    if (hash != std::string::npos) {
      const std::string doc_id = target.substr(0, hash);
      if (auto whole = touched_.find(doc_id); whole != touched_.end()) {
        NoteShadowed(o, layer, "'" + target + "' is in document '" + doc_id + "', " + Done(whole->second),
                     whole->second);
      }
      return;
    }
    const std::string prefix = target + "#";
    for (auto it = touched_.lower_bound(prefix); it != touched_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
      NoteShadowed(o, layer, "document '" + target + "' holds '" + it->first + "', " + Done(it->second), it->second);
    }
  }

  void Missing(const Override& o, const std::string& what, const std::string& suggestion) {
    sink_.Report(DiagKind::kOverrideTargetMissing, o.loc,
                 "override targets " + what + ", which does not exist" + suggestion);
  }

  /// What an override names: DOC, or DOC#ITEM (for an addition, the section).
  struct Target {
    std::string document;
    std::string item;  ///< "" for the whole document
  };

  static Target Split(const std::string& target) {
    const auto hash = target.find('#');
    return {target.substr(0, hash), hash == std::string::npos ? "" : target.substr(hash + 1)};
  }

  /// The items of `doc` as overrides name them (DOC#ID), for did-you-mean.
  static std::vector<std::string> TargetIds(const model::Document& doc) {
    std::vector<std::string> ids;
    for (const auto& [id, loc] : ItemIds(doc)) ids.push_back(doc.id + "#" + id);
    return ids;
  }

  /// One method per operation; each checks what only it can get wrong.
  void Apply(const Override& o, int layer) {
    const Target target = Split(o.target);
    if (ChangesWhatALowerLayerRemoved(o, target, layer)) return;
    model::Document* doc = FindDocument(target.document);
    if (doc == nullptr) {
      Missing(o, "document '" + target.document + "'", base::DidYouMean(target.document, DocumentIds()));
      return;
    }
    const bool whole = target.item.empty();
    switch (o.op) {
      case Override::Op::kReplace:
        return whole ? ReplaceDocument(o, *doc, layer) : ReplaceStatement(o, *doc, target.item, layer);
      case Override::Op::kRemove:
        return whole ? RemoveDocument(o, *doc, layer) : RemoveItem(o, *doc, target.item, layer);
      case Override::Op::kAdd:
        return AddStatements(o, *doc, target.item, layer);
    }
  }

  /// The removal by a lower layer of `id`, or nullptr. (A removal in the
  /// same layer is the same-layer conflict Touch reports.)
  const Change* RemovedBelow(const std::string& id, int layer) const {
    auto it = touched_.find(id);
    if (it == touched_.end() || it->second.op != Override::Op::kRemove || it->second.layer == layer) return nullptr;
    return &it->second;
  }

  /// Reports an override of something a lower layer removed, or of an item
  /// inside a document it removed: there is nothing left to change.
  bool ChangesWhatALowerLayerRemoved(const Override& o, const Target& target, int layer) {
    const Change* removal = target.item.empty() ? nullptr : RemovedBelow(target.document, layer);
    std::string message;
    if (removal != nullptr) {
      message = "'" + o.target + "' is in document '" + target.document +
                "', which a lower layer removed; drop this override or the removal";
    } else if ((removal = RemovedBelow(o.target, layer)) != nullptr) {
      message = "'" + o.target +
                "' was removed by a lower layer, so this override has nothing to change; drop it, or drop the removal";
    } else {
      return false;
    }
    sink_.Report(DiagKind::kOverrideConflict, o.loc, message);
    sink_.AddNote(removal->loc, "removed here");
    return true;
  }

  void ReplaceDocument(const Override& o, model::Document& doc, int layer) {
    if (!o.document) {
      sink_.Report(DiagKind::kOverrideIdMismatch, o.loc,
                   "a whole document is replaced by a <document>, not a <statement>");
      return;
    }
    if (o.document->id != doc.id) {
      sink_.Report(DiagKind::kOverrideIdMismatch, o.loc,
                   "the replacement document has id '" + o.document->id + "' but replaces '" + doc.id +
                       "'; keep the id so that history and diffs follow it");
      return;
    }
    if (!CheckItemIds(*o.document) || !Touch(o.target, o, layer)) return;
    AdoptParameters(o.document->parameters);
    doc = *o.document;
  }

  /// Parameters a replacement document declares: new ones join the
  /// library, and one it declares again replaces the declaration (the
  /// override has its reason), e.g. with another default.
  void AdoptParameters(const std::vector<model::Declaration>& parameters) {
    for (const model::Declaration& p : parameters) {
      if (parameter_ids_.emplace(p.id, p.loc).second) {
        merged_.parameters.push_back(p);
        continue;
      }
      for (model::Declaration& existing : merged_.parameters) {
        if (existing.id == p.id) existing = p;
      }
    }
  }

  /// The item `item_id` of `doc`, or a report that it does not exist.
  Slot FindTarget(const Override& o, model::Document& doc, const std::string& item_id) {
    Slot slot = FindItem(doc, item_id);
    if (!slot.found()) Missing(o, "'" + o.target + "'", base::DidYouMean(o.target, TargetIds(doc)));
    return slot;
  }

  void ReplaceStatement(const Override& o, model::Document& doc, const std::string& item_id, int layer) {
    Slot slot = FindTarget(o, doc, item_id);
    if (!slot.found()) return;
    if (slot.statement() == nullptr || o.statements.empty()) {
      sink_.Report(DiagKind::kOverrideIdMismatch, o.loc,
                   "'" + o.target + "' is a section; replace its statements one by one, "
                   "or remove it and add new ones");
      return;
    }
    if (o.statements[0].id != item_id) {
      sink_.Report(DiagKind::kOverrideIdMismatch, o.statements[0].loc,
                   "the replacement statement has id '" + o.statements[0].id + "' but replaces '" + item_id +
                       "'; keep the id so that history and diffs follow it");
      return;
    }
    if (!Touch(o.target, o, layer)) return;
    *slot.statement() = o.statements[0];
  }

  void RemoveDocument(const Override& o, const model::Document& doc, int layer) {
    if (!Touch(o.target, o, layer)) return;
    merged_.documents.erase(merged_.documents.begin() + (&doc - merged_.documents.data()));
  }

  /// Removes a statement or a section (with everything in it).
  void RemoveItem(const Override& o, model::Document& doc, const std::string& item_id, int layer) {
    Slot slot = FindTarget(o, doc, item_id);
    if (!slot.found() || !Touch(o.target, o, layer)) return;
    slot.Erase();
  }

  /// Adds statements to a section: after the statement `after=` names, or
  /// at its end.
  void AddStatements(const Override& o, model::Document& doc, const std::string& section_id, int layer) {
    Slot slot = section_id.empty() ? Slot{} : FindItem(doc, section_id);
    Section* section = slot.section();
    if (section == nullptr) {
      Missing(o, section_id.empty() ? "no section (write to=\"" + doc.id + "#SECTION\")" : "section '" + o.target + "'",
              section_id.empty() ? "" : base::DidYouMean(o.target, TargetIds(doc)));
      return;
    }
    const std::optional<size_t> insert_at = InsertPosition(o, doc, *section);
    if (!insert_at || !AddedIdsAreNew(o, doc)) return;
    for (const Statement& s : o.statements) {
      touched_.emplace(doc.id + "#" + s.id, Change{layer, o.loc, Override::Op::kAdd});
    }
    section->items.insert(section->items.begin() + static_cast<long>(*insert_at), o.statements.begin(),
                         o.statements.end());
  }

  /// Where an addition goes in `section`: after the last statement with the
  /// id `after=` names, or at the end; nullopt, reported, when there is none.
  std::optional<size_t> InsertPosition(const Override& o, const model::Document& doc, const Section& section) {
    if (!o.after) return section.items.size();
    std::optional<size_t> at;
    for (size_t i = 0; i < section.items.size(); ++i) {
      const auto* s = std::get_if<Statement>(&section.items[i]);
      if (s && s->id == *o.after) at = i + 1;
    }
    if (!at) {
      Missing(o, "statement '" + *o.after + "' in section '" + o.target + "' (after=)",
              base::DidYouMean(doc.id + "#" + *o.after, TargetIds(doc)));
    }
    return at;
  }

  /// False, reported, when an added statement takes an id the document has.
  bool AddedIdsAreNew(const Override& o, const model::Document& doc) {
    const auto existing = ItemIds(doc);
    for (const Statement& s : o.statements) {
      for (const auto& [id, loc] : existing) {
        if (id != s.id) continue;
        sink_.Report(DiagKind::kDuplicateId, s.loc,
                     "document '" + doc.id + "' already has an item with id '" + s.id +
                         "'; give the added statement a new id");
        sink_.AddNote(loc, "existing item");
        return false;
      }
    }
    return true;
  }

  const std::vector<std::string> layer_names_;
  base::DiagnosticSink& sink_;
  MergedLibrary merged_;
  std::map<std::string, int> compiled_layers_, module_layers_, framework_layers_;
  std::map<std::string, SourceLoc> control_ids_, control_2013_ids_, role_ids_, fact_ids_,
      parameter_ids_, doc_ids_;
  std::map<std::string, Change> touched_;
};

}  // namespace

LayerMap::LayerMap(const std::vector<model::Library>& layers, std::string profile_path)
    : profile_{model::kProfileLayer, base::DirName(profile_path), ""}, profile_path_(std::move(profile_path)) {
  for (const model::Library& layer : layers) {
    libraries_.push_back({layer.name, layer.root, base::FolderName(layer.root)});
  }
}

const LayerMap::Layer* LayerMap::Find(const std::string& file, std::string* inside) const {
  if (!profile_path_.empty() && file == profile_path_) {
    *inside = std::filesystem::path(file).filename().string();
    return &profile_;
  }
  const Layer* best = nullptr;
  for (const Layer& layer : libraries_) {
    auto path = base::PathInside(layer.folder, file);
    if (path && (best == nullptr || path->size() < inside->size())) {
      best = &layer;
      *inside = *path;
    }
  }
  return best;
}

model::Provenance LayerMap::ProvenanceOf(const SourceLoc& loc) const {
  std::string inside;
  const Layer* layer = Find(loc.file, &inside);
  if (layer == nullptr) return {};
  if (layer != &profile_) inside = layer->folder_name + "/" + inside;
  return {layer->name, inside, loc.line};
}

std::optional<std::string> LayerMap::FolderOf(const std::string& file) const {
  std::string inside;
  const Layer* layer = Find(file, &inside);
  if (layer == nullptr) return std::nullopt;
  return layer->folder;
}

MergedLibrary MergeLibraries(const std::vector<model::Library>& layers,
                             const std::vector<model::Override>& last_layer,
                             base::DiagnosticSink& sink) {
  std::vector<std::string> names;
  for (const model::Library& layer : layers) names.push_back(layer.name);
  names.push_back(model::kProfileLayer);
  LayerMerger merger(std::move(names), sink);
  for (size_t i = 0; i < layers.size(); ++i) {
    merger.AddLibrary(layers[i], static_cast<int>(i));
    merger.ApplyOverrides(layers[i].overrides, static_cast<int>(i));
  }
  merger.ApplyOverrides(last_layer, static_cast<int>(layers.size()));
  return merger.Take();
}

}  // namespace policyc::resolve
