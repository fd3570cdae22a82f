"""Every string a person sees, one table per language (zh by default, en as a switch).

`t("key", lang, **fields)` formats a message; `label(enum_member, lang)` names a
vocabulary code. A key missing from a table is a bug: tests check both tables
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


def label(member: Enum | None, lang: str = DEFAULT_LANG) -> str:
    if member is None:
        return ""
    kind = type(member).__name__
    return _table(lang).LABELS[kind][member.value]


def labels(kind: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    return _table(lang).LABELS[kind]
