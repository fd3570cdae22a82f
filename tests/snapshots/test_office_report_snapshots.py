"""The report dialog (p on the office dashboard) at the two sizes office
screens give us, on the office demo's round, with a fixed home folder so the
default folder reads the same everywhere. Renew after a deliberate change:
pytest tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from reportdata import TODAY, demo_office  # noqa: F401 - demo_office is a fixture
from support import settle, wait_for

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def app(demo_office, monkeypatch):
    from inspector.settings import Settings
    from inspector.tui.factory import make_app

    monkeypatch.setenv("HOME", "/home/liming")  # no Documents there: the home folder itself
    monkeypatch.setenv("USERPROFILE", "/home/liming")
    return make_app(Settings(db_path=demo_office.folder / "laptop.db", lang="zh", data_dir=demo_office.folder / "data"),
                    start="office", office_db=demo_office.db_path, office_user=demo_office.user, today=TODAY)


async def _dialog(pilot) -> None:
    from inspector.tui.screens.office_report import OfficeReportDialog

    await settle(pilot)
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, OfficeReportDialog))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_office_report_dialog(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_dialog)
