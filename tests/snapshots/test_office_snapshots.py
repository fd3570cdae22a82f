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
