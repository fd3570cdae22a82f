"""The conflict screen (a problem's conflict, field by field) at the two
sizes office screens give us, on a fixed round with fixed times, one field
already taken from the inspector. Renew after a deliberate change:
pytest tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from support import settle, wait_for

from officeapp import CST, add_conflict, build_office, office_app

SIZES = [(100, 30), (80, 24)]


@pytest.fixture(params=["zh", "en"])
def app(request, tmp_path, monkeypatch):
    from inspector.tui.screens import office_record

    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(office_record, "ZONE", CST)
    office = build_office(tmp_path, monkeypatch=monkeypatch)
    add_conflict(office)
    return office_app(office, lang=request.param)


async def _conflict(pilot) -> None:
    from inspector.tui.screens.office_conflict import OfficeConflictScreen
    from inspector.tui.screens.office_queue import OfficeQueueScreen
    from inspector.tui.screens.office_record import OfficeRecordScreen

    app = pilot.app
    await settle(pilot)
    await pilot.press("end", "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeQueueScreen) and app.screen.loaded)
    for ch in "党群":
        await pilot.press(ch)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeRecordScreen) and app.screen.loaded)
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeConflictScreen) and app.screen.loaded)
    screen = app.screen
    while screen.highlighted().field != "severity":
        await pilot.press("down")
    await pilot.press("i")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_conflict(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_conflict)
