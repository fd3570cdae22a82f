"""The round's report from the office dashboard (p): the dialog opens on the
dashboard's round with every city ticked, makes the report with a progress
bar that reaches the end and lists what it wrote; Esc while it runs stops it
and leaves nothing; a folder that holds files is refused in one line. The
formats are stand-ins (tests/report_writers.py)."""

from __future__ import annotations

import threading

import pytest
import report_writers
from reportdata import NOW, ROUND, TODAY, demo_office  # noqa: F401 - demo_office is a fixture
from support import settle, wait_for
from textual.widgets import Button, Input, ProgressBar, Static

from inspector.tui.screens.office_report import OfficeReportDialog, default_folder


def report_app(office, lang: str = "zh"):
    from inspector.settings import Settings
    from inspector.tui.factory import make_app

    return make_app(Settings(db_path=office.folder / "laptop.db", lang=lang, data_dir=office.folder / "data"),
                    start="office", office_db=office.db_path, office_user=office.user, today=TODAY)


@pytest.fixture
def home(tmp_path, monkeypatch):
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    return tmp_path / "home"


async def open_dialog(pilot) -> OfficeReportDialog:
    app = pilot.app
    await settle(pilot)
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(app.screen, OfficeReportDialog))
    await pilot.pause()
    return app.screen


def shown(dialog) -> str:
    return str(dialog.query_one("#report-result", Static).render())


async def test_the_report_from_the_dashboard(demo_office, home, monkeypatch):
    report_writers.use(monkeypatch)
    app = report_app(demo_office)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_dialog(pilot)
        assert dialog.round_id == ROUND
        assert dialog.cities == ["hangzhou", "ningbo", "quzhou"]
        folder = dialog.query_one("#folder", Input)
        assert folder.value == str(home / "Documents" / "督导报告-R2026-2")
        await pilot.press("enter")
        await wait_for(pilot, lambda: dialog.written is not None, tries=3000)
        bar = dialog.query_one("#report-progress", ProgressBar)
        assert bar.total and bar.progress == bar.total  # the bar reached its end
        text = shown(dialog)
        assert text.startswith(f"报告已写入 {home / 'Documents' / '督导报告-R2026-2'}（24 个文件）")
        assert "csv/问题清单.txt" in text and "问题 2 条，创新做法 2 条，照片 5 张" in text
        out = home / "Documents" / "督导报告-R2026-2"
        assert sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) == sorted(dialog.files)
        assert [str(b.label) for b in dialog.query(Button) if b.display] == ["关闭"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, OfficeReportDialog))
        # and the next report's default is a new folder, never the one just written
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#folder", Input).value == str(home / "Documents" / "督导报告-R2026-2 (2)")


async def test_one_city_and_one_format(demo_office, home, monkeypatch):
    from inspector.office.reports import run

    report_writers.use(monkeypatch)
    asked = []
    real = run.make_report
    monkeypatch.setattr(run, "make_report", lambda db, scope, out, **kw: asked.append(scope) or real(
        db, scope, out, **kw))
    app = report_app(demo_office, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_dialog(pilot)
        assert dialog.query_one("#folder", Input).value == str(home / "Documents" / "report-R2026-2")
        for box in ("#city-ningbo", "#city-quzhou", "#format-html", "#format-xlsx", "#format-docx"):
            dialog.query_one(box).value = False
        dialog.query_one("#gps").value = True
        dialog.query_one("#tag").value = "dimension:scenario_response"
        dialog.query_one("#folder", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: dialog.written is not None, tries=3000)
        assert asked[0].cities == {"hangzhou"} and asked[0].formats == ("csv",) and asked[0].with_gps
        assert asked[0].user == demo_office.user and asked[0].lang == "en" and asked[0].today == TODAY
        assert asked[0].tags == {"dimension:scenario_response"}
        assert "report written to" in shown(dialog) and "(3 files)" in shown(dialog)
        # Hangzhou alone, cut to scenario response: its innovation serves distinctive highlights
        assert "problems: 2, innovations: 0, photos: 2; left out (rejected, duplicates): 0" in shown(dialog)


async def test_esc_while_it_runs_leaves_nothing(demo_office, home, monkeypatch):
    report_writers.use(monkeypatch, "slow")
    monkeypatch.setattr(report_writers, "SLOW", 0.05)
    app = report_app(demo_office)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any((home / "Documents").glob(".督导报告-R2026-2.incoming-*")), tries=3000)
        footer = {b.key: b.description for (_, b, *_) in app.active_bindings.values() if b.show}
        assert footer.get("escape") == "取消生成"  # Esc now stops the report, and says so
        await pilot.press("escape")
        await wait_for(pilot, lambda: not dialog.running, tries=3000)
        assert isinstance(app.screen, OfficeReportDialog)  # still open: it says what happened
        assert str(dialog.query_one("#dialog-error").render()) == "已取消，报告未生成，什么也没有留下"
        assert list((home / "Documents").iterdir()) == []
        await pilot.press("escape")  # idle now: Esc closes
        await wait_for(pilot, lambda: not isinstance(app.screen, OfficeReportDialog))


async def test_a_refusal_is_one_line_in_the_dialog(demo_office, home, monkeypatch):
    report_writers.use(monkeypatch)
    full = home / "Documents" / "督导报告-R2026-2"
    app = report_app(demo_office)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_dialog(pilot)
        full.mkdir()
        (full / "上周的报告.docx").write_bytes(b"keep")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not dialog.running and str(dialog.query_one("#dialog-error").render()))
        said = str(dialog.query_one("#dialog-error").render())
        assert "已有文件" in said and "\n" not in said
        assert [p.name for p in full.iterdir()] == ["上周的报告.docx"]
        assert dialog.written is None
        for box in ("#format-html", "#format-xlsx", "#format-docx", "#format-csv"):
            dialog.query_one(box).value = False
        await pilot.press("enter")
        await pilot.pause()
        assert str(dialog.query_one("#dialog-error").render()) == "请至少选择一种格式"


async def test_the_help_lists_the_report_key(demo_office, home):
    from inspector.tui.dialogs.keys import KeysDialog

    app = report_app(demo_office)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysDialog))
        await pilot.pause()
        from support import widget_text

        assert any("报告" in widget_text(w) and "p" in widget_text(w) for w in app.screen.query("*"))


def test_the_default_folder_is_documents_or_home(tmp_path):
    assert default_folder("R2026-2", "zh", tmp_path) == tmp_path / "督导报告-R2026-2"
    (tmp_path / "Documents").mkdir()
    assert default_folder("R2026-2", "en", tmp_path) == tmp_path / "Documents" / "report-R2026-2"
    (tmp_path / "Documents" / "report-R2026-2").mkdir()  # empty: still fine
    assert default_folder("R2026-2", "en", tmp_path) == tmp_path / "Documents" / "report-R2026-2"
