"""A problem (问题): what is wrong, how bad, who must fix it and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, TextArea

from inspector.i18n import labels
from inspector.inspection.dates import InvalidDate, check_deadline, parse_date
from inspector.models.vocabulary import Vocabulary
from inspector.vocabularies import choices

from .base import Dialog, field

SEVERITIES = ("minor", "major", "severe")


@dataclass(frozen=True)
class ProblemDraft:
    description: str
    category: str
    scenario: str
    severity: str
    responsible_unit: str | None
    deadline: date | None


class ProblemForm(Dialog[ProblemDraft]):
    def __init__(self, lang: str, *, title: str, draft: ProblemDraft, visit_date: date,
                 typed_deadline: str | None = None, categories: Vocabulary | None = None) -> None:
        super().__init__(lang)
        # The categories the project's assignment offers (the built-in ones for
        # an assignment issued before vocabularies travelled); a problem being
        # edited keeps the code it holds even if the office retired it since.
        self.categories = choices("problem_category", lang, categories, keep=[draft.category])
        self._title = title
        self.draft = draft
        self.visit_date = visit_date  # a deadline before it is refused at the field
        # A kept form's deadline as it was typed: not yet a date, maybe never
        # one (2027-02-30), but the inspector's to correct, not ours to drop.
        self.typed_deadline = typed_deadline

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        d = self.draft
        yield Label(self.t("problem.description"))
        yield TextArea(d.description, id="description", soft_wrap=True, compact=True)
        yield field(self.t("problem.category"), Select(
            [(word, code) for code, word in self.categories], value=d.category,
            allow_blank=False, id="category", compact=True))
        yield field(self.t("problem.scenario"), Select(
            [(v, k) for k, v in labels("Scenario", self.lang).items()], value=d.scenario,
            allow_blank=False, id="scenario", compact=True))
        severity = labels("Severity", self.lang)
        yield field(self.t("problem.severity"), Select(
            [(severity[s], s) for s in SEVERITIES], value=d.severity, allow_blank=False,
            id="severity", compact=True))
        yield field(self.t("problem.responsible_unit"), Input(
            d.responsible_unit or "", id="unit", compact=True, select_on_focus=False))
        deadline = self.typed_deadline if self.typed_deadline is not None else \
            (d.deadline.isoformat() if d.deadline else "")
        yield field(self.t("problem.deadline"), Input(
            deadline, placeholder="YYYY-MM-DD", id="deadline",
            compact=True, select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#description", TextArea).focus()

    def raw(self) -> dict:
        return {
            "description": self.query_one("#description", TextArea).text,
            "category": self.query_one("#category", Select).value,
            "scenario": self.query_one("#scenario", Select).value,
            "severity": self.query_one("#severity", Select).value,
            "responsible_unit": self.query_one("#unit", Input).value,
            "deadline": self.query_one("#deadline", Input).value,
        }

    @classmethod
    def draft_from_raw(cls, raw: dict) -> ProblemDraft:
        """What a kept draft fills the form with. A deadline that is not a day
        is None here: the form shows it as typed (`typed_deadline`)."""
        deadline = raw.get("deadline") or None
        try:
            deadline = parse_date(deadline) if deadline else None
        except InvalidDate:
            deadline = None
        return ProblemDraft(raw.get("description", ""), raw.get("category", "other"),
                            raw.get("scenario", "general"), raw.get("severity", "minor"),
                            raw.get("responsible_unit") or None, deadline)

    def collect(self) -> ProblemDraft | None:
        description = self.query_one("#description", TextArea).text.strip()
        if not description:
            self.refuse(self.t("problem.need_description"))
            self.query_one("#description", TextArea).focus()
            return None
        box = self.query_one("#deadline", Input)
        deadline = None
        if box.value.strip():
            try:
                deadline = parse_date(box.value)
                check_deadline(deadline, self.visit_date)
            except InvalidDate as exc:
                self.refuse_at(box, self.t(f"invalid.{exc.code}", **exc.params))
                return None
        return ProblemDraft(
            description=description,
            category=self.query_one("#category", Select).value,
            scenario=self.query_one("#scenario", Select).value,
            severity=self.query_one("#severity", Select).value,
            responsible_unit=self.query_one("#unit", Input).value.strip() or None,
            deadline=deadline,
        )

