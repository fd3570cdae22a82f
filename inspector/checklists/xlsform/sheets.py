"""A workbook sheet as rows of values keyed by column, and the choice lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .findings import Place
from .layout import PASS_FAIL_VALUES

_LANGUAGE_NAMES = {"zh": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "zh-cn": "zh", "zh_cn": "zh",
                   "zh-hans": "zh", "en": "en", "english": "en", "英文": "en", "英语": "en"}


def language_code(text: str) -> str:
    text = text.strip().lower()
    code = re.search(r"\(([^()]+)\)\s*$", text)
    if code:
        text = code.group(1).strip()
    return _LANGUAGE_NAMES.get(text, text)


def column_key(header: str) -> str:
    """'Label::Chinese (zh)' -> 'label::zh'; 'list name' -> 'list_name'."""
    base, _, language = header.partition("::")
    base = "_".join(base.strip().lower().split())
    return f"{base}::{language_code(language)}" if language.strip() else base


@dataclass
class Row:
    number: int
    values: dict[str, Any]


@dataclass
class Sheet:
    title: str  # as written in the workbook
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (letter, header as written)
    rows: list[Row] = field(default_factory=list)
    filled: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of every cell holding a value

    def header_of(self, letter: str) -> str | None:
        return next((header for column, header in self.columns.values() if column == letter), None)

    def place(self, row: int | None = None, key: str | None = None) -> Place:
        if key is None:
            return Place(self.title, row)
        letter, header = self.columns.get(key, (None, key))
        return Place(self.title, row, letter, header)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class ChoiceList:
    name: str
    first_row: int
    options: list[dict] = field(default_factory=list)
    places: list[dict[str, Place]] = field(default_factory=list)
    names: dict[str, int] = field(default_factory=dict)
    used: bool = False

    def is_pass_fail(self) -> bool:
        return (sorted(o["value"] for o in self.options) == sorted(PASS_FAIL_VALUES)
                and all(o["score"] is None and not o["flag"] for o in self.options))
