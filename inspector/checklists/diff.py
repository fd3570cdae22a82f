"""What changed between two versions of a checklist: items added, removed and
changed (field by field), sections added, removed or retitled, and order.

Items are matched by id, which is stable across versions (models/checklist.py);
options of a choice are matched by their value. A field is named by a path a
person can read: "prompt", "answer.options[formal].score", "applies.setting"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inspector.models import ChecklistItem, ChecklistTemplate, TemplateRef


class _Missing:
    """The field does not exist on that side (e.g. after the answer type changed)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ItemChange:
    item: str
    section: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Placed:
    """An item and the section it is (or was) in."""

    item: str
    section: str
    prompt: str
    # Said to an English reader when the template has it; not part of what changed.
    prompt_en: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SectionChange:
    section: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class TemplateDiff:
    old: TemplateRef | None
    new: TemplateRef | None
    template: tuple[FieldChange, ...] = ()
    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    sections_changed: tuple[SectionChange, ...] = ()
    added: tuple[Placed, ...] = ()
    removed: tuple[Placed, ...] = ()
    changed: tuple[ItemChange, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.template or self.sections_added or self.sections_removed or self.sections_changed
                    or self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                "sections": len(self.sections_added) + len(self.sections_removed) + len(self.sections_changed)
                + (1 if self.template else 0)}


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else key, out)
    else:
        out[prefix] = value


def item_fields(item: ChecklistItem) -> dict[str, Any]:
    """The item as path -> value. Options are keyed by their value, so a new
    option in the middle reads as one option added, not every one changed."""
    data = item.model_dump(mode="json")
    answer = data.pop("answer")
    out: dict[str, Any] = {}
    _flatten(data, "", out)
    options = answer.pop("options", None)
    _flatten(answer, "answer", out)
    if options is not None:
        out["answer.options (order)"] = [o["value"] for o in options]
        for option in options:
            out[f"answer.options[{option.pop('value')}]"] = option
    return out


def _compare(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    changes = []
    for path in list(old) + [p for p in new if p not in old]:
        before, after = old.get(path, MISSING), new.get(path, MISSING)
        if path.endswith("(order)") and before is not MISSING and after is not MISSING:
            # Order matters only among what is on both sides: an added option
            # is reported as added, not as a change of order too.
            common = [v for v in before if v in after]
            if common == [v for v in after if v in before]:
                continue
        if isinstance(before, dict) and isinstance(after, dict):
            # An option on both sides: say which of its fields changed. An
            # option on one side only is one change, added or removed whole.
            changes += [FieldChange(f"{path}.{name}", before.get(name, MISSING), after.get(name, MISSING))
                        for name in list(before) + [n for n in after if n not in before]
                        if before.get(name, MISSING) != after.get(name, MISSING)]
        elif before != after:
            changes.append(FieldChange(path, before, after))
    return tuple(changes)


def _order_changed(old: list[str], new: list[str]) -> bool:
    kept = set(old) & set(new)
    return [x for x in old if x in kept] != [x for x in new if x in kept]


def diff_templates(old: ChecklistTemplate | None, new: ChecklistTemplate) -> TemplateDiff:
    """What `new` changes in `old` (None: everything in `new` is added)."""
    if old is None:
        return TemplateDiff(None, new.ref, sections_added=tuple(s.id for s in new.sections),
                            added=tuple(Placed(i.id, s.id, i.prompt, i.prompt_en)
                                        for s in new.sections for i in s.items))
    head = ("kind", "title", "title_en", "description")
    template = [FieldChange(name, getattr(old, name), getattr(new, name))
                for name in head if getattr(old, name) != getattr(new, name)]
    old_sections = {s.id: s for s in old.sections}
    new_sections = {s.id: s for s in new.sections}
    if _order_changed(list(old_sections), list(new_sections)):
        template.append(FieldChange("sections (order)", list(old_sections), list(new_sections)))

    sections_changed = []
    for sid, section in new_sections.items():
        before = old_sections.get(sid)
        if before is None:
            continue
        changes = [FieldChange(name, getattr(before, name), getattr(section, name))
                   for name in ("title", "title_en") if getattr(before, name) != getattr(section, name)]
        old_order = [i.id for i in before.items]
        new_order = [i.id for i in section.items]
        if _order_changed(old_order, new_order):
            changes.append(FieldChange("items (order)", old_order, new_order))
        if changes:
            sections_changed.append(SectionChange(sid, tuple(changes)))

    old_items = {i.id: (s.id, i) for s in old.sections for i in s.items}
    new_items = {i.id: (s.id, i) for s in new.sections for i in s.items}
    added = tuple(Placed(iid, sid, item.prompt, item.prompt_en)
                  for iid, (sid, item) in new_items.items() if iid not in old_items)
    removed = tuple(Placed(iid, sid, item.prompt, item.prompt_en)
                    for iid, (sid, item) in old_items.items() if iid not in new_items)
    changed = []
    for iid, (sid, item) in new_items.items():
        if iid not in old_items:
            continue
        old_sid, before = old_items[iid]
        changes = list(_compare(item_fields(before), item_fields(item)))
        if old_sid != sid:
            changes.insert(0, FieldChange("section", old_sid, sid))
        if changes:
            changed.append(ItemChange(iid, sid, tuple(changes)))
    return TemplateDiff(
        old.ref, new.ref, tuple(template),
        sections_added=tuple(s for s in new_sections if s not in old_sections),
        sections_removed=tuple(s for s in old_sections if s not in new_sections),
        sections_changed=tuple(sections_changed), added=added, removed=removed, changed=tuple(changed),
    )
