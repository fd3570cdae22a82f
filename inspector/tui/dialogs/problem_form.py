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


# The unit Select's last choice: a unit the directory does not hold, typed in.
OTHER_UNIT = "\x00other"


class ProblemForm(Dialog[ProblemDraft]):
    def __init__(self, lang: str, *, title: str, draft: ProblemDraft, visit_date: date,
                 typed_deadline: str | None = None, categories: Vocabulary | None = None,
                 units: Vocabulary | None = None) -> None:
        super().__init__(lang)
        # The units of the assignment's directory (the office's, cut to the
        # projects' cities), by name: the problem stores the name. The unit
        # the form holds stays offered even if the directory lacks it.
        names = [e.zh for e in units.offered()] if units is not None else []
        if names and draft.responsible_unit and draft.responsible_unit not in names:
            names.insert(0, draft.responsible_unit)
        self.unit_names = names
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
        if self.unit_names:
            chosen = d.responsible_unit if d.responsible_unit in self.unit_names else OTHER_UNIT
            yield field(self.t("problem.responsible_unit"), Select(
                [(name, name) for name in self.unit_names] + [(self.t("problem.unit_other"), OTHER_UNIT)],
                value=chosen, allow_blank=False, id="unit_choice", compact=True))
            typed = Input(d.responsible_unit or "" if chosen == OTHER_UNIT else "", id="unit", compact=True,
                          select_on_focus=False, placeholder=self.t("problem.unit_other_placeholder"))
            row = field("", typed)
            row.display = chosen == OTHER_UNIT
            yield row
        else:
            yield field(self.t("problem.responsible_unit"), Input(
                d.responsible_unit or "", id="unit", compact=True, select_on_focus=False))
        deadline = self.typed_deadline if self.typed_deadline is not None else \
            (d.deadline.isoformat() if d.deadline else "")
        yield field(self.t("problem.deadline"), Input(
            deadline, placeholder="YYYY-MM-DD", id="deadline",
            compact=True, select_on_focus=False))

    def on_mount(self) -> None:
        self.query_one("#description", TextArea).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "unit_choice":  # "other": the name is typed below
            typed = self.query_one("#unit", Input)
            typed.parent.display = event.value == OTHER_UNIT
            if typed.parent.display:
                typed.focus()
        super().on_select_changed()

    def unit(self) -> str:
        """The responsible unit as chosen from the directory or typed."""
        if self.unit_names:
            chosen = self.query_one("#unit_choice", Select).value
            if chosen != OTHER_UNIT:
                return str(chosen)
        return self.query_one("#unit", Input).value

    def raw(self) -> dict:
        return {
            "description": self.query_one("#description", TextArea).text,
            "category": self.query_one("#category", Select).value,
            "scenario": self.query_one("#scenario", Select).value,
            "severity": self.query_one("#severity", Select).value,
            "responsible_unit": self.unit(),
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
            responsible_unit=self.unit().strip() or None,
            deadline=deadline,
        )

