"""The items of a visit's templates as they stand for one project."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.models import ChecklistItem, ChecklistSection, ChecklistTemplate, ItemRef, Project


@dataclass(frozen=True)
class Entry:
    template: ChecklistTemplate
    section: ChecklistSection
    item: ChecklistItem
    hidden_because: tuple[str, ...]  # reason codes; empty when the item applies

    @property
    def applies(self) -> bool:
        return not self.hidden_because

    @property
    def ref(self) -> ItemRef:
        return ItemRef(template=self.template.id, version=self.template.version, item=self.item.id)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.template.id, self.template.version, self.item.id)


def entries(templates: list[ChecklistTemplate], project: Project) -> list[Entry]:
    """Every item of every template in order, problem checklists first."""
    ordered = sorted(templates, key=lambda t: (t.kind != "problem", t.id, t.version))
    return [
        Entry(template, section, item, tuple(item.applies.reasons_not_applicable(project)))
        for template in ordered
        for section in template.sections
        for item in section.items
    ]


def key_of(ref: ItemRef) -> tuple[str, int, str]:
    return (ref.template, ref.version, ref.item)
