"""The verdict on an earlier problem at this visit (复查)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, RadioButton, RadioSet, Static

from inspector.i18n import labels

from ..widgets.evidence import EvidenceTicks
from .base import Dialog, field

VERDICTS = ("rectified", "partly_rectified", "not_rectified", "not_applicable")


@dataclass(frozen=True)
class VerdictDraft:
    verdict: str
    note: str
    evidence: list[str]


class VerdictForm(Dialog[VerdictDraft]):
    def __init__(self, lang: str, *, problem_text: str, draft: VerdictDraft | None, evidence=None) -> None:
        super().__init__(lang)
        self.evidence = evidence  # the evidence types the assignment offers
        self.problem_text = problem_text
        self.draft = draft

    def title_text(self) -> str:
        return self.t("followup.title")

    def body(self) -> ComposeResult:
        yield Static(self.problem_text, classes="quote", markup=False)
        names = labels("Verdict", self.lang)
        current = self.draft.verdict if self.draft else None
        with RadioSet(id="verdict", compact=True):
            for number, verdict in enumerate(VERDICTS, start=1):
                yield RadioButton(f"{number} {names[verdict]}", value=verdict == current, name=verdict,
                                  compact=True)
        yield field(self.t("followup.note"), Input(self.draft.note if self.draft else "", id="note",
                                                   compact=True, select_on_focus=False))
        chosen = self.draft.evidence if self.draft else []
        yield field(self.t("innovation.evidence"), EvidenceTicks(self.lang, chosen, self.evidence, id="evidence"))

    def on_mount(self) -> None:
        self.query_one("#verdict", RadioSet).focus()

    def raw(self) -> dict:
        pressed = self.query_one("#verdict", RadioSet).pressed_button
        return {
            "verdict": pressed.name if pressed else None,
            "note": self.query_one("#note", Input).value,
            "evidence": self.query_one("#evidence", EvidenceTicks).selected,
        }

    @classmethod
    def draft_from_raw(cls, raw: dict) -> VerdictDraft:
        return VerdictDraft(raw.get("verdict") or "", raw.get("note", ""), list(raw.get("evidence", [])))

    def on_key(self, event) -> None:
        # 1-4 pick a verdict from anywhere but the note box
        if event.character in ("1", "2", "3", "4") and not isinstance(self.focused, Input):
            buttons = list(self.query(RadioButton))
            buttons[int(event.character) - 1].value = True
            event.stop()

    def collect(self) -> VerdictDraft | None:
        pressed = self.query_one("#verdict", RadioSet).pressed_button
        if pressed is None:
            self.refuse(self.t("followup.need_verdict"))
            return None
        return VerdictDraft(
            verdict=pressed.name,
            note=self.query_one("#note", Input).value.strip(),
            evidence=self.query_one("#evidence", EvidenceTicks).selected,
        )
