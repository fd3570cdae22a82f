"""What is missing before a visit can finish; picking one goes there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from inspector.inspection.answers import item_prompt
from inspector.inspection.gaps import Gap

from .base import Dialog


class GapsDialog(Dialog[Gap]):
    SUBMIT_KEY = None  # chooses; saves nothing

    def __init__(self, lang: str, gaps: list[Gap]) -> None:
        super().__init__(lang)
        self.gaps = gaps

    def title_text(self) -> str:
        return self.t("finish.missing_title", count=len(self.gaps))

    def body(self) -> ComposeResult:
        yield Label(self.t("finish.missing_hint"))
        options = []
        for index, gap in enumerate(self.gaps):
            if gap.entry is not None:
                prompt = item_prompt(gap.entry.item, self.lang)
                text = self.t(f"gap.{gap.kind}", item=prompt)
            else:
                text = self.t(f"gap.{gap.kind}", item=gap.problem.description)
            options.append(Option(Text(text), id=str(index)))  # user text, never markup
        yield OptionList(*options, id="gaps")

    def on_mount(self) -> None:
        self.query_one("#gaps", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.gaps[int(event.option.id)])

    def collect(self) -> Gap | None:
        options = self.query_one("#gaps", OptionList)
        if options.highlighted is None:
            return None
        return self.gaps[options.highlighted]
