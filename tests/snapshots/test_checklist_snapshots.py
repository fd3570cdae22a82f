"""The checklist editor at the two sizes office screens give us, CJK text
included. Renew after a deliberate change: pytest tests/snapshots --snapshot-update"""

from __future__ import annotations

import pytest

from support import settle, wait_for

from inspector.checklists import versions
from inspector.models import ChecklistTemplate
from inspector.office.db import open_office_db
from inspector.settings import Settings
from inspector.tui.factory import make_app

from conftest import FIXTURES

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def editor_app(tmp_path):
    path = tmp_path / "office.db"
    db = open_office_db(path)
    template = ChecklistTemplate.model_validate_json(
        (FIXTURES / "templates" / "problem-checklist.v1.json").read_text(encoding="utf-8"))
    versions.import_draft(db, template, by="ceshi")
    versions.publish(db, "zj-problem", "首版", by="ceshi")
    db.close()
    return make_app(Settings(db_path=tmp_path / "laptop.db", lang="zh", data_dir=tmp_path), start="checklists",
                    office_db=path, office_user="ceshi")


async def _editing(pilot) -> None:
    from inspector.tui.screens.checklist_editor import ChecklistEditorScreen

    app = pilot.app
    await settle(pilot)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ChecklistEditorScreen) and app.screen.loaded)
    await pilot.press("down")  # party.mechanism: a single choice, its options in the form
    await wait_for(pilot, lambda: app.screen.target == ("i", 0, 1))
    await pilot.press("a")  # a blank item: marked, and the form says what is missing
    await pilot.pause()
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    # back to the outline as a click would go (Esc would take the untouched item back)
    app.screen.query_one("#outline").focus()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist_editor(snap_compare, editor_app, size):
    assert snap_compare(editor_app, terminal_size=size, run_before=_editing)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_checklist_options(snap_compare, editor_app, size):
    async def run_before(pilot):
        await _editing(pilot)
        await pilot.press("up")
        await wait_for(pilot, lambda: pilot.app.screen.target == ("i", 0, 1))
        form = pilot.app.screen.query_one("#editor-form")
        form.scroll_to_widget(pilot.app.screen.query_one("#options"), animate=False, top=True)
        await pilot.pause()

    assert snap_compare(editor_app, terminal_size=size, run_before=run_before)
