"""Pinyin initials of Chinese text, so a search for `gl` finds 瓜沥.

The table (one letter per CJK code point, U+3400..U+9FFF) is generated from
pypinyin's per-character readings and committed as inspector/initials.txt:
importing pypinyin at run time costs a third of a second, the table costs
nothing. Regenerate with `python -m inspector.pinyin` (needs pypinyin, a test
dependency); tests/unit/test_text.py fails when the two drift apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

FIRST = 0x3400
LAST = 0x9FFF
TABLE_FILE = Path(__file__).with_name("initials.txt")
NONE = "-"


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    letters = TABLE_FILE.read_text(encoding="ascii").strip()
    return {FIRST + offset: letter for offset, letter in enumerate(letters) if letter != NONE}


@lru_cache(maxsize=4096)  # district and city names repeat across thousands of projects
def initials(text: str) -> str:
    """'瓜沥七彩' -> 'glqc'. Characters without a reading are dropped; ASCII
    letters and digits are kept (lowercased), everything else is dropped."""
    # str.translate and re run in C: three times faster than a loop per character.
    return _NOT_ALNUM.sub("", text.lower().translate(_translation()))


def build_table() -> str:
    """The table as pypinyin reads it: first (most common) reading of each character."""
    from pypinyin.pinyin_dict import pinyin_dict

    letters = []
    for code in range(FIRST, LAST + 1):
        readings = pinyin_dict.get(code)
        letter = NONE
        if readings:
            first = unicodedata.normalize("NFD", readings.split(",", 1)[0])[0].lower()
            if first.isascii() and first.isalpha():
                letter = first
        letters.append(letter)
    return "".join(letters) + "\n"


if __name__ == "__main__":
    TABLE_FILE.write_text(build_table(), encoding="ascii", newline="\n")
    print(TABLE_FILE)
