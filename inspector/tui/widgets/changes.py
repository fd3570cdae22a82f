"""A checklist diff's lines, coloured by what they say: added, removed, changed."""

from __future__ import annotations

from rich.text import Text

STYLES = {"+": "green", "-": "red", "~": "yellow"}


def changes_text(lines: list[str]) -> Text:
    """The header bold, then each line in the colour of its sign (user text, never markup)."""
    text = Text()
    for index, line in enumerate(lines):
        style = "bold" if index == 0 else STYLES.get(line[:1], "")
        text.append(line + "\n", style=style)
    return text
