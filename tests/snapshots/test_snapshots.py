"""What key screens look like, at the two sizes inspectors' laptops give us.

Update after a deliberate change with: pytest tests/snapshots --snapshot-update
and look at the report before committing."""

from __future__ import annotations

import pytest

from support import settle, wait_for

SIZES = [(100, 30), (80, 24)]


async def _ready(pilot) -> None:
    app = pilot.app
    await settle(pilot)
    for widget in app.screen.query("Input"):
        widget.cursor_blink = False  # a blinking cursor makes screenshots flaky
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_project_list(snap_compare, fixture_db, app_for, size):
    assert snap_compare(app_for(fixture_db), terminal_size=size, run_before=_ready)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_project_list_filtered(snap_compare, fixture_db, app_for, size):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press(*"qz")
        await pilot.pause()

    assert snap_compare(app_for(fixture_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_project_detail(snap_compare, fixture_db, app_for, size):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press(*"gl", "enter")
        await settle(pilot)

    assert snap_compare(app_for(fixture_db), terminal_size=size, run_before=run_before)


def test_project_list_english(snap_compare, fixture_db, app_for):
    assert snap_compare(app_for(fixture_db, lang="en"), terminal_size=(100, 30), run_before=_ready)


@pytest.fixture
def visit_db(fixture_db):
    """The fixtures with a visit to 瓜沥七彩 started on a fixed day (the header shows it)."""
    from datetime import date

    from inspector.inspection import record
    from inspector.store import open_db

    db = open_db(fixture_db)
    record.start_visit(db, "HZ-XS-006", date(2026, 11, 27), ["张伟", "李娜"])
    db.close()
    return fixture_db


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist(snap_compare, visit_db, app_for, size):
    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press(*"gl", "enter")
        await settle(pilot)
        await pilot.press("v")  # resumes the visit in progress
        app = pilot.app
        # on a busy machine the list can take a while: wait for it, not for a fixed time
        await wait_for(pilot, lambda: getattr(app.screen, "current", None) is not None
                       and app.focused is not None and app.focused.id == "items", tries=1000)
        await pilot.press("p", "1")  # pass the first item, first option on the second
        app.flush()
        await settle(pilot)
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "items", tries=1000)
        await pilot.pause()

    app = app_for(visit_db)
    app.resume_checked = True  # reach the visit through the keys, not the start-up resume
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_export_dialog(snap_compare, fixture_db, app_for):
    """Ctrl+B on the project list: the folder (a stick, usually) and what goes out."""
    from textual.widgets import Input

    async def run_before(pilot):
        await _ready(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        folder = pilot.app.screen.query_one("#folder", Input)
        folder.value = "E:\\督导同步包"  # the default lies in a temporary folder here
        folder.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app_for(fixture_db), terminal_size=(80, 24), run_before=run_before)
