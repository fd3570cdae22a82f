"""A new checklist template: its id (stable, ASCII), kind and title."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.widgets import Input, Select

from inspector.i18n import labels

from .base import Dialog, field

TEMPLATE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class NewChecklistDialog(Dialog[tuple[str, str, str]]):
    def __init__(self, lang: str, taken: set[str]) -> None:
        super().__init__(lang)
        self.taken = taken

    def title_text(self) -> str:
        return self.t("checklists.new_title")

    def body(self) -> ComposeResult:
        yield field(self.t("checklists.new_id"), Input(placeholder="zj-rural", id="template-id", compact=True))
        yield field(self.t("checklists.new_kind"), Select(
            [(name, code) for code, name in labels("ChecklistKind", self.lang).items()], value="problem",
            allow_blank=False, id="kind", compact=True))
        yield field(self.t("checklists.new_title_field"), Input(id="title", compact=True))

    def on_mount(self) -> None:
        self.query_one("#template-id", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def collect(self) -> tuple[str, str, str] | None:
        template_id = self.query_one("#template-id", Input).value.strip()
        title = self.query_one("#title", Input).value.strip()
        if not TEMPLATE_ID.match(template_id):
            self.refuse(self.t("checklists.bad_id"))
            self.query_one("#template-id", Input).focus()
            return None
        if template_id in self.taken:
            self.refuse(self.t("checklists.error.exists", id=template_id))
            return None
        if not title:
            self.refuse(self.t("dialog.required"))
            self.query_one("#title", Input).focus()
            return None
        return template_id, self.query_one("#kind", Select).value, title
