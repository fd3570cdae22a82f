"""The round's report from the office interface (p on the dashboard): round,
cities, formats, notices per city or unit, GPS, the folder; then a progress
bar while office/reports/run.make_report writes in a worker thread. Esc
while it runs stops it and nothing is left behind; at the end the dialog
says what it wrote. The dialog only chooses: the core reads the database."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Container, HorizontalGroup
from textual.message import Message
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from inspector.i18n import has, labels
from inspector.office.reports.scope import FORMATS

from ..dialogs.base import Dialog, field
from ..widgets.evidence import TickBox


def default_folder(round_id: str, lang: str, home: Path | None = None) -> Path:
    """Documents (or the home folder) / 督导报告-R2026-2; the first of
    `… (2)`, `… (3)` that is new or empty, so the default is never refused
    for holding last week's report."""
    from inspector.i18n import t

    home = home or Path.home()
    base = home / "Documents" if (home / "Documents").is_dir() else home
    name = t("report_tui.folder_name", lang, round=round_id)
    for n in range(1, 100):
        folder = base / (name if n == 1 else f"{name} ({n})")
        if not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
            return folder
    return base / name  # pragma: no cover - a hundred reports of one round: let the refusal say so


class Ticks(Container):
    """Boxes in a grid, so eleven cities fit in three lines at 80x24."""

    DEFAULT_CSS = """
    Ticks { layout: grid; grid-size: 4; grid-rows: 1; grid-gutter: 0 1; height: auto; width: 1fr; }
    Ticks.-two { grid-size: 2; }
    Ticks TickBox { width: 100%; }
    """


class OfficeReportDialog(Dialog[Path]):
    SUBMIT_KEY = "key.report_start"

    class Progress(Message):
        def __init__(self, phase: str, done: int, total: int) -> None:
            super().__init__()
            self.phase, self.done, self.total = phase, done, total

    class Finished(Message):
        def __init__(self, folder: Path | None, text: str) -> None:
            super().__init__()
            self.folder, self.text = folder, text

    def __init__(self, lang: str, round_id: str, rounds: list[str], cities: list[str], *,
                 home: Path | None = None) -> None:
        super().__init__(lang)
        self.round_id = round_id
        self.rounds = rounds or [round_id]
        self.cities = cities
        self.home = home
        self.running = False
        self.cancel = threading.Event()
        self.written: Path | None = None
        self.files: list[Path] = []

    def title_text(self) -> str:
        return self.t("report_tui.title")

    def body(self) -> ComposeResult:
        t = self.t
        yield field(t("report_tui.round"), Select([(r, r) for r in self.rounds], value=self.round_id,
                                                  allow_blank=False, id="round", compact=True))
        names = labels("City", self.lang)
        with HorizontalGroup(classes="field"):
            yield Label(t("report_tui.cities"), classes="field-label", markup=False)
            with Ticks(id="cities"):
                for city in self.cities:
                    yield TickBox(names.get(city, city), True, id=f"city-{city}", compact=True)
        with HorizontalGroup(classes="field"):
            yield Label(t("report_tui.formats"), classes="field-label", markup=False)
            with Ticks(id="formats", classes="-two"):
                for fmt in FORMATS:
                    yield TickBox(t(f"report_tui.format.{fmt}"), True, id=f"format-{fmt}", compact=True)
        yield field(t("tags.report_field"), Select(self.tag_choices(), prompt=t("tags.report_all"), id="tag",
                                                   compact=True))
        yield field(t("report_tui.by"), Select([(t(f"report_tui.by.{by}"), by) for by in ("city", "unit")],
                                               value="city", allow_blank=False, id="by", compact=True))
        with HorizontalGroup(classes="field"):
            yield Label("", classes="field-label")
            yield TickBox(t("report_tui.gps"), False, id="gps", compact=True)
        folder = default_folder(self.round_id, self.lang, self.home)
        yield field(t("report_tui.folder"), Input(str(folder), id="folder", compact=True, select_on_focus=False))
        yield ProgressBar(id="report-progress", show_eta=False)
        yield Static("", id="report-result", markup=False)

    def on_mount(self) -> None:
        self.query_one("#report-progress", ProgressBar).display = False
        self.query_one("#ok", Button).label = self.t("report_tui.start")
        self.query_one("#folder", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another round: the folder's default name follows it (unless typed over)."""
        if event.select.id == "round" and event.value != self.round_id:
            folder = self.query_one("#folder", Input)
            if folder.value == str(default_folder(self.round_id, self.lang, self.home)):
                folder.value = str(default_folder(str(event.value), self.lang, self.home))
            self.round_id = str(event.value)

    # -- the choice -----------------------------------------------------------------------

    def tag_choices(self) -> list[tuple[str, str]]:
        """Every tag as `验收维度：运营可持续性`, dimensions first: a report cut by one of them."""
        from inspector.models.tags import codes, kind_name, tag_name

        sep = self.t("tags.kind_sep")
        return [(f"{kind_name(kind, self.lang)}{sep}{tag_name(f'{kind}:{code}', self.lang)}", f"{kind}:{code}")
                for kind in ("dimension", "sanhua", "indicator") for code in codes(kind)]

    def chosen(self, prefix: str, codes) -> list[str]:
        return [code for code in codes if self.query_one(f"#{prefix}-{code}", TickBox).value]

    def scope(self):
        """The report asked for, or None (said in the dialog) when it asks for nothing."""
        from inspector.office.reports.scope import ReportScope

        cities = self.chosen("city", self.cities)
        formats = self.chosen("format", FORMATS)
        if self.cities and not cities:
            self.refuse(self.t("report_tui.no_city"))
            return None
        if not formats:
            self.refuse(self.t("report_tui.no_format"))
            return None
        every = len(cities) == len(self.cities)  # all ticked: the whole province, as the report says it
        tag = self.query_one("#tag", Select).value
        return ReportScope(self.round_id, cities=frozenset() if every else frozenset(cities),
                           tags=frozenset() if tag is Select.NULL else frozenset({str(tag)}),
                           formats=tuple(formats), with_gps=self.query_one("#gps", TickBox).value,
                           notices_by=str(self.query_one("#by", Select).value), lang=self.lang,
                           today=self.app.office_today(), user=self.app.office_user or "")

    def collect(self) -> Path | None:
        if self.running:
            return None
        if self.written is not None:
            return self.written  # after the report, OK closes
        folder = self.query_one("#folder", Input).value.strip()
        if not folder:
            self.refuse_at(self.query_one("#folder", Input), self.t("dialog.required"))
            return None
        scope = self.scope()
        if scope is None:
            return None
        self.running = True
        self.cancel.clear()
        bar = self.query_one("#report-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.query_one("#report-result", Static).update(self.t("report_tui.running"))
        self.esc_says("key.report_stop")
        self.make(scope, Path(folder).expanduser())
        return None

    def esc_says(self, key: str) -> None:
        """What Esc does now, in the footer: stop the report, cancel the dialog, or close it."""
        table = self._bindings.key_to_bindings
        table["escape"] = [replace(b, description=self.t(key)) for b in table.get("escape", [])]
        self.refresh_bindings()

    def action_cancel(self) -> None:
        if self.running:
            self.cancel.set()  # the writer stops at its next row or photo; the folder goes
            self.query_one("#report-result", Static).update(self.t("report_tui.cancelling"))
            return
        self.dismiss(self.written)

    # -- the work -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="office-report", exit_on_error=False)
    def make(self, scope, folder: Path) -> None:
        from inspector.office.reports.run import Cancelled, make_report
        from inspector.office.reports.scope import ReportRefused
        from inspector.office.reports.written import summary_lines

        def progress(phase: str, done: int, total: int) -> None:
            self.post_message(self.Progress(phase, done, total))

        try:
            db = self.app.open_office_reader()
            try:
                written = make_report(db, scope, folder, on_progress=progress, cancel=self.cancel)
            finally:
                db.close()
        except Cancelled:
            self.post_message(self.Finished(None, self.t("report.cancelled")))
        except ReportRefused as refused:
            self.post_message(self.Finished(None, refused.say(self.lang)))
        except Exception as exc:  # noqa: BLE001 - a locked or damaged database: said in one line, never a hang
            self.post_message(self.Finished(None, self.t("report_tui.failed", error=f"{type(exc).__name__}: {exc}")))
        else:
            self.files = written.files
            self.post_message(self.Finished(written.folder, "\n".join(summary_lines(written, self.lang))))

    def on_office_report_dialog_progress(self, message: Progress) -> None:
        if self.cancel.is_set():
            return
        key = f"report.phase.{message.phase}"
        phase = self.t(key) if has(key, self.lang) else message.phase
        percent = 100 * message.done // message.total if message.total else 0
        self.query_one("#report-progress", ProgressBar).update(total=message.total, progress=message.done)
        self.query_one("#report-result", Static).update(
            self.t("report_cli.progress", phase=phase, percent=percent, done=message.done, total=message.total))

    def on_office_report_dialog_finished(self, message: Finished) -> None:
        self.running = False
        result = self.query_one("#report-result", Static)
        self.esc_says("key.close" if message.folder is not None else "key.cancel")
        if message.folder is None:  # refused, cancelled or failed: one line, the choices stay to put right
            self.query_one("#report-progress", ProgressBar).display = False
            result.update("")
            self.refuse(message.text)
            return
        self.written = message.folder
        result.update(message.text)
        # Written: nothing is left to cancel, so one button closes (Esc does the same)
        self.query_one("#cancel", Button).display = False
        self.query_one("#ok", Button).label = self.t("dialog.close")
        self.query_one("#ok", Button).focus()
        table = self._bindings.key_to_bindings
        table["ctrl+s"] = [replace(b, show=False) for b in table.get("ctrl+s", [])]
        self.refresh_bindings()
        self.call_after_refresh(self.query_one("#dialog-box").scroll_end, animate=False)
