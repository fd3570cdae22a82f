"""Vocabulary codes from the words people type in an office's spreadsheet:
the code itself (hangzhou), its Chinese name (杭州) or its English one
(Hangzhou), whatever the case, spaces or full-width characters. The names
are the labels the interface shows (i18n LABELS), so what a user reads on
screen is what they may write.

A few short forms offices use are accepted too: 杭州市 for 杭州, 整合提升 for
整合提升类, 健康 for 未来健康, 引领 for 引领型.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from inspector.i18n import LANGS

# Endings and beginnings a name may be written without (vocabulary -> affixes).
SUFFIXES = {"City": ("市",), "CreationType": ("类",), "Orientation": ("型",)}
PREFIXES = {"Scenario": ("未来",)}

# The `rural` column is a yes/no; these words say which.
RURAL_WORDS = {
    "true": True, "false": False, "yes": True, "no": False, "1": True, "0": False,
    "是": True, "否": False, "乡村": True, "农村": True, "城市": False, "城镇": False, "城区": False,
    "rural": True, "urban": False,
}


def normal(text: str) -> str:
    """What two spellings of one word have in common: NFKC (full-width to
    half-width), case folded, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=None)
def _names(vocabulary: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for code in LANGS["zh"].LABELS[vocabulary]:
        out[normal(code)] = code
    for table in LANGS.values():
        for code, name in table.LABELS[vocabulary].items():
            key = normal(name)
            out.setdefault(key, code)
            for suffix in SUFFIXES.get(vocabulary, ()):
                if key.endswith(suffix) and len(key) > len(suffix):
                    out.setdefault(key[: -len(suffix)], code)
                else:
                    out.setdefault(key + suffix, code)
            for prefix in PREFIXES.get(vocabulary, ()):
                if key.startswith(prefix) and len(key) > len(prefix):
                    out.setdefault(key[len(prefix):], code)
    return out


def vocabulary_code(vocabulary: str, text: str) -> str | None:
    """The code `text` names in `vocabulary` (a LABELS table name such as
    "City"), or None when it names none."""
    return _names(vocabulary).get(normal(text))


def rural_value(text: str) -> bool | None:
    return RURAL_WORDS.get(normal(text))


def choices(vocabulary: str, lang: str = "zh") -> str:
    """`code (名称)` for every code, for a refusal to list what is accepted."""
    return ", ".join(f"{code} ({name})" for code, name in LANGS[lang].LABELS[vocabulary].items())
