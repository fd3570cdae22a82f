"""The problem ledger screen at the two sizes office screens give us, on a
fixed round (three entries: red, yellow and green on a fixed today; fixed
confirmation times). Renew after a deliberate change:
pytest tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from support import settle, wait_for

from ledgerapp import build_ledger_office, ledger_app

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    office, _ = build_ledger_office(tmp_path, monkeypatch=monkeypatch)
    return ledger_app(office)


async def _ledger(pilot) -> None:
    from inspector.tui.screens.office_ledger import OfficeLedgerScreen

    await settle(pilot)
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeLedgerScreen) and pilot.app.screen.loaded)
    await pilot.press("tab", "down")  # on the list: the step keys in the footer, the second entry's line below
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_ledger(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_ledger)
