"""JSON as we accept it from outside: an object naming a key twice is
refused. Python's json module and pydantic both let the last one win, so a
file read by two programs could be two different records (one checked, the
other applied); no file we read may say two things at once.

Nor may any text in it hold a control character a terminal acts on (ESC
starts a sequence that can set a window's title or clear the screen, BEL
rings, CR returns to the start of the line, NUL ends a C string), a C1
control, or a bidirectional override that shows text in another order than
it is stored. Line feeds and tabs are refused too in the fields that name
someone or something (names, units, districts, ids …): those are one line
wherever they are printed."""

from __future__ import annotations

import json


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object")
        self.key = key


def _pairs(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen[key] = value
    return seen


import re

# C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings and overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n]")
# Fields that name someone or something: one line, wherever they are printed.
ONE_LINE = frozenset({
    "name", "names", "district", "batch", "lead_unit", "operator", "responsible_unit", "issued_by", "address",
    "contact", "phone", "unit", "city", "id", "code", "by", "author", "device", "inspector", "inspectors",
    "original_name", "zh", "en", "signer", "office", "round",
})


class ControlCharacter(ValueError):
    def __init__(self, field: str, character: str) -> None:
        super().__init__(f"{field}: holds the control character {character}")
        self.field, self.character = field, character


def first_problem(text: str | bytes) -> tuple[str, str, str] | None:
    """("duplicate_key", key, "") or ("control_character", field, "U+001B"),
    the first found in `text`; None when there is none (or `text` is not
    JSON at all: the caller's own parser says what is wrong)."""
    try:
        value = json.loads(text, object_pairs_hook=_pairs)
    except DuplicateKey as exc:
        return "duplicate_key", exc.key, ""
    except (ValueError, RecursionError):
        return None
    found = _controls(value, "")
    return ("control_character", found.field, found.character) if found else None


def _controls(value, path: str) -> ControlCharacter | None:
    stack = [(value, path)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            last = path.rsplit(".", 1)[-1].split("[", 1)[0]
            bad = _CONTROL.search(value) or (_LINE_BREAKS.search(value) if last in ONE_LINE else None)
            if bad:
                return ControlCharacter(path or "-", f"U+{ord(bad.group()):04X}")
        elif isinstance(value, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in reversed(list(enumerate(value))))
    return None


def duplicate_key(text: str | bytes) -> str | None:
    """The first key named twice in one object of `text`, or None (also for
    text that is not JSON at all: the caller's own parser says what is wrong)."""
    try:
        json.loads(text, object_pairs_hook=_pairs)
    except DuplicateKey as exc:
        return exc.key
    except (ValueError, RecursionError):
        return None
    return None
