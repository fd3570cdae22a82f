"""The items of a visit, grouped by section, each with a mark for its state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from inspector.inspection.answers import FAIL, NA, PASS, is_answered, is_finding, item_prompt
from inspector.inspection.checklist import Entry

# Marks that are one cell wide in every terminal, CJK ones included.
MARKS = {"unanswered": " ", PASS: "✓", FAIL: "✗", NA: "-", "answered": "=", "finding": "!"}


def entry_id(entry: Entry) -> str:
    return "|".join((entry.template.id, str(entry.template.version), entry.item.id))


def mark(entry: Entry, value: object) -> str:
    if not is_answered(value):
        return MARKS["unanswered"]
    if value in (PASS, FAIL, NA):
        return MARKS[value]
    return MARKS["finding"] if is_finding(entry.item, value) else MARKS["answered"]


class ItemList(OptionList):
    """Section titles are disabled options; items carry the entry id."""

    lang = "zh"

    def show(self, entries: list[Entry], values: dict) -> None:
        options: list[Option] = []
        section = None
        for entry in entries:
            key = (entry.template.id, entry.template.version, entry.section.id)
            if key != section:
                section = key
                title = Text(entry.section.title_en if self.lang == "en" and entry.section.title_en
                             else entry.section.title, style="bold")
                options.append(Option(title, disabled=True))
            options.append(Option(self.prompt(entry, values.get(entry.key)), id=entry_id(entry)))
        self.set_options(options)

    def prompt(self, entry: Entry, value: object) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        sign = mark(entry, value)
        style = {"✗": "bold red", "!": "bold red", "✓": "green", "-": "dim"}.get(sign, "")
        text.append(f"{sign} ", style=style)
        if entry.item.required and not is_answered(value):
            text.append("*", style="bold yellow")
        prompt_style = "dim strike" if not entry.applies else ("bold red" if entry.item.veto else "")
        text.append(item_prompt(entry.item, self.lang), style=prompt_style)
        return text

    def update_entry(self, entry: Entry, value: object) -> None:
        try:
            self.replace_option_prompt(entry_id(entry), self.prompt(entry, value))
        except OptionDoesNotExist:  # the item is not listed (hidden): nothing to redraw
            pass
