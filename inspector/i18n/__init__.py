"""Every string a person sees, one table per language (zh by default, en as a switch).

`t("key", lang, **fields)` formats a message; `label(City, "ningbo", lang)` names a
vocabulary code (models keep codes as plain strings). A key missing from a table is a bug: tests check both tables
hold the same keys.
"""

from __future__ import annotations

import importlib
import pkgutil
from enum import Enum
from types import SimpleNamespace

from . import areas, en, zh

DEFAULT_LANG = "zh"
# Called with (key, lang, fields, output) on every t() (and with key = (kind,
# code) on every label()): the test suite listens here to check that each
# message reached its user in their language. Empty in use; one truth test.
observers: list = []


def _merged() -> dict[str, SimpleNamespace]:
    """zh.py and en.py, plus every area module's words (i18n/areas)."""
    tables = {lang: SimpleNamespace(MESSAGES=dict(module.MESSAGES),
                                    LABELS={kind: dict(words) for kind, words in module.LABELS.items()})
              for lang, module in (("zh", zh), ("en", en))}
    for info in sorted(pkgutil.iter_modules(areas.__path__), key=lambda info: info.name):
        area = importlib.import_module(f"{areas.__name__}.{info.name}")
        for lang, table in tables.items():
            for key, text in getattr(area, "MESSAGES", {}).get(lang, {}).items():
                if key in table.MESSAGES:
                    raise KeyError(f"i18n key {key!r} of areas/{info.name} is defined twice")
                table.MESSAGES[key] = text
            for kind, words in getattr(area, "LABELS", {}).get(lang, {}).items():
                table.LABELS.setdefault(kind, {}).update(words)
    return tables


LANGS = _merged()


def _table(lang: str):
    return LANGS.get(lang, LANGS[DEFAULT_LANG])


def t(key: str, lang: str = DEFAULT_LANG, /, **fields: object) -> str:
    text = _table(lang).MESSAGES[key]
    output = text.format(**fields) if fields else text
    if observers:
        for observer in observers:
            observer(key, lang, fields, output)
    return output


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    """Whether the table holds `key` (for codes stored by a newer version)."""
    return key in _table(lang).MESSAGES


def label(kind: type[Enum] | str, value: str | None, lang: str = DEFAULT_LANG) -> str:
    """The word for a vocabulary code: label(City, "ningbo") -> "宁波"."""
    if value is None:
        return ""
    name = kind if isinstance(kind, str) else kind.__name__
    from inspector.vocabularies import KIND_OF_TABLE

    if name in KIND_OF_TABLE:  # a vocabulary the office owns: its names, never a KeyError
        from inspector.vocabularies import name as vocabulary_name

        output = vocabulary_name(KIND_OF_TABLE[name], str(value), lang)
    else:
        output = _table(lang).LABELS[name][str(value)]
    if observers:
        for observer in observers:
            observer((name, str(value)), lang, {}, output)
    return output


def labels(kind: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    from inspector.vocabularies import KIND_OF_TABLE

    if kind in KIND_OF_TABLE:  # every code known, named as the office names it (forms offer vocabularies.choices)
        from inspector.vocabularies import names

        words = names(KIND_OF_TABLE[kind], lang)
    else:
        words = _table(lang).LABELS[kind]
    if observers:
        for code, word in words.items():
            for observer in observers:
                observer((kind, code), lang, {}, word)
    return words
