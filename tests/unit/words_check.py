"""Is a message in the right script? For the message tests of issue 13: an
English message holds no Chinese outside the user's values, a Chinese one no
run of English words."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,})+")


def without(text: str, values) -> str:
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(str(value), " ")
    return text


def assert_english(text: str, *values) -> None:
    assert not CJK.search(without(text, values)), text


def assert_chinese(text: str, *values) -> None:
    rest = without(text, values)
    assert CJK.search(rest), text
    assert not ENGLISH_RUN.search(rest), (ENGLISH_RUN.search(rest).group(), text)
