"""An innovation (创新) worth copying elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static, TextArea

from inspector.i18n import labels

from ..widgets.evidence import EvidenceTicks, TickBox
from .base import Dialog, field


@dataclass(frozen=True)
class InnovationDraft:
    title: str
    description: str
    category: str
    scenario: str
    replicable: bool
    evidence: list[str]


class InnovationForm(Dialog[InnovationDraft]):
    def __init__(self, lang: str, *, title: str, draft: InnovationDraft, context: str = "", evidence=None) -> None:
        super().__init__(lang)
        self.evidence = evidence  # the evidence types the assignment offers
        self._title = title
        self.draft = draft
        self.context = context  # the checklist item it is recorded from, and the answer given

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        d = self.draft
        if self.context:
            yield Static(self.context, id="innovation-context", markup=False)
        yield field(self.t("innovation.title"), Input(d.title, id="title", compact=True, select_on_focus=False,
                                                      placeholder=self.t("innovation.title_placeholder")))
        yield Label(self.t("innovation.description"))
        yield TextArea(d.description, id="description", soft_wrap=True, compact=True)
        yield field(self.t("innovation.category"), Select(
            [(v, k) for k, v in labels("InnovationCategory", self.lang).items()], value=d.category,
            allow_blank=False, id="category", compact=True))
        yield field(self.t("innovation.scenario"), Select(
            [(v, k) for k, v in labels("Scenario", self.lang).items()], value=d.scenario,
            allow_blank=False, id="scenario", compact=True))
        yield TickBox(self.t("innovation.replicable"), d.replicable, id="replicable", compact=True)
        yield field(self.t("innovation.evidence"), EvidenceTicks(self.lang, d.evidence, self.evidence, id="evidence"))

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def raw(self) -> dict:
        return {
            "title": self.query_one("#title", Input).value,
            "description": self.query_one("#description", TextArea).text,
            "category": self.query_one("#category", Select).value,
            "scenario": self.query_one("#scenario", Select).value,
            "replicable": self.query_one("#replicable", TickBox).value,
            "evidence": self.query_one("#evidence", EvidenceTicks).selected,
        }

    @classmethod
    def draft_from_raw(cls, raw: dict) -> InnovationDraft:
        return InnovationDraft(raw.get("title", ""), raw.get("description", ""), raw.get("category", "other"),
                               raw.get("scenario", "general"), bool(raw.get("replicable", True)),
                               list(raw.get("evidence", [])))

    def collect(self) -> InnovationDraft | None:
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self.refuse(self.t("innovation.need_title"))
            self.query_one("#title", Input).focus()
            return None
        return InnovationDraft(
            title=title,
            description=self.query_one("#description", TextArea).text.strip(),
            category=self.query_one("#category", Select).value,
            scenario=self.query_one("#scenario", Select).value,
            replicable=self.query_one("#replicable", TickBox).value,
            evidence=self.query_one("#evidence", EvidenceTicks).selected,
        )
