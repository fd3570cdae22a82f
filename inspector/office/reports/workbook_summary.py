"""The summary sheet opening each workbook: what the report covers, a table per
city, native Excel charts drawn from those tables, and the definitions of the
rates (figures.py) as notes, so a reader can check the numbers.

Write-only sheets are written top to bottom, so each table's place is
counted as it goes and the charts (saved at the end) point at those rows."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from inspector.i18n import label, labels, t

from .figures import SEVERITIES, CityFigures, city_figures
from .rows import RoundReport
from .words import city_label, coverage_lines
from .workbook import header_cells, print_setup, text_cell

TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
RIGHT = Alignment(horizontal="right")
RATE_FORMAT = "0.0%"
FIRST_WIDTH = 18
WIDTH = 13
CHART_ROWS = 17  # a chart's height (7.5 cm) in rows of the default height, and a gap
NOTES = ("due", "on_time", "on_time_rate", "rate", "overdue", "earlier", "unconfirmed")


class Sheet:
    """A write-only sheet that knows which row it is on."""

    def __init__(self, wb: Workbook, title: str, columns: int):
        self.ws = wb.create_sheet(title)
        self.ws.column_dimensions["A"].width = FIRST_WIDTH
        for i in range(2, columns + 2):
            self.ws.column_dimensions[get_column_letter(i)].width = WIDTH
        self.row = 0
        print_setup(self.ws, fit_width=True)

    def add(self, values: list) -> int:
        self.ws.append(values)
        self.row += 1
        return self.row

    def bold(self, text: str, font: Font = BOLD) -> int:
        cell = self.bold_cell(text)
        cell.font = font
        return self.add([cell])

    def bold_cell(self, text: str):
        cell = WriteOnlyCell(self.ws, value=text)
        cell.font = BOLD
        return cell

    def text(self, value: str):
        return text_cell(self.ws, value)

    def rate(self, value: float | None, lang: str):
        if value is None:  # nothing to divide by: a dash, set right like the numbers around it
            cell = WriteOnlyCell(self.ws, value=t("report.none", lang))
            cell.alignment = RIGHT
            return cell
        cell = WriteOnlyCell(self.ws, value=round(value, 4))
        cell.number_format = RATE_FORMAT
        return cell

    def table(self, title: str, headings: list[str], rows: list[list]) -> tuple[int, int]:
        """A titled table; returns (heading row, last row)."""
        self.bold(title)
        top = self.add(header_cells(self.ws, headings))
        for n, values in enumerate(rows, 1):
            if n == len(rows):  # the total
                values = [self.bold_cell(values[0])] + values[1:]
            self.add(values)
        self.add([])
        return top, top + len(rows)


def _opening(sheet: Sheet, title: str, report: RoundReport, lang: str) -> None:
    sheet.bold(title, TITLE_FONT)
    for name, value in coverage_lines(report.coverage, lang):
        sheet.add([sheet.text(name), sheet.text(value)])
    sheet.add([])


def _city_rows(figures: list[CityFigures], total: CityFigures, lang: str, values) -> list[list]:
    """One row per city, then the total (kept out of the charts)."""
    rows = [[city_label(f.city, lang)] + values(f) for f in figures]
    return rows + [[t("report_xlsx.total", lang)] + values(total)]


def _count_axis(chart: BarChart, most: int) -> None:
    """Whole numbers on a count axis: left alone, a chart of 2 problems is marked 0.5, 1.5."""
    chart.y_axis.number_format = "0"
    chart.y_axis.scaling.min = 0
    chart.y_axis.majorUnit = max(1, -(-most // 5))


def _bar(title: str, y_title: str, lang: str, stacked: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.x_axis.title = t("report_xlsx.axis.city", lang)
    chart.y_axis.title = y_title
    # openpyxl 3.1 leaves axes "deleted" unless told otherwise: Excel then draws no labels
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.height, chart.width = 7.5, 16 if not stacked else 18
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    return chart


def _series(chart: BarChart, ws, top: int, last_city: int, first_col: int, last_col: int) -> None:
    data = Reference(ws, min_col=first_col, max_col=last_col, min_row=top, max_row=last_city)
    cities = Reference(ws, min_col=1, min_row=top + 1, max_row=last_city)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(cities)
    for series in chart.series:  # cities are words: a string reference, else some readers number them
        series.cat = AxDataSource(strRef=StrRef(f=series.cat.numRef.f))


def write_problem_summary(wb: Workbook, title: str, report: RoundReport, lang: str) -> None:
    figures, total = city_figures(report)
    scenarios = [s for s in labels("Scenario", lang) if total.by_scenario.get(s)]
    sheet = Sheet(wb, title, max(len(scenarios) + 2, 10))
    _opening(sheet, t("report_xlsx.title.problems", lang, round=report.coverage.round_id), report, lang)
    cities = len(figures)

    sev_top, _ = sheet.table(
        t("report_xlsx.table.severity", lang),
        [t("report.col.city", lang), t("report_xlsx.col.problems", lang)]
        + [label("Severity", s, lang) for s in SEVERITIES],
        _city_rows(figures, total, lang, lambda f: [f.problems] + [f.by_severity.get(s, 0) for s in SEVERITIES]))
    scen_top, _ = sheet.table(
        t("report_xlsx.table.scenario", lang),
        [t("report.col.city", lang)] + [label("Scenario", s, lang) for s in scenarios]
        + [t("report_xlsx.total", lang)],
        _city_rows(figures, total, lang,
                   lambda f: [f.by_scenario.get(s, 0) for s in scenarios] + [f.problems]))
    rate_top, _ = sheet.table(
        t("report_xlsx.table.rectification", lang),
        [t("report.col.city", lang)] + [t(f"report_xlsx.col.{k}", lang) for k in (
            "this_rate", "earlier_rate", "this_entries", "this_closed", "this_on_time",
            "earlier_entries", "earlier_closed", "earlier_on_time", "overdue")],
        _city_rows(figures, total, lang, lambda f: [
            sheet.rate(f.this_round.rate, lang), sheet.rate(f.earlier.rate, lang),
            f.this_round.entries, f.this_round.closed, sheet.rate(f.this_round.on_time_rate, lang),
            f.earlier.entries, f.earlier.closed, sheet.rate(f.earlier.on_time_rate, lang),
            f.this_round.overdue + f.earlier.overdue]))
    _notes(sheet, lang)

    at = sheet.row + 2
    if cities and total.problems:
        chart = _bar(t("report_xlsx.chart.scenario", lang), t("report_xlsx.axis.problems", lang), lang,
                     stacked=True)
        _series(chart, sheet.ws, scen_top, scen_top + cities, 2, 1 + len(scenarios))
        _count_axis(chart, max(f.problems for f in figures))
        sheet.ws.add_chart(chart, f"A{at}")
        chart = _bar(t("report_xlsx.chart.severity", lang), t("report_xlsx.axis.problems", lang), lang)
        _series(chart, sheet.ws, sev_top, sev_top + cities, 3, 2 + len(SEVERITIES))
        _count_axis(chart, max(n for f in figures for n in f.by_severity.values()))
        sheet.ws.add_chart(chart, f"A{at + CHART_ROWS}")
        at += 2 * CHART_ROWS
    else:
        sheet.bold(t("report_xlsx.no_problems", lang))
        at += 1
    # earlier rounds' ledger has rates to show even when this round found nothing
    if cities and (total.this_round.entries or total.earlier.entries):
        chart = _bar(t("report_xlsx.chart.rate", lang), t("report_xlsx.axis.rate", lang), lang)
        _series(chart, sheet.ws, rate_top, rate_top + cities, 2, 3)
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        sheet.ws.add_chart(chart, f"A{at}")


def _notes(sheet: Sheet, lang: str) -> None:
    sheet.bold(t("report_xlsx.notes", lang))
    for n, key in enumerate(NOTES, 1):
        sheet.add([sheet.text(f"{n}. {t(f'report_xlsx.note.{key}', lang)}")])


def write_innovation_summary(wb: Workbook, title: str, report: RoundReport, lang: str) -> None:
    figures, total = city_figures(report)
    sheet = Sheet(wb, title, 4)
    _opening(sheet, t("report_xlsx.title.innovations", lang, round=report.coverage.round_id), report, lang)
    sheet.table(
        t("report_xlsx.table.innovations", lang),
        [t("report.col.city", lang)] + [t(f"report_xlsx.col.{k}", lang) for k in (
            "projects", "innovations", "graded_replicable", "typical")],
        _city_rows(figures, total, lang, lambda f: [f.visited, f.innovations, f.replicable, f.typical]))
