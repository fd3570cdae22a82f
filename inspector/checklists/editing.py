"""Changing a draft's structure: adding, duplicating, removing and moving
items and sections. Pure functions on draft data (dicts), so the editor's
keys and the tests share one implementation; each returns a new draft and
where the thing it touched now is (section index, item index or None)."""

from __future__ import annotations

import copy

from .versions import blank_item


def _sections(draft: dict) -> list[dict]:
    return draft.setdefault("sections", [])


def _unique(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… whichever is free. Ids stay within
    the 64 characters the model allows."""
    candidate = wanted[:64]
    number = 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = wanted[: 64 - len(suffix)] + suffix
        number += 1
    return candidate


def item_ids(draft: dict) -> set[str]:
    return {item.get("id") for section in _sections(draft) for item in section.get("items", [])
            if isinstance(item, dict)}


def section_ids(draft: dict) -> set[str]:
    return {section.get("id") for section in _sections(draft)}


def add_item(draft: dict, section: int, after: int | None) -> tuple[dict, tuple[int, int]]:
    """A blank item after item `after` of `section` (first when None); it takes
    the scenario of the item it follows, the usual case in a scenario's section."""
    draft = copy.deepcopy(draft)
    items = _sections(draft)[section].setdefault("items", [])
    near = items[after] if after is not None and after < len(items) else (items[0] if items else None)
    scenario = near.get("scenario", "general") if isinstance(near, dict) else "general"
    index = 0 if after is None else after + 1
    items.insert(index, blank_item(_next_numbered("item", item_ids(draft)), scenario))
    return draft, (section, index)


def _next_numbered(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}-{number}" in taken:
        number += 1
    return f"{prefix}-{number}"


def add_section(draft: dict, after: int | None) -> tuple[dict, tuple[int, int]]:
    """A new section after section `after` (at the end when None), holding one
    blank item: a section cannot be empty."""
    draft = copy.deepcopy(draft)
    sections = _sections(draft)
    index = len(sections) if after is None else after + 1
    section_id = _next_numbered("section", section_ids(draft))
    item = blank_item(_next_numbered("item", item_ids(draft)))
    sections.insert(index, {"id": section_id, "title": "", "title_en": None, "items": [item]})
    return draft, (index, 0)


def duplicate_item(draft: dict, section: int, item: int) -> tuple[dict, tuple[int, int]]:
    draft = copy.deepcopy(draft)
    items = _sections(draft)[section]["items"]
    twin = copy.deepcopy(items[item])
    twin["id"] = _unique(f"{twin.get('id') or 'item'}-copy", item_ids(draft))
    items.insert(item + 1, twin)
    return draft, (section, item + 1)


def duplicate_section(draft: dict, section: int) -> tuple[dict, tuple[int, None]]:
    draft = copy.deepcopy(draft)
    sections = _sections(draft)
    twin = copy.deepcopy(sections[section])
    twin["id"] = _unique(f"{twin.get('id') or 'section'}-copy", section_ids(draft))
    taken = item_ids(draft)
    for item in twin.get("items", []):
        item["id"] = _unique(f"{item.get('id') or 'item'}-copy", taken)
        taken.add(item["id"])
    sections.insert(section + 1, twin)
    return draft, (section + 1, None)


def remove_item(draft: dict, section: int, item: int) -> tuple[dict, tuple[int, int | None]]:
    """Remove an item; what is left highlighted is its neighbour, or the section."""
    draft = copy.deepcopy(draft)
    items = _sections(draft)[section]["items"]
    del items[item]
    if not items:
        return draft, (section, None)
    return draft, (section, min(item, len(items) - 1))


def remove_section(draft: dict, section: int) -> tuple[dict, tuple[int | None, None]]:
    draft = copy.deepcopy(draft)
    sections = _sections(draft)
    del sections[section]
    if not sections:
        return draft, (None, None)
    return draft, (min(section, len(sections) - 1), None)


def move_item(draft: dict, section: int, item: int, delta: int) -> tuple[dict, tuple[int, int]]:
    """Move an item one place up (-1) or down (+1). Past the first or last item
    of its section it goes to the end of the section before, or the start of
    the one after: how items change sections without cutting and pasting."""
    draft = copy.deepcopy(draft)
    sections = _sections(draft)
    items = sections[section]["items"]
    target = item + delta
    if 0 <= target < len(items):
        items[item], items[target] = items[target], items[item]
        return draft, (section, target)
    neighbour = section + delta
    if not 0 <= neighbour < len(sections):
        return draft, (section, item)  # already first (or last) of all: stays
    moving = items.pop(item)
    into = sections[neighbour].setdefault("items", [])
    if delta < 0:
        into.append(moving)
        return draft, (neighbour, len(into) - 1)
    into.insert(0, moving)
    return draft, (neighbour, 0)


def move_section(draft: dict, section: int, delta: int) -> tuple[dict, tuple[int, None]]:
    draft = copy.deepcopy(draft)
    sections = _sections(draft)
    target = section + delta
    if not 0 <= target < len(sections):
        return draft, (section, None)
    sections[section], sections[target] = sections[target], sections[section]
    return draft, (target, None)
