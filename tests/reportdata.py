"""Shared by the report tests: the office demo's two rounds, really ingested
from bundles (office/demo.py), read into RoundReports.

The demo office is built once per test module (about a second) into a
folder of its own; tests that write reports write outside it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from inspector.office import demo
from inspector.office.db import open_office_db
from inspector.office.reports.gather import gather
from inspector.office.reports.rows import RoundReport
from inspector.office.reports.scope import ReportScope

TODAY = date(2026, 12, 4)
NOW = datetime(2026, 12, 4, 10, 30, tzinfo=timezone(timedelta(hours=8)))
ROUND = "R2026-2"  # the round under way: problems confirmed, a ledger with replies, innovations graded
EARLIER = "R2026-1"  # its problems are the earlier round's ledger in R2026-2's report


def build_demo(folder: Path) -> demo.OfficeDemo:
    return demo.build(folder, today=TODAY)


@pytest.fixture(scope="module")
def demo_office(tmp_path_factory) -> demo.OfficeDemo:
    return build_demo(tmp_path_factory.mktemp("report-office"))


def scope(round_id: str = ROUND, **given) -> ReportScope:
    given.setdefault("today", TODAY)
    given.setdefault("user", "liming")
    return ReportScope(round_id, **given)


def report_of(office: demo.OfficeDemo, round_id: str = ROUND, **given) -> RoundReport:
    db = open_office_db(office.db_path)
    try:
        return gather(db, scope(round_id, **given), now=NOW)
    finally:
        db.close()
