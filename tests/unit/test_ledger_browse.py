"""Looking through the ledger in memory: words typed (number, city, unit,
pinyin initials), status, city and overdue filters, and the sorts."""

from __future__ import annotations

from inspector.office.ledger.browse import LedgerFilter, search_words, sort
from inspector.office.ledger.entries import LedgerEntry


def entry(number, city, project, status="pending", overdue=0, light="green", unit=None, deadline="2026-12-31"):
    return LedgerEntry(number, number, "HZ-GL-001", project, city, "major", "大门紧锁", None, unit, None, "deadline",
                       deadline, status, overdue, light, "2026-11-29T02:00:00+00:00", "ceshi", None, None, None, 1)


ROWS = [entry("2026-2-HZ-010", "hangzhou", "瓜沥七彩未来社区", unit="瓜沥镇人民政府"),
        entry("2026-2-HZ-002", "hangzhou", "藕花洲未来社区", status="returned", light="red"),
        entry("2026-2-WZ-001", "wenzhou", "鹿城集新未来社区", overdue=3, light="red", deadline="2026-12-01")]


def words(rows):
    return {e.problem_id: search_words(e) for e in rows}


def test_typed_words_and_choosers():
    w = words(ROWS)
    assert [e.number for e in LedgerFilter(text="glz").apply(ROWS, w)] == ["2026-2-HZ-010"]  # the unit's initials
    assert [e.number for e in LedgerFilter(text="wenzhou").apply(ROWS, w)] == ["2026-2-WZ-001"]
    assert [e.number for e in LedgerFilter(text="温州 wz-001").apply(ROWS, w)] == ["2026-2-WZ-001"]
    assert [e.number for e in LedgerFilter(statuses=frozenset({"returned"})).apply(ROWS, w)] == ["2026-2-HZ-002"]
    assert [e.number for e in LedgerFilter(overdue=True).apply(ROWS, w)] == ["2026-2-WZ-001"]
    assert len(LedgerFilter(cities=frozenset({"hangzhou"})).apply(ROWS, w)) == 2


def test_sorts():
    assert [e.number for e in sort(ROWS)] == ["2026-2-HZ-002", "2026-2-HZ-010", "2026-2-WZ-001"]  # 2 before 10
    assert [e.number for e in sort(ROWS, "light")] == ["2026-2-WZ-001", "2026-2-HZ-002", "2026-2-HZ-010"]
    assert [e.number for e in sort(ROWS, "deadline", descending=True)][0] == "2026-2-HZ-002"
    assert [e.number for e in sort(ROWS, "overdue")][0] == "2026-2-WZ-001"
