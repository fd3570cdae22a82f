"""Rectification notices (整改通知书) with their hand-over sheets (问题交办单):
the documents that hand a round's problems to the people who must fix them.

One Word file per city (scope.notices_by == "city") or per responsible unit
("unit"), in the folder 整改通知书/ (notices/). Only problems in the ledger
(a number given) and not closed are handed over: a problem still under
review is not the office's to hand on yet, a closed one needs nothing. A
city or unit with nothing open gets no notice. By unit, problems whose unit
nobody named go in a notice to the city's task force (专班), which is who
names the unit.

Each notice is a 公文 (gongwen.py): number, title, addressee, an opening, the
problems numbered with their ledger number, description, rectification type,
deadline and at most two photos, the reply asked for and by when, the issuing
office and date; then, on a page of its own, the hand-over sheet as a table,
which offices print and file separately. Numbers (浙未来社区督〔2026〕N号) run
through this report in a stable order (province order of cities, then unit
name), so making the same report twice numbers it the same way; the office
edits them in Word before sending if its own register says otherwise.

Photos go in downsized: the store's thumbnail, else a ~800 px copy decoded
with Pillow's draft mode (the JPEG decoded at a fraction of its size), built
in memory one at a time. Never a full photo: a province round hands over
thousands of problems."""

from __future__ import annotations

import gc
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm

from inspector.i18n import label, t

from . import gongwen
from .docx_pictures import PHOTO_EDGE, add_picture, downsized_jpeg
from .photofiles import UNREADABLE
from .rows import PhotoRef, ProblemRow, RoundReport
from .run import Work
from .scope import ReportScope
from .words import city_label, round_name

PHOTOS_PER_PROBLEM = 2
PHOTO_BOX_CM = 6.6  # two photos and a gap side by side; LibreOffice wraps the second from 7.2 cm on
NAME_LIMIT = 60  # characters of a unit's name kept in a file name (Windows paths stay short)
PROJECTS_NAMED = 3  # an opening names this many projects, then says "and N more"
SHEET_WIDTHS_CM = [1.4, 3.4, 2.6, 3.9, 2.1, 2.2]  # a ledger number on one line at 小四
# Not allowed in a Windows file name, plus control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class Notice:
    city: str
    unit: str | None  # None: addressed to the city's task force (by city, or problems with no unit)
    problems: tuple[ProblemRow, ...]


def handed_over(problem: ProblemRow) -> bool:
    return problem.number is not None and problem.status != "closed"


def _unit_of(problem: ProblemRow) -> str | None:
    return (problem.unit or "").strip() or None


def _addressee_unit(problem: ProblemRow) -> str | None:
    """The unit a notice goes to: only one the office named from its directory.
    What an inspector wrote in the field is a hint (spelt as they heard it):
    until the office sets the ledger's unit, the city's people get the problem."""
    return _unit_of(problem) if problem.unit_in_directory else None


def notices_of(report: RoundReport, by: str) -> list[Notice]:
    """The notices this report hands out, in their numbering order."""
    open_problems = [p for p in report.problems if handed_over(p)]
    cities = list(report.coverage.cities)
    cities += sorted({p.city for p in open_problems} - set(cities))  # never drop one the scope let through
    notices: list[Notice] = []
    for city in cities:
        mine = [p for p in open_problems if p.city == city]
        if not mine:
            continue
        if by != "unit":
            notices.append(Notice(city, None, tuple(mine)))
            continue
        units = sorted({u for p in mine if (u := _addressee_unit(p)) is not None})
        for unit in units:
            notices.append(Notice(city, unit, tuple(p for p in mine if _addressee_unit(p) == unit)))
        nobody = tuple(p for p in mine if _addressee_unit(p) is None)
        if nobody:
            notices.append(Notice(city, None, nobody))
    return notices


def safe_name(text: str, limit: int = NAME_LIMIT) -> str:
    """`text` usable as part of a file name on Windows too: no \\ / : * ? " < > |
    or control characters, no trailing dots or spaces, not a device name,
    at most `limit` characters. Chinese is kept as it is."""
    cleaned = " ".join(_UNSAFE.sub("", text).split())[:limit].rstrip(". ")
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned or "_"


def _file_names(notices: list[Notice], report: RoundReport, lang: str) -> list[str]:
    """One file name per notice; two that would be the same (Windows does not
    tell case apart) get " (2)", " (3)" …"""
    taken: set[str] = set()
    names = []
    for notice in notices:
        whom = _city_name(notice.city, lang) if notice.unit is None else notice.unit
        stem = t("report_notice.file.name", lang, round=safe_name(report.coverage.round_id), name=safe_name(whom))
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem} ({n})"
        taken.add(name.casefold())
        names.append(name + ".docx")
    return names


def _city_name(city: str, lang: str) -> str:
    return t("report_notice.city_name", lang, city=city_label(city, lang))


def _addressee(notice: Notice, lang: str) -> str:
    if notice.unit is not None:
        return notice.unit
    return t("report_notice.city_office", lang, city=city_label(notice.city, lang))


def day_words(day: date, lang: str) -> str:
    """A date as a document writes it: 2026年12月19日 / December 19, 2026."""
    if lang == "zh":
        return gongwen.chinese_date(day)
    month = t("report_notice.months", lang).split(",")[day.month - 1]
    return t("report_notice.date", lang, y=day.year, m=day.month, d=day.day, month=month)


def issued_on(report: RoundReport, scope: ReportScope) -> date:
    return scope.today or report.today


def reply_by(report: RoundReport, scope: ReportScope) -> date:
    return issued_on(report, scope) + timedelta(days=scope.reply_days)


def _photos(problem: ProblemRow) -> tuple[PhotoRef, ...]:
    return problem.photos[:PHOTOS_PER_PROBLEM]


def units(report: RoundReport, scope: ReportScope) -> int:
    """A tick per notice, per problem and per photo embedded."""
    return sum(1 + sum(1 + len(_photos(p)) for p in notice.problems)
               for notice in notices_of(report, scope.notices_by))


def write(report: RoundReport, folder: Path, scope: ReportScope, work: Work) -> list[Path]:
    lang = scope.lang
    notices = notices_of(report, scope.notices_by)
    if not notices:
        return []
    sub = Path(t("report_notice.file.folder", lang))
    (folder / sub).mkdir(parents=True, exist_ok=True)
    written = []
    for n, (notice, name) in enumerate(zip(notices, _file_names(notices, report, lang)), start=1):
        doc = _notice_document(notice, n, report, scope, work)
        doc.save(str(folder / sub / name))
        # A document's parts hold each other in cycles, and lxml's memory is not
        # what sets the collector off: without this, every notice of a province
        # stays in memory until the last one is written.
        del doc
        gc.collect()
        written.append(sub / name)
        work.tick()
    return written


def _notice_document(notice: Notice, n: int, report: RoundReport, scope: ReportScope, work: Work):
    lang = scope.lang
    issued = issued_on(report, scope)
    issuer = report.coverage.office or t("report_notice.issuer", lang)
    number = t("report_notice.doc_number", lang, year=issued.year, n=n)
    addressee = _addressee(notice, lang)
    doc = gongwen.new_document()
    gongwen.centered(doc, number, face=gongwen.FANG)
    gongwen.title(doc, t("report_notice.title", lang))
    gongwen.body(doc, t("report_notice.addressee", lang, name=addressee), indent=False)
    gongwen.body(doc, _opening(notice, report, lang))
    by_city = notice.unit is None
    for i, problem in enumerate(notice.problems, start=1):
        _problem(doc, i, problem, lang, show_unit=by_city, work=work)
        work.tick()
    # The reply, the issuing office and the date stay on one page: a signature
    # alone on the last page is what a 公文 must never have.
    for paragraph in (
            gongwen.body(doc, t("report_notice.reply", lang, date=day_words(reply_by(report, scope), lang),
                                issuer=issuer)),
            gongwen.body(doc, ""),
            gongwen.right(doc, issuer)):
        paragraph.paragraph_format.keep_with_next = True
    gongwen.right(doc, day_words(issued, lang))
    _sheet(doc, notice, addressee, number, lang)
    return doc


def _opening(notice: Notice, report: RoundReport, lang: str) -> str:
    found = sorted(p.found_on for p in notice.problems)
    first, last = found[0], found[-1]
    dates = (t("report_notice.dates_one", lang, day=day_words(first, lang)) if first == last else
             t("report_notice.dates_span", lang, first=day_words(first, lang), last=day_words(last, lang)))
    projects = list(dict.fromkeys(p.project_name for p in notice.problems))
    named = t("report_notice.list_sep", lang).join(projects[:PROJECTS_NAMED])
    if len(projects) > PROJECTS_NAMED:
        named = t("report_notice.projects_many", lang, named=named, count=len(projects))
    kind = "unit" if notice.unit is not None else "city" if all(_unit_of(p) for p in notice.problems) else \
        "unassigned"
    return t(f"report_notice.opening.{kind}", lang, dates=dates, projects=named, round=round_name(report.coverage.round_id, lang),
             count=len(notice.problems))


def _deadline(problem: ProblemRow, lang: str) -> str:
    return day_words(problem.deadline, lang) if problem.deadline else t("report_notice.no_deadline", lang)


def _problem(doc, i: int, problem: ProblemRow, lang: str, *, show_unit: bool, work: Work) -> None:
    gongwen.heading(doc, 3, i, t("report_notice.problem_head", lang, project=problem.project_name,
                                 district=problem.district))
    field = lambda key, text: gongwen.body(doc, text, bold_lead=t(f"report_notice.field.{key}", lang))  # noqa: E731
    field("number", problem.number or "")
    field("description", problem.description)
    if show_unit:
        field("unit", _unit_of(problem) or t("report_notice.no_unit", lang))
    field("rectification", label("Rectification", problem.rectification, lang) if problem.rectification else "")
    field("deadline", _deadline(problem, lang))
    photos = _photos(problem)
    if photos:
        _photo_row(doc, photos, lang, work)
    if len(problem.photos) > len(photos):
        gongwen.centered(doc, t("report_notice.more_photos", lang, count=len(problem.photos) - len(photos)),
                         size=gongwen.SIZE_SMALL_4)


def photo_stream(photo: PhotoRef) -> tuple[io.BytesIO, int, int] | None:
    """The photo as a notice embeds it (bytes, width, height), or None when it
    cannot be read (the notice then says so)."""
    try:
        return downsized_jpeg(photo.source, photo.thumbnail, edge=PHOTO_EDGE)
    except UNREADABLE:
        return None


def _photo_row(doc, photos: tuple[PhotoRef, ...], lang: str, work: Work) -> None:
    """Up to two photos side by side on one centred line, their names under them."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = None
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.keep_with_next = True  # the photos and their names on one page
    captions, missing = [], []
    for photo in photos:
        made = photo_stream(photo)
        work.tick()
        if made is None:
            missing.append(photo.name)
            continue
        data, width, height = made
        run = paragraph.add_run()
        if len(captions):
            run.add_text("  ")
        if height > width:
            add_picture(doc, run, data, height=Cm(PHOTO_BOX_CM), pixels=(width, height))
        else:
            add_picture(doc, run, data, width=Cm(PHOTO_BOX_CM), pixels=(width, height))
        caption = f"（{photo.caption}）" if lang == "zh" and photo.caption else \
            f" ({photo.caption})" if photo.caption else ""
        captions.append(t("report_notice.photo_caption", lang, name=photo.name, caption=caption))
    if not captions:
        paragraph._element.getparent().remove(paragraph._element)
    else:
        gongwen.centered(doc, "　".join(captions), size=gongwen.SIZE_SMALL_4)
    for name in missing:
        gongwen.centered(doc, t("report_notice.photo_missing", lang, name=name), size=gongwen.SIZE_SMALL_4)


def _sheet(doc, notice: Notice, addressee: str, number: str, lang: str) -> None:
    """The hand-over sheet (问题交办单) on a page of its own."""
    gongwen.page_break(doc)
    gongwen.title(doc, t("report_notice.sheet_title", lang))
    gongwen.body(doc, t("report_notice.sheet_to", lang, name=addressee), indent=False)
    gongwen.body(doc, t("report_notice.sheet_number", lang, number=number), indent=False)
    headers = [t("report.col.seq", lang), t("report.col.number", lang), t("report_notice.col.project", lang),
               t("report.col.description", lang), t("report.col.rectification", lang), t("report.col.deadline", lang)]
    rows = [[str(i), p.number or "", p.project_name, p.description,
             label("Rectification", p.rectification, lang) if p.rectification else "", _deadline(p, lang)]
            for i, p in enumerate(notice.problems, start=1)]
    grid = gongwen.table(doc, headers, rows, widths_cm=SHEET_WIDTHS_CM)
    # Cell widths alone are a hint LibreOffice and WPS ignore: fix the grid too.
    grid.autofit = False
    for column, width in zip(grid.columns, SHEET_WIDTHS_CM):
        column.width = Cm(width)
