"""The problem and innovation lists as CSV, and the photo archive.

Office staff open these in Excel and sort them into folders, so: UTF-8 with
a BOM (without it Excel reads Chinese as GBK and shows mojibake), CRLF line
ends (the csv module's own), the workbook's columns and headings, dates as
ISO text (Excel reads 2026-12-04 as a date). A cell a spreadsheet would take
for a formula (= + - @, or a tab or CR first) gets a leading apostrophe, as
OWASP advises against CSV injection: descriptions are typed by people outside
the office.

The photo archive holds every listed record's photos under the name the
lists give them (2026-2-HZ-007-1.jpg), GPS removed unless the scope keeps it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from inspector.i18n import label, t

from . import photofiles
from .rows import InnovationRow, ProblemRow, RoundReport
from .run import Work
from .scope import ReportScope
from .words import city_label, day_text, status_label, verdict_text, yes_no

PROBLEM_COLUMNS = ("seq", "number", "city", "district", "project", "scenario", "category", "severity",
                   "description", "unit", "rectification", "deadline", "status", "overdue", "inspector",
                   "found_on", "verdicts", "photos")
INNOVATION_COLUMNS = ("ref", "city", "district", "project", "scenario", "innovation_category", "title",
                      "innovation_description", "replicable", "grade", "typical", "caption", "review",
                      "inspector", "found_on", "photos")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def units(report: RoundReport, scope: ReportScope) -> int:
    photos = sum(len(r.photos) for r in report.problems) + sum(len(r.photos) for r in report.innovations)
    return len(report.problems) + len(report.innovations) + photos


def write(report: RoundReport, folder: Path, scope: ReportScope, work: Work) -> list[Path]:
    lang = scope.lang
    lists = Path(t("report_csv.folder.lists", lang))
    problems = lists / t("report_csv.file.problems", lang, round=report.coverage.round_id)
    innovations = lists / t("report_csv.file.innovations", lang, round=report.coverage.round_id)
    (folder / lists).mkdir(parents=True, exist_ok=True)
    _write_csv(folder / problems, PROBLEM_COLUMNS, _problem_cells(report.problems, lang), lang, work)
    _write_csv(folder / innovations, INNOVATION_COLUMNS, _innovation_cells(report.innovations, lang), lang, work)
    return [problems, innovations] + _write_photos(report, folder, scope, work)


def safe_cell(value: object) -> object:
    """A text cell no spreadsheet will run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[list], lang: str, work: Work) -> None:
    # utf-8-sig writes the BOM; newline="" leaves the line ends to the csv module (CRLF).
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([t(f"report.col.{c}", lang) for c in columns])
        for row in rows:
            writer.writerow([safe_cell(cell) for cell in row])
            work.tick()


def _problem_cells(problems: list[ProblemRow], lang: str) -> Iterator[list]:
    sep = t("report_csv.list_sep", lang)
    for seq, p in enumerate(problems, 1):
        yield [seq, p.ref, city_label(p.city, lang), p.district, p.project_name,
               label("Scenario", p.scenario, lang), label("ProblemCategory", p.category, lang),
               label("Severity", p.severity, lang), p.description, p.unit or "",
               label("Rectification", p.rectification, lang), day_text(p.deadline, lang),
               status_label(p.status, lang), p.days_overdue, p.inspector, day_text(p.found_on, lang),
               sep.join(verdict_text(v, lang) for v in p.verdicts), sep.join(ph.name for ph in p.photos)]


def _innovation_cells(innovations: list[InnovationRow], lang: str) -> Iterator[list]:
    sep = t("report_csv.list_sep", lang)
    for i in innovations:
        yield [i.ref, city_label(i.city, lang), i.district, i.project_name, label("Scenario", i.scenario, lang),
               label("InnovationCategory", i.category, lang), i.title, i.description, yes_no(i.replicable, lang),
               label("InnovationGrade", i.grade, lang), yes_no(i.typical, lang), i.caption or "",
               label("ReviewState", i.review, lang), i.inspector, day_text(i.found_on, lang),
               sep.join(ph.name for ph in i.photos)]


def _write_photos(report: RoundReport, folder: Path, scope: ReportScope, work: Work) -> list[Path]:
    """Every listed record's photos, one file each, named as the lists name them."""
    photos = Path(t("report_csv.folder.photos", scope.lang))
    written = []
    for record in [*report.problems, *report.innovations]:
        for photo in record.photos:
            relative = photos / photo.name
            if photofiles.give_out(photo.source, folder / relative, with_gps=scope.with_gps, given=report.given_out):
                written.append(relative)
            work.tick()
    return written
