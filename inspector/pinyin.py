"""Pinyin initials of Chinese text, so a search for `gl` finds 瓜沥.

Per-character readings from pypinyin's table, memoised: whole-phrase conversion
is ten times slower and a search key does not need tone-perfect readings.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


@lru_cache(maxsize=20_000)
def _initial(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    readings = _table().get(ord(char))
    if not readings:
        return ""
    first = unicodedata.normalize("NFD", readings.split(",", 1)[0])[0]
    return first.lower() if first.isascii() else ""


def initials(text: str) -> str:
    """'瓜沥七彩' -> 'glqc'. Characters without a reading are skipped."""
    return "".join(_initial(c) for c in text)
