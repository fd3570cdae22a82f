"""Every problem of a draft; picking one goes to its item."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from .base import Dialog


class ChecklistProblemsDialog(Dialog[object]):
    SUBMIT_KEY = None  # chooses; saves nothing

    def __init__(self, lang: str, problems: list, title: str, describe) -> None:
        super().__init__(lang)
        self.problems = problems
        self._title = title
        self.describe = describe  # problem -> the line shown (the editor knows the field names)

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Label(self.t("editor.problems_hint"))
        yield OptionList(*[Option(Text(self.describe(p)), id=str(i)) for i, p in enumerate(self.problems)],
                         id="gaps")

    def on_mount(self) -> None:
        self.query_one("#gaps", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.problems[int(event.option.id)])

    def collect(self):
        options = self.query_one("#gaps", OptionList)
        if options.highlighted is None:
            return None
        return self.problems[options.highlighted]
