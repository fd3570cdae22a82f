"""Which two versions of a checklist to compare (the draft is one choice)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Select

from .base import Dialog, field


class CompareVersionsDialog(Dialog[tuple]):
    SUBMIT_KEY = None  # chooses; saves nothing

    def __init__(self, lang: str, template_id: str, choices: list) -> None:
        super().__init__(lang)
        self.template_id = template_id
        self.choices = choices  # version numbers, oldest first, then "draft" if there is one

    def title_text(self) -> str:
        return self.t("checklists.compare_title", id=self.template_id)

    def name_of(self, version) -> str:
        return self.t("checklists.draft_label") if version == "draft" else f"v{version}"

    def body(self) -> ComposeResult:
        options = [(self.name_of(v), v) for v in self.choices]
        yield field(self.t("checklists.compare_old"), Select(options, value=self.choices[-2], allow_blank=False,
                                                            id="old", compact=True))
        yield field(self.t("checklists.compare_new"), Select(options, value=self.choices[-1], allow_blank=False,
                                                            id="new", compact=True))

    def on_mount(self) -> None:
        self.query_one("#ok").focus()

    def collect(self) -> tuple | None:
        old, new = self.query_one("#old", Select).value, self.query_one("#new", Select).value
        if old == new:
            self.refuse(self.t("checklists.compare_same"))
            return None
        return old, new
