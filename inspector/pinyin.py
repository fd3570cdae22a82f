"""Pinyin of Chinese text: initials for filter-as-you-type (`gl` finds 瓜沥) and
full syllables for sorting names as a Chinese reader expects (采荷 before 城东).

The table (the most common reading of every CJK code point U+3400..U+9FFF,
without tones) is generated from pypinyin and committed as
inspector/pinyin.txt: importing pypinyin at run time costs a third of a
second, the table almost nothing. Regenerate with `python -m inspector.pinyin`
(needs pypinyin, a test dependency); tests/unit/test_text.py fails when the two
drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

FIRST = 0x3400
LAST = 0x9FFF
TABLE_FILE = Path(__file__).with_name("pinyin.txt")
NONE = "-"

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _readings() -> list[str]:
    return TABLE_FILE.read_text(encoding="ascii").split()


@lru_cache(maxsize=1)
def _initials_table() -> dict[int, str]:
    return {FIRST + i: r[0] for i, r in enumerate(_readings()) if r != NONE}


@lru_cache(maxsize=1)
def _syllables_table() -> dict[int, str]:
    return {FIRST + i: f" {r} " for i, r in enumerate(_readings()) if r != NONE}


@lru_cache(maxsize=4096)  # district and city names repeat across thousands of projects
def initials(text: str) -> str:
    """'瓜沥七彩' -> 'glqc'. Characters without a reading are dropped; ASCII
    letters and digits are kept (lowercased), everything else is dropped."""
    # str.translate and re run in C: three times faster than a loop per character.
    return _NOT_ALNUM.sub("", text.lower().translate(_initials_table()))


def sort_key(text: str) -> str:
    """'采荷' -> 'cai he': syllables separated by a space, so names order by
    syllable as in a Chinese dictionary; other characters keep their place."""
    return " ".join(text.lower().translate(_syllables_table()).split())


def build_table() -> str:
    """The table as pypinyin reads it: the first (most common) reading of each character."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = []
    for code in range(FIRST, LAST + 1):
        entry = pinyin_dict.get(code)
        reading = NONE
        if entry:
            plain = "".join(
                c for c in unicodedata.normalize("NFD", entry.split(",", 1)[0]) if not unicodedata.combining(c)
            ).lower().replace("ü", "v")
            if plain.isascii() and plain.isalpha():
                reading = plain
        readings.append(reading)
    lines = [" ".join(readings[i:i + 64]) for i in range(0, len(readings), 64)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    TABLE_FILE.write_text(build_table(), encoding="ascii", newline="\n")
    print(TABLE_FILE)
