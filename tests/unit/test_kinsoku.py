"""Kinsoku: real checklist text wrapped at many widths never puts a closing
mark at a line's start nor an opening mark at its end."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from conftest import FIXTURES
from inspector.text.kinsoku import NO_END, NO_START, break_offsets, wrap

# The marks a Chinese reader would flag (the issue's list and clreq's).
CLOSING = set("，。、；：？！）」』】》〉…")
OPENING = set("（「『【《〈“‘")


def checklist_texts() -> list[str]:
    """Every prompt, guidance and option label of the fixture checklists, zh and en."""
    texts = []
    for path in sorted((FIXTURES / "templates").glob("*.json")):
        template = json.loads(path.read_text(encoding="utf-8"))
        for section in template["sections"]:
            for item in section["items"]:
                texts += [item.get(k) or "" for k in ("prompt", "prompt_en", "guidance", "guidance_en")]
                for option in item["answer"].get("options", []):
                    texts += [option.get("label") or "", option.get("label_en") or ""]
    return [text for text in texts if text]


TEXTS = checklist_texts()


def assert_laid_out(lines: list[str], width: int, text: str) -> None:
    for number, line in enumerate(lines):
        shown = line.rstrip()
        assert cell_len(shown) <= width, (width, shown)
        if number:
            assert shown[:1] not in CLOSING, f"line starts with {shown[:1]!r} at width {width}: {lines}"
        if number < len(lines) - 1:
            assert shown[-1:] not in OPENING, f"line ends with {shown[-1:]!r} at width {width}: {lines}"


def test_the_fixtures_give_real_chinese_to_wrap():
    assert len(TEXTS) > 400
    assert sum("，" in text for text in TEXTS) > 80  # would fail if the fixtures went missing


@pytest.mark.parametrize("width", range(20, 81, 3))
def test_real_checklist_text_obeys_kinsoku_at_every_width(width):
    for text in TEXTS:
        lines = wrap(text, width)
        assert "".join(lines) == text
        assert_laid_out(lines, width, text)


def test_a_closing_mark_carries_the_character_before_it_down():
    # 16 cells fill with "开放", then "，" cannot start the next line: "放" goes down with it
    lines = wrap("社区党群服务中心是否已建成并正常开放，开放时间是否公示", 18)
    assert lines == ["社区党群服务中心是", "否已建成并正常开", "放，开放时间是否公", "示"]


def test_an_opening_mark_goes_down_to_the_line_it_opens():
    lines = wrap("核对资金来源（财政补贴", 14)
    assert lines == ["核对资金来源", "（财政补贴"]


def test_numbers_and_latin_words_stay_whole():
    assert wrap("5、10、30分钟出行圈", 7) == ["5、10、", "30分钟", "出行圈"]
    assert wrap("主要依赖财政补贴（70%以上）", 20) == ["主要依赖财政补贴", "（70%以上）"]
    assert wrap("按GB/T 9704排版", 8) == ["按GB/T ", "9704排版"]


def test_dashes_and_ellipses_are_never_split():
    assert wrap("甲乙丙——丁", 7) == ["甲乙丙", "——丁"]  # a dash may start a line, whole
    assert wrap("甲乙丙……丁", 7) == ["甲乙", "丙……丁"]


def test_english_breaks_where_rich_does():
    from rich._wrap import divide_line

    for text in [t for t in TEXTS if t.isascii()][:80]:
        for width in (20, 33, 61):
            assert break_offsets(text, width) == divide_line(text, width), (text, width)


def test_what_cannot_fit_is_folded_without_passing_the_width():
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("，，，，，，", 4) == ["，，", "，，", "，，"]  # nothing lawful: fold anyway
    assert wrap("中", 1) == ["中"]  # wider than the line: alone, never lost


def test_the_marks_tables_cover_the_issue():
    assert CLOSING <= NO_START
    assert OPENING <= NO_END
