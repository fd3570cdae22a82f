"""The review queue's choosers: kind, review state, city, inspector, scenario,
category and severity, one line each (80x24), "(any)" for no choice. The
choices are what the queue holds, so nothing chosen can match nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select

from inspector.i18n import labels
from inspector.office.review import REVIEWED_KINDS, STATES

from .base import Dialog, field

# (filter attribute, QueueRow attribute, vocabulary or None for people)
CHOOSERS = (
    ("kinds", "kind", "RecordKind"),
    ("states", "state", "ReviewState"),
    ("cities", "city", "City"),
    ("inspectors", "inspector", None),
    ("scenarios", "scenario", "Scenario"),
    ("categories", "category", "ProblemCategory"),
    ("severities", "severity", "Severity"),
)
_TITLES = {"kinds": "kind", "states": "state", "cities": "city", "inspectors": "inspector", "scenarios": "scenario",
           "categories": "category", "severities": "severity"}


class QueueFilterDialog(Dialog[dict]):
    SUBMIT_KEY = "key.otui_choose"

    def __init__(self, lang: str, current, rows) -> None:
        super().__init__(lang)
        self.current = current
        self.rows = rows

    def title_text(self) -> str:
        return self.t("otui.filter_title")

    def options(self, attribute: str, row_attribute: str, vocabulary: str | None) -> list[tuple[str, str]]:
        present = {getattr(r, row_attribute) for r in self.rows} - {None, ""}
        present |= set(getattr(self.current, attribute))
        if attribute == "kinds":
            present |= set(REVIEWED_KINDS)
        elif attribute == "states":
            present |= set(STATES)
        if vocabulary is None:
            names = {r.inspector: r.inspector_name for r in self.rows}
            return sorted(((names.get(code, code), code) for code in present), key=lambda o: o[0])
        words = labels(vocabulary, self.lang)
        order = list(words)
        if vocabulary == "ProblemCategory":
            words = {**labels("InnovationCategory", self.lang), **words}
        return [(words.get(code, code), code) for code in sorted(present, key=lambda c: (
            order.index(c) if c in order else len(order), c))]

    def body(self) -> ComposeResult:
        for attribute, row_attribute, vocabulary in CHOOSERS:
            chosen = sorted(getattr(self.current, attribute))
            select = Select(self.options(attribute, row_attribute, vocabulary), prompt=self.t("otui.filter.any"),
                            value=chosen[0] if chosen else Select.NULL, id=f"choose-{attribute}", compact=True)
            yield field(self.t(f"otui.filter.{_TITLES[attribute]}"), select)

    def on_mount(self) -> None:
        self.query_one("#choose-kinds", Select).focus()

    def collect(self) -> dict | None:
        out = {}
        for attribute, _, _ in CHOOSERS:
            value = self.query_one(f"#choose-{attribute}", Select).value
            out[attribute] = frozenset() if value is Select.NULL or value is None else frozenset({value})
        return out
