"""What reading a workbook found: errors and warnings, each at a sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from inspector.models import ChecklistTemplate


@dataclass(frozen=True)
class Place:
    """Where in the workbook: a sheet, and when known a row and a column."""

    sheet: str
    row: int | None = None
    column: str | None = None  # the letter, as the spreadsheet shows it
    header: str | None = None  # the column's title

    def __str__(self) -> str:
        parts = [f"sheet {self.sheet}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        elif self.header is not None:
            parts.append(f"column {self.header}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Finding:
    """An error or a warning. `place` None: the file as a whole."""

    place: Place | None
    message: str

    def line(self, file: str | Path) -> str:
        text = " ".join(self.message.split())
        return f"{file}: {self.place}: {text}" if self.place else f"{file}: {text}"


class SpreadsheetRefused(Exception):
    """The workbook was refused; `errors` lists every problem found."""

    def __init__(self, file: str | Path, errors: list[Finding]) -> None:
        self.file = str(file)
        self.errors = errors
        super().__init__(self.lines()[0] if errors else self.file)

    def lines(self) -> list[str]:
        return [error.line(self.file) for error in self.errors]


@dataclass(frozen=True)
class Imported:
    template: ChecklistTemplate
    warnings: list[Finding]


def grouped_lines(findings: list[Finding], file: str | Path) -> list[str]:
    """Findings as lines, those saying the same about one column gathered into
    one line with their rows ("rows 3–8, 12"): a plain XLSForm of a hundred
    questions gets one line about the missing scenario column, not a hundred."""
    groups: dict[tuple, list[int]] = {}
    for finding in findings:
        place = finding.place
        if place is None or place.row is None:
            groups.setdefault((place, finding.message), [])
            continue
        key = (Place(place.sheet, None, place.column, place.header), finding.message)
        groups.setdefault(key, []).append(place.row)
    lines = []
    for (place, message), rows in groups.items():
        if place is None:
            lines.append(Finding(None, message).line(file))
            continue
        parts = [f"sheet {place.sheet}"]
        if rows:
            parts.append(("row " if len(rows) == 1 else "rows ") + _ranges(rows))
        if place.column is not None:
            parts.append(f"column {place.column}" + (f" ({place.header})" if place.header else ""))
        elif place.header is not None:
            parts.append(f"column {place.header}")
        lines.append(f"{file}: {', '.join(parts)}: {' '.join(message.split())}")
    return lines


def _ranges(rows: list[int]) -> str:
    rows = sorted(set(rows))
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)
