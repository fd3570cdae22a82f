"""Exporting from the interface on a laptop an older version let hold two
inspectors' work (issue 10, item 1): the bundle carries the identity's own
records, and the dialog names what stays on the laptop."""

from __future__ import annotations

from pathlib import Path

from laptop import mixed_laptop
from support import settle, wait_for
from textual.widgets import Input, Static

from inspector.tui.dialogs.export import ExportDialog


async def _export(app, pilot, usb: Path) -> str:
    await pilot.press("ctrl+b")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
    dialog = app.screen
    dialog.query_one("#folder", Input).value = str(usb)
    await pilot.press("enter")
    await wait_for(pilot, lambda: not dialog.running and str(dialog.query_one("#export-result", Static).render())
                   != dialog.t("export.progress"))
    return str(dialog.query_one("#export-result", Static).render())


async def test_the_dialog_names_the_records_that_stay(tmp_path, app_for):
    made = mixed_laptop(tmp_path / "laptop")
    usb = tmp_path / "usb"
    app = app_for(made.db_path)
    app.resume_checked = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = await _export(app, pilot, usb)
        assert "第 1 号同步包" in shown and "2 条以督导员 lina 名义的记录" in shown
        assert (usb / "bundle-zhangwei-0001.zip").is_file()


async def test_the_other_inspectors_visit_refuses_changes_in_one_line(tmp_path, app_for):
    import hashlib

    from inspector.store import open_db
    from inspector.store.ownership import record_inspector
    from inspector.tui.dialogs.start_visit import VisitHeaderDialog
    from inspector.tui.screens.visit import VisitScreen

    made = mixed_laptop(tmp_path / "laptop")
    db = open_db(made.db_path)
    record_inspector(db.conn, "zhangwei")  # as `inspector tui` does with zhangwei's identity
    (visit_id,) = db.conn.execute("SELECT id FROM visits WHERE author = 'lina'").fetchone()
    db.close()
    before = hashlib.sha256(made.db_path.read_bytes()).hexdigest()
    app = app_for(made.db_path)
    app.resume_checked = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(VisitScreen(visit_id, "zh"))
        await wait_for(pilot, lambda: isinstance(app.screen, VisitScreen) and app.screen.loaded)
        screen = app.screen
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, VisitHeaderDialog) and app.screen.shown_at)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen)
        app.flush()
        await wait_for(pilot, lambda: any("lina" in n.message for n in app._notifications))
        said = [n.message for n in app._notifications if "lina" in n.message]
        assert len(said) == 1 and "\n" not in said[0] and "zhangwei" in said[0]
        assert "Traceback" not in said[0] and "Error" not in said[0]
    assert hashlib.sha256(made.db_path.read_bytes()).hexdigest() == before
