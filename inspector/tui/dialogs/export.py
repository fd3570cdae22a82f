"""Writing a sync bundle from the TUI: the folder (a USB stick, usually),
whether to include what the office already acknowledged, a progress bar,
and what was written."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button, Input, Label, ProgressBar, Static

from inspector.i18n.said import os_error, say

from ..widgets.evidence import TickBox

from .base import Dialog, field


class ExportDialog(Dialog[Path]):
    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Finished(Message):
        def __init__(self, path: Path | None, text: str, failed: bool) -> None:
            super().__init__()
            self.path = path
            self.text = text
            self.failed = failed

    def __init__(self, lang: str, folder: Path) -> None:
        super().__init__(lang)
        self._folder = folder
        self.running = False
        self.written: Path | None = None

    def title_text(self) -> str:
        return self.t("export.title")

    def body(self) -> ComposeResult:
        yield Label(self.t("export.intro"), markup=False)
        yield field(self.t("export.folder"), Input(str(self._folder), id="folder", compact=True,
                                                   select_on_focus=False))
        # drawn [X] / [ ]: the stock Checkbox looks ticked either way, but for its colour
        yield TickBox(self.t("export.full"), id="full", compact=True)
        yield ProgressBar(id="export-progress", show_eta=False)
        yield Static("", id="export-result", markup=False)  # wraps: the path is long

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.query_one("#folder", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_cancel(self) -> None:
        if self.running:
            self.refuse(self.t("export.wait"))
            return
        self.dismiss(self.written)

    def collect(self) -> Path | None:
        if self.running:
            return None
        if self.written is not None:
            return self.written  # OK after the bundle is written closes the dialog
        folder = self.query_one("#folder", Input).value.strip()
        if not folder:
            self.refuse(self.t("dialog.required"))
            return None
        self.running = True
        self.refuse("")
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.query_one("#export-result", Static).update(self.t("export.progress"))
        self.write_bundle(Path(folder).expanduser(), self.query_one("#full", TickBox).value)
        return None

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def write_bundle(self, folder: Path, full: bool) -> None:
        from inspector.bundle.writing import (
            ExportError, NothingToExport, NotThisLaptops, export_bundle, left_behind_lines,
        )
        from inspector.identity import IdentityError, load_identity

        app = self.app
        settings = app.settings
        shown = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - shown[0] >= 0.1 or done >= total:  # ten redraws a second are plenty
                shown[0] = now
                self.post_message(self.Progress(done, total))

        try:
            app.flush()  # every save queued so far belongs in this bundle
            me = load_identity(settings.data_dir / "identity")
            made = export_bundle(settings.db_path, settings.data_dir / "photos", me, folder, full=full,
                                 progress=progress)
        except NothingToExport as nothing:
            said = self.t("export.nothing" if nothing.acknowledged else "export.nothing_yet",
                          acknowledged=nothing.acknowledged)
            # and what no bundle of this laptop can carry (another inspector's records)
            said = "\n".join([said, *left_behind_lines(nothing.left_behind, me.id, self.lang)])
            self.post_message(self.Finished(None, said, failed=True))
        except NotThisLaptops as exc:
            self.post_message(self.Finished(None, self.t(
                "owner.export_other", identity=exc.identity_id, inspectors=", ".join(exc.inspectors)), failed=True))
        except (ExportError, IdentityError) as exc:
            self.post_message(self.Finished(None, say(exc, self.lang), failed=True))
        except OSError as exc:
            self.post_message(self.Finished(None, self.t("system.os.at", file=exc.filename or folder,
                                                         error=os_error(exc, self.lang)), failed=True))
        except Exception as exc:  # noqa: BLE001 - a locked or damaged database: say so, never hang
            self.post_message(self.Finished(None, self.t("app.save_failed", error=say(exc, self.lang)),
                                            failed=True))
        else:
            self.post_message(self.Finished(made.path, made.summary(self.lang), failed=False))

    def on_export_dialog_progress(self, message: Progress) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=message.total, progress=message.done)

    def on_export_dialog_finished(self, message: Finished) -> None:
        self.running = False
        self.query_one("#export-progress", ProgressBar).display = not message.failed
        self.query_one("#export-result", Static).update(message.text)
        if message.failed:
            return
        self.written = message.path
        # Written: nothing is left to cancel, so one button closes (Esc does the same)
        self.query_one("#cancel", Button).display = False
        self.query_one("#ok", Button).label = self.t("dialog.close")
        self.query_one("#ok", Button).focus()
        table = self._bindings.key_to_bindings  # and the footer says so: Esc closes, Ctrl+S has no more to do
        table["escape"] = [replace(b, description=self.t("key.close")) for b in table.get("escape", [])]
        table["ctrl+s"] = [replace(b, show=False) for b in table.get("ctrl+s", [])]
        self.refresh_bindings()
