"""The round's lists as Excel workbooks: 问题清单.xlsx (a summary sheet with
native charts, the whole scope, then a sheet per city) and 创新清单.xlsx.

Written with openpyxl in write-only mode: rows stream to the file, so a
province round (6,000 problems) never sits in memory as cells. Write-only
sheets take charts, frozen panes, column widths and an autofilter, as long as
those are set before the first row. Any text that Excel could read as a
formula (= + - @) is stored as text with a quote prefix, never as a formula:
descriptions are typed by inspectors in the field."""

from __future__ import annotations

import re
from copy import copy
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from inspector.i18n import label, t

from .rows import RoundReport
from .run import Work
from .scope import ReportScope
from .words import city_label, status_label, verdict_text, xml_safe, yes_no

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters (a CJK character counts two)
WRAP_WIDTH = 40  # long-text columns wrap at this width instead
LINE_HEIGHT = 15  # points, a line of 11 pt text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
# East Asian wide and full-width characters (unicodedata.east_asian_width W/F), as ranges:
# asking unicodedata per character was a tenth of a province round's time
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
                   "\U00020000-\U0003fffd]")

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(bottom=THIN)


@dataclass(frozen=True)
class Column:
    key: str  # i18n key of its heading
    value: Callable  # row -> value (str, int, date or None)
    kind: str = "text"  # text | wrap | date | int


def problem_columns(lang: str) -> list[Column]:
    return [
        Column("report.col.seq", lambda p, n: n, "int"),
        Column("report.col.number", lambda p, n: p.number or p.ref),
        Column("report.col.city", lambda p, n: city_label(p.city, lang)),
        Column("report.col.district", lambda p, n: p.district),
        Column("report.col.project", lambda p, n: p.project_name),
        Column("report.col.scenario", lambda p, n: label("Scenario", p.scenario, lang)),
        Column("report.col.category", lambda p, n: label("ProblemCategory", p.category, lang)),
        Column("report.col.severity", lambda p, n: label("Severity", p.severity, lang)),
        Column("report.col.description", lambda p, n: p.description, "wrap"),
        Column("report.col.unit", lambda p, n: p.unit or ""),
        Column("report.col.rectification", lambda p, n: label("Rectification", p.rectification, lang)),
        Column("report.col.deadline", lambda p, n: p.deadline, "date"),
        Column("report.col.status", lambda p, n: status_label(p.status, lang)),
        Column("report.col.overdue", lambda p, n: p.days_overdue, "int"),
        Column("report.col.inspector", lambda p, n: p.inspector),
        Column("report.col.found_on", lambda p, n: p.found_on, "date"),
        Column("report.col.verdicts", lambda p, n: "\n".join(verdict_text(v, lang) for v in p.verdicts), "wrap"),
        Column("report.col.photos", lambda p, n: "\n".join(ph.name for ph in p.photos), "wrap"),
        Column("report.col.item", lambda p, n: p.item_prompt or "", "wrap"),
    ]


def innovation_columns(lang: str) -> list[Column]:
    return [
        Column("report.col.seq", lambda i, n: n, "int"),
        Column("report.col.ref", lambda i, n: i.ref),
        Column("report.col.city", lambda i, n: city_label(i.city, lang)),
        Column("report.col.district", lambda i, n: i.district),
        Column("report.col.project", lambda i, n: i.project_name),
        Column("report.col.scenario", lambda i, n: label("Scenario", i.scenario, lang)),
        Column("report.col.innovation_category", lambda i, n: label("InnovationCategory", i.category, lang)),
        Column("report.col.title", lambda i, n: i.title, "wrap"),
        Column("report.col.innovation_description", lambda i, n: i.description, "wrap"),
        Column("report.col.replicable", lambda i, n: yes_no(i.replicable, lang)),
        Column("report.col.grade", lambda i, n: label("InnovationGrade", i.grade, lang)),
        Column("report.col.typical", lambda i, n: yes_no(i.typical, lang)),
        Column("report.col.caption", lambda i, n: i.caption or "", "wrap"),
        Column("report.col.review", lambda i, n: status_label(i.review, lang)),
        Column("report.col.inspector", lambda i, n: i.inspector),
        Column("report.col.found_on", lambda i, n: i.found_on, "date"),
        Column("report.col.photos", lambda i, n: "\n".join(ph.name for ph in i.photos), "wrap"),
    ]


# --- cells ------------------------------------------------------------------------------------------


def display_width(text: str) -> int:
    """How wide a line shows in Excel's units: CJK and other wide characters count two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def clean(text: str) -> str:
    """Characters an XLSX cannot hold (control characters, U+FFFF) are dropped, not refused."""
    return xml_safe(text)


def text_cell(ws, value: str, alignment: Alignment | None = None):
    """A cell that is text whatever it starts with: openpyxl would store "=…" as a
    formula; Excel would take "+…", "-…", "@…" as one when the cell is edited."""
    value = clean(value)
    if not value.startswith(FORMULA_STARTS) and alignment is None:
        return value
    cell = WriteOnlyCell(ws)
    cell.value = value
    cell.data_type = "s"  # after the value: the setter decides "f" for "=…"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    if alignment is not None:
        cell.alignment = alignment
    return cell


class Cells:
    """The cells of one list sheet, every one set to the top of its row. Setting a
    style through openpyxl hashes it against the workbook's tables cell by cell
    (a third of the time of a province round); a list has five looks, so each is
    made once and its style copied."""

    def __init__(self, ws):
        self.ws = ws
        self._looks: dict[str, object] = {}
        self._look("top", alignment=TOP)
        self._look("wrap", alignment=WRAP)
        self._look("date", alignment=TOP, number_format=DATE_FORMAT)
        self._look("top quoted", alignment=TOP, quotePrefix=True)
        self._look("wrap quoted", alignment=WRAP, quotePrefix=True)

    def _look(self, name: str, **style) -> None:
        proto = WriteOnlyCell(self.ws)
        for key, value in style.items():
            setattr(proto, key, value)
        self._looks[name] = proto._style

    def _cell(self, value, look: str):
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(self._looks[look])
        return cell

    def make(self, value, kind: str):
        if value is None:
            return None
        if kind == "date":
            return self._cell(value, "date")
        if kind == "int":
            return self._cell(value, "top")
        value = clean(value)
        look = "wrap" if kind == "wrap" else "top"
        if not value.startswith(FORMULA_STARTS):
            return self._cell(value, look)
        cell = self._cell(value, look + " quoted")
        cell.data_type = "s"  # the value's setter made "=…" a formula
        return cell


def header_cells(ws, headings: Iterable[str]) -> list:
    out = []
    for heading in headings:
        cell = WriteOnlyCell(ws, value=heading)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, HEADER_ALIGN, HEADER_BORDER
        out.append(cell)
    return out


def print_setup(ws, fit_width: bool) -> None:
    """A4 landscape. The summary fits the page's width; a list is too wide for
    that to stay legible, so it runs on across pages with its header row and
    first columns (number, ref) repeated on each."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    if fit_width:
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.print_title_rows, ws.print_title_cols = "1:1", "A:B"


MAX_ROW_HEIGHT = 409  # points: Excel's tallest row; a taller one makes it offer to repair the file


def row_height(values: Sequence, columns: Sequence[Column], col_widths: Sequence[float]) -> float | None:
    """The height a row needs for its wrapped text. Excel and LibreOffice do not
    grow a written row to fit on opening, so a description would show cut."""
    lines = 1
    for value, column, width in zip(values, columns, col_widths):
        if column.kind == "wrap" and isinstance(value, str) and value:
            room = max(width - 2, 1)
            lines = max(lines, sum(max(1, -(-display_width(line) // room)) for line in value.split("\n")))
    return min(LINE_HEIGHT * lines + 3, MAX_ROW_HEIGHT) if lines > 1 else None


def sheet_title(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = _SHEET_BAD.sub("_", name).strip("'")[:31] or "_"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


# --- list sheets ------------------------------------------------------------------------------------


def widths(columns: Sequence[Column], rows: Iterable, lang: str) -> list[float]:
    """Column widths from the longest line of each column (heading included),
    capped; long-text columns are narrower and wrap."""
    best = [display_width(t(c.key, lang)) for c in columns]
    for n, row in enumerate(rows, 1):
        for i, column in enumerate(columns):
            if column.kind == "date":
                best[i] = max(best[i], 10)
                continue
            value = column.value(row, n)
            if isinstance(value, str) and value:
                best[i] = max(best[i], max(display_width(line) for line in value.split("\n")))
            elif value is not None:
                best[i] = max(best[i], len(str(value)))
    return [min(w, WRAP_WIDTH if c.kind == "wrap" else MAX_WIDTH) + 2 for w, c in zip(best, columns)]


def write_list(wb: Workbook, title: str, columns: Sequence[Column], rows: Sequence, col_widths: list[float],
               lang: str, work: Work) -> None:
    """One list sheet: bold filled header frozen above, an autofilter over the data."""
    ws = wb.create_sheet(title)
    for i, width in enumerate(col_widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    print_setup(ws, fit_width=False)
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    ws.append(header_cells(ws, (t(c.key, lang) for c in columns)))
    cells = Cells(ws)
    for n, row in enumerate(rows, 1):
        values = [column.value(row, n) for column in columns]
        height = row_height(values, columns, col_widths)
        if height:
            ws.row_dimensions[n + 1].height = height
        ws.append([cells.make(value, column.kind) for column, value in zip(columns, values)])
        ws.row_dimensions.pop(n + 1, None)  # written: keep memory flat over 6,000 rows
        work.tick()


def list_sheets(report: RoundReport, scope: ReportScope) -> list[tuple[str | None, str]]:
    """(city or None for the whole scope, sheet name): the whole scope first,
    then a sheet per city. The whole scope is named 全省 only when no city was
    chosen; a report for one city has that city's sheet alone."""
    lang, cities = scope.lang, report.cities()
    if scope.cities and len(cities) == 1:
        return [(cities[0], city_label(cities[0], lang))]
    if scope.cities:
        joined = ("、" if lang == "zh" else ", ").join(city_label(c, lang) for c in cities)
        whole = joined if len(joined) <= 31 else t("report_xlsx.sheet.chosen", lang)
    else:
        whole = t("report_xlsx.sheet.province", lang)
    return [(None, whole)] + [(c, city_label(c, lang)) for c in cities]


def file_name(report: RoundReport, key: str, lang: str) -> str:
    """Round first: the file is often mailed on its own."""
    return f"{report.coverage.round_id} {t(key, lang)}"


# --- the writer contract ----------------------------------------------------------------------------


def units(report: RoundReport, scope: ReportScope) -> int:
    sheets = list_sheets(report, scope)
    per = sum(1 for city, _ in sheets if city is None)
    whole_rows = per * (len(report.problems) + len(report.innovations))
    city_rows = sum(len(report.problems_of(c)) + len(report.innovations_of(c)) for c, _ in sheets if c)
    return 2 + whole_rows + city_rows  # + the two summary sheets


def write(report: RoundReport, folder: Path, scope: ReportScope, work: Work) -> list[Path]:
    from .workbook_summary import write_innovation_summary, write_problem_summary

    lang = scope.lang
    sheets = list_sheets(report, scope)
    written = []
    for key, columns, rows_of, all_rows, summary in (
        ("report_xlsx.file.problems", problem_columns(lang), report.problems_of, report.problems,
         write_problem_summary),
        ("report_xlsx.file.innovations", innovation_columns(lang), report.innovations_of, report.innovations,
         write_innovation_summary),
    ):
        wb = Workbook(write_only=True)
        taken: set[str] = set()
        summary(wb, sheet_title(t("report_xlsx.sheet.summary", lang), taken), report, lang)
        work.tick()
        col_widths = widths(columns, all_rows, lang)
        for city, name in sheets:
            rows = all_rows if city is None else rows_of(city)
            write_list(wb, sheet_title(name, taken), columns, rows, col_widths, lang, work)
        name = file_name(report, key, lang)
        wb.save(folder / name)
        written.append(Path(name))
    return written
