"""A checklist diff as a person reads it, styled: the wording (fields by the
names the editor's form uses, sections by their titles, codes as words) is the
core's (inspector.checklists.diff_words), shared with the command line; here a
long text is shown once with what changed marked, and wrapped lines are kept
under their own indent."""

from __future__ import annotations

from difflib import SequenceMatcher

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from inspector.checklists.diff import TemplateDiff
from inspector.checklists.diff_words import DiffWords, section_titles

__all__ = ["DiffView", "Folded", "marked", "section_titles"]

STYLES = {"+": "green", "-": "red", "~": "yellow"}
LONG = 20  # characters: a changed text longer than this is shown once, with its changes marked


class DiffView:
    """The rows of a diff: `renderable` to show, `lines` as plain text."""

    def __init__(self, changes: TemplateDiff, lang: str, *, titles: dict | None = None,
                 old_label: str | None = None, new_label: str | None = None) -> None:
        self.lang = lang
        words = DiffWords(changes, lang, titles=titles, old_label=old_label, new_label=new_label)
        self.rows: list[tuple[str, Text]] = [(row.prefix, self.styled(row, first=i == 0))
                                            for i, row in enumerate(words.rows)]

    @staticmethod
    def styled(row, first: bool) -> Text:
        change = row.change
        if change is None:
            return Text(row.text, style="bold" if first else STYLES.get(row.sign, ""))
        text = Text(row.label)
        if isinstance(change.old, str) and isinstance(change.new, str) and \
                max(len(change.old), len(change.new)) > LONG:
            text.append_text(marked(" ".join(change.old.split()), " ".join(change.new.split())))
        else:
            text.append(row.before, style="red")
            text.append(" → ")
            text.append(row.after, style="green")
        return text

    # -------------------------------------------------------------- output
    @property
    def lines(self) -> list[str]:
        return [prefix + text.plain for prefix, text in self.rows]

    @property
    def renderable(self) -> Group:
        # Each row a grid of its prefix and its text: a wrapped line stays
        # under its text, not under the sign or the indent.
        tables = []
        for prefix, text in self.rows:
            grid = Table.grid(expand=True)
            if prefix:
                grid.add_column(width=cell_len(prefix), no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row(*([Text(prefix, style=text.style)] if prefix else []), Folded(text))
            tables.append(grid)
        return Group(*tables)


class Folded:
    """Text wrapped as Chinese is, at any character. Rich wraps only at spaces:
    "删除 party.center（…）：<a prompt>" broke after 删除, then cut the prompt.
    A break inside a word of Latin letters moves back to the space before it."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console, options):
        width = max(options.max_width, 1)
        for line in self.text.split(allow_blank=True):
            plain, breaks, start, used = line.plain, [], 0, 0
            for index, char in enumerate(plain):
                cells = cell_len(char)
                if used + cells > width and index > start:
                    if char == " ":  # the space ends the line it does not fit on
                        breaks.append(index + 1)
                        start, used = index + 1, 0
                        continue
                    cut = index
                    if plain[index - 1].isascii() and plain[index - 1].isalnum() and char.isascii() \
                            and char.isalnum():
                        space = plain.rfind(" ", start + 1, index)
                        cut = space + 1 if space > start else index
                    breaks.append(cut)
                    start, used = cut, cell_len(plain[cut:index])
                used += cells
            for part in line.divide(breaks):
                part.rstrip()
                yield part

    def __rich_measure__(self, console, options):
        from rich.measure import Measurement

        return Measurement(1, options.max_width)


def marked(old: str, new: str) -> Text:
    """`new` with what it adds to `old` in green and what it drops from it in
    red and struck through: a long text read once, its change easy to find."""
    text = Text()
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            text.append(old[a1:a2], style="red strike")
        if op in ("insert", "replace"):
            text.append(new[b1:b2], style="bold green underline")
        if op == "equal":
            text.append(new[b1:b2])
    return text
