"""Text fitted to a number of terminal cells. A Chinese character takes two
cells, so counting characters cuts columns short or lets them overflow; and a
cut that is not marked ("严重程", "Rectifyi") reads as a different word. Every
column, title and one-line header that may be too long goes through here."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

# One cell everywhere: U+2026 "…" is East Asian Width "ambiguous", drawn two
# cells wide by terminals in a Chinese locale (conhost, CJK fonts), which
# shifts every column after a cut one. The midline ellipsis U+22EF is narrow.
ELLIPSIS = "⋯"
# An empty cell, and a count of nothing, for the same reason: "—" (U+2014)
# and "·" (U+00B7) are ambiguous too.
EMPTY = "-"


def _kept(text: str, width: int) -> int:
    """How many characters of `text` fit in `width` cells."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used > width:
            return index
    return len(text)


def clip(text: str, width: int) -> str:
    """`text` in at most `width` cells: whole when it fits, otherwise cut at a
    character and ended with "⋯" (never half a Chinese character)."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return text[:_kept(text, width - 1)].rstrip() + ELLIPSIS


def clip_text(text: Text, width: int) -> Text:
    """The same for styled text: what is kept keeps its style."""
    if text.cell_len <= width:
        return text
    if width <= 0:
        return Text("", style=text.style)
    kept = text[:_kept(text.plain, width - 1)]
    kept.rstrip()
    kept.append(ELLIPSIS)
    return kept
