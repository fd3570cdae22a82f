"""Start a visit: date, who is present, a note; and correct them later."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input

from inspector.inspection.dates import InvalidDate, check_deadline, check_visit_date, parse_date

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
    FIRST = "inspectors"  # who is present is what most often needs typing

    def __init__(self, lang: str, project_name: str, inspector_name: str, today: date) -> None:
        super().__init__(lang)
        self.project_name = project_name
        self.inspector_name = inspector_name
        self.today = today
        self.note = ""

    def title_text(self) -> str:
        return self.t("visit.start_title", project=self.project_name)

    def body(self) -> ComposeResult:
        yield field(self.t("visit.date"), Input(self.today.isoformat(), id="date", compact=True,
                                                select_on_focus=False))
        yield field(self.t("visit.inspectors"), Input(self.inspector_name, id="inspectors", compact=True,
                                                      select_on_focus=False))
        yield field(self.t("visit.note"), Input(self.note, id="note", compact=True, select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIRST}", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def check_date(self, on: date) -> None:
        """Raises InvalidDate when the date cannot be this visit's."""

    def collect(self) -> NewVisit | None:
        box = self.query_one("#date", Input)
        try:
            on = parse_date(box.value)
            check_visit_date(on, today=date.today())
            self.check_date(on)
        except InvalidDate as exc:
            self.refuse_at(box, self.t(f"invalid.{exc.code}", **exc.params))
            return None
        names = split_names(self.query_one("#inspectors", Input).value)
        if not names:
            self.refuse_at(self.query_one("#inspectors", Input), self.t("visit.need_inspectors"))
            return None
        return NewVisit(on, names, self.query_one("#note", Input).value.strip())


class VisitHeaderDialog(StartVisitDialog):
    """The same fields, filled with what the visit holds, to correct them.
    `deadlines` are those of the visit's open problems: the date cannot move
    past one (the core refuses it too)."""

    FIRST = "date"

    def __init__(self, lang: str, project_name: str, visit, deadlines: list[date]) -> None:
        from inspector.i18n import t

        super().__init__(lang, project_name, t("sep.names", lang).join(visit.inspectors), visit.date)
        self.note = visit.note
        self.deadlines = [d for d in deadlines if d is not None]

    def title_text(self) -> str:
        return self.t("visit.header_title", project=self.project_name)

    def check_date(self, on: date) -> None:
        for deadline in sorted(self.deadlines):
            try:
                check_deadline(deadline, on)
            except InvalidDate as exc:
                raise InvalidDate("date_after_deadline", str(exc), **exc.params) from None
