"""The office interface at the two sizes office screens give us: the round
dashboard, the review queue and a record in full, on a fixed round (fixed
data, fixed times, a fixed today). Renew after a deliberate change:
pytest tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from support import settle, wait_for

from officeapp import CST, build_office, office_app

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def app(tmp_path, monkeypatch):
    from inspector.tui.screens import office_record

    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(office_record, "ZONE", CST)
    return office_app(build_office(tmp_path, monkeypatch=monkeypatch))


async def _queue(pilot) -> None:
    from inspector.tui.screens.office_queue import OfficeQueueScreen

    await settle(pilot)
    await pilot.press("end", "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeQueueScreen) and pilot.app.screen.loaded)
    await pilot.press("tab", "down")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_dashboard(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_queue(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_queue)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_record(snap_compare, app, size):
    from inspector.tui.screens.office_record import OfficeRecordScreen

    async def run_before(pilot):
        await _queue(pilot)
        await pilot.press("down")  # 党群服务中心: the item, its answer, two photos
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeRecordScreen) and pilot.app.screen.loaded)
        await pilot.app.workers.wait_for_complete()  # the photo drawn
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_vocabularies(snap_compare, app, size):
    """The vocabularies the office owns, with a draft open: each change marked before it is published."""
    from inspector.office.db import open_office_db
    from inspector.office.vocabularies import store as V
    from inspector.tui.screens.office_vocabularies import OfficeVocabulariesScreen

    db = open_office_db(app.office_db)
    V.add(db, "problem_category", "safety_hazard", "安全隐患（飞线充电、消防通道堵塞）", "Safety hazard")
    V.retire(db, "problem_category", "other")
    db.close()

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeVocabulariesScreen) and pilot.app.screen.loaded)
        await pilot.press("tab")
        table = pilot.app.screen.query_one("#entries")
        table.move_cursor(row=table.row_count - 1)  # the entry added in the draft
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
