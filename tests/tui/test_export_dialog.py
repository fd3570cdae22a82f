"""Exporting a bundle from the project list (Ctrl+B: the bundle)."""

from __future__ import annotations

import zipfile

from laptop import recorded_laptop
from support import settle, wait_for
from textual.widgets import Button, Input, Static

from inspector.tui.dialogs.export import ExportDialog


async def test_export_from_the_project_list(tmp_path, app_for):
    made = recorded_laptop(tmp_path / "laptop")
    usb = tmp_path / "usb"
    app = app_for(made.db_path)
    app.resume_checked = True  # stay on the list rather than resume the unfinished visit
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        context = app.screen.query_one("#context", Static)
        assert "8 条记录未经办公室确认" in str(context.render())  # visit, 2 answers, 2 problems, verdict, 2 photos
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        assert dialog.query_one("#folder", Input).value == str(made.root / "bundles")
        dialog.query_one("#folder", Input).value = str(usb)
        await pilot.press("enter")
        await wait_for(pilot, lambda: dialog.written is not None)
        shown = str(dialog.query_one("#export-result", Static).render())
        assert "第 1 号同步包" in shown and "2 张照片" in shown
        # after success one button is left, 关闭, and it has the focus: 取消 would cancel nothing
        buttons = [b for b in dialog.query(Button) if b.display]
        assert [str(b.label) for b in buttons] == ["关闭"]
        assert app.focused is buttons[0]
        footer = {b.key: b.description for (_, b, *_) in app.active_bindings.values() if b.show}
        assert footer.get("escape") == "关闭" and "ctrl+s" not in footer
        bundle = usb / "bundle-zhangwei-0001.zip"
        with zipfile.ZipFile(bundle) as archive:
            assert "manifest.json" in archive.namelist()
        await pilot.press("enter")  # OK now closes
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#folder", Input).value = str(usb)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not app.screen.running and "2" in str(
            app.screen.query_one("#export-result", Static).render()))
        assert (usb / "bundle-zhangwei-0002.zip").is_file()  # unacknowledged: sent again


async def test_export_without_an_identity_says_what_to_do(tmp_path, app_for):
    made = recorded_laptop(tmp_path / "laptop")
    (made.root / "identity" / "identity.json").unlink()
    app = app_for(made.db_path)
    app.resume_checked = True  # stay on the list rather than resume the unfinished visit
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        await pilot.press("enter")
        await wait_for(pilot, lambda: not dialog.running and "identity init" in str(
            dialog.query_one("#export-result", Static).render()))
        assert dialog.written is None
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        assert not (made.root / "bundles").exists() or not list((made.root / "bundles").iterdir())


async def test_an_unexpected_failure_is_said_and_the_dialog_closes(tmp_path, app_for, monkeypatch):
    import sqlite3

    import inspector.bundle.writing as writing

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(writing, "export_bundle", locked)
    made = recorded_laptop(tmp_path / "laptop")
    app = app_for(made.db_path)
    app.resume_checked = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        await pilot.press("enter")
        await wait_for(pilot, lambda: not dialog.running)
        assert "数据库正被另一个程序使用" in str(dialog.query_one("#export-result", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))


async def test_the_everything_box_shows_its_tick_and_the_result_says_what_was_chosen(tmp_path, app_for):
    from support import widget_text

    from inspector.tui.widgets.evidence import TickBox

    made = recorded_laptop(tmp_path / "laptop")
    usb = tmp_path / "usb"
    app = app_for(made.db_path)
    app.resume_checked = True
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        box = dialog.query_one("#full")
        assert isinstance(box, TickBox)  # drawn [X] or [ ], not told apart by colour alone
        assert "▐ ▌" in widget_text(box)
        dialog.query_one("#folder", Input).value = str(usb)
        await pilot.press("enter")  # unticked: what the office has not acknowledged (here: all of it so far)
        await wait_for(pilot, lambda: dialog.written is not None)
        shown = str(dialog.query_one("#export-result", Static).render())
        assert "尚未确认的记录" in shown and "（全部记录" not in shown, shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExportDialog))
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        dialog.query_one("#folder", Input).value = str(usb)
        dialog.query_one("#full").value = True
        await pilot.pause()
        assert "▐X▌" in widget_text(dialog.query_one("#full"))
        dialog.action_submit()
        await wait_for(pilot, lambda: dialog.written is not None)
        shown = str(dialog.query_one("#export-result", Static).render())
        assert "全部记录，含已确认的" in shown, shown
