"""持续整改 from the ledger screen: an overdue problem being rectified is moved
to continuing rectification with the c key and a reason; it leaves the
overdue list, its light turns green and the list says 持续整改."""

from __future__ import annotations

import pytest
from support import settle, wait_for

from ledgerapp import build_ledger_office, ledger_app
from inspector.tui.dialogs.text_prompt import TextPrompt
from inspector.tui.screens.office_ledger import OfficeLedgerScreen


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    return build_ledger_office(tmp_path, monkeypatch=monkeypatch)


async def stepped(pilot, screen, problem_id: str, version: int) -> None:
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.loaded and any(
        e.problem_id == problem_id and e.version > version for e in screen.all_rows) and screen.table.rows is
        screen.shown)


async def test_an_overdue_problem_moved_to_continuing_is_no_longer_overdue(office):
    off, numbers = office
    pid = next(p for p, n in numbers.items() if "-WZ-" in n)  # the overdue one
    app = ledger_app(off)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficeLedgerScreen) and app.screen.loaded)
        screen = app.screen
        await pilot.press("tab", "o")  # overdue only
        await pilot.pause()
        assert [e.problem_id for e in screen.shown] == [pid]
        version = screen.table.current.version
        await pilot.press("c")  # only from 整改中: refused, said, nothing stored
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press(*"ab", "enter")
        await wait_for(pilot, lambda: app.screen is screen)
        await settle(pilot)
        assert off.rows("SELECT status FROM ledger WHERE problem_id = ?", pid) == [("pending",)]
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        await pilot.press("enter")
        await stepped(pilot, screen, pid, version)
        version = screen.table.current.version
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPrompt))
        app.screen.query_one("Input").value = "需跨年度实施"
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen is screen and screen.loaded and not screen.shown)
        await pilot.press("o")  # every entry again
        await pilot.pause()
        moved = next(e for e in screen.shown if e.problem_id == pid)
        assert (moved.status, moved.light, moved.days_overdue) == ("continuing", "green", 0)
        cells = [str(cell) for cell in screen.cells(moved)]
        assert cells[-2:] == ["持续整改", "-"] and cells[-4] == "长期整改"  # status; not overdue; the type
    assert off.rows("SELECT status, rectification FROM ledger WHERE problem_id = ?", pid) == [
        ("continuing", "ongoing")]
    assert off.rows("SELECT reason FROM audit_log WHERE action = 'ledger.continue'") == [("需跨年度实施",)]
