"""Every string a person sees, one table per language (zh by default, en as a switch).

`t("key", lang, **fields)` formats a message; `label(City, "ningbo", lang)` names a
vocabulary code (models keep codes as plain strings). A key missing from a table is a bug: tests check both tables
hold the same keys.
"""

from __future__ import annotations

from enum import Enum

from . import en, zh

LANGS = {"zh": zh, "en": en}
DEFAULT_LANG = "zh"


def _table(lang: str):
    return LANGS.get(lang, LANGS[DEFAULT_LANG])


def t(key: str, lang: str = DEFAULT_LANG, /, **fields: object) -> str:
    text = _table(lang).MESSAGES[key]
    return text.format(**fields) if fields else text


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    """Whether the table holds `key` (for codes stored by a newer version)."""
    return key in _table(lang).MESSAGES


def label(kind: type[Enum] | str, value: str | None, lang: str = DEFAULT_LANG) -> str:
    """The word for a vocabulary code: label(City, "ningbo") -> "宁波"."""
    if value is None:
        return ""
    name = kind if isinstance(kind, str) else kind.__name__
    return _table(lang).LABELS[name][str(value)]


def labels(kind: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    return _table(lang).LABELS[kind]
