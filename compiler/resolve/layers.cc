// Layering: merges library folders in order and applies overrides.
#include <algorithm>
#include <filesystem>
#include <map>
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
    for (const model::Document& doc : library.documents) AddDocument(doc, layer);
    AddCompiled(library.compiled, layer);
  }

  void ApplyOverrides(const std::vector<Override>& overrides, int layer) {
    for (const Override& o : overrides) Apply(o, layer);
  }

  MergedLibrary Take() { return std::move(merged_); }

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

  void AddDocument(const model::Document& doc, int layer) {
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
    (void)layer;
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
    if (before.op == Override::Op::kRemove) {
      sink_.Report(DiagKind::kOverrideConflict, o.loc,
                   "'" + target + "' was removed by a lower layer, so this override has nothing "
                   "to change; drop it, or drop the removal");
      sink_.AddNote(before.loc, "removed here");
      return false;
    }
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

  void Apply(const Override& o, int layer) {
    const auto hash = o.target.find('#');
    const std::string doc_id = o.target.substr(0, hash);
    const std::string item_id = hash == std::string::npos ? "" : o.target.substr(hash + 1);

    // A change inside a document that a lower layer removed.
    if (!item_id.empty()) {
      auto removed = touched_.find(doc_id);
      if (removed != touched_.end() && removed->second.op == Override::Op::kRemove &&
          removed->second.layer != layer) {
        sink_.Report(DiagKind::kOverrideConflict, o.loc,
                     "'" + o.target + "' is in document '" + doc_id +
                         "', which a lower layer removed; drop this override or the removal");
        sink_.AddNote(removed->second.loc, "removed here");
        return;
      }
    }
    // A change to something a lower layer removed.
    if (auto removed = touched_.find(o.target);
        removed != touched_.end() && removed->second.op == Override::Op::kRemove &&
        removed->second.layer != layer) {
      sink_.Report(DiagKind::kOverrideConflict, o.loc,
                   "'" + o.target + "' was removed by a lower layer, so this override has nothing "
                   "to change; drop it, or drop the removal");
      sink_.AddNote(removed->second.loc, "removed here");
      return;
    }
    model::Document* doc = FindDocument(doc_id);
    if (doc == nullptr) {
      Missing(o, "document '" + doc_id + "'", base::DidYouMean(doc_id, DocumentIds()));
      return;
    }
    std::vector<std::string> item_ids;
    for (const auto& [id, loc] : ItemIds(*doc)) item_ids.push_back(doc_id + "#" + id);

    switch (o.op) {
      case Override::Op::kReplace: {
        if (item_id.empty()) {
          if (!o.document) {
            sink_.Report(DiagKind::kOverrideIdMismatch, o.loc,
                         "a whole document is replaced by a <document>, not a <statement>");
            return;
          }
          if (o.document->id != doc_id) {
            sink_.Report(DiagKind::kOverrideIdMismatch, o.loc,
                         "the replacement document has id '" + o.document->id +
                             "' but replaces '" + doc_id + "'; keep the id so that history and diffs follow it");
            return;
          }
          if (!CheckItemIds(*o.document) || !Touch(o.target, o, layer)) return;
          // Parameters the replacement declares: new ones join the library,
          // and one it declares again replaces the declaration (the override
          // has its reason), e.g. with another default.
          for (const model::Declaration& p : o.document->parameters) {
            if (parameter_ids_.emplace(p.id, p.loc).second) {
              merged_.parameters.push_back(p);
              continue;
            }
            for (model::Declaration& existing : merged_.parameters) {
              if (existing.id == p.id) existing = p;
            }
          }
          *doc = *o.document;
          return;
        }
        Slot slot = FindItem(*doc, item_id);
        if (!slot.found()) {
          Missing(o, "'" + o.target + "'", base::DidYouMean(o.target, item_ids));
          return;
        }
        if (slot.statement() == nullptr || o.statements.empty()) {
          sink_.Report(DiagKind::kOverrideIdMismatch, o.loc,
                       "'" + o.target + "' is a section; replace its statements one by one, "
                       "or remove it and add new ones");
          return;
        }
        if (o.statements[0].id != item_id) {
          sink_.Report(DiagKind::kOverrideIdMismatch, o.statements[0].loc,
                       "the replacement statement has id '" + o.statements[0].id +
                           "' but replaces '" + item_id + "'; keep the id so that history and diffs follow it");
          return;
        }
        if (!Touch(o.target, o, layer)) return;
        *slot.statement() = o.statements[0];
        return;
      }
      case Override::Op::kRemove: {
        if (item_id.empty()) {
          if (!Touch(o.target, o, layer)) return;
          merged_.documents.erase(merged_.documents.begin() + (doc - merged_.documents.data()));
          return;
        }
        Slot slot = FindItem(*doc, item_id);
        if (!slot.found()) {
          Missing(o, "'" + o.target + "'", base::DidYouMean(o.target, item_ids));
          return;
        }
        if (!Touch(o.target, o, layer)) return;
        slot.Erase();
        return;
      }
      case Override::Op::kAdd: {
        Slot slot = item_id.empty() ? Slot{} : FindItem(*doc, item_id);
        Section* section = slot.section();
        if (section == nullptr) {
          Missing(o, item_id.empty() ? "no section (write to=\"" + doc_id + "#SECTION\")"
                                     : "section '" + o.target + "'",
                  item_id.empty() ? "" : base::DidYouMean(o.target, item_ids));
          return;
        }
        size_t insert_at = section->items.size();
        if (o.after) {
          bool found = false;
          for (size_t i = 0; i < section->items.size(); ++i) {
            const auto* s = std::get_if<Statement>(&section->items[i]);
            if (s && s->id == *o.after) {
              insert_at = i + 1;
              found = true;
            }
          }
          if (!found) {
            Missing(o, "statement '" + *o.after + "' in section '" + o.target + "' (after=)",
                    base::DidYouMean(doc_id + "#" + *o.after, item_ids));
            return;
          }
        }
        for (const Statement& s : o.statements) {
          for (const auto& [id, loc] : ItemIds(*doc)) {
            if (id == s.id) {
              sink_.Report(DiagKind::kDuplicateId, s.loc,
                           "document '" + doc_id + "' already has an item with id '" + s.id +
                               "'; give the added statement a new id");
              sink_.AddNote(loc, "existing item");
              return;
            }
          }
        }
        for (const Statement& s : o.statements) {
          touched_.emplace(doc_id + "#" + s.id, Change{layer, o.loc, Override::Op::kAdd});
        }
        section->items.insert(section->items.begin() + static_cast<long>(insert_at),
                              o.statements.begin(), o.statements.end());
        return;
      }
    }
  }

  const std::vector<std::string> layer_names_;
  base::DiagnosticSink& sink_;
  MergedLibrary merged_;
  std::map<std::string, int> compiled_layers_, module_layers_;
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
