"""Text tables for the terminal, padded by display width: a Chinese character
takes two cells, so padding by len() would skew every column after it."""

from __future__ import annotations

import unicodedata


def cells(text: str) -> int:
    """How many terminal cells `text` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """The rows as aligned lines; columns in `right` (numbers) are right-aligned."""
    widths = [max(cells(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        parts = []
        for i, (cell, w) in enumerate(zip(row, widths)):
            pad = " " * (w - cells(cell))
            parts.append(pad + cell if i in right else cell + pad)
        lines.append("  ".join(parts).rstrip())
    return lines
