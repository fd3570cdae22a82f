"""Start a visit: date, who is present, a note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input

from .base import Dialog, field


@dataclass(frozen=True)
class NewVisit:
    on: date
    inspectors: list[str]
    note: str


def split_names(text: str) -> list[str]:
    """'张伟、李娜, 王芳' -> ['张伟', '李娜', '王芳']"""
    return [name for name in re.split(r"[、，,；;\s]+", text) if name]


class StartVisitDialog(Dialog[NewVisit]):
    def __init__(self, lang: str, project_name: str, inspector_name: str, today: date) -> None:
        super().__init__(lang)
        self.project_name = project_name
        self.inspector_name = inspector_name
        self.today = today

    def title_text(self) -> str:
        return self.t("visit.start_title", project=self.project_name)

    def body(self) -> ComposeResult:
        yield field(self.t("visit.date"), Input(self.today.isoformat(), id="date", compact=True,
                                                select_on_focus=False))
        yield field(self.t("visit.inspectors"), Input(self.inspector_name, id="inspectors", compact=True,
                                                      select_on_focus=False))
        yield field(self.t("visit.note"), Input("", id="note", compact=True, select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#inspectors", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def collect(self) -> NewVisit | None:
        try:
            on = date.fromisoformat(self.query_one("#date", Input).value.strip())
        except ValueError:
            self.refuse(self.t("invalid.date"))
            return None
        names = split_names(self.query_one("#inspectors", Input).value)
        if not names:
            self.refuse(self.t("visit.need_inspectors"))
            return None
        return NewVisit(on, names, self.query_one("#note", Input).value.strip())
