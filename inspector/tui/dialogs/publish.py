"""Publishing a draft: what it changes, and a summary for the record."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from ..widgets.changes import changes_text
from .base import Dialog


class PublishDialog(Dialog[str]):
    SUBMIT_KEY = "key.publish"

    def __init__(self, lang: str, template_id: str, version: int, lines: list[str], summary: str) -> None:
        super().__init__(lang)
        self.template_id = template_id
        self.version = version
        self.lines = lines
        self.summary = summary

    def title_text(self) -> str:
        return self.t("editor.publish_title", id=self.template_id, version=self.version)

    def body(self) -> ComposeResult:
        with VerticalScroll(id="publish-changes"):
            yield Static(changes_text(self.lines))
        yield Label(self.t("editor.publish_summary"))
        yield Input(self.summary, id="summary", compact=True, select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one("#summary", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def collect(self) -> str | None:
        summary = self.query_one("#summary", Input).value.strip()
        if not summary:
            self.refuse(self.t("dialog.required"))
            return None
        return summary
