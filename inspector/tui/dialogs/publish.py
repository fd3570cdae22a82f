"""Publishing a draft: what it changes, and a summary for the record."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Button, Input, Label, Static
from textual.widgets.input import Selection

from ..widgets.changes import DiffView
from .base import Dialog


class PublishDialog(Dialog[str]):
    SUBMIT_KEY = "key.publish"

    def __init__(self, lang: str, template_id: str, version: int, changes: DiffView, summary: str) -> None:
        super().__init__(lang)
        self.template_id = template_id
        self.version = version
        self.changes = changes
        self.lines = changes.lines
        self.summary = summary

    def title_text(self) -> str:
        return self.t("editor.publish_title", id=self.template_id, version=self.version)

    def body(self) -> ComposeResult:
        with VerticalScroll(id="publish-changes"):
            yield Static(self.changes.renderable)
        yield Label(self.t("editor.publish_summary"))
        # (not id "summary": the visit's summary screen styles that one)
        yield Input(self.summary, id="publish-summary", compact=True, select_on_focus=False)

    def on_mount(self) -> None:
        # The suggested summary selected, to be typed over or kept, and shown
        # from its start (selected from the end, the cursor is at the start).
        self.query_one("#ok", Button).label = self.t("key.publish")  # OK says what it does
        field = self.query_one("#publish-summary", Input)
        field.selection = Selection(len(field.value), 0)
        field.focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def collect(self) -> str | None:
        summary = self.query_one("#publish-summary", Input).value.strip()
        if not summary:
            self.refuse(self.t("dialog.required"))
            return None
        return summary
