"""JSON as we accept it from outside: an object naming a key twice is
refused. Python's json module and pydantic both let the last one win, so a
file read by two programs could be two different records (one checked, the
other applied); no file we read may say two things at once."""

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
